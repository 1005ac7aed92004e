"""The glossary of a run: built-in files plus the user's, validated and compiled once."""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
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
from tqa.lazystore import LazyList, StoreError, dumps, load
from tqa.resources import keep_newest, user_cache_dir, write_cache_file
from tqa.text.kept import Answers
from tqa.text.textio import MAX_GLOSSARY_BYTES, read_regular

GLOSSARY_CACHE_PREFIX = "glossary-"
KEPT_GLOSSARIES = 4


@dataclass(frozen=True)
class Glossary:
    entries: Sequence[Entry]
    matcher: Matcher
    fingerprint: str


def check_files(paths: Sequence[Path], base: Sequence[Path] = ()) -> tuple[list[Entry], Matcher, list[Problem]]:
    """Read, compile and fully validate glossary files layered over `base` files."""
    base_entries, problems = read_glossaries(base)
    entries, extra_problems = read_glossaries(paths)
    problems.extend(extra_problems)
    merged = LazyList(layered(base_entries, entries))  # a compiled glossary keeps each entry apart
    matcher = Matcher(merged)
    problems.extend(validate_entries(merged, matcher))
    return merged, matcher, problems


def _file_digest(path: Path) -> bytes:
    """A glossary file's content: where it is has no say in a finding, so the
    same glossary anywhere (another checkout, another install) has the same
    fingerprint, and results cached or signed with it stay valid."""
    return hashlib.sha256(read_regular(path, MAX_GLOSSARY_BYTES)).digest()


class _FileDigests:
    """Content digests of glossary files, read again whenever a file's size or
    times change. A file changed in the last `RECENT_NS` is read every time: a
    second edit within the same clock tick would leave its times as they were."""

    RECENT_NS = 2_000_000_000

    def __init__(self) -> None:
        self.known: dict[Path, tuple[tuple[int, ...], bytes]] = {}

    def __call__(self, path: Path) -> bytes:
        try:
            info = path.stat()
        except OSError:
            return _file_digest(path)  # says what is wrong with the path
        stamp = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
        known = self.known.get(path)
        if known is not None and known[0] == stamp:
            return known[1]
        digest = _file_digest(path)
        if time.time_ns() - max(info.st_mtime_ns, info.st_ctime_ns) > self.RECENT_NS:
            self.known[path] = (stamp, digest)
        else:
            self.known.pop(path, None)
        return digest


_digests = _FileDigests()


@cache
def _builtin_hash() -> hashlib._Hash:
    """The built-in glossary ships with tqa: read once per process, and only
    when a file's size or times changed since an earlier run read it (its
    digest is kept in the cache folder; a file changed in the last
    `_FileDigests.RECENT_NS` is read every time)."""
    known = Answers("glossary-digests", __version__)
    digest = hashlib.sha256()
    now = time.time_ns()
    for path in builtin_files():
        info = path.stat()
        if now - max(info.st_mtime_ns, info.st_ctime_ns) <= _FileDigests.RECENT_NS:
            digest.update(_file_digest(path))
            continue
        stamp = (str(path), info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
        digest.update(known.ask(stamp, lambda path=path: _file_digest(path)))
    return digest


@cache
def _builtin_fingerprint() -> str:
    return _builtin_hash().hexdigest()[:12]


def _fingerprint(extra: Sequence[Path]) -> str:
    """The content of the built-in glossary and the user's files, in the order
    they are layered (asked for every document: cheap)."""
    if not extra:
        return _builtin_fingerprint()
    digest = _builtin_hash().copy()
    for path in extra:
        digest.update(_digests(path))
    return digest.hexdigest()[:12]


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


@cache
def code_fingerprint() -> str:
    """The code that compiles a glossary: a change to it must not reuse an old cache."""
    digest = hashlib.sha256(__version__.encode())
    for module in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(module.read_bytes())
    return digest.hexdigest()[:12]


@cache
def _builtin_place() -> bytes:
    return "\0".join(map(str, builtin_files())).encode()


def _place(extra: Sequence[Path]) -> str:
    """Where the glossary's files are, as its entries record them (`Entry.path`:
    `tqa glossary list` shows it, the glossary's own checks read the file
    again): a compiled glossary is kept for its content at its place."""
    digest = hashlib.sha256(_builtin_place())
    for path in extra:
        digest.update(b"\0" + str(path).encode())
    return digest.hexdigest()[:12]


def _cache_path(fingerprint: str, place: str) -> Path:
    return cache_dir() / f"{GLOSSARY_CACHE_PREFIX}{code_fingerprint()}-{fingerprint}-{place}.store"


def _cached(extra: tuple[Path, ...], fingerprint: str) -> Glossary | None:
    """The compiled glossary an earlier run kept (see `tqa.lazystore`: a run
    reads only the entries its text needs); None when there is none to trust."""
    try:
        glossary = load(_cache_path(fingerprint, _place(extra)), rebuild=lambda: _rebuilt(extra, fingerprint))
    except StoreError:
        return None
    return glossary if isinstance(glossary, Glossary) and glossary.fingerprint == fingerprint else None


def _rebuilt(extra: tuple[Path, ...], fingerprint: str) -> bytes:
    """The kept form of the glossary made afresh, for a kept file found damaged while in use."""
    if _fingerprint(extra) != fingerprint:
        raise StoreError("the glossary changed while a damaged copy of it was in use")
    return _store(_checked(extra, fingerprint), extra)


def _store(glossary: Glossary, extra: tuple[Path, ...]) -> bytes:
    """Keep a validated, compiled glossary for the next run (atomically; a
    cache that cannot be written is skipped); its kept form."""
    data = dumps(glossary)
    if write_cache_file(_cache_path(glossary.fingerprint, _place(extra)), data):
        _evict(cache_dir())
    return data


def _evict(folder: Path) -> None:
    """Keep only the newest compiled glossaries: each edit of a glossary makes another."""
    keep_newest(folder, f"{GLOSSARY_CACHE_PREFIX}*", KEPT_GLOSSARIES)


class _Loaded:
    """Compiled glossaries of this process by content and files: an edited
    glossary file gives a new fingerprint and is compiled afresh, while the same
    content from the same files is compiled once. Only the last few are kept. A
    program's threads may share it."""

    def __init__(self, size: int = KEPT_GLOSSARIES) -> None:
        self.size = size
        self.glossaries: OrderedDict[tuple[str, tuple[Path, ...]], Glossary] = OrderedDict()
        self.lock = threading.Lock()
        self.newest: tuple[tuple[str, tuple[Path, ...]], Glossary] | None = None

    def __call__(self, extra: tuple[Path, ...]) -> Glossary:
        key = (_fingerprint(extra), extra)
        newest = self.newest
        if newest is not None and newest[0] == key:
            return newest[1]  # asked for by every rule of every document: no lock, no reordering
        with self.lock:
            glossary = self.glossaries.get(key)
            if glossary is None:
                glossary = _compile(extra, key[0])
                self.glossaries[key] = glossary
                while len(self.glossaries) > self.size:
                    self.glossaries.popitem(last=False)
            self.glossaries.move_to_end(key)
            self.newest = (key, glossary)
            return glossary


def _compile(extra: tuple[Path, ...], fingerprint: str) -> Glossary:
    """Validated and compiled once per content: the same files (by hash) reuse the
    result a previous run validated; any change is validated afresh."""
    glossary = _cached(extra, fingerprint)
    if glossary is None:
        glossary = _checked(extra, fingerprint)
        _store(glossary, extra)
    return glossary


def _checked(extra: tuple[Path, ...], fingerprint: str) -> Glossary:
    entries, matcher, problems = check_files(extra, builtin_files())
    if problems:
        raise problems_error(problems)
    return Glossary(entries, matcher, fingerprint)


_loaded = _Loaded()


def load_glossary(extra: Sequence[str | Path] = ()) -> Glossary:
    """The built-in glossary with user files layered over it; raises UserError on any problem."""
    return _loaded(tuple(map(Path, extra)) if extra else ())  # asked for by every rule of every document


def validated_fingerprint(extra: Sequence[str | Path] = ()) -> str | None:
    """The fingerprint of the built-in glossary with these user files, when an
    earlier run validated and compiled that very content (its compiled form is
    in the cache): a run that finds every result cached need not load it."""
    paths = tuple(Path(p) for p in extra)
    try:
        fingerprint = _fingerprint(paths)
    except (OSError, UserError):
        return None
    return fingerprint if _cache_path(fingerprint, _place(paths)).is_file() else None
