"""Output formats: one module a format, each with `emit(results, stream, options)`.

text (for people), full (text with the source line and a caret), concise (one line a finding), json and json-lines (ruff's
shape), sarif (SARIF 2.1.0 for code scanning), github (Actions workflow
commands and the job summary), gitlab (Code Quality report), junit (JUnit XML),
html (a self-contained review page, see tqa.report.html).
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple, TextIO

from tqa.model import Edit, Finding
from tqa.pipeline.fingerprint import fingerprints
from tqa.pipeline.run import FileResult, checked_text
from tqa.pipeline.tally import Tally
from tqa.text.document import Document
from tqa.text.snapshot import TextSnapshot


@dataclass(frozen=True)
class ReportOptions:
    unsafe_fixes: bool = False
    fixing: bool = False
    dry_run: bool = False  # fixes shown, not written
    quiet: bool = False  # findings only, no summary
    color: bool = False  # ANSI colours (see tqa.report.color)
    # What produced the findings, for machine output: tqa's version, the glossary's hash, the rules.
    signature: str = ""


class Located(NamedTuple):
    """A finding with 1-based rows and columns in the text it was found in.

    `doc` gives positions of other offsets (`doc.position`) and the result
    the finding belongs to."""

    finding: Finding
    path: str
    row: int
    column: int
    end_row: int
    end_column: int
    doc: Document | TextSnapshot
    result: FileResult


def located(results: Sequence[FileResult]) -> Iterator[Located]:
    for result in results:
        if result.source is None or not result.findings:
            continue
        doc = positions_of(result)
        position, path = doc.position, result.input.display
        for finding in result.findings:
            row, column = position(finding.start)
            end_row, end_column = position(finding.end)
            yield Located(finding, path, row, column, end_row, end_column, doc, result)


def positions_of(result: FileResult) -> Document | TextSnapshot:
    """What gives (row, column) positions in the text a result's findings point into."""
    text = checked_text(result)
    return text if isinstance(text, TextSnapshot) else Document(result.input.display, text)


def fingerprinted(results: Sequence[FileResult]) -> Iterator[tuple[Located, str]]:
    """Each located finding with its fingerprint (see tqa.pipeline.fingerprint), in `located()` order."""
    for result in results:
        if result.source is None or not result.findings:
            continue
        prints = fingerprints(checked_text(result), result.findings)
        yield from zip(located([result]), prints, strict=True)


def ordered(edits: Sequence[Edit]) -> Sequence[Edit]:
    """Edits in order (start, end, content), as sorted() orders them, without
    the dataclass comparisons that make sorting a report's fixes slow."""
    if len(edits) < 2:
        return edits
    return sorted(edits, key=lambda edit: (edit.start, edit.end, edit.content))


def edits_text(
    finding: Finding,
    positions: tuple[int, int, int, int],
    position: Callable[[int], tuple[int, int]],
    layout: Callable[[str, int, int, int, int], str],
) -> str:
    """The edits of `finding`'s fix, each laid out by `layout(content, row,
    column, end row, end column)`, in order, joined by commas. Most fixes are
    one edit of the finding's own span, whose `positions` are known already."""
    edits = finding.fix.edits if finding.fix is not None else ()
    if len(edits) == 1 and edits[0].start == finding.start and edits[0].end == finding.end:
        return layout(edits[0].content, *positions)
    return ",".join(layout(edit.content, *position(edit.start), *position(edit.end)) for edit in ordered(edits))


def posix_path(path: str) -> str:
    """A displayed path with forward slashes, for formats read on other systems."""
    return path.replace(os.sep, "/") if os.sep != "/" else path


Emitter = Callable[[Sequence[FileResult], TextIO, ReportOptions], None]
FileEmitter = Callable[[FileResult, TextIO, ReportOptions], None]
EndEmitter = Callable[[Tally, TextIO, ReportOptions], None]


FilePiece = Callable[[FileResult, ReportOptions], str]
_DEFAULT_OPTIONS = ReportOptions()


def render(output_format: str, result: FileResult, options: ReportOptions | None = None) -> str:
    """One file's findings in a streaming format, as text (worker processes render)."""
    options = options or _DEFAULT_OPTIONS
    piece = _file_pieces().get(output_format)
    if piece is not None:
        return piece(result, options)
    stream = io.StringIO()
    streaming_emitters()[output_format][0](result, stream, options)
    return stream.getvalue()


def render_listed(output_format: str, result: FileResult, options: ReportOptions | None = None) -> bytes:
    """One file's text in a streaming format as UTF-8, the form the JSON list
    (`json_output.Assembly`) and the results cache's held output wait and are
    written in: encoded once, where it is rendered, it passes from a worker
    process or the results cache as it is, not decoded and encoded again (lone
    surrogates kept, for the stream to decide on)."""
    return render(output_format, result, options).encode("utf-8", "surrogatepass")


@cache
def _file_pieces() -> dict[str, FilePiece]:
    """Streaming formats that make a file's text directly (see `render`), with no stream to write to."""
    from tqa.report import json_output

    return {"json": json_output.file_piece}


@cache
def streaming_emitters() -> dict[str, tuple[FileEmitter, EndEmitter]]:
    """Formats that print file by file, so a run need not hold every finding
    (JSON's list is put together by `json_output.Assembly`); worked out once,
    as each file is rendered through it."""
    from tqa.report import concise, full, json_lines, json_output, text

    return {
        "text": (text.emit_file, text.emit_end),
        "full": (full.emit_file, text.emit_end),
        "concise": (concise.emit_file, text.emit_end),
        "json": (json_output.emit_file, json_output.emit_end),
        "json-lines": (json_lines.emit_file, json_lines.emit_end),
    }


def emitters() -> dict[str, Emitter]:
    from tqa.report import concise, full, github, gitlab, html, json_lines, json_output, junit, sarif, text

    return {
        "text": text.emit,
        "full": full.emit,
        "concise": concise.emit,
        "json": json_output.emit,
        "json-lines": json_lines.emit,
        "sarif": sarif.emit,
        "github": github.emit,
        "gitlab": gitlab.emit,
        "junit": junit.emit,
        "html": html.emit,
    }


FORMATS = ("text", "full", "concise", "json", "json-lines", "sarif", "github", "gitlab", "junit", "html")
