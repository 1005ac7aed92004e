"""Bounded Levenshtein distance: rapidfuzz's when it is installed, else a
pure-Python one that gives the same answers (tests hold them to it)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache


def python_distance(a: str, b: str, limit: int) -> int:
    """The edit distance of `a` and `b`, or `limit + 1` when it is larger."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, start=1):
        current = [i]
        for j, other in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return min(previous[-1], limit + 1)


@cache
def _levenshtein() -> Callable[..., int] | None:
    """rapidfuzz's, imported on first use: a run that compares no names never loads it."""
    try:
        from rapidfuzz.distance import Levenshtein
    except ImportError:
        return None
    return Levenshtein.distance


def distance(a: str, b: str, limit: int) -> int:
    """The edit distance of `a` and `b`, or `limit + 1` when it is larger."""
    levenshtein = _levenshtein()
    if levenshtein is not None:
        return levenshtein(a, b, score_cutoff=limit)
    return python_distance(a, b, limit)
