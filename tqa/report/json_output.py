"""JSON output: a list of findings shaped like ruff's `--output-format json`,
each also naming the detected language of its document (`document_language`)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TextIO

from tqa.pipeline.engine import FileResult, checked_text
from tqa.report import Located, ReportOptions, located
from tqa.text.langid import document_language


def _language(text) -> str:
    return document_language(text) if isinstance(text, str) else "unknown"


def finding_object(item: Located) -> dict:
    finding = item.finding
    fix = None
    if finding.fix is not None:
        edits = []
        for edit in sorted(finding.fix.edits):
            row, column = item.doc.position(edit.start)
            end_row, end_column = item.doc.position(edit.end)
            edits.append(
                {
                    "content": edit.content,
                    "location": {"row": row, "column": column},
                    "end_location": {"row": end_row, "column": end_column},
                }
            )
        fix = {"applicability": finding.fix.applicability.value, "message": finding.fix.title, "edits": edits}
    return {
        "code": finding.code,
        "document_language": item.result.language or _language(checked_text(item.result)),
        "name": finding.name,
        "message": finding.message,
        "severity": finding.severity.value,
        "filename": item.path,
        "location": {"row": item.row, "column": item.column},
        "end_location": {"row": item.end_row, "column": item.end_column},
        "fix": fix,
    }


def emit(results: Sequence[FileResult], stream: TextIO, options: ReportOptions) -> None:
    objects = [finding_object(item) for item in located(results)]
    json.dump(objects, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
