"""Indented JSON, written fast: exactly what `json.dump(value, stream,
ensure_ascii=False, indent=2)` writes, without its generator per value.

The standard library gives up its C encoder as soon as `indent` is set, and
then spends more on a report of many findings than tqa spends finding them.
Here strings go through the C string encoder, and each shape of object is
laid out once.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring  # the C function when _json is built, as json.dumps uses
from typing import TextIO

INDENT = "  "
ITEM = "\n" + INDENT  # where a top-level list item starts


def dumps(value: object) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=2)`."""
    return _Writer().text(value, "\n")


def dumps_at(value: object, newline: str) -> str:
    """`value` as it is written where `newline` (a line break and the indentation) is the line's."""
    return _SHARED.text(value, newline)


def dump(value: object, stream: TextIO) -> None:
    """`json.dump(value, stream, ensure_ascii=False, indent=2)`."""
    stream.write(dumps(value))


class _Writer:
    """Objects of a report share a few shapes: each shape's layout (its keys,
    punctuation and indentation) is built once, as a %-template."""

    def __init__(self) -> None:
        self.templates: dict[tuple[tuple[str, ...], str], str] = {}

    def text(self, value: object, newline: str) -> str:
        """`value` as JSON; `newline` is a line break and the current indentation."""
        kind = type(value)
        if kind is str:
            return encode_basestring(value)
        if kind is dict:
            if not value:
                return "{}"
            inner = newline + INDENT
            keys = tuple(value)
            template = self.templates.get((keys, newline))
            if template is None:
                template = self.templates[keys, newline] = _template(keys, newline)
            # Strings and integers, most of a report, written here rather than by a call each.
            return template % tuple(
                [
                    encode_basestring(item)
                    if type(item) is str
                    else int.__repr__(item)
                    if type(item) is int
                    else self.text(item, inner)
                    for item in value.values()
                ]
            )
        if kind is list or kind is tuple:
            if not value:
                return "[]"
            inner = newline + INDENT
            items = [encode_basestring(item) if type(item) is str else self.text(item, inner) for item in value]
            return "[" + inner + ("," + inner).join(items) + newline + "]"
        if value is None:
            return "null"
        if value is True:
            return "true"
        if value is False:
            return "false"
        if kind is int:
            return int.__repr__(value)
        if kind is float:
            return json.dumps(value)
        raise TypeError(f"Object of type {kind.__name__} is not JSON serializable")


def _template(keys: tuple[object, ...], newline: str) -> str:
    for key in keys:
        if type(key) is not str:
            raise TypeError(f"keys must be str, not {type(key).__name__}")
    inner = newline + INDENT
    items = ("," + inner).join(encode_basestring(key).replace("%", "%%") + ": %s" for key in keys)
    return "{" + inner + items + newline + "}"


_SHARED = _Writer()  # its layouts serve every call of dumps_at
