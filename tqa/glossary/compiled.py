"""The glossary of a run: built-in files plus the user's, validated and compiled once."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tqa.errors import UserError
from tqa.glossary.entry import Entry
from tqa.glossary.load import Problem, builtin_files, layered, read_glossaries
from tqa.glossary.matcher import Matcher
from tqa.glossary.validate import validate_entries
from tqa.i18n import _


@dataclass(frozen=True)
class Glossary:
    entries: tuple[Entry, ...]
    matcher: Matcher
    fingerprint: str


def check_files(paths: Sequence[Path], base: Sequence[Path] = ()) -> tuple[list[Entry], Matcher, list[Problem]]:
    """Read, compile and fully validate glossary files layered over `base` files."""
    base_entries, problems = read_glossaries(base)
    entries, extra_problems = read_glossaries(paths)
    problems.extend(extra_problems)
    merged = layered(base_entries, entries)
    matcher = Matcher(merged)
    problems.extend(validate_entries(merged, matcher))
    return merged, matcher, problems


def _fingerprint(paths: Sequence[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def problems_error(problems: list[Problem]) -> UserError:
    first = problems[0]
    more = len(problems) - 1
    message = first.message
    if more:
        message += " " + _("(and {count} more; run `tqa glossary validate`)").format(count=more)
    return UserError(message, first.path, first.line)


@cache
def _load(extra: tuple[Path, ...]) -> Glossary:
    files = builtin_files()
    entries, matcher, problems = check_files(extra, files)
    if problems:
        raise problems_error(problems)
    return Glossary(tuple(entries), matcher, _fingerprint(files + list(extra)))


def load_glossary(extra: Sequence[str | Path] = ()) -> Glossary:
    """The built-in glossary with user files layered over it; raises UserError on any problem."""
    return _load(tuple(Path(p) for p in extra))
