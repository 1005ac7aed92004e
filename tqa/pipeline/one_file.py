"""One file: read it, pair it with its original, check or fix it."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from tqa.alignment import check_alignment, is_target_name, paired_source
from tqa.errors import UserError
from tqa.i18n import _
from tqa.model import Rule, finding_order
from tqa.pipeline.check import FixSettings, check_document, codes_of, fix_text
from tqa.pipeline.fix import within_reach
from tqa.pipeline.run import FileResult, Input, Job, display_path
from tqa.pipeline.tally import Tally
from tqa.rules.names import single_spellings
from tqa.text.document import Document
from tqa.text.langid import document_language
from tqa.text.snapshot import TextSnapshot
from tqa.text.textio import MAX_FILE_BYTES, Source, decode, read_file, read_stream

CROSS_FILE_RULE = "N602"


def read_input(item: Input, encoding: str | None = None) -> Source:
    if item.is_stdin:
        return decode(read_stream(sys.stdin.buffer, "<stdin>"), "<stdin>", encoding)
    return read_file(item.path, encoding)


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


def process_one(item: Input, file_rules: Sequence[Rule], job: Job) -> FileResult:
    """Read, pair, check or fix one input; with `job.render`, print it and let its
    findings go. A bug met on the way is that file's error: the run goes on."""
    result = FileResult(item)
    try:
        _check_one(result, file_rules, job)
        result.findings = within_reach(result.findings, job.fix_codes)
        if job.render is not None:
            result.rendered = job.render(result)
            if job.keep_order:
                result.rendered_keys = list(map(finding_order, result.findings))
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
    import traceback  # (and what it imports) only when a bug shows

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
    stdin = item.is_stdin
    try:
        if stdin and job.fix:
            result.source = read_stdin(result, job.encoding)
        else:
            result.source = read_input(item, job.encoding)
        name = (item.display if stdin else item.path).lower()  # standard input: by --stdin-filename
        markdown = name.endswith((".md", ".markdown"))
        if name.endswith(".po"):
            _process_catalog(result, file_rules, job)
            return
        original = _original(item, result.source.text, job.source, markdown, job.segmentation, job.encoding)
    except UserError as error:
        result.error = error
        return
    text = result.source.text
    if job.fix:
        settings = fix_settings(job, markdown, original)
        result.fixed_text, result.applied, result.findings = fix_text(text, item.display, file_rules, settings)
        final = Document(item.display, result.fixed_text, markdown, job.segmentation, job.glossary_files)
    else:
        final = fix_settings(job, markdown, original).document(item.display, text)
        result.findings = check_document(final, file_rules)
    if CROSS_FILE_RULE in codes_of(file_rules):
        result.name_spellings = single_spellings(final)
    if job.detect_language and result.findings:
        # Only a file with findings shows its language; one that gets a finding
        # from the whole run later has its language detected then (`link_files`).
        result.language = document_language(final.text)
    if not job.fix and not job.keep_text and not stdin:
        if job.render is not None:  # rendered at once, then let go (see process_one)
            result.snapshot = TextSnapshot.whole(text, final.line_starts if result.findings else ())
        else:
            result.snapshot = TextSnapshot(text, result.findings, final.line_starts if result.findings else None)
        result.source = _without_text(result.source)


# A checked text's source once its text is let go, by (bom, encoding, notice): most files share one.
_LET_GO: dict[tuple[bool, str, str | None], Source] = {}


def _without_text(source: Source) -> Source:
    key = (source.bom, source.encoding, source.notice)
    kept = _LET_GO.get(key)
    if kept is None:
        if len(_LET_GO) >= 64:
            _LET_GO.clear()
        kept = _LET_GO[key] = Source("", *key)  # not dataclasses.replace: slower
    return kept


# What a job reads a text by when it has no original, by job and Markdown or not (see `fix_settings`).
_SETTINGS: dict[tuple[int, bool], tuple[Job, FixSettings]] = {}


def fix_settings(job: Job, markdown: bool, original: Document | None) -> FixSettings:
    """How a job reads (and fixes) one text: Markdown or not, paired with its original or not."""
    if original is None:
        known = _SETTINGS.get((id(job), markdown))
        if known is not None and known[0] is job:
            return known[1]
    settings = FixSettings(
        job.unsafe,
        markdown,
        job.segmentation,
        job.glossary_files,
        original,
        fix_codes=job.fix_codes,
        transliteration=job.transliteration,
    )
    if original is None:
        if len(_SETTINGS) >= 16:
            _SETTINGS.clear()
        _SETTINGS[id(job), markdown] = (job, settings)
    return settings


def _process_catalog(result: FileResult, rules: Sequence[Rule], job: Job) -> None:
    from tqa.catalog_check import check_catalog, fix_catalog

    text, display = result.source.text, result.input.display
    if job.fix:
        result.fixed_text, result.applied, result.findings = fix_catalog(
            text, display, rules, job.unsafe, job.glossary_files, job.catalogs, job.fix_codes
        )
    else:
        result.findings = check_catalog(text, display, rules, job.glossary_files, job.catalogs)


def _original(
    item: Input, text: str, source: str | None, markdown: bool, segmentation: str, encoding: str | None
) -> Document | None:
    """The Russian original of an input, read and checked for alignment, if it has one."""
    if item.is_stdin or (source is None and not is_target_name(os.path.basename(item.path))):
        return None  # no original named, and no name an original could go by
    path = paired_source(Path(item.path), Path(source) if source else None)
    if path is None:
        return None
    original = Document(display_path(path), read_file(path, encoding).text, markdown, segmentation)
    check_alignment(Document(item.display, text, markdown, segmentation), original)
    return original
