"""The news glossary files (glossary/news_*.toml, glossary/institutions_*.toml):
every `flag` example is fixed, through `tqa fix --unsafe-fixes`, into the
sentence it states, so each suggestion is checked where it lands."""

from __future__ import annotations

from pathlib import Path

import pytest

from tqa.glossary.compiled import load_glossary
from tqa.glossary.examples import example_problems
from tqa.glossary.load import builtin_files

NEWS_FILES = [p for p in builtin_files() if p.stem.startswith(("news_", "institutions_"))]


@pytest.fixture(scope="module")
def news_entries():
    return [e for e in load_glossary().entries if Path(e.path) in NEWS_FILES]


def test_news_files_are_shipped(news_entries):
    assert {p.stem for p in NEWS_FILES} >= {"news_attribution", "news_titles", "institutions_west"}
    assert len(news_entries) >= 1100


def test_every_flag_example_is_fixed_as_stated(news_entries):
    assert [str(p) for p in example_problems(news_entries)] == []


def test_every_applied_fix_states_its_fixed_sentence(news_entries):
    """A safe or unsafe entry shows its fix on its first example."""
    unstated = [e.id for e in news_entries if e.fix != "display-only" and e.examples[0].fixed is None]
    assert unstated == []


def test_news_entries_explain_themselves_and_cite_a_source(news_entries):
    assert [e.id for e in news_entries if e.ru == e.en or not e.note or not e.ref] == []
