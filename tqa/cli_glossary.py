"""`tqa glossary ...`: look up, validate, export, import and count glossary entries."""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path

import click

from tqa.cli_errors import EXIT_ERROR, user_errors
from tqa.errors import UserError
from tqa.glossary_labels import label
from tqa.i18n import _, ngettext


def _entries(glossary_files: tuple[str, ...]):
    from tqa.glossary.compiled import load_glossary

    with user_errors():
        return load_glossary(glossary_files).entries


_glossary_option = click.option(
    "--glossary",
    "glossary_files",
    multiple=True,
    type=click.Path(dir_okay=False),
    help=_("A glossary file layered over the built-in one; repeatable."),
)


@click.group("glossary", help=_("Work with the Russian–English glossary."))
def glossary() -> None:
    """The `tqa glossary` commands."""


@glossary.command(help=_("Find entries by a Russian or English term, in any inflected form."))
@click.argument("term")
@_glossary_option
def lookup(term: str, glossary_files: tuple[str, ...]) -> None:
    from tqa.glossary.lookup import lookup as find

    found = find(_entries(glossary_files), term)
    if not found:
        click.echo(_("No entry for `{term}`.").format(term=term))
        sys.exit(1)
    for entry in found:
        click.echo(f"{entry.id}  [{label(entry.kind)}, {label(entry.domain)}]  {entry.path}:{entry.line}")
        rows = (
            ("ru", entry.ru),
            ("en", entry.en or _("(omit the phrase)")),
            (_("avoid"), "; ".join(entry.avoid)),
            (_("note"), entry.note),
            (_("ref"), entry.ref),
            (_("fix"), label(entry.fix)),
        )
        width = max(len(name) for name, _value in rows) + 1
        for name, value in rows:
            click.echo(f"  {name + ':':<{width}} {value}")


@glossary.command(help=_("Validate glossary files (default: the built-in glossary), layered over the built-in one."))
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=False))
def validate(paths: tuple[str, ...]) -> None:
    from tqa.glossary.compiled import check_files
    from tqa.glossary.load import builtin_files

    base = builtin_files()
    with user_errors():
        entries, _matcher, problems = check_files([Path(p) for p in paths], base) if paths else check_files(base)
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        click.echo(
            ngettext("{count} problem.", "{count} problems.", len(problems)).format(count=len(problems)), err=True
        )
        sys.exit(EXIT_ERROR)
    click.echo(
        ngettext("{count} entry, all valid.", "{count} entries, all valid.", len(entries)).format(count=len(entries))
    )


@glossary.command(help=_("Export the glossary as TBX-Basic, CSV, PO or TOML."))
@click.option("--format", "fmt", type=click.Choice(["tbx", "csv", "po", "toml"]), default="tbx", show_default=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help=_("Write to this file instead of standard output."),
)
@click.option(
    "--only",
    "only_files",
    multiple=True,
    type=click.Path(dir_okay=False),
    help=_("Export only the entries of this glossary file (validated over the built-in one); repeatable."),
)
@_glossary_option
def export(fmt: str, output: Path | None, only_files: tuple[str, ...], glossary_files: tuple[str, ...]) -> None:
    from tqa.glossary import exchange

    writers = {"tbx": exchange.to_tbx, "csv": exchange.to_csv, "po": exchange.to_po, "toml": exchange.to_toml}
    from tqa.glossary.load import builtin_files

    entries = _entries(tuple(dict.fromkeys(glossary_files + only_files)))
    if only_files:
        wanted = {os.path.realpath(path) for path in only_files}
        entries = tuple(entry for entry in entries if os.path.realpath(entry.path) in wanted)
    text = writers[fmt](entries)
    with user_errors():
        _refuse_own_input(output, [*builtin_files(), *map(Path, glossary_files + only_files)])
    _write(text, output)


@glossary.command("import", help=_("Turn a TBX file into glossary entries (TOML)."))
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help=_("Write the TOML here instead of standard output."),
)
@click.option(
    "--skip-incomplete",
    is_flag=True,
    help=_("Leave out the concepts that cannot become valid entries, with a warning for each, instead of failing."),
)
def import_tbx(path: Path, output: Path | None, skip_incomplete: bool) -> None:
    from tqa.glossary import exchange

    with user_errors():
        from tqa.text.textio import read_regular

        data = read_regular(path)
        entries, warnings = exchange.imported_tbx(data, str(path), _entries(()), skip_incomplete)
        _refuse_own_input(output, [path])
    for warning in warnings:
        click.echo(f"tqa: {_('warning')}: {warning}", err=True)
    _write(exchange.to_toml(entries), output)


def _refuse_own_input(output: Path | None, inputs: list[Path]) -> None:
    """An export or import never replaces a file it reads."""
    if output is None or not output.exists():
        return
    for path in inputs:
        if path.exists() and os.path.samefile(output, path):
            raise UserError(_("is one of the files being read; write elsewhere"), str(output))


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    from tqa.text.filewrite import write_output

    with user_errors():
        write_output(output, text.encode("utf-8"), str(output))


@glossary.command(help=_("Count entries by kind and by domain."))
@_glossary_option
def stats(glossary_files: tuple[str, ...]) -> None:
    entries = _entries(glossary_files)
    click.echo(ngettext("{count} entry", "{count} entries", len(entries)).format(count=len(entries)))
    for title, key in ((_("by kind"), "kind"), (_("by domain"), "domain")):
        click.echo(f"\n{title}:")
        for value, count in sorted(Counter(getattr(e, key) for e in entries).items(), key=lambda kv: (-kv[1], kv[0])):
            click.echo(f"  {label(value):<12}{count:>5}")
