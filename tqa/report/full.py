"""The `full` text format: each finding with its source line and a caret under the span.

As ruff shows code: the `path:line:col: CODE message` heading, then the line
(cut to a window around the span when it is long, as paragraphs often are) with
`^` under the reported words, then the fix and the glossary entry it comes
from. The default on a terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from tqa.pipeline.run import FileResult
from tqa.pipeline.tally import Tally
from tqa.report import Located, ReportOptions, located
from tqa.report.color import paint
from tqa.report.text import emit_end, fix_line, glossary_line, heading
from tqa.text.document import Document

CONTEXT = 40  # characters shown either side of the span on a long line
ELLIPSIS = "…"


def excerpt(item: Located) -> tuple[str, int, int]:
    """The finding's line, cut around the span: (text, where the caret starts, its length)."""
    finding = item.finding
    line_start = finding.start - (item.column - 1)
    text = item.doc.text if isinstance(item.doc, Document) else item.doc  # a whole text, or a snapshot of its lines
    window = text[line_start : finding.end + CONTEXT + 1]
    line = window.splitlines()[0] if window else ""
    span_start = item.column - 1
    span_end = max(min(finding.end - line_start, len(line)), span_start + 1)
    left = max(span_start - CONTEXT, 0)
    right = min(span_end + CONTEXT, len(line))
    shown = line[left:right]
    lead = ELLIPSIS if left else ""
    if right < len(line):
        shown += ELLIPSIS
    return lead + shown, len(lead) + span_start - left, span_end - span_start


def emit_file(result: FileResult, stream: TextIO, options: ReportOptions) -> None:
    color = options.color
    for item in located([result]):
        text, caret_at, caret_length = excerpt(item)
        number = str(item.row)
        gutter = paint(" " * len(number) + " |", "gutter", color)
        stream.write(heading(item, options) + "\n")
        stream.write(f"{gutter}\n{paint(number + ' |', 'gutter', color)} {text.expandtabs(1)}\n")
        caret = paint("^" * caret_length, "caret", color)
        stream.write(f"{gutter} {' ' * caret_at}{caret} {paint(item.finding.code, 'code', color)}\n")
        if item.finding.fix is not None:
            stream.write(f"{gutter}\n{' ' * len(number)} = {fix_line(item.finding, options)}\n")
        if item.finding.glossary is not None:
            stream.write(f"{' ' * len(number)} = {glossary_line(item.finding.glossary, options)}\n")
        stream.write("\n")


def emit(results: Sequence[FileResult], stream: TextIO, options: ReportOptions) -> None:
    for result in results:
        emit_file(result, stream, options)
    emit_end(Tally.of(results), stream, options)
