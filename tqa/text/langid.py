"""Language identification with langdetect: seeded, and only where a cheap check asks.

langdetect costs milliseconds a paragraph and is random unless seeded; tqa
calls it only for paragraphs the script and stop-word checks below mark
suspicious, so English prose never pays for it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache

MIN_LETTERS = 40
_LETTER = re.compile(r"[^\W\d_]")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_WORD = re.compile(r"[^\W\d_]+")
_ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to a in is that for on it with as was he she by at from his her be are this have has had not but "
    "they we you i or an which were their been will would said its who there more also than after into do does "
    "did not can could you your so very much about what how why when one all other some no up out if my me us our "
    "them him".split()
)
_FUNCTION_WORD = re.compile(r"\b(?:" + "|".join(sorted(_ENGLISH_FUNCTION_WORDS)) + r")\b", re.I)
# In ASCII text a match of _FUNCTION_WORD is a whole `\w+` token, in any case:
# counting tokens found in the set is the same count, many times faster.
_TOKEN = re.compile(r"\w+")

_CAPITALISED = re.compile(r"\b[A-Z]")
# English prose has about 40% function words; other Latin-script languages far fewer of these.
MIN_ENGLISH_SHARE = 0.12
MIN_WORDS = 12
MAX_CAPITALISED_SHARE = 0.4
SAMPLE_CHARACTERS = 600
PLAINLY_ENGLISH_SHARE = 0.2
MAX_STRAY_CYRILLIC_SHARE = 0.05


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
        best = _detect_langs()(text[:SAMPLE_CHARACTERS])[0]
    except (LangDetectException, IndexError):
        return "unknown", 0.0
    return best.lang, best.prob


# What _has_common_english looks for, as one pattern: one scan of the sample for all eight.
_COMMON_ENGLISH = re.compile(" (?:the|of|and|to|in|is|was|for) ")


def _has_common_english(sample: str) -> bool:
    """Substrings nearly every English paragraph of a dozen words has: a fast way out
    (written out, this runs for every paragraph)."""
    return (
        " the " in sample or " of " in sample or " and " in sample or " to " in sample
        or " in " in sample or " is " in sample or " was " in sample or " for " in sample
    )  # fmt: skip


def suspicious(text: str, may_have_cyrillic: bool = True) -> bool:
    """A cheap guess that a paragraph may not be English: mostly Cyrillic, or a
    sentence-length run of words with hardly any English function words.
    `may_have_cyrillic` False (the document has none) skips that search."""
    if len(text) < MIN_LETTERS:
        return False
    if may_have_cyrillic and not text.isascii() and _CYRILLIC.search(text):  # isascii is O(1)
        letters = len(_LETTER.findall(text))
        return letters >= MIN_LETTERS and len(_CYRILLIC.findall(text)) > letters / 2
    sample = text[:SAMPLE_CHARACTERS]
    if _has_common_english(sample):
        return False
    words = len(_WORD.findall(sample))
    if words < MIN_WORDS:
        return False
    # Lists of names and headline-style text are English with few function words.
    if len(_CAPITALISED.findall(sample)) > MAX_CAPITALISED_SHARE * words:
        return False
    return _function_words(sample) < MIN_ENGLISH_SHARE * words


def _function_words(sample: str) -> int:
    """How many English function words the sample has (as _FUNCTION_WORD finds them)."""
    if not sample.isascii():  # re.I also folds a few other letters (`ſ`, dotless `ı`, the Kelvin sign)
        return len(_FUNCTION_WORD.findall(sample))
    return sum(map(_ENGLISH_FUNCTION_WORDS.__contains__, _TOKEN.findall(sample.lower())))


def suspicious_texts(texts: Sequence[str], may_have_cyrillic: bool = True) -> list[int]:
    """Indices of the `texts` that `suspicious` picks. Those too short for it go
    without a call, and so do those in which it would find common English and
    no Cyrillic to count: ` the ` in most, the others by one search for the
    eight words (a call a paragraph cost more than all of its tests)."""
    common = _COMMON_ENGLISH.search
    return [
        number
        for number, text in enumerate(texts)
        if len(text) >= MIN_LETTERS
        and (
            ((len(text) > SAMPLE_CHARACTERS or " the " not in text) and common(text, 0, SAMPLE_CHARACTERS) is None)
            or (may_have_cyrillic and not text.isascii())
        )
        and suspicious(text, may_have_cyrillic)
    ]


def _plainly_english(sample: str) -> bool:
    """A sample with hardly any Cyrillic (look-alike letters inside Latin words,
    a Russian web address: not another language) and a share of
    English function words no other language comes near (English news has
    about 0.4, French or German text 0.1 or less): langdetect would only say
    "en" after milliseconds of work, and loading its profiles costs a run
    a fifth of a second."""
    words = sample.lower().split()
    if len(words) < MIN_WORDS or _cyrillic_letters(sample) > MAX_STRAY_CYRILLIC_SHARE * len(sample):
        return False
    common = sum(map(_ENGLISH_FUNCTION_WORDS.__contains__, words))  # a bool counts 1: the loop stays in C
    return common >= PLAINLY_ENGLISH_SHARE * len(words)


def _cyrillic_letters(text: str) -> int:
    """How many letters of `text` _CYRILLIC finds; none where its UTF-8 has none of
    their lead bytes (D0-D3), a faster test than the regex's scan."""
    if text.isascii():
        return 0
    data = text.encode("utf-8", "surrogatepass")
    if b"\xd0" not in data and b"\xd1" not in data and b"\xd2" not in data and b"\xd3" not in data:
        return 0
    return len(_CYRILLIC.findall(text))


def document_language(text: str) -> str:
    """The language of a whole document, from a sample of its prose (the
    sample langdetect reads)."""
    if not _LETTER.search(text):
        return "unknown"
    return "en" if _plainly_english(text[:SAMPLE_CHARACTERS]) else detect(text[:4000])[0]
