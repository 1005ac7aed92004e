"""People and place names: every example fixed as stated, accepted spellings never flagged."""

from __future__ import annotations

from pathlib import Path

import pytest

from tqa.glossary.compiled import load_glossary
from tqa.glossary.examples import example_problems
from tqa.glossary.load import builtin_files

OWN_FILES = [p for p in builtin_files() if p.name.startswith(("people", "places"))]


@pytest.fixture(scope="module")
def entries():
    names = {p.name for p in OWN_FILES}
    return [e for e in load_glossary().entries if Path(e.path).name in names]


def test_people_files_hold_at_least_a_thousand_people(entries):
    assert sum(e.kind == "person" for e in entries) >= 1000


def test_every_flag_example_is_fixed_as_stated(entries):
    # All examples in one document, fixed in-process: one check per fix round.
    assert [str(p) for p in example_problems(entries)] == []


def test_accepted_spellings_are_never_flagged(entries):
    matcher = load_glossary().matcher
    text = "\n\n".join(f"{form} said on Tuesday that the talks would continue." for e in entries for form in e.also)
    assert [text[m.start : m.end] for m in matcher.find(text) if m.entry.kind == "person"] == []
