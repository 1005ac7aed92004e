"""Concise output: `path:line:col: CODE message`, one line a finding, then the text summary."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from tqa.engine import FileResult
from tqa.report import ReportOptions, located
from tqa.report.text import _statistics, summary


def emit(results: Sequence[FileResult], stream: TextIO, options: ReportOptions) -> None:
    items = list(located(results))
    for item in items:
        stream.write(f"{item.path}:{item.row}:{item.column}: {item.finding.code} {item.finding.message}\n")
    if options.statistics and items:
        _statistics(items, stream)
    stream.write(summary(results, options) + "\n")
