"""How a file name is shown in every output: one printable line, the same in each format.

A name the file system gives as bytes that are not UTF-8 reaches Python with
those bytes as lone surrogates (PEP 383), which no UTF-8 stream can carry; a
name may also hold a line break, which would split a line of output in two.
Such characters are written as Python writes them in a string: an undecodable
byte as `\\xNN`, a control character as `\\n`, `\\r`, `\\t` or `\\xNN`, a line or
paragraph separator as `\\u2028`/`\\u2029`.
"""

from __future__ import annotations

import re

_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"  # the undecodable byte itself
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def shown(name: str) -> str:
    """`name` with undecodable bytes and control characters escaped; unchanged when it has none."""
    return _UNPRINTABLE.sub(_escape, name)
