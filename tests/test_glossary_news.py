"""The news glossary files (glossary/news_*.toml, glossary/institutions_*.toml):
each entry's fix, applied where its first flag example shows the avoid-form,
gives its first ok example, so every suggestion is checked in a sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from tqa.glossary.compiled import load_glossary
from tqa.glossary.load import builtin_files
from tqa.rules.terms import glossary_fix
from tqa.text.document import Document

NEWS_FILES = [p for p in builtin_files() if p.stem.startswith(("news_", "institutions_"))]


def _applied(entries_matcher, entry, sentence: str) -> str | None:
    """The sentence with the entry's fix applied, or None if the entry does not match it."""
    doc = Document("example.txt", sentence + "\n")
    matches = [m for m in entries_matcher.find(doc.text) if m.entry is entry]
    if not matches:
        return None
    text = doc.text
    for match in reversed(matches):
        for edit in sorted(glossary_fix(doc, match).edits, key=lambda e: e.start, reverse=True):
            text = text[: edit.start] + edit.content + text[edit.end :]
    return text.rstrip("\n")


@pytest.fixture(scope="module")
def glossary():
    return load_glossary()


def test_news_files_are_shipped():
    assert {p.stem for p in NEWS_FILES} >= {"news_attribution", "news_titles", "institutions_west"}


@pytest.mark.parametrize("path", NEWS_FILES, ids=lambda p: p.name)
def test_each_fix_turns_the_first_flag_example_into_the_first_ok_example(path, glossary):
    wrong = []
    for entry in (e for e in glossary.entries if Path(e.path).name == path.name):
        if entry.fix == "display-only" or not entry.en:
            continue
        fixed = _applied(glossary.matcher, entry, entry.flag[0])
        if fixed != entry.ok[0]:
            wrong.append((entry.id, entry.flag[0], fixed, entry.ok[0]))
    assert wrong == []


@pytest.mark.parametrize("path", NEWS_FILES, ids=lambda p: p.name)
def test_news_entries_cite_a_source_and_explain_themselves(path, glossary):
    for entry in (e for e in glossary.entries if Path(e.path).name == path.name):
        assert entry.ru != entry.en and entry.note and entry.ref, entry.id
