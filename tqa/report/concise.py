"""Concise output: `path:line:col: CODE message`, one line a finding, then the text summary."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from tqa.pipeline.run import FileResult
from tqa.pipeline.tally import Tally
from tqa.report import ReportOptions, located
from tqa.report.text import emit_end


def emit_file(result: FileResult, stream: TextIO, options: ReportOptions) -> None:
    for item in located([result]):
        stream.write(f"{item.path}:{item.row}:{item.column}: {item.finding.code} {item.finding.message}\n")


def emit(results: Sequence[FileResult], stream: TextIO, options: ReportOptions) -> None:
    for result in results:
        emit_file(result, stream, options)
    emit_end(Tally.of(results), stream, options)
