"""What a run works on and what it produces: inputs, the job to do on each, results."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tqa.catalog_check import DEFAULT_CATALOG_OPTIONS, CatalogOptions
from tqa.errors import UserError
from tqa.model import Finding
from tqa.pipeline.tally import Tally
from tqa.text.langid import document_language
from tqa.text.pathnames import shown
from tqa.text.snapshot import TextSnapshot
from tqa.text.textio import Source

STDIN = "-"
# Shared by the results of the cache (see FileResult.unpacked).
_SOURCES: dict[tuple | None, Source] = {}
_TALLIES: dict[tuple | None, Tally] = {}


@dataclass(frozen=True)
class Input:
    """A file to process: its path (or `-`), how to show it, and the folder it came from."""

    path: str
    display: str
    root: str | None = None

    @property
    def is_stdin(self) -> bool:
        return self.path == STDIN


@dataclass
class FileResult:
    input: Input
    source: Source | None = None
    findings: list[Finding] = field(default_factory=list)
    applied: list[Finding] = field(default_factory=list)
    fixed_text: str | None = None
    error: UserError | None = None
    snapshot: TextSnapshot | None = None
    language: str | None = None
    # Set when the run prints file by file: the findings already as text (as UTF-8 for
    # the JSON list), and their counts.
    rendered: str | bytes | None = None
    # (start, code, end) of each finding rendered, in order, with Job.keep_order: where a late finding goes
    # (see json_output.Assembly).
    rendered_keys: list[tuple[int, str, int]] = field(default_factory=list)
    tally: Tally | None = None
    name_spellings: str = ""  # see tqa.rules.names.single_spellings
    # Standard input as read, when fixing it: a filter passes on what it cannot fix.
    raw: bytes | None = None

    def detached(self) -> FileResult:
        """A copy to change (findings added, fields reset) without changing this one."""
        clone = object.__new__(FileResult)  # not dataclasses.replace or copy.copy: a run may make thousands
        clone.__dict__.update(self.__dict__)
        clone.findings, clone.applied = list(self.findings), list(self.applied)
        clone.snapshot = self.snapshot.copy() if self.snapshot is not None else None
        return clone  # the tally is shared: it is only ever read (merged into a run's)

    def packed(self) -> tuple:
        """The result but its input as plain values, for the results cache: a warm
        run loads thousands, and pickled objects cost more to load than tuples and
        strings. `unpacked` makes a result of it that changes nothing in it."""
        source, snapshot, tally = self.source, self.snapshot, self.tally
        return (
            None if source is None else (source.text, source.bom, source.encoding, source.notice),
            tuple(self.findings),
            tuple(self.applied),
            self.fixed_text,
            self.error,
            None if snapshot is None else snapshot.packed(),
            self.language,
            self.rendered,
            tuple(self.rendered_keys),
            None if tally is None else tally.packed(),
            self.name_spellings,
            self.raw,
        )

    @classmethod
    def unpacked(cls, packed: tuple, item: Input) -> FileResult:
        """The result `packed` describes (see `packed`), of the input `item`."""
        source, findings, applied, fixed_text, error, snapshot, language, rendered, keys, tally, names, raw = packed
        # Sources whose text was let go (frozen) and tallies (only ever read) are shared:
        # most files of a run have the same encoding, and many the same counts.
        shared_source = _SOURCES.get(source)
        if shared_source is None and source is not None:
            shared_source = Source(*source)
            if not shared_source.text:
                _SOURCES[source] = shared_source
        shared_tally = _TALLIES.get(tally)
        if shared_tally is None and tally is not None:
            shared_tally = _TALLIES[tally] = Tally.unpacked(tally)
        result = object.__new__(cls)  # not the constructor: a warm run makes thousands
        result.__dict__ = {  # of its own, as the constructor would make it: not a copy of keywords
            "input": item,
            "source": shared_source,
            "findings": list(findings) if findings else [],
            "applied": list(applied) if applied else [],
            "fixed_text": fixed_text,
            "error": error,
            "snapshot": None if snapshot is None else TextSnapshot.unpacked(snapshot),
            "language": language,
            "rendered": rendered,
            "rendered_keys": list(keys) if keys else [],
            "tally": shared_tally,
            "name_spellings": names,
            "raw": raw,
        }
        return result

    def detected_language(self) -> str:
        """The language of the checked text, detected once and kept on the result."""
        if self.language is None:
            text = checked_text(self)
            self.language = document_language(text) if isinstance(text, str) else "unknown"
        return self.language

    @property
    def changed(self) -> bool:
        return self.source is not None and self.fixed_text is not None and self.fixed_text != self.source.text


@dataclass(frozen=True)
class Job:
    """What to do with each input: the options of one run."""

    fix: bool = False
    unsafe: bool = False
    segmentation: str = "auto"
    glossary_files: tuple[str, ...] = ()
    transliteration: str = "wire"
    encoding: str | None = None
    source: str | None = None
    catalogs: CatalogOptions = DEFAULT_CATALOG_OPTIONS
    # Drop each checked text once its findings are found (a snapshot stays).
    keep_text: bool = True
    detect_language: bool = False
    fix_codes: frozenset[str] | None = None  # see FixSettings
    # Print each file's findings where it is checked (in the worker) and let them go.
    render: Callable[[FileResult], str | bytes] | None = None
    # Keep where each rendered finding sorts (FileResult.rendered_keys): one JSON list is put together later.
    keep_order: bool = False


DEFAULT_JOB = Job()


def checked_text(result: FileResult) -> str | TextSnapshot:
    """The text the findings point into: fixed text, checked text or its snapshot."""
    if result.fixed_text is not None:
        return result.fixed_text
    if result.snapshot is not None:
        return result.snapshot
    return result.source.text if result.source is not None else ""


def display_root() -> str:
    """Displayed paths are relative to this folder: the checkout in GitHub Actions
    and GitLab CI (so annotations map to the repository), else the working folder."""
    return os.environ.get("GITHUB_WORKSPACE") or os.environ.get("CI_PROJECT_DIR") or os.curdir


def display_path(path: Path) -> str:
    """The path relative to display_root() when it lies below it, else as given;
    undecodable bytes and control characters escaped (tqa.text.pathnames)."""
    root = display_root()
    if path.is_absolute() or root != os.curdir:
        try:
            relative = os.path.relpath(os.path.abspath(path), root)
        except ValueError:
            return shown(str(path))
        if not relative.startswith(".."):
            return shown(relative)
    return shown(str(path) if path.is_absolute() else os.path.normpath(path))
