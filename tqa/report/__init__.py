"""Output formats: one module a format, each with `emit(results, stream, options)`."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TextIO

from tqa.document import Document
from tqa.engine import FileResult
from tqa.model import Finding


@dataclass(frozen=True)
class ReportOptions:
    unsafe_fixes: bool = False
    statistics: bool = False
    fixing: bool = False


@dataclass(frozen=True)
class Located:
    """A finding with 1-based rows and columns in the text it was found in."""

    finding: Finding
    path: str
    row: int
    column: int
    end_row: int
    end_column: int
    doc: Document


def located(results: Sequence[FileResult]) -> Iterator[Located]:
    for result in results:
        if result.source is None or not result.findings:
            continue
        text = result.fixed_text if result.fixed_text is not None else result.source.text
        doc = Document(result.input.display, text)
        for finding in result.findings:
            row, column = doc.position(finding.start)
            end_row, end_column = doc.position(finding.end)
            yield Located(finding, result.input.display, row, column, end_row, end_column, doc)


Emitter = Callable[[Sequence[FileResult], TextIO, ReportOptions], None]


def emitters() -> dict[str, Emitter]:
    from tqa.report import json_output, text

    return {"text": text.emit, "json": json_output.emit}


FORMATS = ("text", "json")
