"""gettext catalogs: each msgstr is checked as a document of its own.

polib validates the catalog and reads its header; a small scanner finds where
each msgstr sits in the file, so findings point at the catalog's real line and
column and fixes rewrite only the msgstr blocks they change: a catalog without
fixes stays byte-identical.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tqa.errors import UserError
from tqa.i18n import _

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+"')
_CYRILLIC = re.compile("[а-яёА-ЯЁ]")
_LATIN = re.compile("[A-Za-z]")


@dataclass
class Unit:
    """One msgstr (or plural form) with its msgid and where it sits in the file."""

    msgid: str
    msgstr: str
    fuzzy: bool
    block: tuple[int, int]  # file offsets of the whole `msgstr ...` block
    offsets: list[int]  # file offset of each character of msgstr
    multiline: bool


@dataclass
class Catalog:
    units: list[Unit]
    language: str


def _unquote(line: str, start: int) -> tuple[str, list[int]]:
    """The text of one quoted PO line and each character's offset (from `start`)."""
    first = line.index('"')
    last = line.rindex('"')
    chars: list[str] = []
    offsets: list[int] = []
    index = first + 1
    while index < last:
        char = line[index]
        if char == "\\" and index + 1 < last:
            chars.append(_ESCAPES.get(line[index + 1], line[index + 1]))
            offsets.append(start + index)
            index += 2
            continue
        chars.append(char)
        offsets.append(start + index)
        index += 1
    return "".join(chars), offsets


# What str.splitlines breaks at besides `\n` and `\r\n`: inside a PO line they are text.
_NOT_A_LINE_END = re.compile("\r(?!\n)|[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# A comment polib ignores; its NUL keeps polib from taking the text for a file name.
_NOT_A_FILE_NAME = "\n# \0"


def _validated(text: str, name: str):
    """polib's reading of the catalog, given only its text: polib opens its
    argument as a file when a file of that name exists, and splits lines with
    str.splitlines, so other line breaks are masked and a NUL added first."""
    import polib

    try:
        return polib.pofile(_NOT_A_LINE_END.sub("\ufffd", text) + _NOT_A_FILE_NAME)
    except (OSError, ValueError) as error:
        line = re.search(r"line (\d+)", str(error))
        number = min(int(line.group(1)), text.count("\n") + 1) if line else None
        raise UserError(_("not a valid PO catalog: {error}").format(error=error), name, number) from None


def lines(text: str) -> list[str]:
    """The file's lines with their ends; a line ends only at LF (so also at CR LF)."""
    return [line for line in re.split(r"(?<=\n)", text) if line]


def parse(text: str, name: str) -> Catalog:
    catalog = _validated(text, name)
    units: list[Unit] = []
    fields: dict[str, tuple[str, list[int], tuple[int, int], bool]] = {}
    fuzzy = False
    current: str | None = None
    position = 0

    def flush() -> None:
        nonlocal fields, fuzzy
        msgid = fields.get("msgid", ("", [], (0, 0), False))[0]
        for key, (value, offsets, block, multiline) in sorted(fields.items()):
            if key.startswith("msgstr") and msgid:
                units.append(Unit(msgid, value, fuzzy, block, offsets, multiline))
        fields, fuzzy = {}, False

    for line in lines(text):
        stripped = line.removesuffix("\n").removesuffix("\r")
        keyword = _KEYWORD.match(stripped)
        if keyword:
            if keyword.group(1) in ("msgctxt", "msgid") and any(k.startswith("msgstr") for k in fields):
                flush()
            current = keyword.group(1)
            value, offsets = _unquote(stripped, position)
            fields[current] = (value, offsets, (position, position + len(stripped)), False)
        elif stripped.startswith('"') and current is not None:
            value, offsets = _unquote(stripped, position)
            old_value, old_offsets, (block_start, _end), _multi = fields[current]
            fields[current] = (old_value + value, old_offsets + offsets, (block_start, position + len(stripped)), True)
        else:
            if stripped.startswith("#,") and "fuzzy" in stripped:
                if any(k.startswith("msgstr") for k in fields):
                    flush()
                fuzzy = True
            if not stripped.strip() and fields:
                flush()
            current = None
        position += len(line)
    if fields:
        flush()
    return Catalog(units, catalog.metadata.get("Language", ""))


def source_is_russian(catalog: Catalog) -> bool:
    """Whether the msgids are Russian (a catalog translating Russian into English)."""
    cyrillic = sum(len(_CYRILLIC.findall(u.msgid)) for u in catalog.units)
    latin = sum(len(_LATIN.findall(u.msgid)) for u in catalog.units)
    return cyrillic > latin


def target_is_english(catalog: Catalog) -> bool:
    if catalog.language:
        return catalog.language.lower().startswith("en")
    cyrillic = sum(len(_CYRILLIC.findall(u.msgstr)) for u in catalog.units)
    latin = sum(len(_LATIN.findall(u.msgstr)) for u in catalog.units)
    return latin >= cyrillic


def file_offset(unit: Unit, offset: int) -> int:
    """Where a character offset of the msgstr lies in the file."""
    if not unit.offsets:
        return unit.block[1] - 1
    if offset >= len(unit.offsets):
        return unit.offsets[-1] + 1
    return unit.offsets[offset]


def serialise(keyword: str, value: str, multiline: bool, newline: str) -> str:
    """A msgstr block in the shape it had: one line, or `""` and one line per `\\n`."""
    import polib

    if not multiline:
        return f'{keyword} "{polib.escape(value)}"'
    pieces = [piece for piece in re.split(r"(?<=\n)", value) if piece]
    return newline.join([f'{keyword} ""', *(f'"{polib.escape(piece)}"' for piece in pieces)])


def rewrite(text: str, changes: list[tuple[Unit, str]]) -> str:
    """The catalog with the msgstr blocks of `changes` replaced, all else untouched."""
    newline = "\r\n" if "\r\n" in text else "\n"
    pieces: list[str] = []
    position = 0
    for unit, value in sorted(changes, key=lambda change: change[0].block[0]):
        start, end = unit.block
        keyword = text[start:end].split(" ", 1)[0]
        pieces.append(text[position:start])
        pieces.append(serialise(keyword, value, unit.multiline, newline))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)
