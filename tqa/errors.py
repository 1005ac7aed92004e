"""The one error type for problems the user can fix: bad input, config, glossary."""

from __future__ import annotations

from tqa.text.pathnames import shown


class UserError(Exception):
    """A problem with the user's input, reported as `PATH:LINE: message`."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            path = shown(self.path)
            where = f"{path}:{self.line}: " if self.line is not None else f"{path}: "
        return where + self.message
