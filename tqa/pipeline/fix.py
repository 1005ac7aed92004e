"""Applying fixes: non-overlapping edits, in order."""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterable, Sequence

from tqa.model import Applicability, Edit, Finding


def is_applicable(applicability: Applicability, unsafe: bool) -> bool:
    if applicability is Applicability.SAFE:
        return True
    return unsafe and applicability is Applicability.UNSAFE


def within_reach(findings: list[Finding], fix_codes: frozenset[str] | None) -> list[Finding]:
    """Findings as `tqa fix` would treat them under --fixable/--unfixable (`fix_codes`,
    None for every rule): a fix it may not apply stays as a suggestion, display only,
    so no count or `[*]` promises it."""
    if fix_codes is None:
        return findings
    return [
        finding
        if finding.fix is None or finding.code in fix_codes
        else dataclasses.replace(finding, fix=dataclasses.replace(finding.fix, applicability=Applicability.DISPLAY_ONLY))
        for finding in findings
    ]


def _overlap(edit: Edit, other: Edit) -> bool:
    """Whether two edits overlap: share text, or are two insertions (or an
    insertion at a replacement's start) at one point, which would depend on order."""
    if edit.start < other.end and other.start < edit.end:
        return True
    return edit.start == other.start and (edit.start == edit.end or other.start == other.end)


class _Taken:
    """Edits that do not overlap one another, sorted: whether a new edit
    overlaps one of them is found by bisection, not by a walk over all
    (tens of thousands of fixes in one file would make the walk quadratic)."""

    def __init__(self) -> None:
        self._spans: list[tuple[int, int]] = []

    def overlaps(self, edit: Edit) -> bool:
        spans = self._spans
        same = bisect.bisect_left(spans, (edit.start, -1))
        after = bisect.bisect_left(spans, (edit.start + 1, -1))
        if any(_overlap(edit, Edit(start, end, "")) for start, end in spans[same:after]):
            return True
        if after < len(spans) and spans[after][0] < edit.end:
            return True  # one starts inside the edit
        # Taken edits do not overlap, so their ends grow with their starts: the
        # last one to start before the edit reaches furthest.
        return same > 0 and spans[same - 1][1] > edit.start

    def add(self, edit: Edit) -> None:
        bisect.insort(self._spans, (edit.start, edit.end))


def choose_fixes(findings: Iterable[Finding], unsafe: bool) -> list[Finding]:
    """The applicable fixes, earliest first, skipping any that overlaps one taken."""
    candidates = sorted(
        (f for f in findings if f.fix is not None and is_applicable(f.fix.applicability, unsafe)),
        key=lambda f: (f.fix.start, f.fix.end, f.code),
    )
    chosen: list[Finding] = []
    taken = _Taken()
    for finding in candidates:
        edits = finding.fix.edits
        if any(taken.overlaps(edit) for edit in edits) or not _disjoint(edits):
            continue
        chosen.append(finding)
        for edit in edits:
            taken.add(edit)
    return chosen


def _disjoint(edits: Sequence[Edit]) -> bool:
    """Whether a fix's own edits leave one another alone."""
    own = _Taken()
    for edit in edits:
        if own.overlaps(edit):
            return False
        own.add(edit)
    return True


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits; text outside them is copied unchanged."""
    pieces: list[str] = []
    position = 0
    for edit in sorted(edits):
        if edit.start < position:
            raise ValueError(f"overlapping edit at {edit.start}")
        pieces.append(text[position : edit.start])
        pieces.append(edit.content)
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces)
