"""Reading text exactly as it is and writing it back without losing a byte."""

from __future__ import annotations

import codecs
import os
import re
from dataclasses import dataclass
from pathlib import Path

from tqa.errors import UserError
from tqa.i18n import _

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


_PLAUSIBLE = ("cp1252", "latin_1", "iso8859_15", "mac_roman", *LEGACY_CYRILLIC, "utf_16", "utf_16_le", "utf_16_be")


def _guess(data: bytes) -> str | None:
    """charset-normalizer's guess, when it is an encoding such a file plausibly has."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 1 << 16]).best()
    if best is not None and best.encoding in _PLAUSIBLE:
        return best.encoding
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return "cp1252" if not any(ord(c) < 32 and c not in "\r\n\t" for c in text) else None


def decode(data: bytes, name: str, encoding: str | None = None) -> Source:
    """UTF-8 (with or without BOM) as it is; UTF-16 with a BOM and Russian
    single-byte encodings (cp1251, koi8-r, …) detected and named in a notice;
    anything else refused with a suggestion. `encoding` forces one."""
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
    if b"\x00" in data[:_SNIFF]:
        raise UserError(_("binary file (it contains NUL bytes), not text; skipped"), name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
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
        line = data[: error.start].count(b"\n") + 1
        guess = _guess(data)
        hint = (
            _("it looks like {encoding}: run with `--encoding {encoding}`").format(encoding=guess)
            if guess
            else _("name the encoding with `--encoding`")
        )
        raise UserError(
            _("not valid UTF-8 (byte 0x{byte:02x} at offset {offset}); {hint}").format(
                byte=data[error.start], offset=error.start, hint=hint
            ),
            name,
            line,
        ) from None
    if text.startswith(BOM):
        return Source(text[1:], bom=True)
    return Source(text)


def _forced(data: bytes, name: str, encoding: str) -> Source:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise UserError(_("unknown encoding `{encoding}`").format(encoding=encoding), name) from None
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
    if text.startswith(BOM):
        return Source(text[1:], bom=True, encoding=encoding)
    return Source(text, encoding=encoding)


# A text this large is an archive, not an article: checking it whole would need
# gigabytes of memory. Split it (one article a file) instead.
MAX_FILE_BYTES = 64 * 1024 * 1024


def read_file(path: Path, encoding: str | None = None) -> Source:
    try:
        with open(path, "rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            if size > MAX_FILE_BYTES:
                raise UserError(
                    _("file of {size} MB is larger than tqa reads at once ({limit} MB); split it into articles").format(
                        size=size // (1024 * 1024), limit=MAX_FILE_BYTES // (1024 * 1024)
                    ),
                    str(path),
                )
            data = stream.read()
    except OSError as error:
        raise UserError(_("cannot read: {reason}").format(reason=error.strerror or error), str(path)) from None
    return decode(data, str(path), encoding)
