"""Applying fixes: non-overlapping edits, in order; and unified diffs of the result."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence

from tqa.model import Applicability, Edit, Finding

_LINE_END = re.compile(r"(?<=\r\n)|(?<=\n)|(?<=\r)(?!\n)")


def is_applicable(applicability: Applicability, unsafe: bool) -> bool:
    if applicability is Applicability.SAFE:
        return True
    return unsafe and applicability is Applicability.UNSAFE


def _overlaps(edit: Edit, taken: Sequence[Edit]) -> bool:
    for other in taken:
        if edit.start < other.end and other.start < edit.end:
            return True
        # Two insertions (or an insertion at a replacement's edge) at one point
        # would depend on order: keep only the first.
        if edit.start == other.start and (edit.start == edit.end or other.start == other.end):
            return True
    return False


def choose_fixes(findings: Iterable[Finding], unsafe: bool) -> list[Finding]:
    """The applicable fixes, earliest first, skipping any that overlaps one taken."""
    candidates = sorted(
        (f for f in findings if f.fix is not None and is_applicable(f.fix.applicability, unsafe)),
        key=lambda f: (f.fix.start, f.fix.end, f.code),
    )
    chosen: list[Finding] = []
    taken: list[Edit] = []
    for finding in candidates:
        edits = finding.fix.edits
        if any(_overlaps(edit, taken) for edit in edits):
            continue
        if any(_overlaps(edit, edits[:i]) for i, edit in enumerate(edits)):
            continue
        chosen.append(finding)
        taken.extend(edits)
    return chosen


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


def _lines(text: str) -> list[str]:
    """Lines with their ends, broken only at CR LF, LF and CR (U+2028 and the like are text)."""
    return [line for line in _LINE_END.split(text) if line]


def unified_diff(before: str, after: str, name: str) -> str:
    """A unified diff whose lines keep their own line endings."""
    lines = difflib.unified_diff(
        _lines(before),
        _lines(after),
        fromfile=f"a/{name}",
        tofile=f"b/{name}",
    )
    out = []
    for line in lines:
        out.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
    return "".join(out)
