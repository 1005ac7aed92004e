"""JSON Lines output: one finding a line, each object shaped as in `--output-format json`."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TextIO

from tqa.pipeline.run import FileResult
from tqa.pipeline.tally import Tally
from tqa.report import ReportOptions, located
from tqa.report.json_output import finding_object


def emit_file(result: FileResult, stream: TextIO, options: ReportOptions) -> None:
    for item in located([result]):
        stream.write(json.dumps(finding_object(item), ensure_ascii=False) + "\n")


def emit_end(tally: Tally, stream: TextIO, options: ReportOptions) -> None:
    """Nothing: every line is a finding."""


def emit(results: Sequence[FileResult], stream: TextIO, options: ReportOptions) -> None:
    for result in results:
        emit_file(result, stream, options)
