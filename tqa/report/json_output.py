"""JSON output: a list of findings shaped like ruff's `--output-format json`,
each also naming the language of its document, detected once per file
(`FileResult.detected_language`), and the glossary entry a finding comes from
(`glossary`: id, note, ref; null for findings of other rules)."""

from __future__ import annotations

import codecs
import io
import os
import tempfile
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import BinaryIO, TextIO

from tqa.model import Finding, Fix, GlossaryRef, Severity, finding_order
from tqa.pipeline.run import FileResult
from tqa.pipeline.tally import Tally
from tqa.report import Located, ReportOptions, edits_text, json_text, ordered, positions_of


def finding_object(item: Located) -> dict:
    finding = item.finding
    fix = None
    if finding.fix is not None:
        edits = []
        for edit in ordered(finding.fix.edits):
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
    separator = "["
    for result in results:
        for text in file_texts(result):
            stream.write(separator + json_text.ITEM + text)
            separator = ","
    stream.write("[]\n" if separator == "[" else "\n]\n")


# Before each finding of a streamed run: the list's separator and the item's line.
ITEM = "," + json_text.ITEM


def emit_file(result: FileResult, stream: TextIO, options: ReportOptions) -> None:
    """One file's findings, each after ITEM: the run's list is these pieces in
    file order, put together by `Assembly`."""
    stream.write(file_piece(result, options))


def file_piece(result: FileResult, options: ReportOptions) -> str:
    """What `emit_file` writes, as text."""
    texts = file_texts(result)
    return ITEM + ITEM.join(texts) if texts else ""


# A line break and the indent of each level of a finding's object.
_BREAKS = tuple(json_text.ITEM + json_text.INDENT * level for level in range(6))


def finding_text(item: Located) -> str:
    """`finding_object(item)` as a list item of indented JSON (see `file_texts`)."""
    encode = json_text.encode_basestring
    return _texts([item.finding], item.doc.position, encode(item.result.detected_language()), encode(item.path))[0]


def file_texts(result: FileResult) -> list[str]:
    """`finding_object` of each of a file's located findings as a list item of
    indented JSON, written directly: a report has one per finding, and the
    generic writer walking its small objects costs more than the finding did.
    What does not change from finding to finding is encoded once."""
    if result.source is None or not result.findings:
        return []
    encode = json_text.encode_basestring
    language, path = encode(result.detected_language()), encode(result.input.display)
    return _texts(result.findings, positions_of(result).position, language, path)


# The object's text up to its message, by encoded language, code and rule name.
_HEADS: dict[str, dict[tuple[str, str], str]] = {}


def _texts(
    findings: Sequence[Finding], position: Callable[[int], tuple[int, int]], language: str, path: str
) -> list[str]:
    encode = json_text.encode_basestring
    n0, n1, n2, _n3, _n4, _n5 = _BREAKS
    heads = _HEADS.get(language)
    if heads is None:
        heads = _HEADS[language] = {}
    after_message: dict[Severity, str] = {}  # from the message to the row of the location
    texts = []
    for finding in findings:
        head = heads.get((finding.code, finding.name))
        if head is None:
            head = heads[finding.code, finding.name] = (
                f'{{{n1}"code": {encode(finding.code)},{n1}"document_language": {language},'
                f'{n1}"name": {encode(finding.name)},{n1}"message": '
            )
        middle = after_message.get(finding.severity)
        if middle is None:
            middle = after_message[finding.severity] = (
                f',{n1}"severity": {encode(finding.severity.value)},{n1}"filename": {path},'
                f'{n1}"location": {{{n2}"row": '
            )
        fix = finding.fix
        row, column = position(finding.start)
        end_row, end_column = position(finding.end)
        if fix is None:
            fix_text = "null"
        else:
            fix_text = _fix_text(fix, edits_text(finding, (row, column, end_row, end_column), position, _edit_text))
        glossary = "null" if finding.glossary is None else _glossary_text(finding.glossary)
        texts.append(
            f'{head}{encode(finding.message)}{middle}{row},{n2}"column": {column}{n1}}},'
            f'{n1}"end_location": {{{n2}"row": {end_row},{n2}"column": {end_column}{n1}}},'
            f'{n1}"fix": {fix_text},{n1}"glossary": {glossary}{n0}}}'
        )
    return texts


_N1, _N2, _N3, _N4, _N5 = _BREAKS[1:]


def _edit_text(content: str, row: int, column: int, end_row: int, end_column: int) -> str:
    return (
        f'{_N3}{{{_N4}"content": {json_text.encode_basestring(content)},'
        f'{_N4}"location": {{{_N5}"row": {row},{_N5}"column": {column}{_N4}}},'
        f'{_N4}"end_location": {{{_N5}"row": {end_row},{_N5}"column": {end_column}{_N4}}}{_N3}}}'
    )


def _fix_text(fix: Fix, edits: str) -> str:
    """A fix's object, around its edits' objects (`edits`, joined by commas)."""
    encode = json_text.encode_basestring
    listed = f"[{edits}{_N2}]" if edits else "[]"
    return (
        f'{{{_N2}"applicability": {encode(fix.applicability.value)},'
        f'{_N2}"message": {encode(fix.title)},{_N2}"edits": {listed}{_N1}}}'
    )


@lru_cache(maxsize=4096)
def _glossary_text(entry: GlossaryRef) -> str:
    """An entry's object as a finding's `glossary`: findings of one entry share it."""
    return json_text.dumps_at(entry.to_dict(), _BREAKS[1])


def emit_end(tally: Tally, stream: TextIO, options: ReportOptions) -> None:
    """Nothing: `Assembly` closes the list."""


class Assembly:
    """The list of a streamed run, file by file: each file's pieces wait in a
    temporary file, not in memory, until the findings only the whole run sees
    (one name spelled two ways across files) are known; a file that has some
    gets them in its place, as `emit` orders them.

    The pieces wait as UTF-8, and where the stream writes UTF-8 to a binary
    buffer they go there as they are (not decoded to be encoded again); a
    piece that may hold a lone surrogate (a byte 0xED) goes through the
    stream, which decides what becomes of it, as with any other output."""

    def __init__(self, stream: TextIO):
        self.stream = stream
        self.spool = tempfile.TemporaryFile(buffering=_BLOCK)
        self.lengths: list[int] = []  # of each file's pieces, one after another in the spool
        self.written = False
        self.raw = _utf8_buffer(stream)

    def add(self, result: FileResult) -> None:
        data = (result.rendered or "").encode("utf-8", "surrogatepass")
        self.lengths.append(len(data))
        if data:
            if self.raw is not None and b"\xed" in data:
                self.raw = None
            self.spool.write(data)

    def finish(self, results: Sequence[FileResult], options: ReportOptions) -> None:
        """Write the list: each file's pieces, with the run's late findings (in
        `results`, one per file added) merged in where they sort. The files
        between two that have late findings are copied in blocks."""
        self.spool.seek(0)
        pending = 0  # bytes of files with no late findings, read and written together
        for length, result in zip(self.lengths, results, strict=True):
            if not result.findings:
                pending += length
                if pending >= _BLOCK:
                    pending = self._copy(pending)
                continue
            pending = self._copy(pending)
            piece = self.spool.read(length).decode("utf-8", "surrogatepass")
            late = io.StringIO()
            emit_file(result, late, options)
            keyed = list(zip(result.rendered_keys, _items(piece), strict=True))
            late_keys = list(map(finding_order, result.findings))
            keyed += zip(late_keys, _items(late.getvalue()), strict=True)
            keyed.sort(key=lambda pair: pair[0])  # stable: a file's own finding before a late one at one key
            self._write("".join(text for _key, text in keyed))
        self._copy(pending)
        self.stream.write("\n]\n" if self.written else "[]\n")
        self.spool.close()

    def _copy(self, size: int) -> int:
        """Write the next `size` bytes of the spool (whole files' pieces); 0, what is left pending."""
        if not size:
            return 0
        data = self.spool.read(size)
        if self.raw is None:
            self._write(data.decode("utf-8", "surrogatepass"))
            return 0
        if not self.written:
            data, self.written = b"[" + data[1:], True
        self.stream.flush()  # what the stream holds goes first
        self.raw.write(data)
        return 0

    def _write(self, piece: str) -> None:
        if piece and not self.written:
            piece, self.written = "[" + piece[1:], True
        self.stream.write(piece)


# Files without late findings are copied from the spool this many bytes at a time (or more: whole files).
_BLOCK = 1024 * 1024


def _utf8_buffer(stream: TextIO) -> BinaryIO | None:
    """The binary buffer under a text stream that writes strict UTF-8 with
    line feeds as they are; None for any other stream."""
    buffer = getattr(stream, "buffer", None)
    encoding = getattr(stream, "encoding", None)
    if buffer is None or not encoding or os.linesep != "\n" or getattr(stream, "errors", None) != "strict":
        return None
    try:
        return buffer if codecs.lookup(encoding).name == "utf-8" else None
    except LookupError:
        return None


def _items(piece: str) -> list[str]:
    """A file's pieces one by one, each with its ITEM: an item opens with `{`
    at the list's indentation, which nothing inside an item does."""
    return [ITEM + "{" + text for text in piece.split(ITEM + "{")[1:]]
