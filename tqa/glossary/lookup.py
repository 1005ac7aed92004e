"""Finding entries by a Russian or English term in any inflected form.

Russian has six cases and two numbers, so Russian terms are compared by lemma
(pymorphy3, a maintained morphological analyser with a full dictionary of
Russian: no stemmer gets `линии соприкосновения` -> `линия соприкосновение`
right); English terms by their folded form without plural or possessive endings.
"""

from __future__ import annotations

import re
from functools import cache

from tqa.glossary.entry import Entry
from tqa.glossary.matcher import fold

_CYRILLIC = re.compile("[а-яёА-ЯЁ]")
_WORD = re.compile(r"[\w-]+")


@cache
def _analyzer():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@cache
def lemma(word: str) -> str:
    return _analyzer().parse(word.lower())[0].normal_form.replace("ё", "е")


def russian_lemmas(text: str) -> tuple[str, ...]:
    return tuple(lemma(word) for part in _WORD.findall(text) for word in part.split("-"))


def _english_key(text: str) -> str:
    words = fold(text).lower().replace("'s", "").replace("s'", "s").split()
    return " ".join(re.sub(r"(?<=[a-z]{3})(?:ies|es|s)$", "", word) for word in words)


def _contains(haystack: tuple[str, ...] | list[str], needle: tuple[str, ...] | list[str]) -> bool:
    size = len(needle)
    return any(tuple(haystack[i : i + size]) == tuple(needle) for i in range(len(haystack) - size + 1))


def lookup(entries: list[Entry] | tuple[Entry, ...], term: str) -> list[Entry]:
    """Entries whose Russian term, preferred English or avoid-forms contain `term`."""
    if _CYRILLIC.search(term):
        wanted = russian_lemmas(term)
        return [e for e in entries if wanted and _contains(russian_lemmas(e.ru), wanted)]
    wanted_words = _english_key(term).split()
    if not wanted_words:
        return []
    found = []
    for entry in entries:
        forms = [entry.en, *entry.avoid]
        if any(_contains(_english_key(form.replace("[", "").replace("]", "")).split(), wanted_words) for form in forms):
            found.append(entry)
    return found
