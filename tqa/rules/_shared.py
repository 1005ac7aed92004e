"""Small text helpers the rule families share."""

from __future__ import annotations

import re

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
