"""tqa: a translation-quality linter for English text machine-translated from Russian.

The library's surface (see the README's "Python API"): `check_text`,
`fix_text` and `check_paths`, the records they return (`Finding`, `FixResult`,
`FileReport`) and `UserError`, the one error they raise for bad input. They are
imported on first use, so `import tqa` stays cheap for the command line.
"""

from __future__ import annotations

__version__ = "0.1.0"

# Type checkers take this name as typing.TYPE_CHECKING; importing typing itself
# would cost `import tqa` (and every start of the command line) a few milliseconds.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from tqa.api import FileReport, Finding, FixResult, check_paths, check_text, fix_text
    from tqa.errors import UserError

__all__ = ["FileReport", "Finding", "FixResult", "UserError", "__version__", "check_paths", "check_text", "fix_text"]

_EXPORTS = {
    "FileReport": "tqa.api",
    "Finding": "tqa.api",
    "FixResult": "tqa.api",
    "check_paths": "tqa.api",
    "check_text": "tqa.api",
    "fix_text": "tqa.api",
    "UserError": "tqa.errors",
}


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'tqa' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
