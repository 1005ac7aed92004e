"""What reporting needs of a checked text, without keeping the text.

`tqa check` over a large archive would otherwise hold every file in memory
until the report is printed. A snapshot keeps the lines findings touch, each
with its number and offset: enough for line/column positions, excerpts and
fingerprints, which never look past a finding's own lines. Lines end at
`\\r\\n`, `\\n` or `\\r`, as in `Document.position`; they are found once
per text (`line_starts`) and each span is placed by bisection.

A text reported on where it is checked (a streamed run) is held whole
(`TextSnapshot.whole`) until `clear`: no lines are copied for it.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

from tqa.model import Finding
from tqa.text.document import line_starts


class TextSnapshot:
    def __init__(self, text: str, findings: Iterable[Finding], starts: Sequence[int] | None = None):
        """The lines of `text` that `findings` and their fixes touch; `starts`
        are the text's line starts, when the checked document has them."""
        self.length = len(text)
        self._text: str | None = None  # the whole text, with `_all` its line starts (see `whole`)
        self._all: Sequence[int] = ()
        self._starts: list[int] = []  # the kept lines' offsets, in order
        self._lines: dict[int, tuple[int, str]] = {}  # offset: (0-based line number, the line with its break)
        spans = []
        for finding in findings:
            spans.append((finding.start, finding.end))
            spans.extend((edit.start, edit.end) for edit in (finding.fix.edits if finding.fix else ()))
        self.keep(text, spans, starts)

    @classmethod
    def whole(cls, text: str, starts: Sequence[int]) -> TextSnapshot:
        """Every line of `text`, whose line starts are `starts`, held (not copied)
        until `clear`: a snapshot for reporting on a text at once."""
        snapshot = cls.__new__(cls)  # not the constructor: a streamed run makes one a file
        snapshot.length, snapshot._starts, snapshot._lines = len(text), [], {}
        snapshot._text, snapshot._all = text, starts
        return snapshot

    def keep(self, text: str, spans: Iterable[tuple[int, int]], starts: Sequence[int] | None = None) -> None:
        """Remember the lines of `text` that the (start, end) `spans` touch.
        `starts` are the text's line starts (see `line_starts`), when known."""
        spans = list(spans)
        if not spans:
            return
        starts = line_starts(text) if starts is None else starts
        wanted: set[int] = set()
        for start, end in spans:
            first = bisect.bisect_right(starts, start) - 1
            last = bisect.bisect_right(starts, max(start, end - 1)) - 1
            wanted.update(range(first, last + 1))
        for number in wanted:
            line = starts[number]
            if line not in self._lines:
                line_end = starts[number + 1] if number + 1 < len(starts) else len(text)
                self._lines[line] = (number, text[line:line_end])
        self._starts = sorted(self._lines)

    def copy(self) -> TextSnapshot:
        clone = TextSnapshot.__new__(TextSnapshot)
        clone.length, clone._starts, clone._lines = self.length, list(self._starts), dict(self._lines)
        clone._text, clone._all = self._text, self._all
        return clone

    def packed(self) -> tuple:
        """The snapshot as plain values, quick to pickle and load (see `unpacked`)."""
        return self.length, tuple(self._lines.items()), self._text, self._all

    @classmethod
    def unpacked(cls, packed: tuple) -> TextSnapshot:
        snapshot = cls.__new__(cls)
        snapshot.length, lines, snapshot._text, snapshot._all = packed
        snapshot._lines = dict(lines)
        snapshot._starts = sorted(snapshot._lines) if lines else []
        return snapshot

    def clear(self) -> None:
        """Let the kept lines go (positions of offsets in them are then unknown)."""
        self._text, self._all = None, ()
        self._starts.clear()
        self._lines.clear()

    def _kept(self, offset: int) -> int:
        """The offset of the kept line an offset lies in (or just after)."""
        index = bisect.bisect_right(self._starts, offset) - 1
        if index < 0:
            raise ValueError(f"offset {offset} is before every kept line")
        return self._starts[index]

    def whole_line_starts(self) -> Sequence[int] | None:
        """The line starts of the whole text while it is held (see `whole`), for
        a caller that places many offsets itself; None for kept lines."""
        return self._all if self._text is not None else None

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset in, or just after, a kept line."""
        if self._text is not None:
            line = bisect.bisect_right(self._all, offset) - 1
            return line + 1, offset - self._all[line] + 1
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
        if self._text is not None:
            return self._text[start:stop]
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
