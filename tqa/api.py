"""tqa as a library: check or fix a text, or check files, from Python.

The functions run the pipeline `tqa check` and `tqa fix` run (rule selection,
inline suppressions, the bounded fix loop, the run-wide name check), with the
settings a configuration file holds; findings convert to the objects of
`--output-format json` with `Finding.to_dict()`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tqa.alignment import check_alignment
from tqa.config import load_settings
from tqa.errors import UserError
from tqa.model import Finding as RuleFinding
from tqa.model import Fix
from tqa.pipeline.check import check_document
from tqa.pipeline.check import fix_text as fix_loop
from tqa.pipeline.discover import discover
from tqa.pipeline.engine import link_files, process
from tqa.pipeline.fix import within_reach
from tqa.pipeline.ignore import selection_of
from tqa.pipeline.one_file import CROSS_FILE_RULE, fix_settings
from tqa.pipeline.plan import Plan, job_of, make_plan
from tqa.pipeline.run import FileResult, Input
from tqa.report import Located, located
from tqa.report.json_output import finding_object
from tqa.rules.names import single_spellings
from tqa.text.document import Document
from tqa.text.linediff import unified_diff
from tqa.text.textio import Source

if TYPE_CHECKING:
    from distributed import Client

Codes = str | Iterable[str] | None
TEXT_NAME = "<text>"
SOURCE_NAME = "<source>"


@dataclass(frozen=True)
class Finding:
    """One problem in a text: which rule, what it says, where (offsets into the
    text as given, and 1-based lines and columns), and its fix, if it has one."""

    code: str
    name: str
    message: str
    severity: str
    path: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    fix: Fix | None
    _located: Located = field(repr=False, compare=False)

    @classmethod
    def of(cls, item: Located) -> Finding:
        finding = item.finding
        return cls(
            finding.code,
            finding.name,
            finding.message,
            finding.severity.value,
            item.path,
            finding.start,
            finding.end,
            item.row,
            item.column,
            item.end_row,
            item.end_column,
            finding.fix,
            item,
        )

    def to_dict(self) -> dict:
        """The finding as an object of `tqa check --output-format json`, with the same keys and values."""
        return finding_object(self._located)


@dataclass(frozen=True)
class FixResult:
    """What `fix_text` did: the fixed text, its unified diff against the input
    (empty when nothing changed), the findings whose fixes were applied (their
    positions are in the text of the round that applied them: the input, for
    the first round) and the findings that remain in the fixed text."""

    text: str
    diff: str
    applied: list[Finding]
    remaining: list[Finding]


@dataclass(frozen=True)
class FileReport:
    """One file of `check_paths`: its path as tqa shows it, its findings, or the
    error that kept it from being checked (the file was left as it is)."""

    path: str
    findings: list[Finding]
    error: UserError | None = None


def _codes(codes: Codes) -> tuple[str, ...]:
    if codes is None:
        return ()
    return (codes,) if isinstance(codes, str) else tuple(codes)


def plan(
    *,
    select: Codes = None,
    ignore: Codes = None,
    glossary: Iterable[str | os.PathLike[str]] = (),
    config: str | os.PathLike[str] | None = None,
) -> Plan:
    """The rules and settings of a call: a configuration file's (only when
    `config` names one: a library call does not look around the working folder),
    with `select`, `ignore` and `glossary` over it. Raises UserError for an
    unknown rule or a bad glossary or configuration file."""
    from tqa.glossary.compiled import load_glossary

    overrides = {"select": _codes(select), "ignore": _codes(ignore), "glossary": tuple(str(p) for p in glossary)}
    settings, _path = load_settings(str(config) if config else None, overrides, isolated=config is None)
    chosen = make_plan(settings)
    if chosen.needs_glossary:
        load_glossary(settings.glossary)
    return chosen


def _findings(path: str, text: str, findings: list[RuleFinding]) -> list[Finding]:
    result = FileResult(Input(path, path), Source(text), findings)
    return [Finding.of(item) for item in located([result])]


def _original(path: str, text: str, source: str | None, markdown: bool, segmentation: str) -> Document | None:
    """The Russian original as a document, checked for alignment with its translation."""
    if source is None:
        return None
    original = Document(SOURCE_NAME, source, markdown, segmentation)
    check_alignment(Document(path, text, markdown, segmentation), original)
    return original


def check_text(
    text: str,
    *,
    path: str | None = None,
    source: str | None = None,
    select: Codes = None,
    ignore: Codes = None,
    glossary: Iterable[str | os.PathLike[str]] = (),
    markdown: bool = False,
    config: str | os.PathLike[str] | None = None,
) -> list[Finding]:
    """The findings in `text`, in text order.

    `path` names the text in findings (default `<text>`); `source` is its
    Russian original, for the source-aware rules; `select` and `ignore` take
    rule codes, code prefixes or names; `glossary` adds glossary files over the
    built-in one; `markdown` reads the text as Markdown (so does a `path` ending
    in `.md`); `config` names a tqa.toml whose settings apply."""
    name = path or TEXT_NAME
    chosen = plan(select=select, ignore=ignore, glossary=glossary, config=config)
    return [Finding.of(item) for item in located([checked(name, text, chosen, source=source, markdown=markdown)])]


def checked(name: str, text: str, chosen: Plan, *, source: str | None = None, markdown: bool = False) -> FileResult:
    """One text checked with a plan's rules, as a file of a run: its findings and,
    when the run checks names across files, its name spellings (see `link_files`)."""
    markdown = markdown or name.lower().endswith((".md", ".markdown"))
    job = job_of(chosen.settings)
    original = _original(name, text, source, markdown, job.segmentation)
    doc = fix_settings(job, markdown, original).document(name, text)
    rules = chosen.rules_for(name)
    result = FileResult(Input(name, name), Source(text), within_reach(check_document(doc, rules), job.fix_codes))
    if any(rule.code == CROSS_FILE_RULE for rule in rules):
        result.name_spellings = single_spellings(doc)
    return result


def fix_text(
    text: str,
    *,
    path: str | None = None,
    source: str | None = None,
    select: Codes = None,
    ignore: Codes = None,
    glossary: Iterable[str | os.PathLike[str]] = (),
    markdown: bool = False,
    unsafe: bool = False,
    config: str | os.PathLike[str] | None = None,
) -> FixResult:
    """`text` with its safe fixes applied (with `unsafe`, the unsafe ones too),
    as `tqa fix` applies them; the arguments are those of `check_text`."""
    name = path or TEXT_NAME
    chosen = plan(select=select, ignore=ignore, glossary=glossary, config=config)
    markdown = markdown or name.lower().endswith((".md", ".markdown"))
    job = job_of(chosen.settings, fix=True, unsafe=unsafe)
    original = _original(name, text, source, markdown, job.segmentation)
    fixed, applied, remaining = fix_loop(text, name, chosen.rules_for(name), fix_settings(job, markdown, original))
    return FixResult(
        fixed,
        unified_diff(text, fixed, name) if fixed != text else "",
        _findings(name, text, applied),
        _findings(name, fixed, remaining),
    )


def check_paths(
    paths: Sequence[str | os.PathLike[str]],
    *,
    source: str | os.PathLike[str] | None = None,
    select: Codes = None,
    ignore: Codes = None,
    glossary: Iterable[str | os.PathLike[str]] = (),
    config: str | os.PathLike[str] | None = None,
    jobs: int = 1,
    client: Client | None = None,
) -> Iterator[FileReport]:
    """Check files and folders (recursing into .txt, .md and .po files, as
    `tqa check` does), one report a file, in the order `tqa check` prints them.

    With the run-wide name check (N602, selected by default) a file's report
    can come only once every file is checked: one name spelled two ways across
    files is found then. Without it, reports come as files are checked. `jobs`
    > 1 checks in that many worker processes; a Dask `client` (the dask extra)
    checks on its cluster's workers, which must see the files at the same
    paths. Paths that cannot be read come first, as reports with an error."""
    chosen = plan(select=select, ignore=ignore, glossary=glossary, config=config)
    settings = chosen.settings
    selection = selection_of(settings)
    inputs, errors = discover([str(p) for p in paths], selection)
    for error in errors:
        yield FileReport(error.path or "", [], error)
    job = job_of(chosen.settings, source=str(source) if source else None, keep_text=False, detect_language=True)
    results = process([item for item in inputs if not item.is_stdin], chosen.rules_for, job, jobs, cluster=client)
    if not any(rule.code == CROSS_FILE_RULE for rule in chosen.rules):
        yield from (_report(result) for result in results)
        return
    checked = list(results)
    link_files(checked, chosen.rules, transliteration=settings.transliteration, glossary_files=settings.glossary)
    for result in checked:
        result.findings = within_reach(result.findings, job.fix_codes)  # the run-wide findings too
        yield _report(result)


def _report(result: FileResult) -> FileReport:
    return FileReport(result.input.display, [Finding.of(item) for item in located([result])], result.error)
