"""The command line: parse, call the engine, pick the emitter, set the exit code."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import click

from tqa import __version__
from tqa.cli_glossary import glossary as glossary_group
from tqa.engine import FileResult, discover, link_files, process
from tqa.errors import UserError
from tqa.i18n import _, set_language
from tqa.model import Rule
from tqa.report import FORMATS, ReportOptions, emitters
from tqa.rules import ALL_RULES, find_rule, select_rules, unknown_selectors
from tqa.writer import diff, write_copy, write_in_place

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _fail(error: UserError | str) -> None:
    click.echo(f"tqa: {_('error')}: {error}", err=True)


def _split(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _rules(select: tuple[str, ...], ignore: tuple[str, ...]) -> tuple[Rule, ...]:
    selected, ignored = _split(select), _split(ignore)
    unknown = unknown_selectors(selected + ignored)
    if unknown:
        raise click.UsageError(_("unknown rule code or name: {names}").format(names=", ".join(unknown)))
    return select_rules(selected, ignored)


def _report_errors(results: list[FileResult], errors: list[UserError]) -> bool:
    for error in errors:
        _fail(error)
    for result in results:
        if result.error is not None:
            _fail(result.error)
    return bool(errors) or any(r.error for r in results)


_select_option = click.option(
    "--select",
    multiple=True,
    metavar="CODES",
    help=_("Only these rules (codes, code prefixes or names; comma-separated)."),
)
_ignore_option = click.option(
    "--ignore", multiple=True, metavar="CODES", help=_("Skip these rules (codes, prefixes or names).")
)
_segmentation_option = click.option(
    "--segmentation",
    type=click.Choice(["auto", "blocks", "lines"]),
    default="auto",
    show_default=True,
    help=_(
        "Paragraphs are blocks between blank lines, or single lines (one segment a line); auto picks lines when a file has no blank line."
    ),
)


_glossary_option = click.option(
    "--glossary",
    "glossary_files",
    multiple=True,
    type=click.Path(dir_okay=False),
    help=_("A glossary file (TOML) layered over the built-in glossary; repeatable."),
)


def _prepare_glossary(rules: tuple[Rule, ...], glossary_files: tuple[str, ...]) -> None:
    """Load (and validate) the glossary up front when a rule needs it, so errors come first."""
    if any(rule.code[0] in "TN" for rule in rules):
        from tqa.glossary.compiled import load_glossary

        try:
            load_glossary(glossary_files)
        except UserError as error:
            _fail(error)
            sys.exit(EXIT_ERROR)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tqa")
@click.option(
    "--lang", metavar="LANG", help=_("Language of messages (en, ru); default from TQA_LANG, LC_ALL, LC_MESSAGES, LANG.")
)
def main(lang: str | None) -> None:
    """tqa: find and fix machine-translation artifacts in English text translated from Russian."""
    if lang:
        set_language(lang)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--output-format", type=click.Choice(FORMATS), default="text", show_default=True, help=_("How to print findings.")
)
@_select_option
@_ignore_option
@click.option("--statistics", is_flag=True, help=_("Count findings by rule."))
@click.option("--exit-zero", is_flag=True, help=_("Exit 0 even when there are findings."))
@click.option("--unsafe-fixes", is_flag=True, help=_("Count unsafe fixes as available in the summary."))
@_segmentation_option
@_glossary_option
def check(
    paths, output_format, select, ignore, statistics, exit_zero, unsafe_fixes, segmentation, glossary_files
) -> None:
    """Report findings in files, folders (recursing into .txt and .md) or `-` (standard input)."""
    rules = _rules(select, ignore)
    _prepare_glossary(rules, glossary_files)
    inputs, errors = discover(paths)
    results = list(process(inputs, rules, segmentation=segmentation, glossary_files=glossary_files))
    link_files(results, rules)
    failed = _report_errors(results, errors)
    emitters()[output_format](results, sys.stdout, ReportOptions(unsafe_fixes=unsafe_fixes, statistics=statistics))
    if failed:
        sys.exit(EXIT_ERROR)
    if any(r.findings for r in results) and not exit_zero:
        sys.exit(EXIT_FINDINGS)


@main.command()
@click.argument("paths", nargs=-1, required=True)
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
@_select_option
@_ignore_option
@click.option("--exit-zero", is_flag=True, help=_("Exit 0 even when findings remain."))
@_segmentation_option
@_glossary_option
def fix(paths, unsafe_fixes, show_diff, output_dir, select, ignore, exit_zero, segmentation, glossary_files) -> None:
    """Apply fixes in place (safe ones unless --unsafe-fixes); report what was fixed and what remains."""
    rules = _rules(select, ignore)
    _prepare_glossary(rules, glossary_files)
    inputs, errors = discover(paths)
    to_stdout = any(item.is_stdin for item in inputs) and not show_diff
    report = sys.stderr if show_diff or to_stdout else sys.stdout
    results: list[FileResult] = []
    write_failed = False
    for result in process(
        inputs, rules, fix=True, unsafe=unsafe_fixes, segmentation=segmentation, glossary_files=glossary_files
    ):
        results.append(result)
        if result.source is None:
            continue
        try:
            if show_diff:
                sys.stdout.write(diff(result))
            elif result.input.is_stdin:
                sys.stdout.buffer.write(result.source.encode(result.fixed_text))
                sys.stdout.flush()
            elif output_dir is not None:
                write_copy(result, output_dir)
            else:
                write_in_place(result)
        except UserError as error:
            _fail(error)
            write_failed = True
        _report_applied(result, report)
    link_files(results, rules)
    failed = _report_errors(results, errors) or write_failed
    emitters()["text"](results, report, ReportOptions(unsafe_fixes=unsafe_fixes, fixing=True))
    if failed:
        sys.exit(EXIT_ERROR)
    if show_diff:
        sys.exit(EXIT_FINDINGS if any(r.changed for r in results) else EXIT_CLEAN)
    if any(r.findings for r in results) and not exit_zero:
        sys.exit(EXIT_FINDINGS)


def _report_applied(result: FileResult, stream) -> None:
    if not result.applied:
        return
    counts = Counter((f.code, f.name) for f in result.applied)
    parts = ", ".join(f"{count} × {code} {name}" for (code, name), count in sorted(counts.items()))
    stream.write(_("{path}: fixed {parts}").format(path=result.input.display, parts=parts) + "\n")


@main.command("rules")
@click.option("--output-format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_rules(output_format: str) -> None:
    """List every rule: code, name, fix availability and summary."""
    if output_format == "json":
        import json

        rows = [
            {"code": r.code, "name": r.name, "fix": r.fix.value, "severity": r.severity.value, "summary": _(r.summary)}
            for r in ALL_RULES
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    width = max(len(r.name) for r in ALL_RULES)
    for r in ALL_RULES:
        click.echo(f"{r.code}  {r.name:<{width}}  {_fix_label(r):<9}  {_(r.summary)}")


def _fix_label(rule: Rule) -> str:
    return {"always": _("fix"), "sometimes": _("fix some"), "never": "—"}[rule.fix.value]


@main.command("rule")
@click.argument("code")
def show_rule(code: str) -> None:
    """Print a rule's documentation."""
    rule = find_rule(code)
    if rule is None:
        _fail(_("unknown rule: {code}").format(code=code))
        sys.exit(EXIT_ERROR)
    import inspect

    click.echo(f"{rule.code} {rule.name}\n")
    click.echo(inspect.cleandoc(rule.doc))
    click.echo(f"\n{_('Fix')}: {_fix_label(rule)}; {_('severity')}: {rule.severity.value}")


def run() -> None:
    """Console entry point: report user errors without a traceback."""
    try:
        main(prog_name="tqa")
    except UserError as error:
        _fail(error)
        sys.exit(EXIT_ERROR)


main.add_command(glossary_group)
