"""The glossary of a run: built-in files plus the user's, validated and compiled once."""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tqa import __version__
from tqa.errors import UserError
from tqa.glossary.entry import Entry
from tqa.glossary.load import Problem, builtin_files, layered, read_glossaries
from tqa.glossary.matcher import Matcher
from tqa.glossary.validate import validate_entries
from tqa.i18n import _
from tqa.resources import user_cache_dir
from tqa.text.textio import MAX_GLOSSARY_BYTES, read_regular

GLOSSARY_CACHE_PREFIX = "glossary-"
KEPT_GLOSSARIES = 4


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
        digest.update(str(path.resolve()).encode())
        digest.update(read_regular(path, MAX_GLOSSARY_BYTES))
    return digest.hexdigest()[:12]


@cache
def _content_fingerprint(extra: tuple[Path, ...]) -> str:
    return _fingerprint(builtin_files() + list(extra))


def problems_error(problems: list[Problem]) -> UserError:
    first = problems[0]
    more = len(problems) - 1
    message = first.message
    if more:
        message += " " + _("(and {count} more; run `tqa glossary validate`)").format(count=more)
    return UserError(message, first.path, first.line)


def cache_dir() -> Path:
    """Where compiled glossaries are kept between runs (see `user_cache_dir`)."""
    return user_cache_dir()


def _code_fingerprint() -> str:
    """The code that compiles a glossary: a change to it must not reuse an old cache."""
    digest = hashlib.sha256(__version__.encode())
    for module in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(module.read_bytes())
    return digest.hexdigest()[:12]


def _cache_path(fingerprint: str) -> Path:
    return cache_dir() / f"{GLOSSARY_CACHE_PREFIX}{_code_fingerprint()}-{fingerprint}.pickle"


def _cached(fingerprint: str) -> Glossary | None:
    path = _cache_path(fingerprint)
    gc.disable()  # the collector would walk the new objects again and again while they load
    try:
        with path.open("rb") as stream:
            glossary = pickle.load(stream)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None
    finally:
        gc.enable()
    return glossary if isinstance(glossary, Glossary) and glossary.fingerprint == fingerprint else None


def _store(glossary: Glossary) -> None:
    """Keep a validated, compiled glossary for the next run; a cache that cannot be written is skipped."""
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(glossary, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, _cache_path(glossary.fingerprint))
        _evict(folder)
    except OSError:
        return


def _evict(folder: Path) -> None:
    """Keep only the newest compiled glossaries: each edit of a glossary makes another."""
    kept = sorted(folder.glob(f"{GLOSSARY_CACHE_PREFIX}*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for path in kept[KEPT_GLOSSARIES:]:
        path.unlink(missing_ok=True)


@cache
def _load(extra: tuple[Path, ...]) -> Glossary:
    """Validated and compiled once per content: the same files (by hash) reuse the
    result a previous run validated; any change is validated afresh."""
    files = builtin_files()
    fingerprint = _content_fingerprint(extra)
    glossary = _cached(fingerprint)
    if glossary is None:
        entries, matcher, problems = check_files(extra, files)
        if problems:
            raise problems_error(problems)
        glossary = Glossary(tuple(entries), matcher, fingerprint)
        _store(glossary)
    # The glossary lives as long as the process: the garbage collector need
    # not walk its tens of thousands of objects again and again.
    gc.freeze()
    return glossary


def load_glossary(extra: Sequence[str | Path] = ()) -> Glossary:
    """The built-in glossary with user files layered over it; raises UserError on any problem."""
    return _load(tuple(Path(p) for p in extra))


def validated_fingerprint(extra: Sequence[str | Path] = ()) -> str | None:
    """The fingerprint of the built-in glossary with these user files, when an
    earlier run validated and compiled that very content (its compiled form is
    in the cache): a run that finds every result cached need not load it."""
    try:
        fingerprint = _content_fingerprint(tuple(Path(p) for p in extra))
    except (OSError, UserError):
        return None
    return fingerprint if _cache_path(fingerprint).is_file() else None
