"""JSON output: a list of findings shaped like ruff's `--output-format json`,
each also naming the language of its document, detected once per file
(`FileResult.detected_language`), and the glossary entry a finding comes from
(`glossary`: id, note, ref; null for findings of other rules)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from tqa.pipeline.run import FileResult
from tqa.report import Located, ReportOptions, json_text, located


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
        "document_language": item.result.detected_language(),
        "name": finding.name,
        "message": finding.message,
        "severity": finding.severity.value,
        "filename": item.path,
        "location": {"row": item.row, "column": item.column},
        "end_location": {"row": item.end_row, "column": item.end_column},
        "fix": fix,
        "glossary": finding.glossary.to_dict() if finding.glossary is not None else None,
    }


def emit(results: Sequence[FileResult], stream: TextIO, options: ReportOptions) -> None:
    json_text.dump_list((finding_object(item) for item in located(results)), stream)
    stream.write("\n")
