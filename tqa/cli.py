"""The command line: parse, call the engine, pick the emitter, set the exit code."""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import functools
import gc
import io
import os
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click

from tqa import __version__
from tqa.catalog_check import CatalogOptions
from tqa.cli_errors import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, fail, user_errors
from tqa.cli_glossary import glossary as glossary_group
from tqa.cli_options import (
    LANGUAGES,
    colored,
    config_sources,
    file_selection,
    file_selection_options,
    fix_report_options,
    for_terminal,
    hushed,
    isolated,
    keep_option,
    language_everywhere,
    language_option,
    quiet,
    report_options,
    report_target,
    show_files,
)
from tqa.cli_options import overrides as option_overrides
from tqa.cli_outcome import checked_nothing, failed_inputs
from tqa.click_i18n import install as translate_click
from tqa.errors import UserError
from tqa.i18n import _, ngettext, set_language
from tqa.model import Rule
from tqa.os_errors import os_reason
from tqa.pipeline.discover import discover
from tqa.pipeline.engine import context_spellings, link_files, process
from tqa.pipeline.fix import within_reach
from tqa.pipeline.plan import Plan, fix_codes, job_of
from tqa.pipeline.preview import on_disk
from tqa.pipeline.run import FileResult, Input, Job
from tqa.pipeline.tally import Tally
from tqa.report import FORMATS, ReportOptions, emitters, render, render_listed, streaming_emitters
from tqa.report.progress import track
from tqa.report.statistics import emit as report_statistics
from tqa.rules import ALL_RULES, find_rule
from tqa.rules.names import NameIndex
from tqa.signals import Stopped, deferred

if TYPE_CHECKING:
    from tqa.pipeline.cache import ResultCache

translate_click()


def _report_errors(results: list[FileResult], errors: list[UserError]) -> bool:
    for result in results:
        if result.source is not None and result.source.notice:
            click.echo(f"tqa: {_('notice')}: {result.input.display}: {result.source.notice}", err=True)
    for error in errors:
        fail(error)
    for result in results:
        if result.error is not None:
            fail(result.error)
    return bool(errors) or any(r.error for r in results)


def _language_was_chosen() -> bool:
    """Whether --lang or TQA_LANG chose the language: they beat the config file."""
    context = click.get_current_context()
    return bool(
        context.find_root().params.get("lang") or context.meta.get("tqa.language") or os.environ.get("TQA_LANG")
    )


def _plan(config: tuple[str, ...], overrides: dict) -> Plan:
    """Settings from the config file and the command line, or exit 2 naming the problem."""
    from tqa.config import load_settings
    from tqa.pipeline.plan import make_plan

    with user_errors():
        path, inline = config_sources(config)
        settings, _path = load_settings(path, {**overrides, **inline, **option_overrides()}, isolated=isolated())
        plan = make_plan(settings)
        if settings.origin.get("lang") not in (None, "default") and not _language_was_chosen():
            set_language(settings.lang)
        if plan.needs_glossary:
            from tqa.glossary.compiled import load_glossary, validated_fingerprint

            if validated_fingerprint(settings.glossary) is None:  # else loaded when a file is checked
                load_glossary(settings.glossary)
            # The glossary lives as long as this command: the garbage collector need
            # not walk its tens of thousands of objects again and again. (Only here:
            # a program that imports tqa keeps its own heap as it likes.)
            gc.freeze()
    return plan


def _encoding_option(_context, _parameter, value: str | None) -> str | None:
    """--encoding names a text encoding, not a codec such as rot13 or unicode_escape."""
    from tqa.text.textio import text_encoding

    try:
        return text_encoding(value) if value else value
    except UserError as error:
        raise click.BadParameter(error.message) from None


def _selection_options(function):
    options = (
        click.option(
            "--config",
            multiple=True,
            metavar=_("FILE|KEY=VALUE"),
            help=_("Configuration file (default: found by walking up from here), or a `key = value` setting over it."),
        ),
        click.option(
            "--select",
            multiple=True,
            metavar=_("CODES"),
            help=_("Only these rules (codes, code prefixes or names; comma-separated)."),
        ),
        click.option(
            "--ignore", multiple=True, metavar=_("CODES"), help=_("Skip these rules (codes, prefixes or names).")
        ),
        click.option("--extend-select", multiple=True, metavar=_("CODES"), help=_("Add these rules to the selection.")),
        click.option(
            "--glossary",
            "glossary_files",
            multiple=True,
            type=click.Path(dir_okay=False),
            help=_("A glossary file (TOML) layered over the built-in glossary; repeatable."),
        ),
        click.option(
            "--segmentation",
            type=click.Choice(["auto", "blocks", "lines"]),
            help=_(
                "Paragraphs are blocks between blank lines, or single lines (one segment a line); auto picks lines when a file has no blank line."
            ),
        ),
        click.option(
            "--encoding",
            metavar=_("NAME"),
            callback=_encoding_option,
            help=_(
                "Read (and write back) files in this encoding; default: UTF-8, with UTF-16 and Russian legacy encodings detected."
            ),
        ),
        click.option(
            "--source",
            type=click.Path(exists=True),
            help=_(
                "The Russian original: a file, or a folder of originals paired by name; by default NAME.ru.EXT beside NAME.en.EXT."
            ),
        ),
        click.option(
            "--context",
            "context_paths",
            multiple=True,
            type=click.Path(exists=True),
            help=_(
                "Files or folders whose names count for spelling consistency but are not reported on (for hooks that pass only staged files)."
            ),
        ),
        click.option("--include-fuzzy", is_flag=True, help=_("In PO catalogs, also check fuzzy entries.")),
        click.option(
            "--source-lang",
            metavar=_("LANG"),
            help=_("Language of PO msgids (default: from the text); ru makes them the source."),
        ),
        click.option(
            "--target-lang",
            metavar=_("LANG"),
            help=_("Language of PO msgstrs (default: the catalog's Language header); only English is checked."),
        ),
        click.option(
            "--jobs",
            "-j",
            type=click.IntRange(0),
            metavar="N",
            default=0,
            show_default=True,
            help=_("Worker processes; 0 means one per CPU."),
        ),
        click.option(
            "--dask-scheduler",
            metavar="ADDRESS",
            help=_(
                "Check on the Dask cluster of this scheduler (tcp://HOST:8786), whose workers see the files at the same paths; needs `pip install 'tqa[dask]'`."
            ),
        ),
        click.option(
            "--dask-local",
            type=click.IntRange(1),
            metavar="N",
            help=_("Check on a local Dask cluster of N worker processes; needs `pip install 'tqa[dask]'`."),
        ),
        click.option("--exit-zero", is_flag=True, help=_("Exit 0 even when there are findings.")),
    )
    for option in reversed(options):
        function = option(function)
    return file_selection_options(function)


def _cache_options(function):
    """--cache-dir: where the results cache and compiled glossaries are kept."""

    def use(_context, _parameter, value: str | None) -> None:
        if value:
            os.environ["TQA_CACHE_DIR"] = value  # worker processes and the glossary cache follow it

    return click.option(
        "--cache-dir",
        type=click.Path(file_okay=False),
        callback=use,
        expose_value=False,
        is_eager=True,
        help=_("Folder for tqa's caches (default: $TQA_CACHE_DIR, else the user cache folder)."),
    )(function)


def _job(settings, encoding, source, include_fuzzy, source_lang, target_lang, **more) -> Job:
    """What `check` and `fix` do to each file: the settings, the reading options and `more`."""
    return job_of(
        settings,
        encoding=encoding,
        source=source,
        catalogs=CatalogOptions(include_fuzzy, source_lang, target_lang),
        **more,
    )


def _workers(jobs: int) -> int:
    """--jobs as a number of processes: 0 means one per CPU."""
    return jobs or os.cpu_count() or 1


def _cluster(scheduler: str | None, local_workers: int | None):
    """--dask-scheduler or --dask-local: a client of the Dask cluster to check on,
    closed with the command; None: this machine."""
    if scheduler and local_workers:
        raise click.UsageError(_("give --dask-scheduler or --dask-local, not both"))
    if not scheduler and not local_workers:
        return None
    from tqa.pipeline.dask_run import Cluster

    with user_errors():  # connected now, so an unreachable scheduler is an error before any work
        return click.get_current_context().with_resource(Cluster(scheduler, local_workers or 0).client())


def _overrides(select, ignore, extend_select, glossary_files, segmentation, **more) -> dict:
    return {
        "select": select,
        "ignore": ignore,
        "extend_select": extend_select,
        "glossary": glossary_files,
        "segmentation": segmentation,
        **more,
    }


@click.group(
    context_settings={"help_option_names": ["-h", "--help"]},
    help=_("tqa: find and fix machine-translation artifacts in English text translated from Russian."),
)
@click.version_option(__version__, prog_name="tqa")
@click.option(
    "--lang",
    type=LANGUAGES,
    help=_("Language of messages (en, ru, uk); default from TQA_LANG, LC_ALL, LC_MESSAGES, LANG."),
)
def main(lang: str | None) -> None:
    """The tqa command line."""
    if lang:
        set_language(lang)
    _refuse_unknown_tqa_lang()


def _refuse_unknown_tqa_lang() -> None:
    """TQA_LANG is set for tqa alone, so a value it has no messages for is an
    error, as with --lang (LANG and the others serve every program: not theirs)."""
    from tqa.i18n import available_languages, normalize_language

    value = os.environ.get("TQA_LANG", "")
    code = normalize_language(value)
    if code is not None and code not in available_languages():
        from tqa.suggest import did_you_mean

        message = _("unknown language `{value}` in TQA_LANG; use one of: {allowed}").format(
            value=value, allowed=", ".join(available_languages())
        )
        fail(message + did_you_mean(code, available_languages()))
        sys.exit(EXIT_ERROR)


@main.command(help=_("Report findings in files, folders (recursing into .txt, .md and .po) or `-` (standard input)."))
@click.argument("paths", nargs=-1, required=True)
@_selection_options
@click.option("--output-format", type=click.Choice(FORMATS), help=_("How to print findings (default: text)."))
@click.option(
    "--statistics", is_flag=True, help=_("Print only the count of findings by rule (JSON with --output-format json).")
)
@click.option(
    "--unsafe-fixes", is_flag=True, help=_("Count unsafe fixes as available; with --diff, apply them in the diff too.")
)
@click.option(
    "--diff",
    "show_diff",
    is_flag=True,
    help=_("Also print the unified diff `tqa fix` would make; findings that remain still fail the check."),
)
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help=_("Report only findings that are not in this baseline file."),
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help=_("Record today's findings in this baseline file."),
)
@_cache_options
@click.option("--no-cache", is_flag=True, help=_("Check every file afresh and leave the results cache alone."))
@click.option("--fix", "apply_fixes", is_flag=True, help=_("Apply fixes, as `tqa fix` does (with --unsafe-fixes too)."))
@report_options
def check(
    paths, config, select, ignore, extend_select, glossary_files, segmentation, encoding, source, context_paths, include_fuzzy, source_lang, target_lang, jobs, dask_scheduler, dask_local, exit_zero,
    output_format, statistics, unsafe_fixes, show_diff, baseline, write_baseline, no_cache, apply_fixes,
) -> None:  # fmt: skip
    if apply_fixes:
        context = click.get_current_context()
        _refuse_with_fix(context.params)
        context.invoke(fix, **{name: value for name, value in context.params.items() if name in _FIX_PARAMETERS})
        return
    _refuse_empty_paths(paths)
    plan = _plan(
        config, _overrides(select, ignore, extend_select, glossary_files, segmentation, output_format=output_format)
    )
    settings = for_terminal(plan.settings)
    selection = file_selection(settings)
    inputs, errors = discover(paths, selection)
    if show_files(inputs):
        return
    if write_baseline is not None:
        from tqa.pipeline.baseline import check_baseline_target

        with user_errors():
            check_baseline_target(write_baseline, [item.path for item in inputs if not item.is_stdin])
    known = None
    if baseline is not None:  # read before checking: a broken baseline stops the run with no findings shown
        from tqa.pipeline.baseline import read_baseline

        with user_errors():
            known = read_baseline(baseline)
    job = _job(
        settings,
        encoding,
        source,
        include_fuzzy,
        source_lang,
        target_lang,
        fix=show_diff,
        unsafe=unsafe_fixes,
        keep_text=settings.output_format == "html",  # the report shows each text
        detect_language=settings.output_format in ("json", "json-lines"),
    )
    workers = _workers(jobs)
    cluster = _cluster(dask_scheduler, dask_local)
    report = sys.stderr if show_diff else sys.stdout
    options = ReportOptions(
        unsafe_fixes=unsafe_fixes,
        signature=plan.signature,
        quiet=quiet(),
        color=colored(report),
        fixing=show_diff,  # the summary tells what the diff would fix and what would remain
        dry_run=show_diff,
    )
    streaming = streaming_emitters().get(settings.output_format)
    streamed = streaming is not None and baseline is None and write_baseline is None and not (show_diff or statistics)
    # A streamed run caches each file as printed; other runs cache it unprinted: two keys.
    output = (settings.output_format, options.color, streamed)
    cache = None if no_cache or show_diff else _results_cache(plan, job, output)
    if streamed:
        as_list = settings.output_format == "json"
        # As UTF-8 for the JSON list, and for a file the cache keeps: it loads and is written as it is.
        encoded = as_list or cache is not None
        render_file = functools.partial(render_listed if encoded else render, settings.output_format, options=options)
        job = dataclasses.replace(job, render=render_file, keep_order=as_list)
        results = track(process(inputs, _rules_of(plan), job, workers, cache, cluster), inputs, hushed())
        context = _context(context_paths, inputs, plan)
        failed, found, checked = _stream(results, errors, plan, streaming, options, context, as_list, cache)
    else:
        results = list(track(process(inputs, _rules_of(plan), job, workers, cache, cluster), inputs, hushed()))
        if show_diff:
            from tqa.pipeline.write import diff

            for result in results:
                if result.source is not None:
                    sys.stdout.write(diff(result))
        # With --diff the file on disk still has the fixable findings too, so a
        # diff alone fails the check; the findings that remain are told in the file on disk.
        results, changed, failed = _settle(results, errors, plan, context_paths, inputs, show_diff, cache)
        if baseline is not None or write_baseline is not None:
            failed = _baseline(results, known, write_baseline) or failed
        if statistics:
            report_statistics(results, sys.stdout, options, as_json=settings.output_format == "json")
        elif settings.output_format == "html":
            from tqa.report import html
            from tqa.report.html_data import Review, fixed_texts

            review = Review(plan.rules_for, job)
            html.emit(
                results, report, options, dataclasses.replace(review, cleaned=fixed_texts(results, review, workers))
            )
        else:
            emitters()[settings.output_format](results, report, options)
        found = changed or any(r.findings for r in results)
        checked = sum(r.source is not None for r in results)
    failed = failed or checked_nothing(checked, selection)  # the errors told why nothing was checked
    if failed:
        sys.exit(EXIT_ERROR)
    if found and not exit_zero:
        sys.exit(EXIT_FINDINGS)


@main.command(
    help=_(
        "Write the HTML review report of files or folders (report.html, or -o FILE); as `check --output-format html`."
    )
)
@click.argument("paths", nargs=-1, required=True)
@_selection_options
@_cache_options
@click.option("--no-cache", is_flag=True, help=_("Check every file afresh and leave the results cache alone."))
@click.option(
    "-o",
    "--output-file",
    type=click.Path(dir_okay=False),
    default="report.html",
    show_default=True,
    callback=keep_option,
    help=_("Write the report to this file."),
)
def report(paths, output_file, **options) -> None:
    try:
        click.get_current_context().invoke(check, paths=paths, output_format="html", **options)
    finally:
        if Path(output_file).is_file():
            click.echo(_("tqa: review report written to {path}").format(path=output_file), err=True)


# `check` options that `check --fix` (which is `tqa fix`) could not honour.
_CHECK_ONLY = {
    "output_format": "--output-format",
    "statistics": "--statistics",
    "baseline": "--baseline",
    "write_baseline": "--write-baseline",
}


def _refuse_with_fix(params: dict) -> None:
    """A check-only option beside --fix is a usage error, not silently dropped."""
    given = [flag for name, flag in _CHECK_ONLY.items() if params.get(name)]
    if given:
        raise click.UsageError(
            _("--fix does not combine with {options}: run `tqa fix`, then `tqa check` with them").format(
                options=", ".join(given)
            )
        )


def _rules_of(plan: Plan) -> Sequence[Rule] | Callable[[str], Sequence[Rule]]:
    """The rules of every file, or, with per-file ignores, what gives each file its own."""
    return plan.rules_for if plan.settings.per_file_ignores else plan.rules


def _results_cache(plan: Plan, job: Job, output_format: tuple[str, bool, bool]):
    """The results cache of runs with these settings; messages, the output format
    (files are cached as printed) and tqa's code are part of its key."""
    from tqa.i18n import current_language
    from tqa.pipeline.cache import ResultCache, results_dir

    settings = (plan.signature, repr(job), plan.settings.per_file_ignores, output_format, current_language())
    return ResultCache.open(results_dir(), repr(settings))


def _settle(
    results, errors, plan: Plan, context_paths, inputs, show_diff: bool, cache: ResultCache | None = None
) -> tuple[list[FileResult], bool, bool]:
    """The run-wide name check, then the results as reported: positions in the file on
    disk after a diff preview, the inputs that could not be read added. Returns the
    results, whether any text changed, and whether the run failed."""
    link_files(
        results,
        plan.rules,
        context=_context(context_paths, inputs, plan),
        transliteration=plan.settings.transliteration,
        glossary_files=plan.settings.glossary,
        notes=cache.notes if cache is not None else None,
        cache=cache,
    )
    if cache is not None:
        cache.save_notes()
    reach = fix_codes(plan.settings)
    for result in results:
        result.findings = within_reach(result.findings, reach)  # the run-wide findings too
    changed = any(r.changed for r in results)
    if show_diff:
        results = [on_disk(result) for result in results]
    results += failed_inputs(errors)
    return results, changed, _report_errors(results, [])


def _context(paths: tuple[str, ...], inputs, plan: Plan):
    """Spellings of the --context files, read only when the run checks names across files."""
    if not paths or not any(rule.code == "N602" for rule in plan.rules):
        return ()
    return context_spellings(paths, inputs, plan.settings.segmentation)


def _stream(
    results,
    errors: list[UserError],
    plan: Plan,
    streaming,
    options: ReportOptions,
    context=(),
    as_list=False,
    cache: ResultCache | None = None,
) -> tuple[bool, bool, int]:
    """Print each file's findings, rendered where the file was checked, and let
    them go; the findings only the whole run can see (one name spelled two ways
    across files) come last, or, for one JSON list (`as_list`), in their files'
    places. Returns (an input failed, anything found, files checked)."""
    from tqa.report.json_output import Assembly

    emit_file, emit_end = streaming
    listing = Assembly(sys.stdout, held=cache is not None) if as_list else None  # the cache holds each piece
    failed = _report_errors([], errors)
    tally = Tally()
    # The run's name spellings, indexed as they come (while other files are still
    # being checked), or only kept when every file comes from the cache: the
    # run-wide findings are then most likely remembered (see `link_files`).
    names = NameIndex(plan.settings.transliteration)
    spellings: list[str] = []
    seen: list[FileResult] = []
    # Files' text (UTF-8 with the cache), written at once when every file comes from the cache.
    held = _Held(sys.stdout)
    for result in results:
        if result.error is not None or (result.source is not None and result.source.notice):
            held.write()
            failed = _report_errors([result], []) or failed
        if listing is not None:
            listing.add(result)
        elif result.rendered:  # none for most files of a clean corpus
            held.add(result.rendered)
            if cache is None or not cache.every_file_cached:
                held.write()
        tally.merge(result.tally)
        if cache is not None and cache.every_file_cached:
            spellings.append(result.name_spellings)
        else:
            names.add(result.name_spellings)
        result.name_spellings, result.rendered, result.tally = "", None, None
        seen.append(result)
    link_files(
        seen,
        plan.rules,
        spellings if cache is not None and cache.every_file_cached else names,
        context,
        plan.settings.transliteration,
        plan.settings.glossary,
        cache.notes if cache is not None else None,
        cache,
    )
    if cache is not None:
        cache.save_notes()
    reach = fix_codes(plan.settings)
    late = io.StringIO()  # the run-wide findings, written at once
    for result in seen:
        if result.findings:
            result.findings = within_reach(result.findings, reach)
            if listing is None:
                emit_file(result, late, options)
            tally.count_findings(result.findings)
    held.add(late.getvalue())
    held.write()
    if listing is not None:
        listing.finish(seen, options)
    emit_end(tally, sys.stdout, options)
    return failed, tally.findings > 0, tally.files


class _Held:
    """Output of streamed files that waits to be written in one go: text, or
    UTF-8 (as rendered for the results cache), which goes to the stream's binary
    buffer as it is where the stream writes UTF-8 and it holds no lone surrogate
    (as `json_output.Assembly` writes the JSON list)."""

    def __init__(self, stream: TextIO):
        from tqa.report.json_output import utf8_buffer

        self.stream = stream
        self.pieces: list[str | bytes] = []
        self.raw = utf8_buffer(stream)

    def add(self, piece: str | bytes) -> None:
        if piece:
            self.pieces.append(piece)

    def write(self) -> None:
        """Write what waits (text after the UTF-8 before it), and let it go."""
        if not self.pieces:
            return
        pieces, self.pieces = self.pieces, []
        if type(pieces[0]) is str:  # text only (files rendered without the cache)
            self.stream.write("".join(pieces))  # type: ignore[arg-type]
            return
        from tqa.report.json_output import write_utf8

        data = b"".join(p if type(p) is bytes else p.encode("utf-8", "surrogatepass") for p in pieces)  # type: ignore[union-attr]
        write_utf8(self.stream, self.raw, data)


def _baseline(results: list[FileResult], known: dict[str, set[str]] | None, write_baseline: Path | None) -> bool:
    """Write a baseline and/or drop the findings of a baseline already read (`known`); True when writing failed."""
    from tqa.pipeline.baseline import filter_baselined
    from tqa.pipeline.baseline import write_baseline as write

    try:
        if write_baseline is not None:
            count = write(results, write_baseline)
            message = ngettext("Wrote {count} finding to {path}.", "Wrote {count} findings to {path}.", count)
            click.echo(message.format(count=count, path=write_baseline), err=True)
            for result in results:
                result.findings = []
        if known is not None:
            filter_baselined(results, known)
    except UserError as error:
        fail(error)
        return True
    return False


@main.command(help=_("Apply fixes in place (safe ones unless --unsafe-fixes); report what was fixed and what remains."))
@click.argument("paths", nargs=-1, required=True)
@_selection_options
@click.option(
    "--unsafe-fixes", is_flag=True, help=_("Also apply unsafe fixes (wording, merged or removed paragraphs).")
)
@click.option(
    "--diff",
    "show_diff",
    is_flag=True,
    help=_("Print a unified diff and write nothing; exit 1 if anything would change."),
)
@click.option(
    "-o",
    "--output",
    "output_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help=_("Write cleaned copies into this folder and leave the originals."),
)
@click.option(
    "--exit-non-zero-on-fix", is_flag=True, help=_("Exit 1 when anything was fixed, even if nothing remains.")
)
@fix_report_options
@click.option(
    "--interactive",
    is_flag=True,
    help=_("Review findings one at a time on the terminal: accept, skip or edit each change (see the README)."),
)
def fix(
    paths, config, select, ignore, extend_select, glossary_files, segmentation, encoding, source, context_paths, include_fuzzy, source_lang, target_lang, jobs, dask_scheduler, dask_local, exit_zero,
    unsafe_fixes, show_diff, output_dir, exit_non_zero_on_fix, interactive,
) -> None:  # fmt: skip
    _refuse_empty_paths(paths)
    plan = _plan(config, _overrides(select, ignore, extend_select, glossary_files, segmentation))
    settings = plan.settings
    selection = file_selection(settings)
    inputs, errors = discover(paths, selection)
    if show_files(inputs):
        return
    inputs = _distinct_files(inputs)
    if interactive:
        if show_diff or output_dir is not None:
            raise click.UsageError(_("--interactive writes the files it reviews; it takes neither --diff nor --output"))
        from tqa.pipeline.interactive import run

        job = _job(settings, encoding, source, include_fuzzy, source_lang, target_lang, fix=True, unsafe=True)
        sys.exit(run(inputs, errors, plan.rules_for, job, colored(sys.stdout)))
    if output_dir is not None and not show_diff:
        from tqa.pipeline.write import check_output_folder

        with user_errors():
            check_output_folder(output_dir, inputs)
    to_stdout = any(item.is_stdin for item in inputs) and not show_diff
    job = _job(settings, encoding, source, include_fuzzy, source_lang, target_lang, fix=True, unsafe=unsafe_fixes)
    cluster = _cluster(dask_scheduler, dask_local)
    with user_errors(), report_target(sys.stderr if show_diff or to_stdout else sys.stdout) as report:
        results = _fix_files(inputs, plan, job, _workers(jobs), report, show_diff, output_dir, cluster)
        results, changed, failed = _settle(results, errors, plan, context_paths, inputs, show_diff)
        options = ReportOptions(
            unsafe_fixes=unsafe_fixes, fixing=True, dry_run=show_diff, quiet=quiet(), color=colored(report)
        )
        emitters()["text"](results, report, options)
    failed = failed or checked_nothing(sum(r.source is not None for r in results), selection)
    if failed:
        sys.exit(EXIT_ERROR)
    if show_diff:
        sys.exit(EXIT_FINDINGS if changed else EXIT_CLEAN)
    if exit_non_zero_on_fix and changed:
        sys.exit(EXIT_FINDINGS)
    if any(r.findings for r in results) and not exit_zero:
        sys.exit(EXIT_FINDINGS)


def _fix_files(
    inputs: list[Input],
    plan: Plan,
    job: Job,
    workers: int,
    report: TextIO,
    show_diff: bool,
    output_dir: Path | None,
    cluster=None,
) -> list[FileResult]:
    """Fix each input (on the Dask `cluster`, if one is given) and print, write or copy
    it, telling on `report` what was fixed. Stopped by a signal, it tells how many
    files it had already written."""
    results: list[FileResult] = []
    written: list[str] = []
    try:
        with contextlib.closing(process(inputs, plan.rules_for, job, workers, cluster=cluster)) as processed:
            for result in track(processed, inputs, hushed()):
                results.append(result)
                _deliver(result, show_diff, output_dir, written)
                if not quiet():
                    _report_applied(result, report, show_diff)
    except Stopped as stopped:
        if not show_diff:
            stopped.detail = _written_before_stop(len(written), output_dir is not None)
        raise
    return results


def _written_before_stop(count: int, copies: bool) -> str:
    if copies:
        message = ngettext("{count} cleaned copy was written", "{count} cleaned copies were written", count)
    else:
        message = ngettext("{count} file was already rewritten", "{count} files were already rewritten", count)
    return message.format(count=count)


_FIX_PARAMETERS = {parameter.name for parameter in fix.params}


def _refuse_empty_paths(paths: tuple[str, ...]) -> None:
    """An empty argument (an unset shell variable) must not mean the working folder."""
    if any(path == "" for path in paths):
        raise click.UsageError(_("an empty path was given (an unset variable?); name a file, a folder or `-`"))


def _distinct_files(inputs: list[Input]) -> list[Input]:
    """Each file once, however many names (links) lead to it: the first name wins."""
    seen: set[tuple[int, int]] = set()
    kept = []
    for item in inputs:
        if not item.is_stdin:
            try:
                info = os.stat(item.path)
            except OSError:
                kept.append(item)
                continue
            if (info.st_dev, info.st_ino) in seen:
                continue
            seen.add((info.st_dev, info.st_ino))
        kept.append(item)
    return kept


def _deliver(result: FileResult, show_diff: bool, output_dir: Path | None, written: list[str]) -> None:
    """Print, write or copy one file's fixed text; a file written is added to
    `written` before a signal can stop the run. When that fails, or the input
    could not be fixed, the file becomes an error and none of its fixes count;
    a filter passes what it could not fix through unchanged. Edits that leave
    the text as it was are no fixes."""
    import shutil

    from tqa.pipeline.write import diff, write_copy, write_in_place

    if not result.changed:
        result.applied = []
    try:
        if result.input.is_stdin and not show_diff:
            data = result.raw or b""
            if result.source is not None and result.error is None:
                data = result.source.encode(result.fixed_text, result.input.display)
            sys.stdout.buffer.write(data)
            if result.source is None:
                shutil.copyfileobj(sys.stdin.buffer, sys.stdout.buffer)  # input past the size cap
            sys.stdout.flush()
        elif result.source is None:
            return
        elif show_diff:
            sys.stdout.write(diff(result))
        elif output_dir is not None:
            with deferred():
                copy = write_copy(result, output_dir)
                written.append(str(copy))
            result.input = dataclasses.replace(result.input, display=str(copy))  # findings are told in the copy
        else:
            with deferred():
                if write_in_place(result):
                    written.append(result.input.display)
    except UserError as error:
        result.error = error
        result.applied, result.findings, result.fixed_text = [], [], None
        if result.input.is_stdin:
            sys.stdout.buffer.write(result.raw or b"")
            sys.stdout.flush()


def _report_applied(result: FileResult, stream, dry_run: bool) -> None:
    if not result.applied:
        return
    counts = Counter((f.code, f.name) for f in result.applied)
    parts = ", ".join(f"{count} × {code} {name}" for (code, name), count in sorted(counts.items()))
    line = _("{path}: would fix {parts}") if dry_run else _("{path}: fixed {parts}")
    stream.write(line.format(path=result.input.display, parts=parts) + "\n")


@main.command(help=_("Remove tqa's caches: results of earlier checks and compiled glossaries."))
@_cache_options
def clean() -> None:
    from tqa.pipeline.cache import remove_caches
    from tqa.resources import user_cache_dir

    folder = user_cache_dir()
    removed = remove_caches(folder)
    message = ngettext("Removed {count} cache file from {path}.", "Removed {count} cache files from {path}.", removed)
    click.echo(message.format(count=removed, path=folder), err=True)


@main.command("rules", help=_("List every rule: code, name, fix availability and summary."))
@click.option("--output-format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@language_option
def list_rules(output_format: str) -> None:
    if output_format == "json":
        import json

        rows = [
            {"code": r.code, "name": r.name, "fix": r.fix.value, "severity": r.severity.value, "summary": _(r.summary)}
            for r in ALL_RULES
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    width = max(len(r.name) for r in ALL_RULES)
    label_width = max(len(_fix_label(r)) for r in ALL_RULES)
    for r in ALL_RULES:
        click.echo(f"{r.code}  {r.name:<{width}}  {_fix_label(r):<{label_width}}  {_(r.summary)}")


def _fix_label(rule: Rule) -> str:
    """Whether a rule's findings come with a fix: always, sometimes or never."""
    return {"always": _("fixable"), "sometimes": _("sometimes fixable"), "never": "—"}[rule.fix.value]


def _severity_label(rule: Rule) -> str:
    return {"error": _("error"), "warning": _("warning"), "info": _("info")}[rule.severity.value]


@main.command("rule", help=_("Print a rule's documentation (or every rule's, with --all)."))
@click.argument("code", required=False)
@click.option("--all", "every", is_flag=True, help=_("Every rule."))
@click.option("--output-format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@language_option
def show_rule(code: str | None, every: bool, output_format: str) -> None:
    if every == (code is not None):
        raise click.UsageError(_("name a rule, or give --all"))
    rules = list(ALL_RULES) if every else [find_rule(code)]
    if rules[0] is None:
        from tqa.rules import rule_keys
        from tqa.suggest import did_you_mean

        fail(_("unknown rule: {code}").format(code=code) + did_you_mean(code, rule_keys()))
        sys.exit(EXIT_ERROR)
    from tqa.rule_docs import explanation, fix_safety

    if output_format == "json":
        from tqa.report import json_text

        rows = [
            {
                "code": r.code,
                "name": r.name,
                "summary": _(r.summary),
                "explanation": explanation(r),
                "fix_safety": fix_safety(r),
                "fix": r.fix.value,
                "severity": r.severity.value,
            }
            for r in rules
        ]
        click.echo(json_text.dumps(rows if every else rows[0]))
        return
    for index, rule in enumerate(rules):
        if index:
            click.echo()
        click.echo(f"{rule.code} {rule.name}\n")
        click.echo(explanation(rule))
        click.echo(f"\n{_('Fix')}: {_fix_label(rule)}; {_('severity')}: {_severity_label(rule)}")


@main.group("config", help=_("Inspect tqa's configuration."))
def config_group() -> None:
    """The `tqa config` commands."""


@config_group.command("show", help=_("Print the effective settings and where each comes from."))
@click.option(
    "--config", type=click.Path(dir_okay=False), help=_("Configuration file (default: found by walking up from here).")
)
def config_show(config: str | None) -> None:
    from tqa.config import load_settings

    with user_errors():
        settings, path = load_settings(config, {})
    if settings.origin.get("lang") not in (None, "default") and not _language_was_chosen():
        set_language(settings.lang)
    click.echo(_("configuration file: {path}").format(path=path or _("none found")))
    for name, origin in settings.origin.items():
        value = getattr(settings, name)
        shown = (
            dict(value)
            if name in ("per_file_ignores", "severity")
            else list(value)
            if isinstance(value, tuple)
            else value
        )
        origin = {"default": _("default"), "command line": _("command line")}.get(origin, origin)
        click.echo(f"{name.replace('_', '-'):<18} = {shown!r:<40} # {origin}")


main.add_command(glossary_group)


# Errors of a full or failing disk: where tqa does not write files itself they
# come from standard output (`tqa check > /dev/full`).
_OUTPUT_ERRORS = (errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EDQUOT)


def run() -> None:
    """Console entry point: report user errors without a traceback; Ctrl-C,
    SIGTERM and SIGHUP end the run cleanly with 128 + the signal's number; a
    standard output that cannot be written is an error (exit 2), not a success."""
    from tqa.signals import stop_on_signals

    stop_on_signals()
    code: int | str | None = EXIT_CLEAN
    try:
        with user_errors():
            main(prog_name="tqa")
    except Stopped as stopped:
        _leave_stdout()
        click.echo(f"tqa: {_('interrupted')}" + (f": {stopped.detail}" if stopped.detail else ""), err=True)
        sys.exit(128 + stopped.signum)
    except SystemExit as exit:
        code = exit.code
    except OSError as error:
        if error.errno not in _OUTPUT_ERRORS:
            raise
        code = _output_failed(error)
    try:
        sys.stdout.flush()
    except OSError as error:
        if error.errno not in _OUTPUT_ERRORS:
            raise
        code = _output_failed(error)
    # The run's objects go with the process: the collector's last pass over them
    # at exit (a few hundredths of a second after a large run) is skipped.
    gc.freeze()
    sys.exit(code)


def _output_failed(error: OSError) -> int:
    fail(_("cannot write the output: {reason}").format(reason=os_reason(error)))
    _leave_stdout()  # so the exit does not fail a second time
    return EXIT_ERROR


def _leave_stdout() -> None:
    """Drop what is still buffered for stdout, so exiting cannot block on a full
    pipe or fail on a closed one."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


from tqa.cli_metrics import evaluate, score  # noqa: E402

main.add_command(score)
main.add_command(evaluate, "eval")
language_everywhere(main)
