"""Data that costs more to build than to read, kept in the cache folder between runs.

A large word list or a lexicon takes a Python process longer to load than to
check a megabyte of text. `built` keeps a built value in a store that a run
reads only as far as it asks (`tqa.lazystore`: a large word list is looked up
in place, the items of a `LazyList` or `LazyDict` are read one by one); `Answers`
keeps the answers a lexicon gave, so that a run which asks only what earlier
runs asked never loads it. Both are keyed by a version string (the library's),
written atomically, and rebuilt when missing, stale or unreadable: a corrupt
file is never an error. `tqa clean` removes them.
"""

from __future__ import annotations

import atexit
import hashlib
import importlib.util
import os
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TypeVar

from tqa.lazystore import StoreError, dumps, load
from tqa.resources import user_cache_dir, write_cache_file

KEPT_PREFIX = "kept-"
T = TypeVar("T")


def _path(name: str, version: str) -> Path:
    digest = hashlib.sha256(f"{name}\0{version}".encode()).hexdigest()[:12]
    return user_cache_dir() / f"{KEPT_PREFIX}{name}-{digest}.store"


def _read(path: Path, rebuild: Callable[[], bytes] | None = None) -> object | None:
    try:
        return load(path, rebuild)
    except StoreError:  # missing, damaged, or from another Python: rebuilt
        return None


def _write(path: Path, value: object, in_parts: bool = True) -> bytes:
    """Atomically (a cache folder that cannot be written is skipped); the bytes kept."""
    data = dumps(value, in_parts)
    write_cache_file(path, data)
    return data


def installed_version(package: str) -> str:
    """What tells one installation of a package from another, without importing it."""
    spec = importlib.util.find_spec(package)
    return str(os.stat(spec.origin).st_mtime_ns) if spec is not None and spec.origin else ""


def built(name: str, version: str, build: Callable[[], T], kind: type) -> T:
    """`build()`, or the value an earlier run built with the same `version`
    (it must be of type `kind`)."""
    path = _path(name, version)
    value = _read(path, rebuild=lambda: _write(path, build()))
    if isinstance(value, kind):
        return value  # type: ignore[return-value]
    value = build()
    _write(path, value)
    _evict(name, path)
    return value


def _evict(name: str, written: Path, kept: int = 4) -> None:
    """Keep only the newest few versions of a value, the one just written
    among them: each new version of a glossary or a library makes another."""
    try:
        others = [(p.stat().st_mtime_ns, p) for p in user_cache_dir().glob(f"{KEPT_PREFIX}{name}-*") if p != written]
        for _time, path in sorted(others, reverse=True)[kept - 1 :]:
            path.unlink(missing_ok=True)
    except OSError:
        return


class Answers:
    """A deterministic lookup's answers, kept: `ask(key, compute)` calls
    `compute()` only for a key no run has asked before. New answers are
    written whenever they have doubled the answers on disk, and the rest when
    the process ends: compiling a glossary asks thousands, and writing every
    answer at once made that quadratic."""

    def __init__(self, name: str, version: str):
        self.path = _path(name, version)
        self._known: dict | None = None
        self._saved = 0  # answers the file holds
        self._save_at_exit = False

    def ask(self, key: Hashable, compute: Callable[[], T]) -> T:
        known = self._known
        if known is None:
            read = _read(self.path)
            known = self._known = read if isinstance(read, dict) else {}
            self._saved = len(known)
        if key in known:
            return known[key]
        value = known[key] = compute()
        if len(known) >= 2 * self._saved:
            self.save()
        elif not self._save_at_exit:
            atexit.register(self.save)
            self._save_at_exit = True
        return value

    def save(self) -> None:
        """Write the answers not yet on disk."""
        if self._known is not None and len(self._known) != self._saved:
            _write(self.path, self._known, in_parts=False)
            self._saved = len(self._known)
