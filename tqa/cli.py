"""The command line: parse, call the engine, pick the emitter, set the exit code."""

from __future__ import annotations

import dataclasses
import functools
import inspect
import os
import sys
from collections import Counter
from pathlib import Path

import click

from tqa import __version__
from tqa.catalog_check import CatalogOptions
from tqa.cli_errors import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, fail, user_errors
from tqa.cli_glossary import glossary as glossary_group
from tqa.errors import UserError
from tqa.i18n import _, ngettext, set_language
from tqa.model import Rule
from tqa.pipeline.engine import FileResult, Job, context_spellings, discover, link_files, process
from tqa.pipeline.plan import Plan
from tqa.pipeline.tally import Tally
from tqa.pipeline.write import diff, write_copy, write_in_place
from tqa.report import FORMATS, ReportOptions, emitters, render, streaming_emitters
from tqa.rules import ALL_RULES, find_rule
from tqa.rules.names import NameIndex


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
    return bool(click.get_current_context().find_root().params.get("lang") or os.environ.get("TQA_LANG"))


def _plan(config: str | None, overrides: dict) -> Plan:
    """Settings from the config file and the command line, or exit 2 naming the problem."""
    from tqa.config import load_settings
    from tqa.pipeline.plan import make_plan

    with user_errors():
        settings, _path = load_settings(config, overrides)
        plan = make_plan(settings)
        if settings.origin.get("lang") not in (None, "default") and not _language_was_chosen():
            set_language(settings.lang)
        if plan.needs_glossary:
            from tqa.glossary.compiled import load_glossary

            load_glossary(settings.glossary)
    return plan


def _selection_options(function):
    options = (
        click.option(
            "--config",
            type=click.Path(dir_okay=False),
            help=_("Configuration file (default: found by walking up from here)."),
        ),
        click.option(
            "--select",
            multiple=True,
            metavar="CODES",
            help=_("Only these rules (codes, code prefixes or names; comma-separated)."),
        ),
        click.option(
            "--ignore", multiple=True, metavar="CODES", help=_("Skip these rules (codes, prefixes or names).")
        ),
        click.option("--extend-select", multiple=True, metavar="CODES", help=_("Add these rules to the selection.")),
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
            metavar="NAME",
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
            metavar="LANG",
            help=_("Language of PO msgids (default: from the text); ru makes them the source."),
        ),
        click.option(
            "--target-lang",
            metavar="LANG",
            help=_("Language of PO msgstrs (default: the catalog's Language header); only English is checked."),
        ),
        click.option(
            "--jobs",
            "-j",
            type=click.IntRange(0),
            default=1,
            show_default=True,
            help=_("Worker processes; 0 means one per CPU."),
        ),
        click.option("--exit-zero", is_flag=True, help=_("Exit 0 even when there are findings.")),
    )
    for option in reversed(options):
        function = option(function)
    return function


def _job(settings, encoding, source, include_fuzzy, source_lang, target_lang, **more) -> Job:
    """What `check` and `fix` do to each file: the settings, the reading options and `more`."""
    return Job(
        segmentation=settings.segmentation,
        glossary_files=settings.glossary,
        transliteration=settings.transliteration,
        encoding=encoding,
        source=source,
        catalogs=CatalogOptions(include_fuzzy, source_lang, target_lang),
        **more,
    )


def _workers(jobs: int) -> int:
    """--jobs as a number of processes: 0 means one per CPU."""
    return jobs or os.cpu_count() or 1


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
    metavar="LANG",
    help=_("Language of messages (en, ru, uk); default from TQA_LANG, LC_ALL, LC_MESSAGES, LANG."),
)
def main(lang: str | None) -> None:
    """The tqa command line."""
    if lang:
        set_language(lang)


@main.command(help=_("Report findings in files, folders (recursing into .txt, .md and .po) or `-` (standard input)."))
@click.argument("paths", nargs=-1, required=True)
@_selection_options
@click.option("--output-format", type=click.Choice(FORMATS), help=_("How to print findings (default: text)."))
@click.option("--statistics", is_flag=True, help=_("Count findings by rule."))
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
def check(
    paths, config, select, ignore, extend_select, glossary_files, segmentation, encoding, source, context_paths, include_fuzzy, source_lang, target_lang, jobs, exit_zero,
    output_format, statistics, unsafe_fixes, show_diff, baseline, write_baseline,
) -> None:  # fmt: skip
    plan = _plan(
        config, _overrides(select, ignore, extend_select, glossary_files, segmentation, output_format=output_format)
    )
    settings = plan.settings
    inputs, errors = discover(paths, settings.exclude)
    job = _job(
        settings,
        encoding,
        source,
        include_fuzzy,
        source_lang,
        target_lang,
        fix=show_diff,
        unsafe=unsafe_fixes,
        keep_text=False,
        detect_language=settings.output_format in ("json", "json-lines"),
    )
    workers = _workers(jobs)
    options = ReportOptions(unsafe_fixes=unsafe_fixes, statistics=statistics, signature=plan.signature)
    streaming = streaming_emitters().get(settings.output_format)
    if streaming is not None and baseline is None and write_baseline is None and not show_diff:
        job = dataclasses.replace(job, render=functools.partial(render, settings.output_format))
        results = process(inputs, plan.rules_for, job, workers)
        context = _context(context_paths, inputs, plan)
        failed, found = _stream(results, errors, plan, streaming, options, context)
    else:
        results = list(process(inputs, plan.rules_for, job, workers))
        if show_diff:
            for result in results:
                if result.source is not None:
                    sys.stdout.write(diff(result))
        link_files(
            results,
            plan.rules,
            context=_context(context_paths, inputs, plan),
            transliteration=plan.settings.transliteration,
        )
        failed = _report_errors(results, errors)
        if baseline is not None or write_baseline is not None:
            failed = _baseline(results, baseline, write_baseline) or failed
        emitters()[settings.output_format](results, sys.stdout, options)
        # With --diff the findings shown are those the fixes leave; the file on
        # disk still has the fixable ones too, so a diff alone also fails the check.
        found = any(r.findings or r.changed for r in results)
    if failed:
        sys.exit(EXIT_ERROR)
    if found and not exit_zero:
        sys.exit(EXIT_FINDINGS)


def _context(paths: tuple[str, ...], inputs, plan: Plan):
    """Spellings of the --context files, read only when the run checks names across files."""
    if not paths or not any(rule.code == "N602" for rule in plan.rules):
        return ()
    return context_spellings(paths, inputs, plan.settings.segmentation)


def _stream(
    results, errors: list[UserError], plan: Plan, streaming, options: ReportOptions, context=()
) -> tuple[bool, bool]:
    """Print each file's findings, rendered where the file was checked, and let
    them go; the findings only the whole run can see (one name spelled two ways
    across files) come last. Returns (an input failed, anything found)."""
    emit_file, emit_end = streaming
    failed = _report_errors([], errors)
    tally = Tally()
    names = NameIndex(plan.settings.transliteration)
    seen: list[FileResult] = []
    for result in results:
        failed = _report_errors([result], []) or failed
        sys.stdout.write(result.rendered)
        tally.merge(result.tally)
        names.add(result.name_spellings)
        result.name_spellings, result.rendered, result.tally = "", None, None
        seen.append(result)
    link_files(seen, plan.rules, names, context)
    for result in seen:
        if result.findings:
            emit_file(result, sys.stdout, options)
            tally.count_findings(result.findings)
    emit_end(tally, sys.stdout, options)
    return failed, tally.findings > 0


def _baseline(results: list[FileResult], baseline: Path | None, write_baseline: Path | None) -> bool:
    """Write and/or apply a baseline; True when that failed."""
    from tqa.pipeline.baseline import filter_baselined, read_baseline
    from tqa.pipeline.baseline import write_baseline as write

    try:
        if write_baseline is not None:
            count = write(results, write_baseline)
            message = ngettext("Wrote {count} finding to {path}.", "Wrote {count} findings to {path}.", count)
            click.echo(message.format(count=count, path=write_baseline), err=True)
            for result in results:
                result.findings = []
        if baseline is not None:
            filter_baselined(results, read_baseline(baseline))
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
def fix(
    paths, config, select, ignore, extend_select, glossary_files, segmentation, encoding, source, context_paths, include_fuzzy, source_lang, target_lang, jobs, exit_zero,
    unsafe_fixes, show_diff, output_dir, exit_non_zero_on_fix,
) -> None:  # fmt: skip
    plan = _plan(config, _overrides(select, ignore, extend_select, glossary_files, segmentation))
    settings = plan.settings
    inputs, errors = discover(paths, settings.exclude)
    to_stdout = any(item.is_stdin for item in inputs) and not show_diff
    report = sys.stderr if show_diff or to_stdout else sys.stdout
    results: list[FileResult] = []
    write_failed = False
    job = _job(settings, encoding, source, include_fuzzy, source_lang, target_lang, fix=True, unsafe=unsafe_fixes)
    for result in process(inputs, plan.rules_for, job, _workers(jobs)):
        results.append(result)
        if result.source is None:
            continue
        try:
            if show_diff:
                sys.stdout.write(diff(result))
            elif result.input.is_stdin:
                sys.stdout.buffer.write(result.source.encode(result.fixed_text, result.input.display))
                sys.stdout.flush()
            elif output_dir is not None:
                write_copy(result, output_dir)
            else:
                write_in_place(result)
        except UserError as error:
            fail(error)
            write_failed = True
        _report_applied(result, report)
    link_files(
        results,
        plan.rules,
        context=_context(context_paths, inputs, plan),
        transliteration=plan.settings.transliteration,
    )
    failed = _report_errors(results, errors) or write_failed
    emitters()["text"](results, report, ReportOptions(unsafe_fixes=unsafe_fixes, fixing=True))
    if failed:
        sys.exit(EXIT_ERROR)
    if show_diff:
        sys.exit(EXIT_FINDINGS if any(r.changed for r in results) else EXIT_CLEAN)
    if exit_non_zero_on_fix and any(r.changed for r in results):
        sys.exit(EXIT_FINDINGS)
    if any(r.findings for r in results) and not exit_zero:
        sys.exit(EXIT_FINDINGS)


def _report_applied(result: FileResult, stream) -> None:
    if not result.applied:
        return
    counts = Counter((f.code, f.name) for f in result.applied)
    parts = ", ".join(f"{count} × {code} {name}" for (code, name), count in sorted(counts.items()))
    stream.write(_("{path}: fixed {parts}").format(path=result.input.display, parts=parts) + "\n")


@main.command("rules", help=_("List every rule: code, name, fix availability and summary."))
@click.option("--output-format", type=click.Choice(["text", "json"]), default="text", show_default=True)
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


@main.command("rule", help=_("Print a rule's documentation."))
@click.argument("code")
def show_rule(code: str) -> None:
    rule = find_rule(code)
    if rule is None:
        fail(_("unknown rule: {code}").format(code=code))
        sys.exit(EXIT_ERROR)
    click.echo(f"{rule.code} {rule.name}\n")
    click.echo(inspect.cleandoc(rule.doc))
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
        click.echo(f"{name.replace('_', '-'):<18} = {shown!r:<40} # {origin}")


main.add_command(glossary_group)


def run() -> None:
    """Console entry point: report user errors without a traceback."""
    with user_errors():
        main(prog_name="tqa")


from tqa.cli_metrics import evaluate, score  # noqa: E402

main.add_command(score)
main.add_command(evaluate, "eval")
