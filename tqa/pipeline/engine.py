"""The pipeline over files: discover -> read -> pair with the source -> check or fix.

`tqa check` and `tqa fix` both run `process()`, one file in memory at a time.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import os
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tqa.alignment import check_alignment, is_source_name, is_target_name, paired_source
from tqa.catalog_check import DEFAULT_CATALOG_OPTIONS, CatalogOptions
from tqa.errors import UserError
from tqa.i18n import _
from tqa.model import Applicability, Edit, Finding, Fix, Rule
from tqa.pipeline.cache import ResultCache
from tqa.pipeline.check import FixSettings, check_document, fix_text
from tqa.pipeline.tally import Tally
from tqa.rules.names import NameIndex, first_occurrence, single_spellings
from tqa.text.document import Document
from tqa.text.langid import document_language
from tqa.text.snapshot import TextSnapshot
from tqa.text.textio import MAX_FILE_BYTES, Source, decode, read_file

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".po")
CROSS_FILE_RULE = "N602"
STDIN = "-"


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
    # Set when the run prints file by file: the findings already as text, and their counts.
    rendered: str | None = None
    tally: Tally | None = None
    name_spellings: str = ""  # see tqa.rules.names.single_spellings
    # Standard input as read, when fixing it: a filter passes on what it cannot fix.
    raw: bytes | None = None

    def detached(self, item: Input | None = None) -> FileResult:
        """A copy to change (findings added, fields reset) without changing this
        one; with `item`, the copy is of that input."""
        return dataclasses.replace(
            self,
            input=item or self.input,
            findings=list(self.findings),
            applied=list(self.applied),
            snapshot=self.snapshot.copy() if self.snapshot is not None else None,
            tally=self.tally.copy() if self.tally is not None else None,
        )

    def detected_language(self) -> str:
        """The language of the checked text, detected once and kept on the result."""
        if self.language is None:
            text = checked_text(self)
            self.language = document_language(text) if isinstance(text, str) else "unknown"
        return self.language

    @property
    def changed(self) -> bool:
        return self.source is not None and self.fixed_text is not None and self.fixed_text != self.source.text


def _display(path: Path) -> str:
    """The path relative to the working folder when it lies below it, else as given."""
    if path.is_absolute():
        try:
            relative = os.path.relpath(path)
        except ValueError:
            return str(path)
        return str(path) if relative.startswith("..") else relative
    return os.path.normpath(path)


def _excluded(relative: str, name: str, path: str, patterns: Sequence[str]) -> bool:
    return any(fnmatch.fnmatch(relative, p) or fnmatch.fnmatch(name, p) or fnmatch.fnmatch(path, p) for p in patterns)


def _files_under(root: str, exclude: Sequence[str]) -> list[tuple[str, str]]:
    """(path, path relative to `root`) of the text files below `root`, in
    path order; hidden entries, `exclude`d ones and Russian originals
    (`NAME.ru.txt`) left out. Symlinked folders are not entered."""
    prefix = len(os.path.join(root, ""))
    found: list[tuple[list[str], str, str]] = []
    for folder, folders, files in os.walk(root):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in files:
            if name.startswith(".") or not name.lower().endswith(TEXT_SUFFIXES) or is_source_name(name):
                continue
            path = os.path.join(folder, name)
            relative = path[prefix:]
            path = relative if root == os.curdir else path  # as Path would print it
            posix = relative.replace(os.sep, "/")
            if exclude and _excluded(posix, name, path.replace(os.sep, "/"), exclude):
                continue
            if os.path.isfile(path):
                found.append((posix.split("/"), path, relative))
    return [(path, relative) for _parts, path, relative in sorted(found)]


def discover(paths: Sequence[str], exclude: Sequence[str] = ()) -> tuple[list[Input], list[UserError]]:
    """Files named and files under folders (sorted; hidden and `exclude`d entries skipped)."""
    inputs: list[Input] = []
    errors: list[UserError] = []
    seen: set[str] = set()
    for raw in paths:
        if raw == STDIN:
            inputs.append(Input(STDIN, "-"))
            continue
        path = Path(raw)
        if path.is_dir():
            shown = _display(path)
            for file, relative in _files_under(str(path), exclude):
                if file not in seen:
                    seen.add(file)
                    display = relative if shown == os.curdir else os.path.join(shown, relative)
                    inputs.append(Input(file, display, str(path)))
        elif path.is_file() or path.exists():
            if str(path) not in seen:
                seen.add(str(path))
                inputs.append(Input(str(path), _display(path)))
        else:
            errors.append(UserError(_("no such file or folder"), raw))
    return inputs, errors


def read_input(item: Input, encoding: str | None = None) -> Source:
    if item.is_stdin:
        return decode(sys.stdin.buffer.read(), "<stdin>", encoding)
    return read_file(Path(item.path), encoding)


def read_stdin(result: FileResult, encoding: str | None) -> Source:
    """Standard input, kept as bytes too; past the size cap, the bytes read so far."""
    data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    result.raw = data
    if len(data) > MAX_FILE_BYTES:
        raise UserError(
            _("standard input is larger than tqa reads at once ({limit} MB); split it into articles").format(
                limit=MAX_FILE_BYTES // (1024 * 1024)
            ),
            "<stdin>",
        )
    return decode(data, "<stdin>", encoding)


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
    # Print each file's findings where it is checked (in the worker) and let them go.
    render: Callable[[FileResult], str] | None = None


def checked_text(result: FileResult) -> str | TextSnapshot:
    """The text the findings point into: fixed text, checked text or its snapshot."""
    if result.fixed_text is not None:
        return result.fixed_text
    if result.snapshot is not None:
        return result.snapshot
    return result.source.text if result.source is not None else ""


def process(
    inputs: Sequence[Input],
    rules: Sequence[Rule] | Callable[[str], Sequence[Rule]],
    job: Job = Job(),
    jobs: int = 1,
    cache: ResultCache | None = None,
) -> Iterator[FileResult]:
    """Check (and with `job.fix`, fix) each input, one file in memory at a time
    per worker; with `jobs` > 1 in worker processes. Results come in input order.
    With a `cache`, files whose results it holds are not checked again."""
    rules_for = rules if callable(rules) else _FixedRules(tuple(rules))
    if cache is None:
        yield from _process(inputs, rules_for, job, jobs)
        return
    keys = _RulesKeys(rules_for)
    cached: dict[int, FileResult] = {}
    for index, item in enumerate(inputs):
        if _cacheable_input(item, job):
            result = cache.get(item.path, item.display, keys(item.display))
            if isinstance(result, FileResult):
                cached[index] = result.detached(item)
    checked = _process([item for i, item in enumerate(inputs) if i not in cached], rules_for, job, jobs)
    for index, item in enumerate(inputs):
        if index in cached:
            yield cached[index]
            continue
        result = next(checked)
        if result.error is None and result.source is not None and _cacheable_input(item, job):
            cache.put(item.path, item.display, keys(item.display), result.detached())
        yield result
    cache.save()


def _process(
    inputs: Sequence[Input], rules_for: Callable[[str], Sequence[Rule]], job: Job, jobs: int
) -> Iterator[FileResult]:
    files = [item for item in inputs if not item.is_stdin]
    if jobs > 1 and len(files) > 1:
        from tqa.pipeline.workers import process_parallel

        yield from process_parallel(inputs, rules_for, job, jobs)
        return
    for item in inputs:
        yield process_one(item, rules_for(item.display), job)


class _RulesKeys:
    """What the cache knows a file's rules by: codes and severities, worked out
    once per distinct set of rules (per-file ignores make a few)."""

    def __init__(self, rules_for: Callable[[str], Sequence[Rule]]):
        self.rules_for = rules_for
        self.known: dict[int, tuple[Sequence[Rule], tuple[tuple[str, str], ...]]] = {}

    def __call__(self, path: str) -> tuple[tuple[str, str], ...]:
        rules = self.rules_for(path)
        known = self.known.get(id(rules))  # the rules are kept alongside, so the id stays theirs
        if known is None:
            known = self.known[id(rules)] = (rules, tuple((rule.code, rule.severity.value) for rule in rules))
        return known[1]


def _cacheable_input(item: Input, job: Job) -> bool:
    """A file read on its own: not standard input, not paired with a Russian original."""
    if item.is_stdin or job.source is not None:
        return False
    return not is_target_name(os.path.basename(item.path)) or paired_source(Path(item.path), None) is None


@dataclass(frozen=True)
class _FixedRules:
    rules: tuple[Rule, ...]

    def __call__(self, _path: str) -> tuple[Rule, ...]:
        return self.rules


def process_one(item: Input, file_rules: Sequence[Rule], job: Job) -> FileResult:
    """Read, pair, check or fix one input; with `job.render`, print it and let its
    findings go. A bug met on the way is that file's error: the run goes on."""
    result = FileResult(item)
    try:
        _check_one(result, file_rules, job)
        if job.render is not None:
            result.rendered = job.render(result)
            result.tally = Tally.of([result])
            result.findings = []
            if result.snapshot is not None:
                result.snapshot.clear()
    except Exception as error:  # a bug: reported as this file's error, with what a bug report needs
        failed = FileResult(item, error=internal_error(error, item.display), raw=result.raw)
        if job.render is not None:
            failed.rendered, failed.tally = "", Tally()
        return failed
    return result


def internal_error(error: BaseException, name: str) -> UserError:
    """A bug in tqa met while working on one file, told as that file's error."""
    from tqa import __version__

    frames = traceback.extract_tb(error.__traceback__)
    ours = [frame for frame in frames if "tqa" in Path(frame.filename).parts] or frames
    where = f"{Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else "?"
    return UserError(
        _(
            "internal error ({kind} at {where}: {detail}); the file was left as it is. "
            "Please report it with this file, the command line and the tqa version ({version})"
        ).format(kind=type(error).__name__, where=where, detail=str(error)[:200], version=__version__),
        name,
    )


def _check_one(result: FileResult, file_rules: Sequence[Rule], job: Job) -> None:
    item = result.input
    try:
        if item.is_stdin and job.fix:
            result.source = read_stdin(result, job.encoding)
        else:
            result.source = read_input(item, job.encoding)
        markdown = item.path.lower().endswith((".md", ".markdown"))
        if item.path.lower().endswith(".po"):
            _process_catalog(result, file_rules, job)
            return
        original = _original(item, result.source.text, job.source, markdown, job.segmentation, job.encoding)
    except UserError as error:
        result.error = error
        return
    text = result.source.text
    if job.fix:
        settings = FixSettings(
            job.unsafe, markdown, job.segmentation, job.glossary_files, original, job.transliteration
        )
        result.fixed_text, result.applied, result.findings = fix_text(text, item.display, file_rules, settings)
        final = Document(item.display, result.fixed_text, markdown, job.segmentation, job.glossary_files)
    else:
        final = Document(
            item.display, text, markdown, job.segmentation, job.glossary_files, original, job.transliteration
        )
        result.findings = check_document(final, file_rules)
    if any(rule.code == CROSS_FILE_RULE for rule in file_rules):
        result.name_spellings = single_spellings(final)
    if job.detect_language:
        result.language = document_language(final.text)
    if not job.fix and not job.keep_text and not item.is_stdin:
        result.snapshot = TextSnapshot(text, result.findings)
        result.source = dataclasses.replace(result.source, text="")


def _process_catalog(result: FileResult, rules: Sequence[Rule], job: Job) -> None:
    from tqa.catalog_check import check_catalog, fix_catalog

    text, display = result.source.text, result.input.display
    if job.fix:
        result.fixed_text, result.applied, result.findings = fix_catalog(
            text, display, rules, job.unsafe, job.glossary_files, job.catalogs
        )
    else:
        result.findings = check_catalog(text, display, rules, job.glossary_files, job.catalogs)


def _original(
    item: Input, text: str, source: str | None, markdown: bool, segmentation: str, encoding: str | None
) -> Document | None:
    """The Russian original of an input, read and checked for alignment, if it has one."""
    if item.is_stdin:
        return None
    path = paired_source(Path(item.path), Path(source) if source else None)
    if path is None:
        return None
    original = Document(_display(path), read_file(path, encoding).text, markdown, segmentation)
    check_alignment(Document(item.display, text, markdown, segmentation), original)
    return original


def context_spellings(paths: Sequence[str], inputs: Sequence[Input], segmentation: str) -> Iterator[str]:
    """Name spellings of the files under `paths` that are not being checked:
    the rest of a repository, when a pre-commit hook passes only staged files."""
    checked = {os.path.realpath(item.path) for item in inputs if not item.is_stdin}
    found, _errors = discover(paths)
    for item in found:
        if os.path.realpath(item.path) in checked or item.path.lower().endswith(".po"):
            continue
        try:
            text = read_file(Path(item.path)).text
        except UserError:
            continue  # context only: a file tqa cannot read tells nothing
        yield single_spellings(Document(item.display, text, segmentation=segmentation))


def link_files(
    results: Sequence[FileResult],
    rules: Sequence[Rule],
    names: NameIndex | None = None,
    context: Iterable[str] = (),
    transliteration: str = "wire",
) -> None:
    """Add the findings only a whole run can see: one name spelled differently
    across files. `names` is the run's index when it was built file by file;
    `context` adds the spellings of files that are not reported on;
    `transliteration` is the romanization preferred where files disagree."""
    rule = next((r for r in rules if r.code == CROSS_FILE_RULE), None)
    if rule is None:
        return
    if names is None:
        names = NameIndex(transliteration)
        for result in results:
            names.add(result.name_spellings)
    for spellings in context:
        names.add(spellings)
    for index, reports in sorted(names.reports().items()):
        if index >= len(results):
            continue
        result = results[index]
        if result.source is None:
            continue
        text = result.fixed_text if result.fixed_text is not None else result.source.text
        if result.snapshot is not None:
            text = read_input(result.input, result.source.encoding).text  # the text was let go: read it again
        kept = []
        for report in reports:
            found, preferred = report.found, report.preferred
            offset = first_occurrence(text, found)
            if offset is None:
                continue
            kept.append((offset, offset + len(found)))
            message = _("`{found}` is spelled `{preferred}` in other files of this run").format(
                found=found, preferred=preferred
            )
            # Another file's majority is a hint; the glossary's spelling of a known person is a fix.
            fix = Fix(
                _("Replace with `{replacement}`").format(replacement=preferred),
                (Edit(offset, offset + len(found), preferred),),
                Applicability.UNSAFE if report.known else Applicability.DISPLAY_ONLY,
            )
            result.findings.append(
                Finding(rule.code, rule.name, message, offset, offset + len(found), rule.severity, fix)
            )
        if result.snapshot is not None:
            result.snapshot.keep(text, kept)
        result.findings.sort(key=lambda f: (f.start, f.code, f.end))
