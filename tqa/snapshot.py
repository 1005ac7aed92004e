"""What reporting needs of a checked text, without keeping the text.

`tqa check` over a large archive would otherwise hold every file in memory
until the report is printed. A snapshot keeps where each line starts and the
lines findings touch: enough for line/column positions, excerpts and
fingerprints, which never look past a finding's own lines.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterable, Sequence

from tqa.model import Finding


class TextSnapshot:
    def __init__(self, line_starts: Sequence[int], text: str, findings: Iterable[Finding]):
        self.line_starts = array("q", line_starts)
        self.length = len(text)
        self.lines: dict[int, str] = {}
        spans = []
        for finding in findings:
            spans.append((finding.start, finding.end))
            if finding.fix:
                spans.extend((edit.start, edit.end) for edit in finding.fix.edits)
        last_line = len(line_starts) - 1
        for start, end in spans:  # bisecting the list, not the array: far fewer int objects made
            first = bisect.bisect_right(line_starts, start) - 1
            last = bisect.bisect_right(line_starts, max(start, end - 1)) - 1
            for line in range(first, last + 1):
                if line not in self.lines:
                    self.lines[line] = text[line_starts[line] : line_starts[line + 1] if line < last_line else None]

    def _line(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset) - 1

    def _bounds(self, line: int) -> tuple[int, int]:
        end = self.line_starts[line + 1] if line + 1 < len(self.line_starts) else self.length
        return self.line_starts[line], end

    def keep(self, text: str, start: int, end: int) -> None:
        """Remember the lines from `start` to `end` of `text`."""
        for line in range(self._line(start), self._line(max(start, end - 1)) + 1):
            first, last = self._bounds(line)
            self.lines[line] = text[first:last]

    def position(self, offset: int) -> tuple[int, int]:
        line = self._line(offset)
        return line + 1, offset - self.line_starts[line] + 1

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, key: slice) -> str:
        """A slice of the text; a line that was not kept reads as a bare line break."""
        start = max(key.start or 0, 0)
        stop = min(self.length if key.stop is None else key.stop, self.length)
        pieces = []
        position = start
        line = self._line(start) if start < self.length else len(self.line_starts)
        while position < stop:
            first, last = self._bounds(line)
            until = min(stop, last)
            kept = self.lines.get(line)
            pieces.append(kept[position - first : until - first] if kept is not None else "\n")
            position = until
            line += 1
        return "".join(pieces)
