"""A progress line on stderr for long runs: files done of the total, and MB/s.

Shown only when stderr is a terminal, not in CI (`CI` set), not with
-q/-s, and only once a run has taken more than a second; the line is
rewritten in place and wiped at the end, so nothing of it stays in the output.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from typing import TextIO

from tqa.i18n import _
from tqa.pipeline.run import FileResult, Input
from tqa.report.color import is_terminal

DELAY = 1.0  # seconds before the line appears
EVERY = 0.1  # seconds between updates


def wanted(stream: TextIO, quiet: bool) -> bool:
    return not quiet and not os.environ.get("CI") and is_terminal(stream)


def track(
    results: Iterable[FileResult], inputs: Sequence[Input], quiet: bool = False, stream: TextIO | None = None
) -> Iterator[FileResult]:
    """`results`, passed through; on a terminal, with a progress line while they come."""
    stream = stream or sys.stderr
    if not wanted(stream, quiet):
        yield from results
        return
    total, done, read = len(inputs), 0, 0
    started = last = time.monotonic()
    line = ""
    # Output printed to the same terminal between results must not land on the line.
    make_room = is_terminal(sys.stdout)
    try:
        for result in results:
            done += 1
            read += _size(result.input)
            now = time.monotonic()
            if now - started >= DELAY and now - last >= EVERY:
                rate = read / (now - started) / 1e6
                line = _("{done}/{total} files, {rate:.1f} MB/s").format(done=done, total=total, rate=rate)
                last = now
            if line and make_room:
                _draw(stream, "")
            yield result
            if line:
                _draw(stream, f"tqa: {line}")
    finally:
        if line:
            _draw(stream, "")


def _draw(stream: TextIO, text: str) -> None:
    """Rewrite the progress line in place (wipe it with no text)."""
    stream.write(f"\r\x1b[2K{text}")
    stream.flush()


def _size(item: Input) -> int:
    if item.is_stdin:
        return 0
    try:
        return os.stat(item.path).st_size
    except OSError:
        return 0
