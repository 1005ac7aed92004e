"""The pipeline over files: discover -> read -> pair with the source -> check or fix.

`tqa check` and `tqa fix` both run `process()`, one file in memory at a time
(see `one_file`), in worker processes with `--jobs` (see `workers`), with
results from the cache where it has them (see `cache`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tqa.alignment import is_target_name, paired_source
from tqa.errors import UserError
from tqa.i18n import _
from tqa.model import Applicability, Edit, Finding, Fix, GlossaryRef, Rule, finding_order
from tqa.pipeline.cache import Entry, ResultCache
from tqa.pipeline.discover import discover
from tqa.pipeline.run import DEFAULT_JOB, STDIN, FileResult, Input, Job
from tqa.rules.names import (
    CrossFileReport,
    NameIndex,
    first_occurrence,
    glossary_people,
    inconsistent_transliteration,
    single_spellings,
    skeleton,
)
from tqa.text.document import Document
from tqa.text.langid import document_language
from tqa.text.snapshot import TextSnapshot
from tqa.text.textio import read_file

if TYPE_CHECKING:
    from distributed import Client


def process(
    inputs: Sequence[Input],
    rules: Sequence[Rule] | Callable[[str], Sequence[Rule]],
    job: Job = DEFAULT_JOB,
    jobs: int = 1,
    cache: ResultCache | None = None,
    cluster: Client | None = None,
) -> Iterator[FileResult]:
    """Check (and with `job.fix`, fix) each input, one file in memory at a time
    per worker; with `jobs` > 1 in worker processes, with a `cluster` (a Dask
    client) on its workers. Results come in input order. With a `cache`, files whose results
    it holds are not checked again."""
    rules_for = rules if callable(rules) else _FixedRules(tuple(rules))
    if cache is None:
        yield from _process(inputs, rules_for, job, jobs, cluster)
        return
    keys = _RulesKeys(rules_for)
    if isinstance(rules_for, _FixedRules):  # the same for every file: worked out once
        fixed = keys(STDIN)
        keys = lambda _path: fixed  # type: ignore[assignment]  # noqa: E731
    cached: list[Entry | None] = []  # each input's entry, if the cache has it
    unchecked: list[Input] = []
    for item in inputs:
        entry = cache.get(item.path, item.display, keys(item.display)) if _cacheable_input(item, job) else None
        cached.append(entry)
        if entry is None:
            unchecked.append(item)
    cache.every_file_cached = not unchecked
    checked = _process(unchecked, rules_for, job, jobs, cluster)
    unpacked, run = FileResult.unpacked, cache.run
    for item, entry in zip(inputs, cached, strict=True):
        if entry is not None:
            run.append(entry.content)
            yield unpacked(entry.result, item)
            continue
        result = next(checked)
        content = None
        if result.error is None and result.source is not None and _cacheable_input(item, job):
            content = cache.put(item.path, item.display, keys(item.display), result.packed())
        cache.run.append(content)
        yield result
    cache.save()


def _process(
    inputs: Sequence[Input],
    rules_for: Callable[[str], Sequence[Rule]],
    job: Job,
    jobs: int,
    cluster: Client | None = None,
) -> Iterator[FileResult]:
    files = [item for item in inputs if not item.is_stdin]
    if cluster is not None and files:
        from tqa.pipeline.dask_run import process_on_cluster

        yield from process_on_cluster(inputs, rules_for, job, cluster)
        return
    if jobs > 1 and len(files) > 1:
        from tqa.pipeline.workers import process_parallel

        yield from process_parallel(inputs, rules_for, job, jobs)
        return
    from tqa.pipeline.one_file import process_one  # the checking engine, imported once a file is checked

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
    if item.path == STDIN or job.source is not None:
        return False
    if ".en." not in item.path:  # no `NAME.en.EXT`: spares a file its name's match
        return True
    return not is_target_name(os.path.basename(item.path)) or paired_source(Path(item.path), None) is None


@dataclass(frozen=True)
class _FixedRules:
    rules: tuple[Rule, ...]

    def __call__(self, _path: str) -> tuple[Rule, ...]:
        return self.rules


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
    spellings: NameIndex | Sequence[str] | None = None,
    context: Iterable[str] = (),
    transliteration: str = "wire",
    glossary_files: tuple[str, ...] = (),
    notes: dict[str, GlossaryRef | None] | None = None,
    cache: ResultCache | None = None,
) -> None:
    """Add the findings only a whole run can see: one name spelled differently
    across files. `spellings` are the files' name spellings in order (or an
    index of them), when the results no longer hold them; `context` adds the spellings of files that are
    not reported on; `transliteration` is the romanization preferred where
    files disagree; `glossary_files` are the run's glossary, whose entry a
    finding names when the preferred spelling is its; `notes` keeps those
    entries' notes by the name's skeleton (the results cache's, so a cached run
    need not load the glossary). With the results `cache` of the run, the
    findings of a run whose every file it knows, unchanged and in the same
    order, are those remembered from the last such run."""
    rule = next((r for r in rules if r.check is inconsistent_transliteration), None)  # N602, by its check
    if rule is None:
        return
    context = list(context)
    key = cache.run_key(context) if cache is not None and len(cache.run) == len(results) else None
    remembered = cache.run_wide(key) if cache is not None and key is not None else None
    if remembered is not None and all(len(value) == 3 for value in remembered.values()):
        for index, (findings, snapshot, language) in remembered.items():
            _add_remembered(results[index], findings, snapshot, language)
        return
    if isinstance(spellings, NameIndex):
        names = spellings
    else:
        names = NameIndex(transliteration)
        for spelled in (result.name_spellings for result in results) if spellings is None else spellings:
            names.add(spelled)
    for spelled in context:
        names.add(spelled)
    found: dict[int, tuple] = {}
    for index, reports in sorted(names.reports(context_from=len(results)).items()):
        if index < len(results):
            result = results[index]
            added = add_name_findings(result, reports, rule, glossary_files, notes)
            if added:
                snapshot = None if result.snapshot is None else result.snapshot.packed()
                found[index] = (tuple(added), snapshot, result.language)
    if cache is not None and key is not None:
        cache.remember_run_wide(key, found)


def _add_remembered(
    result: FileResult, findings: tuple[Finding, ...], snapshot: tuple | None, language: str | None
) -> None:
    """The run-wide `findings` of one file, its `snapshot` with their lines and
    its language, as `add_name_findings` left them in a run with the same files."""
    result.findings.extend(findings)
    result.findings.sort(key=finding_order)
    if snapshot is not None:
        result.snapshot = TextSnapshot.unpacked(snapshot)
    if result.language is None:
        result.language = language


def _glossary_note(
    name: str, glossary_files: tuple[str, ...], notes: dict[str, GlossaryRef | None]
) -> GlossaryRef | None:
    """The note of the glossary's entry for the person `name` is the spelling of, if any."""
    key = skeleton(name)
    if key not in notes:
        entry = glossary_people(glossary_files).entries.get(key)
        notes[key] = entry.why if entry is not None else None
    return notes[key]


def add_name_findings(
    result: FileResult,
    reports: Sequence[CrossFileReport],
    rule: Rule,
    glossary_files: tuple[str, ...] = (),
    notes: dict[str, GlossaryRef | None] | None = None,
) -> list[Finding]:
    """Add to a file's findings those of names the rest of the run spells otherwise
    (see `link_files`); returns them."""
    if result.source is None:
        return []
    text = result.fixed_text if result.fixed_text is not None else result.source.text
    if result.snapshot is not None:
        from tqa.pipeline.one_file import read_input

        text = read_input(result.input, result.source.encoding).text  # the text was let go: read it again
        if result.language is None:  # not detected for a file without findings of its own (see `_check_one`)
            result.language = document_language(text)
    kept = []
    added: list[Finding] = []
    for report in reports:
        found, preferred = report.found, report.preferred
        offset = first_occurrence(text, found)
        if offset is None:
            continue
        kept.append((offset, offset + len(found)))
        message = _("`{found}` is spelled `{preferred}` in other files of this run").format(
            found=found, preferred=preferred
        )
        # `tqa fix` works file by file and never applies a run-wide fix, so none is
        # offered (a known person's misspelling has N601's fix in its own file).
        fix = Fix(
            _("Replace with `{replacement}`").format(replacement=preferred),
            (Edit(offset, offset + len(found), preferred),),
            Applicability.DISPLAY_ONLY,
        )
        why = _glossary_note(preferred, glossary_files, {} if notes is None else notes) if report.known else None
        added.append(
            Finding(
                rule.code,
                rule.name,
                message,
                offset,
                offset + len(found),
                rule.severity,
                fix,
                why,
            )
        )
    if result.snapshot is not None:
        result.snapshot.keep(text, kept)
    result.findings.extend(added)
    result.findings.sort(key=finding_order)
    return added
