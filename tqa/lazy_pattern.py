"""Module-level regular expressions compiled on first use.

A rule module defines its patterns when it is imported, and a run whose text
never triggers the rule never uses them: compiling them all costs a check of
one paragraph more than the check itself. `lazy(pattern, flags)` stands for
`re.compile(pattern, flags)` and compiles on the first use; each method asked
for is then kept on the object, so later calls cost what they cost on the
pattern itself.
"""

from __future__ import annotations

import re
from typing import Any


class LazyPattern:
    """`re.compile(pattern, flags)`, compiled when first used."""

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = pattern  # as the compiled pattern's: other patterns are built from it without compiling this one
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self._flags)
        return self._compiled

    def __getattr__(self, name: str) -> Any:  # only names not yet kept on the object
        if name.startswith("_"):
            raise AttributeError(name)
        value = getattr(self.compiled, name)
        if callable(value):
            self.__dict__[name] = value
        return value

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r}, {self._flags})"


def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern compiled on first use (typed as the compiled pattern it stands for)."""
    return LazyPattern(pattern, flags)  # type: ignore[return-value]
