"""Colour in text reports: on a terminal, unless NO_COLOR; FORCE_COLOR or
`--color always` force it, `--color never` turns it off."""

from __future__ import annotations

import os
from typing import TextIO

from tqa.model import Applicability

_CODES = {
    "path": "1",  # bold
    "code": "1;31",  # bold red
    "safe": "32",  # green
    "unsafe": "33",  # yellow
    "display": "2",  # dim
    "gutter": "34",  # blue
    "caret": "1;31",
}
APPLICABILITY_ROLE = {Applicability.SAFE: "safe", Applicability.UNSAFE: "unsafe", Applicability.DISPLAY_ONLY: "display"}


def wanted(choice: str, stream: TextIO) -> bool:
    """Whether to colour `stream`, for `--color auto|always|never`."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return is_terminal(stream) and os.environ.get("TERM") != "dumb"


def is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def paint(text: str, role: str, enabled: bool) -> str:
    return f"\x1b[{_CODES[role]}m{text}\x1b[0m" if enabled and text else text
