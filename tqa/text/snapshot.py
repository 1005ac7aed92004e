"""What reporting needs of a checked text, without keeping the text.

`tqa check` over a large archive would otherwise hold every file in memory
until the report is printed. A snapshot keeps the lines findings touch, each
with its number and offset: enough for line/column positions, excerpts and
fingerprints, which never look past a finding's own lines. Lines end at
`\\r\\n`, `\\n` or `\\r`, as in `Document.position`.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from tqa.model import Finding


def _line_start(text: str, offset: int) -> int:
    """Where the line holding `offset` begins."""
    start = text.rfind("\n", 0, offset) + 1
    if "\r" in text:
        start = max(start, text.rfind("\r", 0, offset) + 1)
        if start == offset and text.startswith("\n", offset) and text[offset - 1] == "\r":
            return _line_start(text, offset - 1)  # `offset` is inside a \r\n
    return start


def _line_end(text: str, start: int) -> int:
    """Where the line beginning at `start` ends, after its line break."""
    end = text.find("\n", start)
    if "\r" in text:
        carriage = text.find("\r", start)
        if carriage >= 0 and (end < 0 or carriage < end):
            return carriage + 2 if text.startswith("\n", carriage + 1) else carriage + 1
    return end + 1 if end >= 0 else len(text)


def _line_number(text: str, start: int) -> int:
    """0-based number of the line beginning at `start`: the line breaks before it."""
    breaks = text.count("\n", 0, start)
    if "\r" in text:
        breaks += text.count("\r", 0, start) - text.count("\r\n", 0, start)
    return breaks


class TextSnapshot:
    def __init__(self, text: str, findings: Iterable[Finding]):
        self.length = len(text)
        self._starts: list[int] = []  # the kept lines' offsets, in order
        self._lines: dict[int, tuple[int, str]] = {}  # offset: (0-based line number, the line with its break)
        for finding in findings:
            self.keep(text, finding.start, finding.end)
            for edit in finding.fix.edits if finding.fix else ():
                self.keep(text, edit.start, edit.end)

    def keep(self, text: str, start: int, end: int) -> None:
        """Remember the lines from `start` to `end` of `text`."""
        line = _line_start(text, start)
        number = None
        last = max(start, end - 1)
        while True:
            line_end = _line_end(text, line)
            if line not in self._lines:
                number = _line_number(text, line) if number is None else number
                self._lines[line] = (number, text[line:line_end])
                bisect.insort(self._starts, line)
            elif number is None:
                number = self._lines[line][0]
            if line_end > last or line_end >= len(text):
                return
            line, number = line_end, number + 1

    def clear(self) -> None:
        """Let the kept lines go (positions of offsets in them are then unknown)."""
        self._starts.clear()
        self._lines.clear()

    def _kept(self, offset: int) -> int:
        """The offset of the kept line an offset lies in (or just after)."""
        index = bisect.bisect_right(self._starts, offset) - 1
        if index < 0:
            raise ValueError(f"offset {offset} is before every kept line")
        return self._starts[index]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset in, or just after, a kept line."""
        start = self._kept(offset)
        number, line = self._lines[start]
        if offset >= start + len(line) and line.endswith(("\n", "\r")):
            return number + 2, offset - start - len(line) + 1  # the start of the next line
        return number + 1, offset - start + 1

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, key: slice) -> str:
        """A slice of the text; what lies between kept lines reads as a bare line break."""
        start = max(key.start or 0, 0)
        stop = min(self.length if key.stop is None else key.stop, self.length)
        pieces = []
        position = start
        index = bisect.bisect_right(self._starts, position) - 1  # the kept line at or before `position`
        while position < stop:
            if index >= 0:
                line_start = self._starts[index]
                line = self._lines[line_start][1]
                if position < line_start + len(line):
                    until = min(stop, line_start + len(line))
                    pieces.append(line[position - line_start : until - line_start])
                    position = until
                    continue
            index += 1
            following = self._starts[index] if index < len(self._starts) else self.length
            if following > position:
                pieces.append("\n")
                position = following
        return "".join(pieces)
