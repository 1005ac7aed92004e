"""Language identification with langdetect: seeded, and only where a cheap check asks.

langdetect costs milliseconds a paragraph and is random unless seeded; tqa
calls it only for paragraphs the script and stop-word checks below mark
suspicious, so English prose never pays for it.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

MIN_LETTERS = 40
_LETTER = re.compile(r"[^\W\d_]")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_WORD = re.compile(r"[^\W\d_]+")
_ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to a in is that for on it with as was he she by at from his her be are this have has had not but "
    "they we you i or an which were their been will would said its who there more also than after into".split()
)
# English prose has about 40% function words; other Latin-script languages far fewer of these.
MIN_ENGLISH_SHARE = 0.12


@cache
def _detect_langs():
    from langdetect import DetectorFactory, detect_langs

    DetectorFactory.seed = 0
    return detect_langs


@lru_cache(maxsize=4096)
def detect(text: str) -> tuple[str, float]:
    """(language code, probability) of a text; ("unknown", 0.0) when undecidable."""
    from langdetect.lang_detect_exception import LangDetectException

    try:
        best = _detect_langs()(text[:4000])[0]
    except (LangDetectException, IndexError):
        return "unknown", 0.0
    return best.lang, best.prob


def suspicious(text: str) -> bool:
    """A cheap guess that a paragraph may not be English: much Cyrillic, or
    Latin letters with hardly any English function words."""
    letters = _LETTER.findall(text)
    if len(letters) < MIN_LETTERS:
        return False
    if len(_CYRILLIC.findall(text)) > len(letters) / 2:
        return True
    words = [w.lower() for w in _WORD.findall(text)]
    return sum(1 for w in words if w in _ENGLISH_FUNCTION_WORDS) < MIN_ENGLISH_SHARE * len(words)


def document_language(text: str) -> str:
    """The language of a whole document, from a sample of its prose."""
    return detect(text[:4000])[0] if _LETTER.search(text) else "unknown"
