"""Results of earlier runs, reused when nothing that decides them has changed.

As in ruff, one cache file holds a run's results per file. The file's name
is a hash of everything a result depends on besides the text: tqa's code,
the rules and their severities, the glossary's hash, the reading options, the
output format the results were rendered in and the language of messages. An
entry is keyed by the file's content (a BLAKE2 hash); its size and
modification time let an unchanged file be recognised without reading it.
Beside the entries, a small file keeps the glossary's note on each name the
run-wide name check has preferred (`notes`), so a run whose files all come
from the cache need not load the glossary to report a name across files.

The cache is written whole, to a temporary file renamed over the old one, so
concurrent runs each leave a complete cache (the last one wins). A cache that
cannot be read or does not hold what it should is ignored and rebuilt; one
that cannot be written is skipped: the cache never makes a run fail.
Files paired with a Russian original, standard input and results with errors
are never cached.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import NamedTuple

from tqa import __version__
from tqa.model import GlossaryRef
from tqa.resources import user_cache_dir, write_cache_file

FORMAT = 1  # of the cache file; part of every key
_PLAIN = frozenset({str, int, bool, type(None)})  # values a result's shared tuples hold (see `ResultCache._shared`)
RESULTS = "results"


@cache
def code_fingerprint() -> str:
    """tqa's version and source: results of other code are never reused."""
    digest = hashlib.blake2b(f"{__version__}:{FORMAT}".encode(), digest_size=16)
    package = Path(__file__).resolve().parent.parent
    for module in sorted(package.rglob("*.py")):
        digest.update(module.relative_to(package).as_posix().encode())
        digest.update(module.read_bytes())
    return digest.hexdigest()


def results_dir(root: Path | None = None) -> Path:
    return (root or user_cache_dir()) / RESULTS


def content_key(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _key(path: str, display: str, within: str) -> str:
    """A file by its absolute path and how it is shown (output names it so);
    `within` is the working folder, ending in a separator (os.path.abspath would
    ask for it once a file). A path with nothing to normalise, as discovery
    gives them, is joined without os.path (Python code in a warm run's loop)."""
    if os.sep == "/" and "//" not in path and "/." not in path and not path.startswith("."):
        return f"{path if path.startswith('/') else within + path}\0{display}"
    return f"{os.path.normpath(os.path.join(within, path))}\0{display}"


class Entry(NamedTuple):
    """What a file's result was, and how to tell the file has not changed (a
    tuple: a warm run loads thousands, and tuples load faster than objects)."""

    size: int
    mtime_ns: int
    content: str
    rules: tuple[tuple[str, str], ...]  # codes and severities after per-file ignores
    result: tuple  # plain values (see `FileResult.packed`)


@dataclass
class ResultCache:
    path: Path
    entries: dict[str, Entry] = field(default_factory=dict)
    changed: bool = False
    # Size and modification time of each file missed, when it was looked up: a
    # file that changes while it is checked is not cached.
    missed: dict[str, tuple[int, int]] = field(default_factory=dict)
    working_folder: str = field(default_factory=lambda: os.path.join(os.getcwd(), ""))
    # The glossary's note (or None) on a name, by its skeleton: see `tqa.pipeline.engine.link_files`.
    notes: dict[str, GlossaryRef | None] = field(default_factory=dict)
    notes_read: int = 0
    # Whether the rules an entry was checked with are those asked for, by the ids of both tuples.
    rules_seen: dict[tuple[int, int], tuple[tuple, tuple, bool]] = field(default_factory=dict)
    alike: tuple[tuple | None, tuple | None] = (None, None)
    tuples: dict[tuple[tuple, tuple], tuple] = field(default_factory=dict)  # see `_shared`
    # The content key of each file of the run, in the order reported (None: a
    # file not cached, such as standard input): see `run_key`.
    run: list[str | None] = field(default_factory=list)
    # Whether the cache held the result of every file of the run (known before the first is reported).
    every_file_cached: bool = False

    @classmethod
    def open(cls, folder: Path, settings: str) -> ResultCache:
        """The cache of runs with these `settings` (a description of everything
        besides the texts that decides results), empty when there is none yet
        or it cannot be read."""
        key = hashlib.blake2b(f"{code_fingerprint()}\n{settings}".encode(), digest_size=16).hexdigest()
        cache = cls(folder / f"{key}.pickle")
        gc.disable()  # thousands of new objects: the collector would walk them again and again
        try:
            with cache.path.open("rb") as stream:
                entries = pickle.load(stream)
        except FileNotFoundError:
            return cache
        except Exception:  # a corrupt or foreign cache is rebuilt, never trusted
            cache.changed = True
            return cache
        finally:
            gc.enable()
        if isinstance(entries, dict) and all(
            type(entry) is Entry and type(entry.result) is tuple for entry in entries.values()
        ):
            cache.entries = entries
            cache._read_notes()
            gc.freeze()  # kept for the whole run: the collector need not walk them again and again
        else:
            cache.changed = True
        return cache

    def get(self, path: str, display: str, rules: tuple[tuple[str, str], ...]) -> Entry | None:
        """The cached entry for the file at `path`, shown as `display` and checked
        with `rules`, if its content is unchanged."""
        key = _key(path, display, self.working_folder)
        entry = self.entries.get(key)
        try:
            status = os.stat(path)
        except OSError:
            return None
        if entry is None or status.st_size != entry.size or not self._same_rules(entry.rules, rules):
            self.missed[key] = (status.st_size, status.st_mtime_ns)
            return None
        if status.st_mtime_ns != entry.mtime_ns:
            stamp = (status.st_size, status.st_mtime_ns)
            try:
                with open(path, "rb") as stream:
                    unchanged = content_key(stream.read()) == entry.content
            except OSError:
                return None
            if not unchanged:
                self.missed[key] = stamp
                return None
            self.entries[key] = entry._replace(mtime_ns=status.st_mtime_ns)
            self.changed = True
        return entry

    def _same_rules(self, cached: tuple[tuple[str, str], ...], rules: tuple[tuple[str, str], ...]) -> bool:
        """Whether `cached` (rules of an entry) are `rules`; compared once for each
        pair of tuples (entries checked alike share one), which are kept with the
        answer so their ids stay theirs. The last pair found alike is known by
        identity alone: most runs have one."""
        if cached is self.alike[0] and rules is self.alike[1]:
            return True
        seen = self.rules_seen.get((id(cached), id(rules)))
        if seen is None:
            seen = self.rules_seen[id(cached), id(rules)] = (cached, rules, cached == rules)
        if seen[2]:
            self.alike = (cached, rules)
        return seen[2]

    def put(self, path: str, display: str, rules: tuple[tuple[str, str], ...], result: tuple) -> str | None:
        """Remember `result` for the file at `path`, unless the file changed since it
        was looked up; the key of its content when it is remembered."""
        key = _key(path, display, self.working_folder)
        try:
            with open(path, "rb") as stream:
                status = os.fstat(stream.fileno())
                if self.missed.pop(key, None) != (status.st_size, status.st_mtime_ns):
                    return None
                content = content_key(stream.read())
        except OSError:
            return None
        self.entries[key] = Entry(status.st_size, status.st_mtime_ns, content, rules, self._shared(result))
        self.changed = True
        return content

    def _shared(self, result: tuple) -> tuple:
        """`result` with each tuple of plain values in it (a source, counts) the one
        object equal tuples of other entries are: pickled once, it loads once.
        Their values' types are part of the match (True is not 1)."""
        shared = []
        for value in result:
            if type(value) is tuple and value and all(type(item) in _PLAIN for item in value):
                value = self.tuples.setdefault((value, tuple(map(type, value))), value)
            shared.append(value)
        return tuple(shared)

    def save(self) -> None:
        """Write the cache (atomically) when anything changed; skipped when the folder is not writable."""
        if not self.changed:
            return
        if write_cache_file(self.path, pickle.dumps(self.entries, protocol=pickle.HIGHEST_PROTOCOL)):
            self.changed = False

    @property
    def notes_path(self) -> Path:
        return self.path.with_suffix(".notes")

    def _read_notes(self) -> None:
        try:
            with self.notes_path.open("rb") as stream:
                notes = pickle.load(stream)
        except Exception:  # none yet, or not to be trusted: looked up again
            return
        if isinstance(notes, dict) and all(note is None or type(note) is GlossaryRef for note in notes.values()):
            self.notes, self.notes_read = notes, len(notes)

    def save_notes(self) -> None:
        """Write the notes (atomically) when the run looked up new ones; skipped when the folder is not writable."""
        if len(self.notes) == self.notes_read:
            return
        if write_cache_file(self.notes_path, pickle.dumps(self.notes, protocol=pickle.HIGHEST_PROTOCOL)):
            self.notes_read = len(self.notes)


    def run_key(self, context: Sequence[str]) -> str | None:
        """What decides the run-wide findings besides the settings: the content of
        every file of the run in order, and `context` (the name spellings of files
        not reported on); None when a file of the run has no content key."""
        if None in self.run:
            return None
        digest = hashlib.blake2b("\n".join(self.run).encode(), digest_size=16)  # type: ignore[arg-type]
        digest.update("\0".join(("", *context)).encode())
        return digest.hexdigest()

    @property
    def run_wide_path(self) -> Path:
        return self.path.with_suffix(".run")

    def run_wide(self, key: str) -> dict[int, tuple] | None:
        """The run-wide findings remembered for a run whose `run_key` is `key`, by the
        index of the file they are in (see `tqa.pipeline.engine.link_files`)."""
        try:
            with self.run_wide_path.open("rb") as stream:
                remembered = pickle.load(stream)
        except Exception:  # none yet, or not to be trusted: worked out again
            return None
        if type(remembered) is tuple and len(remembered) == 2 and remembered[0] == key:
            found = remembered[1]
            if type(found) is dict and all(type(index) is int and type(value) is tuple for index, value in found.items()):
                return found
        return None

    def remember_run_wide(self, key: str, found: dict[int, tuple]) -> None:
        """Keep the run-wide findings of the run whose `run_key` is `key` (the last run's only)."""
        write_cache_file(self.run_wide_path, pickle.dumps((key, found), protocol=pickle.HIGHEST_PROTOCOL))


def remove_caches(root: Path) -> int:
    """Remove the results cache and the compiled data (glossaries, scan databases,
    word lists) under `root`; how many files went."""
    from tqa.glossary.compiled import GLOSSARY_CACHE_PREFIX
    from tqa.pipeline.scan import SCAN_CACHE_PREFIX
    from tqa.text.kept import KEPT_PREFIX

    removed = 0
    compiled = [
        path for prefix in (GLOSSARY_CACHE_PREFIX, SCAN_CACHE_PREFIX, KEPT_PREFIX) for path in root.glob(f"{prefix}*")
    ]
    for path in [*results_dir(root).glob("*"), *compiled]:
        try:
            path.unlink()
        except OSError:
            continue
        removed += 1
    try:
        results_dir(root).rmdir()
    except OSError:
        pass
    return removed
