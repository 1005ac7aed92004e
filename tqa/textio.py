"""Reading text exactly as it is and writing it back without losing a byte."""

from __future__ import annotations

import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tqa.errors import UserError
from tqa.i18n import _

BOM = "\ufeff"
_SNIFF = 8192


@dataclass(frozen=True)
class Source:
    """Decoded text (BOM removed, line endings untouched) and how to re-encode it."""

    text: str
    bom: bool = False
    encoding: str = "utf-8"

    def encode(self, text: str) -> bytes:
        return ((BOM if self.bom else "") + text).encode(self.encoding)


def decode(data: bytes, name: str) -> Source:
    """Decode UTF-8 (with or without BOM); refuse binary data and other encodings."""
    if b"\x00" in data[:_SNIFF]:
        raise UserError(_("binary file (it contains NUL bytes), not text; skipped"), name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise UserError(
            _("not valid UTF-8 (byte 0x{byte:02x} at offset {offset}); convert the file to UTF-8").format(
                byte=data[error.start], offset=error.start
            ),
            name,
            line,
        ) from None
    if text.startswith(BOM):
        return Source(text[1:], bom=True)
    return Source(text)


def read_file(path: Path) -> Source:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UserError(_("cannot read: {reason}").format(reason=error.strerror or error), str(path)) from None
    return decode(data, str(path))


def write_atomic(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder and a rename; keep the mode."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else None
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tqa", dir=path.parent)
    except OSError as error:
        raise UserError(_("cannot write: {reason}").format(reason=error.strerror or error), str(path)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise UserError(_("cannot write: {reason}").format(reason=error.strerror or error), str(path)) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
