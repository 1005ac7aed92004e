"""JSON output: a list of findings shaped like ruff's `--output-format json`,
each also naming the language of its document, detected once per file
(`FileResult.detected_language`), and the glossary entry a finding comes from
(`glossary`: id, note, ref; null for findings of other rules)."""

from __future__ import annotations

import codecs
import os
import tempfile
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from typing import BinaryIO, TextIO

from tqa.model import Finding, GlossaryRef, finding_order
from tqa.pipeline.run import FileResult
from tqa.pipeline.tally import Tally
from tqa.report import Located, ReportOptions, json_text, ordered, positions_of
from tqa.text.document import Document
from tqa.text.snapshot import TextSnapshot


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
    return _texts([item.finding], item.doc, encode(item.result.detected_language()), encode(item.path))[0]


def file_texts(result: FileResult) -> list[str]:
    """`finding_object` of each of a file's located findings as a list item of
    indented JSON, written directly: a report has one per finding, and the
    generic writer walking its small objects costs more than the finding did.
    What does not change from finding to finding is encoded once."""
    if result.source is None or not result.findings:
        return []
    encode = json_text.encode_basestring
    language, path = encode(result.detected_language()), encode(result.input.display)
    return _texts(result.findings, positions_of(result), language, path)


# The object's text up to its message, by encoded language, code and rule name.
_HEADS: dict[str, dict[tuple[str, str], str]] = {}


def _texts(findings: Sequence[Finding], where: Document | TextSnapshot, language: str, path: str) -> list[str]:
    encode = json_text.encode_basestring
    n1 = _BREAKS[1]
    heads = _HEADS.get(language)
    if heads is None:
        heads = _HEADS[language] = {}
    # From the message to the row of the location, by severity (its value: a member hashes in Python).
    after_message: dict[str, str] = {}
    position = where.position
    starts = where.line_starts if isinstance(where, Document) else where.whole_line_starts()
    texts = []
    for finding in findings:
        code, name = finding.code, finding.name
        head = heads.get((code, name))
        if head is None:
            head = heads[code, name] = (
                f'{{{n1}"code": {encode(code)},{n1}"document_language": {language},'
                f'{n1}"name": {encode(name)},{n1}"message": '
            )
        severity = finding.severity._value_
        middle = after_message.get(severity)
        if middle is None:
            middle = after_message[severity] = f',{n1}"severity": {encode(severity)},{n1}"filename": {path}{_ROW}'
        start, end = finding.start, finding.end
        if starts is not None:  # the positions bisected here: a call each costs more
            line = bisect_right(starts, start) - 1
            row, column = line + 1, start - starts[line] + 1
            line = bisect_right(starts, end, line) - 1
            end_row, end_column = line + 1, end - starts[line] + 1
        else:
            row, column = position(start)
            end_row, end_column = position(end)
        fix = finding.fix
        if fix is None:
            fix_text = "null"
        else:
            # The fix's object, its edits in order (as `finding_object` has them).
            edits = fix.edits
            if len(edits) == 1 and edits[0].start == start and edits[0].end == end:  # most fixes: the positions known
                listed = (
                    f"{_EDIT_CONTENT}{encode(edits[0].content)}{_EDIT_ROW}{row}{_EDIT_COLUMN}{column}"
                    f"{_EDIT_END_ROW}{end_row}{_EDIT_COLUMN}{end_column}{_EDIT_END}"
                )
            else:
                pieces = []
                for edit in ordered(edits):
                    if starts is not None:
                        line = bisect_right(starts, edit.start) - 1
                        edit_row, edit_column = line + 1, edit.start - starts[line] + 1
                        line = bisect_right(starts, edit.end, line) - 1
                        edit_end_row, edit_end_column = line + 1, edit.end - starts[line] + 1
                    else:
                        edit_row, edit_column = position(edit.start)
                        edit_end_row, edit_end_column = position(edit.end)
                    pieces.append(
                        f"{_EDIT_CONTENT}{encode(edit.content)}{_EDIT_ROW}{edit_row}{_EDIT_COLUMN}{edit_column}"
                        f"{_EDIT_END_ROW}{edit_end_row}{_EDIT_COLUMN}{edit_end_column}{_EDIT_END}"
                    )
                listed = ",".join(pieces)
            fix_text = (
                f"{_FIX_APPLICABILITY}{encode(fix.applicability._value_)}{_FIX_MESSAGE}{encode(fix.title)}"
                f"{_FIX_EDITS}{f'[{listed}{_N2}]' if listed else '[]'}{_N1}}}"
            )
        glossary = "null" if finding.glossary is None else _glossary_text(finding.glossary)
        texts.append(
            f"{head}{encode(finding.message)}{middle}{row}{_COLUMN}{column}{_END_ROW}{end_row}{_COLUMN}{end_column}"
            f"{_FIX}{fix_text}{_GLOSSARY}{glossary}{_END}"
        )
    return texts


_N0, _N1, _N2, _N3, _N4, _N5 = _BREAKS
# The constant text between a finding's values, and a fix's of one edit.
_ROW = f',{_N1}"location": {{{_N2}"row": '
_COLUMN = f',{_N2}"column": '
_END_ROW = f'{_N1}}},{_N1}"end_location": {{{_N2}"row": '
_FIX = f'{_N1}}},{_N1}"fix": '
_GLOSSARY = f',{_N1}"glossary": '
_END = f"{_N0}}}"
_FIX_APPLICABILITY = f'{{{_N2}"applicability": '
_FIX_MESSAGE = f',{_N2}"message": '
_FIX_EDITS = f',{_N2}"edits": '
_EDIT_CONTENT = f'{_N3}{{{_N4}"content": '
_EDIT_ROW = f',{_N4}"location": {{{_N5}"row": '
_EDIT_COLUMN = f',{_N5}"column": '
_EDIT_END_ROW = f'{_N4}}},{_N4}"end_location": {{{_N5}"row": '
_EDIT_END = f"{_N4}}}{_N3}}}"


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
    gets them in its place, as `emit` orders them. With `held`, the pieces are
    held for the run anyway (the results cache keeps each one), and they wait
    where they are instead of being written to the temporary file and read back.

    The pieces wait as UTF-8, and where the stream writes UTF-8 to a binary
    buffer they go there as they are (not decoded to be encoded again); a
    piece that may hold a lone surrogate (a byte 0xED) goes through the
    stream, which decides what becomes of it, as with any other output."""

    def __init__(self, stream: TextIO, held: bool = False):
        self.stream = stream
        self.pieces: list[bytes] | None = [] if held else None  # each file's pieces, when held
        self.spool = None if held else tempfile.TemporaryFile(buffering=_BLOCK)
        self.lengths: list[int] = []  # of each file's pieces, one after another in the spool
        self.written = False
        self.raw = utf8_buffer(stream)

    def add(self, result: FileResult) -> None:
        rendered = result.rendered  # UTF-8 already (see `render_listed`), or text
        data = rendered if type(rendered) is bytes else (rendered or "").encode("utf-8", "surrogatepass")
        if self.raw is not None and b"\xed" in data:
            self.raw = None
        if self.pieces is not None:
            self.pieces.append(data)
            return
        self.lengths.append(len(data))
        if data:
            self.spool.write(data)

    def finish(self, results: Sequence[FileResult], options: ReportOptions) -> None:
        """Write the list: each file's pieces, with the run's late findings (in
        `results`, one per file added) merged in where they sort. The files
        between two that have late findings are copied in blocks."""
        if self.pieces is not None:
            pending: list[bytes] = []  # pieces of files with no late findings, written together
            size = 0
            for data, result in zip(self.pieces, results, strict=True):
                if not result.findings:
                    pending.append(data)
                    size += len(data)
                    if size >= _BLOCK:
                        self._put(b"".join(pending))
                        pending, size = [], 0
                    continue
                if size:
                    self._put(b"".join(pending))
                pending, size = [], 0
                self._put(self._merged(data, result, options))
            if size:
                self._put(b"".join(pending))
        else:
            self.spool.seek(0)
            spooled = 0  # bytes of files with no late findings, read and written together
            for length, result in zip(self.lengths, results, strict=True):
                if not result.findings:
                    spooled += length
                    if spooled >= _BLOCK:
                        spooled = self._copy(spooled)
                    continue
                spooled = self._copy(spooled)
                self._put(self._merged(self.spool.read(length), result, options))
            self._copy(spooled)
            self.spool.close()
        self.stream.write("\n]\n" if self.written else "[]\n")

    def _merged(self, piece: bytes, result: FileResult, options: ReportOptions) -> bytes:
        """A file's pieces with its late findings in their places, as UTF-8: its own
        pieces are not decoded to be encoded again."""
        late = file_piece(result, options).encode("utf-8", "surrogatepass")
        keyed = list(zip(result.rendered_keys, _items(piece), strict=True))
        keyed += zip(map(finding_order, result.findings), _items(late), strict=True)
        keyed.sort(key=lambda pair: pair[0])  # stable: a file's own finding before a late one at one key
        merged = b"".join(data for _key, data in keyed)
        if self.raw is not None and b"\xed" in merged:
            self.raw = None
        return merged

    def _copy(self, size: int) -> int:
        """Write the next `size` bytes of the spool (whole files' pieces); 0, what is left pending."""
        if size:
            self._put(self.spool.read(size))
        return 0

    def _put(self, data: bytes) -> None:
        """Write pieces as they waited: to the binary buffer, or through the stream (see the class)."""
        if not self.written:
            data, self.written = b"[" + data[1:], True
        write_utf8(self.stream, self.raw, data)


# Files without late findings are copied from the spool this many bytes at a time (or more: whole files).
_BLOCK = 1024 * 1024


def utf8_buffer(stream: TextIO) -> BinaryIO | None:
    """The binary buffer under a text stream that writes UTF-8 with line feeds
    as they are; None for any other stream. Its error handler does not matter
    (standard output has `surrogateescape` under a C or C.UTF-8 locale): only
    pieces without a byte 0xED go to the buffer, and they hold no lone
    surrogate, the one thing a UTF-8 error handler decides on."""
    buffer = getattr(stream, "buffer", None)
    encoding = getattr(stream, "encoding", None)
    if buffer is None or not encoding or os.linesep != "\n":
        return None
    try:
        return buffer if codecs.lookup(encoding).name == "utf-8" else None
    except LookupError:
        return None


def write_utf8(stream: TextIO, raw: BinaryIO | None, data: bytes) -> None:
    """Write UTF-8 `data` to `stream`: to its binary buffer `raw` (see
    `utf8_buffer`) as it is, after what the stream holds; through the stream
    where there is no such buffer, or where `data` may hold a lone surrogate
    (a byte 0xED), which the stream's error handler decides on."""
    if raw is None or b"\xed" in data:
        stream.write(data.decode("utf-8", "surrogatepass"))
        return
    stream.flush()  # what the stream holds goes first
    raw.write(data)


def _items(piece: bytes) -> list[bytes]:
    """A file's pieces (UTF-8) one by one, each with its ITEM: an item opens with
    `{` at the list's indentation, which nothing inside an item does."""
    return [_ITEM_OPENING + data for data in piece.split(_ITEM_OPENING)[1:]]


_ITEM_OPENING = (ITEM + "{").encode()
