"""Small text helpers the rule families share."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

_WORD = re.compile(r"\w+")


def excerpt(text: str, start: int, end: int, limit: int = 60) -> str:
    """The flagged text on one line, shortened in the middle when long."""
    found = " ".join(text[start:end].split())
    if len(found) > limit:
        half = limit // 2 - 2
        found = f"{found[:half]} … {found[-half:]}"
    return found


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def next_word_end(text: str, position: int, limit: int) -> int:
    """End of the word that starts at `position` (at most `limit`)."""
    match = _WORD.match(text, position, limit)
    return match.end() if match else position


def positions(text: str, literal: str) -> Iterator[int]:
    """Every offset where `literal` occurs (overlapping ones too), by str.find."""
    found = text.find(literal)
    while found >= 0:
        yield found
        found = text.find(literal, found + 1)


def pair_positions(text: str, first: str, second: str) -> list[int]:
    """Every offset where the character `first` stands right before the
    character `second`, as `positions(text, first + second)` finds them: by
    str.find of `second` alone, as a two-character search is far slower on
    text beyond Latin-1 (curly quotes and dashes make most news text so)."""
    found: list[int] = []
    offset = text.find(second, 1)
    while offset >= 0:
        if text[offset - 1] == first:
            found.append(offset - 1)
        offset = text.find(second, offset + 1)
    return found


def char_positions(text: str, chars: str) -> list[int]:
    """Sorted offsets of every occurrence of any of `chars`: one str.find scan
    per character the text has, far faster than a character class in a regex
    (which the engine tests at every position)."""
    found: list[int] = []
    for char in chars:
        offset = text.find(char)
        while offset >= 0:  # not `positions`: a generator's resumption costs more than the find
            found.append(offset)
            offset = text.find(char, offset + 1)
    found.sort()
    return found


def matches_from(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """What `pattern.finditer(text)` finds, given every offset where one of its
    matches can start (more are harmless): the pattern is tried there only, not
    at every position of the text. Look-behinds, `\\b` and `^` (with re.M)
    still see the text before a start."""
    reached = 0
    for start in sorted(set(starts)):
        if start < reached:
            continue
        match = pattern.match(text, start)
        if match is not None:
            reached = match.end()
            yield match


def anchored_matches(
    pattern: re.Pattern[str], text: str, anchors: Iterable[tuple[str, int]]
) -> Iterator[re.Match[str]]:
    """What `pattern.finditer(text)` finds, for a pattern each match of which
    starts `back` characters before one of the literal `anchors` (literal,
    back): literals found with str.find are far faster to find than the
    pattern the regex engine tries at every position."""
    starts = (found - back for literal, back in anchors for found in positions(text, literal) if found >= back)
    return matches_from(pattern, text, starts)
