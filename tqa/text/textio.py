"""Reading text exactly as it is and writing it back without losing a byte."""

from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from tqa.errors import UserError
from tqa.i18n import _, ngettext
from tqa.os_errors import os_reason

BOM = "\ufeff"
_SNIFF = 8192


_UTF16_BOMS = ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
# Single-byte encodings Russian text still arrives in, most common first.
LEGACY_CYRILLIC = ("cp1251", "koi8_r", "mac_cyrillic", "cp866", "iso8859_5")
_CYRILLIC_WORD = re.compile("[а-яёА-ЯЁ]{2,}")


@dataclass(frozen=True)
class Source:
    """Decoded text (BOM removed, line endings untouched) and how to re-encode it."""

    text: str
    bom: bool = False
    encoding: str = "utf-8"
    notice: str | None = None

    def encode(self, text: str, name: str = "") -> bytes:
        try:
            return ((BOM if self.bom else "") + text).encode(self.encoding)
        except UnicodeEncodeError as error:
            raise UserError(
                _(
                    "the fixed text has `{char}`, which {encoding} cannot hold; nothing written (convert the file to UTF-8 first)"
                ).format(char=error.object[error.start], encoding=self.encoding),
                name or None,
            ) from None


_RUSSIAN_LETTER = re.compile("[а-яёА-ЯЁ]")
_FOREIGN_CYRILLIC = re.compile("[\u0400-\u04ff]")
_PUNCTUATION = r"\w\s.,;:!?«»„“”\"'()\[\]—–\-…/"
_GLUED_SYMBOL = re.compile(rf"(?<=[а-яёА-ЯЁ])[^{_PUNCTUATION}]|[^{_PUNCTUATION}](?=[а-яёА-ЯЁ])")
_FREQUENT = set("оеаинтсрвлкмдпуОЕАИНТСРВЛКМДПУ")
_MIN_LETTERS = 4
_MIN_SCORE = 0.55
_MIN_MARGIN = 0.05


_TOML_POSITION = re.compile(r"\(at line (\d+), column \d+\)")


def russian_score(text: str) -> float:
    """How much decoded text reads as Russian: its words are lower case,
    Capitalised or short CAPS (a wrong decoding gives `РТПЧПЛБГЙС`), its letters
    are the frequent ones, and no stray Serbian or symbol characters sit among them."""
    letters = _RUSSIAN_LETTER.findall(text)
    if len(letters) < _MIN_LETTERS:
        return 0.0
    words = _CYRILLIC_WORD.findall(text)
    shape = sum(
        1 for w in words if w.islower() or (w[0].isupper() and w[1:].islower()) or (w.isupper() and len(w) <= 6)
    ) / max(len(words), 1)
    frequent = sum(1 for c in letters if c in _FREQUENT) / len(letters)
    foreign = (len(_FOREIGN_CYRILLIC.findall(text)) - len(letters) + len(_GLUED_SYMBOL.findall(text))) / len(letters)
    return shape * frequent - 2 * foreign


def _legacy_cyrillic(data: bytes) -> tuple[str, str] | None:
    """The single-byte Cyrillic encoding whose decoding clearly reads as Russian, if any."""
    scored = []
    for encoding in LEGACY_CYRILLIC:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        scored.append((russian_score(text), encoding, text))
    scored.sort(key=lambda item: (-item[0], LEGACY_CYRILLIC.index(item[1])))
    if not scored or scored[0][0] < _MIN_SCORE:
        return None
    score, encoding, text = scored[0]
    words = set(_CYRILLIC_WORD.findall(text))
    # Encodings that agree on most words (cp1251 and mac_cyrillic differ only in
    # capitals) are no rivals: of those, the more common one wins.
    agreeing = [item for item in scored if len(words - set(_CYRILLIC_WORD.findall(item[2]))) <= len(words) / 3]
    rivals = [item[0] for item in scored if item not in agreeing]
    if rivals and score - max(rivals) < _MIN_MARGIN:
        return None
    _, encoding, text = min(
        (item for item in agreeing if item[0] >= score - _MIN_MARGIN), key=lambda item: LEGACY_CYRILLIC.index(item[1])
    )
    return encoding, text


_PLAUSIBLE = ("cp1252", "latin_1", "iso8859_15", "mac_roman", *LEGACY_CYRILLIC)
# Characters a text file has no business holding: a decoding that yields them is wrong.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_UNDECODABLE = re.compile("[\udc80-\udcff]")
_MULTIBYTE = re.compile("[^\x00-\x7f\udc80-\udcff]")


def _plausible(data: bytes, encoding: str) -> bool:
    """Whether the whole file decodes in `encoding` into text without control characters."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return not _CONTROL.search(text)


def _guess(data: bytes) -> str | None:
    """charset-normalizer's guess, when the whole file plausibly is in it."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 1 << 16]).best()
    if best is not None and best.encoding in _PLAUSIBLE and _plausible(data, best.encoding):
        return best.encoding
    return "cp1252" if _plausible(data, "cp1252") else None


def _utf16_without_bom(data: bytes) -> str | None:
    """The byte order of UTF-16 text without a byte order mark: one byte of
    each pair is nearly always the same (0 for Latin letters, 4 for Cyrillic)."""
    sample = data[:_SNIFF] if len(data[:_SNIFF]) % 2 == 0 else data[: _SNIFF - 1]
    if len(sample) < 4:
        return None
    for codec, high in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        common = high.count(0) + high.count(4)
        if common >= 0.9 * len(high) and _plausible(data if len(data) % 2 == 0 else data[:-1], codec):
            return codec
    return None


def _mostly_utf8(data: bytes) -> tuple[int, int] | None:
    """(invalid bytes, line of the first) when the file reads as UTF-8 but for
    a few bytes: it has at least as many valid multi-byte characters as invalid
    bytes. Such a file is damaged UTF-8, not another encoding."""
    text = data.decode("utf-8", "surrogateescape")
    invalid = len(_UNDECODABLE.findall(text))
    valid = len(_MULTIBYTE.findall(text))
    if not valid or invalid > valid:
        return None
    first = _UNDECODABLE.search(text)
    return invalid, (text.count("\n", 0, first.start()) + 1 if first else 1)


def decode(data: bytes, name: str, encoding: str | None = None, option: bool = True) -> Source:
    """UTF-8 (with or without BOM) as it is; UTF-16 with a BOM and Russian
    single-byte encodings (cp1251, koi8-r, …) detected and named in a notice;
    anything else refused with a suggestion (of `--encoding` when `option`:
    the command has it). `encoding` forces one."""
    if encoding:
        return _forced(data, name, encoding)
    for mark, codec in _UTF16_BOMS:
        if data.startswith(mark):
            try:
                return Source(
                    data[2:].decode(codec),
                    bom=True,
                    encoding=codec,
                    notice=_("read as {encoding} (byte order mark)").format(encoding=codec),
                )
            except UnicodeDecodeError:
                break
    if data.find(b"\x00", 0, _SNIFF) >= 0:  # not `in data[:_SNIFF]`: no copy of the file's head
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            raise UserError(
                _("this looks like {encoding} text without a byte order mark; {hint}").format(
                    encoding=utf16, hint=_advice(utf16, option)
                ),
                name,
            )
        raise UserError(_("binary file (it contains NUL bytes), not text; skipped"), name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        if _mostly_utf8(data) is not None:
            raise _not_utf8(data, name, error, option) from None
        detected = _legacy_cyrillic(data)
        if detected is not None:
            codec, text = detected
            return Source(
                text,
                encoding=codec,
                notice=_("not UTF-8: read as {encoding} (detected); fixes are written back in {encoding}").format(
                    encoding=codec
                ),
            )
        raise _not_utf8(data, name, error, option) from None
    if text.startswith(BOM):
        return Source(text[1:], bom=True)
    return Source(text)


def _advice(encoding: str, option: bool) -> str:
    if option:
        return _("run with `--encoding {encoding}`").format(encoding=encoding)
    return _("convert it to UTF-8 first (for example `iconv -f {encoding} -t UTF-8`)").format(encoding=encoding)


def _not_utf8(data: bytes, name: str, error: UnicodeDecodeError, option: bool) -> UserError:
    """The error for a file that is not UTF-8: where it breaks, and an encoding
    only when the whole file plausibly is in it."""
    line = data[: error.start].count(b"\n") + 1
    damaged = _mostly_utf8(data)
    if damaged is not None:
        count, line = damaged
        message = ngettext(
            "not valid UTF-8: {count} invalid byte, 0x{byte:02x} at offset {offset}, though the rest reads as UTF-8; "
            "replace or remove it (no other encoding fits this file)",
            "not valid UTF-8: {count} invalid bytes, the first 0x{byte:02x} at offset {offset}, though the rest reads "
            "as UTF-8; replace or remove them (no other encoding fits this file)",
            count,
        )
        return UserError(message.format(count=count, byte=data[error.start], offset=error.start), name, line)
    guess = _guess(data)
    hint = (
        _("it looks like {encoding}: {advice}").format(encoding=guess, advice=_advice(guess, option))
        if guess
        else _("name the encoding with `--encoding`")
        if option
        else _("convert it to UTF-8 first")
    )
    return UserError(
        _("not valid UTF-8 (byte 0x{byte:02x} at offset {offset}); {hint}").format(
            byte=data[error.start], offset=error.start, hint=hint
        ),
        name,
        line,
    )


# Codecs Python names encodings that are not text encodings a file is written in:
# they escape characters (`\n` as two characters) or encode domain names.
_NOT_FILE_ENCODINGS = ("unicode_escape", "raw_unicode_escape", "punycode", "idna", "undefined")


def text_encoding(name: str) -> str:
    """`name` when it is a text encoding files are written in; else a UserError
    (`rot13`, `base64`, `zlib`, `unicode_escape`, … are codecs, not encodings)."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise UserError(_("unknown encoding `{encoding}`").format(encoding=name)) from None
    if not info._is_text_encoding or info.name.replace("-", "_") in _NOT_FILE_ENCODINGS:
        raise UserError(
            _(
                "`{encoding}` is not a text encoding files are written in; name one such as utf-8, cp1251 or koi8_r"
            ).format(encoding=name)
        )
    return name


def _forced(data: bytes, name: str, encoding: str) -> Source:
    """Read as `encoding`, which must give back the very same bytes (or the
    file could not be written back unchanged outside the fixes)."""
    try:
        text_encoding(encoding)
    except UserError as error:
        raise UserError(error.message, name) from None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise UserError(
            _("cannot be read as {encoding} (byte 0x{byte:02x} at offset {offset})").format(
                encoding=encoding, byte=data[error.start], offset=error.start
            ),
            name,
            data[: error.start].count(b"\n") + 1,
        ) from None
    if not codecs.lookup(encoding).name.startswith("utf"):
        damaged = _mostly_utf8(data)
        if damaged is not None:
            count, line = damaged
            message = (
                ngettext(
                    "this file is UTF-8 but for {count} invalid byte; read as {encoding} its other characters "
                    "would be garbled: repair that byte and drop --encoding",
                    "this file is UTF-8 but for {count} invalid bytes; read as {encoding} its other characters "
                    "would be garbled: repair those bytes and drop --encoding",
                    count,
                )
                if count
                else _(
                    "this file is valid UTF-8; read as {encoding} its other characters would be garbled: drop --encoding"
                )
            )
            raise UserError(message.format(count=count, encoding=encoding), name, line)
    try:
        round_trip = text.encode(encoding) == data
    except UnicodeEncodeError:
        round_trip = False
    if not round_trip:
        raise UserError(
            _("read as {encoding}, the file would not be written back byte for byte; name its real encoding").format(
                encoding=encoding
            ),
            name,
        )
    if text.startswith(BOM):
        return Source(text[1:], bom=True, encoding=encoding)
    return Source(text, encoding=encoding)


# A text this large is an archive, not an article: checking it whole would need
# gigabytes of memory. Split it (one article a file) instead.
MAX_FILE_BYTES = 64 * 1024 * 1024
# How much more than its size a file that grows while read is read at a time
# (below what malloc hands to mmap: a run asks this once a file, to see the end).
_GROWTH = 64 * 1024


def read_regular(path: str | os.PathLike[str], limit: int | None = None) -> bytes:
    """The bytes of a regular file, at most `limit` of them: a FIFO, a device
    (a link to /dev/zero) or a folder is refused before it can block or run
    on, and a file that grows past `limit` while read is refused too."""
    name = os.fspath(path)
    limit = MAX_FILE_BYTES if limit is None else limit
    try:
        handle = os.open(name, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise UserError(_("cannot read: {reason}").format(reason=os_reason(error)), name) from None
    try:
        status = os.fstat(handle)
        if stat.S_ISDIR(status.st_mode):
            raise UserError(_("is a folder, not a file"), name)
        if not stat.S_ISREG(status.st_mode):
            raise UserError(_("not a regular file (a FIFO, socket or device); tqa reads only regular files"), name)
        if status.st_size > limit:
            raise UserError(_too_large(status.st_size, limit), name)
        return _read_all(handle, name, status.st_size, limit)
    finally:
        os.close(handle)


def _read_all(handle: int, name: str, size: int, limit: int) -> bytes:
    """At most `limit` bytes (and one more, to tell a file past it) from a file
    descriptor whose file had `size` bytes; straight from the descriptor, as a
    run reads thousands of small files. A read asks for one byte more than the
    file should still hold: a file that grew since shows it, one that did not
    is read in one call (os.read sets aside as much as it is asked for)."""
    parts, total, wanted = [], 0, min(size, limit) + 1
    try:
        while chunk := os.read(handle, wanted):
            parts.append(chunk)
            total += len(chunk)
            if total > limit:
                raise UserError(_too_large(total, limit), name)
            if total == size:
                break  # fewer bytes than asked for: the end, where the file's status put it
            wanted = min(size - total if total < size else _GROWTH, limit - total) + 1
    except OSError as error:
        raise UserError(_("cannot read: {reason}").format(reason=os_reason(error)), name) from None
    return parts[0] if len(parts) == 1 else b"".join(parts)


def read_stream(stream: BinaryIO, name: str, limit: int | None = None) -> bytes:
    """At most `limit` bytes of a stream (standard input): an endless one is refused, not read to exhaustion."""
    limit = MAX_FILE_BYTES if limit is None else limit
    try:
        data = stream.read(limit + 1)
    except OSError as error:
        raise UserError(_("cannot read: {reason}").format(reason=os_reason(error)), name) from None
    if len(data) > limit:
        raise UserError(_too_large(len(data), limit), name)
    return data


def _too_large(size: int, limit: int) -> str:
    if size > limit + 1:
        return _("file of {size} MB is larger than tqa reads at once ({limit} MB); split it into articles").format(
            size=size // (1024 * 1024), limit=limit // (1024 * 1024)
        )
    return _("more than {limit} MB, more than tqa reads at once; split it into articles").format(
        limit=max(limit // (1024 * 1024), 1)
    )


def read_file(path: str | os.PathLike[str], encoding: str | None = None, option: bool = True) -> Source:
    return decode(read_regular(path), os.fspath(path), encoding, option)


# Configuration, glossary and baseline files are small; these caps keep a
# hostile one (a device, a 2 GB file) from exhausting memory.
MAX_CONFIG_BYTES = 1024 * 1024
MAX_GLOSSARY_BYTES = 16 * 1024 * 1024
_DEEP_NESTING = re.compile(r"[\[{](?:\s*[\[{]){49}")


def read_text_file(path: Path, limit: int) -> str:
    """A small UTF-8 file (configuration, glossary, baseline) read with a cap."""
    data = read_regular(path, limit)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UserError(
            _("not valid UTF-8 (byte 0x{byte:02x} at offset {offset})").format(
                byte=data[error.start], offset=error.start
            ),
            str(path),
            data[: error.start].count(b"\n") + 1,
        ) from None


def toml_data(text: str, name: str) -> dict:
    """The data of a TOML text, or a UserError naming `name` and the line where it breaks."""
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        position = _TOML_POSITION.search(str(error))
        message = _TOML_POSITION.sub("", str(error)).strip()
        line = int(position.group(1)) if position else 1
        raise UserError(_("invalid TOML: {error}").format(error=message), name, line) from None
    except RecursionError:
        raise UserError(_("invalid TOML: arrays or tables nested too deeply"), name, deep_nesting_line(text)) from None


def deep_nesting_line(text: str) -> int:
    """The line where brackets nest fifty deep (what a parser gives up on), else 1."""
    match = _DEEP_NESTING.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else 1
