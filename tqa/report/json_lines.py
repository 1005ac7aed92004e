"""JSON Lines output: one finding a line, each object shaped as in `--output-format json`."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TextIO

from tqa.engine import FileResult
from tqa.report import ReportOptions, located
from tqa.report.json_output import finding_object


def emit(results: Sequence[FileResult], stream: TextIO, options: ReportOptions) -> None:
    for item in located(results):
        stream.write(json.dumps(finding_object(item), ensure_ascii=False) + "\n")
