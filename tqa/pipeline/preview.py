"""Findings that remain after fixes nobody wrote, told in the file on disk.

`check --diff` and `fix --diff` fix in memory only: the findings they report
point into the fixed text, which is not on disk. `on_disk()` moves each one to
the same words in the original text, so `PATH:LINE:COL` is where an editor
finds them.
"""

from __future__ import annotations

import bisect
import dataclasses
import difflib

from tqa.model import Edit, Finding
from tqa.pipeline.run import FileResult


class OffsetMap:
    """Offsets in `fixed` mapped to offsets in `original`: exact in text the fixes
    left alone, the edges of the change inside text they rewrote."""

    def __init__(self, original: str, fixed: str):
        self.fixed_starts: list[int] = []
        self.blocks: list[tuple[int, int, int, int]] = []  # (fixed start, fixed end, original start, original end)
        old_lines, new_lines = original.splitlines(keepends=True), fixed.splitlines(keepends=True)
        old_at, new_at = _line_starts(old_lines), _line_starts(new_lines)
        lines = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
        for tag, i1, i2, j1, j2 in lines.get_opcodes():
            old_start, new_start = old_at[i1], new_at[j1]
            if tag == "equal":
                self._add(new_start, new_at[j2], old_start, old_at[i2])
                continue
            old_text, new_text = original[old_start : old_at[i2]], fixed[new_start : new_at[j2]]
            chars = difflib.SequenceMatcher(None, old_text, new_text, autojunk=False)
            for tag_, a1, a2, b1, b2 in chars.get_opcodes():
                self._add(new_start + b1, new_start + b2, old_start + a1, old_start + a2, tag_ == "equal")

    def _add(self, new_start: int, new_end: int, old_start: int, old_end: int, equal: bool = True) -> None:
        self.fixed_starts.append(new_start)
        self.blocks.append((new_start, new_end, old_start, old_end if not equal else old_start + new_end - new_start))

    def __call__(self, offset: int, end: bool = False) -> int:
        index = max(bisect.bisect_right(self.fixed_starts, offset) - 1, 0)
        if end and index > 0 and self.blocks[index][0] == offset:
            index -= 1  # an end belongs to the block before
        if not self.blocks:
            return 0
        new_start, new_end, old_start, old_end = self.blocks[index]
        if old_end - old_start == new_end - new_start:
            return old_start + min(offset - new_start, old_end - old_start)
        return old_end if end else old_start


def _line_starts(lines: list[str]) -> list[int]:
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    return starts


def on_disk(result: FileResult) -> FileResult:
    """A copy of `result` whose findings point into the text as read, not as fixed."""
    if result.source is None or not result.changed:
        return result
    where = OffsetMap(result.source.text, result.fixed_text)
    moved = result.detached()
    moved.findings = [_moved(finding, where) for finding in result.findings]
    moved.fixed_text = None
    return moved


def _moved(finding: Finding, where: OffsetMap) -> Finding:
    fix = finding.fix
    if fix is not None:
        edits = tuple(Edit(where(edit.start), where(edit.end, end=True), edit.content) for edit in fix.edits)
        fix = dataclasses.replace(fix, edits=edits)
    return dataclasses.replace(finding, start=where(finding.start), end=where(finding.end, end=True), fix=fix)
