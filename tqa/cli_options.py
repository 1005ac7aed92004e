"""Command-line options shared by `check` and `fix` that the commands need not
see one by one: they land in the click context and come out as settings."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stdout
from dataclasses import fields, replace
from functools import wraps
from pathlib import Path
from typing import TextIO

import click

from tqa.cli_errors import user_errors
from tqa.config import SEVERITIES, Settings, parse_settings
from tqa.errors import UserError
from tqa.i18n import _, set_language
from tqa.os_errors import os_reason
from tqa.pipeline.ignore import DEFAULT_EXCLUDE, FileSelection, selection_of
from tqa.pipeline.run import Input
from tqa.report.color import is_terminal, wanted

_KEY = "tqa.overrides"


def keep_option(context: click.Context, parameter: click.Parameter, value):
    """An option's callback that keeps its value among the run's chosen options."""
    if value is not None and value != ():
        context.meta.setdefault(_KEY, {})[parameter.name] = value
    return value


def _keep_codes(context: click.Context, parameter: click.Parameter, value: tuple[str, ...]):
    return keep_option(context, parameter, _patterns(value))


def _patterns(value: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(pattern.strip() for item in value for pattern in item.split(",") if pattern.strip())


def file_selection_options(function):
    """--exclude, --extend-exclude, --respect-gitignore, --force-exclude and --show-files."""
    options = (
        click.option(
            "--exclude",
            multiple=True,
            metavar=_("PATTERNS"),
            callback=lambda c, p, v: keep_option(c, p, _patterns(v)),
            expose_value=False,
            help=_("Leave out files and folders matching these globs (replaces the default excludes: {names}).").format(
                names=", ".join(DEFAULT_EXCLUDE)
            ),
        ),
        click.option(
            "--extend-exclude",
            multiple=True,
            metavar=_("PATTERNS"),
            callback=lambda c, p, v: keep_option(c, p, _patterns(v)),
            expose_value=False,
            help=_("Leave out these globs too, besides the excludes already set."),
        ),
        click.option(
            "--respect-gitignore/--no-respect-gitignore",
            default=None,
            callback=keep_option,
            expose_value=False,
            help=_("Skip files that .gitignore or .ignore files ignore (default: yes)."),
        ),
        click.option(
            "--force-exclude",
            is_flag=True,
            default=None,
            callback=keep_option,
            expose_value=False,
            help=_("Apply excludes and ignore files to files named on the command line too (for pre-commit)."),
        ),
        click.option(
            "--min-severity",
            type=click.Choice(SEVERITIES),
            callback=keep_option,
            expose_value=False,
            help=_("Only rules of this severity or higher (error > warning > info)."),
        ),
        click.option(
            "--fixable",
            multiple=True,
            metavar=_("CODES"),
            callback=_keep_codes,
            expose_value=False,
            help=_("Apply only these rules' fixes (codes, prefixes or names; default: all)."),
        ),
        click.option(
            "--unfixable",
            multiple=True,
            metavar=_("CODES"),
            callback=_keep_codes,
            expose_value=False,
            help=_("Never apply these rules' fixes."),
        ),
        click.option(
            "--per-file-ignores",
            multiple=True,
            metavar=_("GLOB:CODES"),
            callback=lambda c, p, v: keep_option(c, p, _per_file_ignores(v)),
            expose_value=False,
            help=_("Skip these rules in files matching the glob, e.g. `notes/*.md:T5,N6`; repeatable."),
        ),
        click.option(
            "--isolated",
            is_flag=True,
            callback=keep_option,
            expose_value=False,
            help=_("Read no configuration file."),
        ),
        click.option(
            "--stdin-filename",
            metavar=_("NAME"),
            callback=keep_option,
            expose_value=False,
            help=_("Name standard input (`-`) goes by: its format (.md, .po) and per-file ignores follow it."),
        ),
        click.option(
            "--color",
            type=click.Choice(["auto", "always", "never"]),
            callback=keep_option,
            expose_value=False,
            help=_(
                "Colour the report: auto (on a terminal, unless NO_COLOR is set; FORCE_COLOR forces it), always, never."
            ),
        ),
        click.option(
            "--show-files",
            is_flag=True,
            callback=keep_option,
            expose_value=False,
            help=_("Print the files a run would check, and check nothing."),
        ),
    )
    for option in reversed(options):
        function = option(function)
    return language_option(function)


LANGUAGES = click.Choice(["en", "ru", "uk"])


def choose_language(context: click.Context, _parameter, value: str | None) -> None:
    if value:
        set_language(value)
        context.meta["tqa.language"] = value  # beats the configuration file


def _language_settings() -> dict:
    return {
        "type": LANGUAGES,
        "callback": choose_language,
        "expose_value": False,
        "is_eager": True,
        "help": _("Language of messages (en, ru, uk), as before the command."),
    }


def language_option(function):
    """--lang on a command, as on `tqa` itself."""
    return click.option("--lang", **_language_settings())(function)


def language_everywhere(group: click.Group) -> None:
    """--lang after every command of `group` (and of its groups) that lacks it."""
    for command in group.commands.values():
        if isinstance(command, click.Group):
            language_everywhere(command)
        elif not any(parameter.name == "lang" for parameter in command.params):
            command.params.append(click.Option(["--lang"], **_language_settings()))


def _per_file_ignores(values: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    pairs = []
    for value in values:
        glob, colon, codes = value.rpartition(":")
        if not colon or not glob or not codes.strip():
            raise click.BadParameter(
                _("expected GLOB:CODES, e.g. `notes/*.md:T5,N6`; got `{value}`").format(value=value)
            )
        pairs.append((glob, tuple(code.strip() for code in codes.split(",") if code.strip())))
    return tuple(pairs)


def _chosen() -> dict:
    return click.get_current_context().meta.get(_KEY, {})


def overrides() -> dict:
    """The settings the options above set on this command line."""
    known = {field.name for field in fields(Settings)}
    return {name: value for name, value in _chosen().items() if name in known}


def isolated() -> bool:
    return bool(_chosen().get("isolated"))


def config_sources(values: tuple[str, ...]) -> tuple[str | None, dict]:
    """--config values: one configuration file, and any number of `key = value`
    settings (TOML) that override it."""
    path, settings = None, {}
    for value in values:
        if "=" in value and not os.path.exists(value):
            import tomllib

            try:
                raw = tomllib.loads(value)
            except tomllib.TOMLDecodeError as error:
                raise UserError(
                    _("--config `{value}` is not `key = value` in TOML: {error}").format(value=value, error=error)
                ) from None
            settings.update(parse_settings(raw, Path("--config"), value, None))
        elif path is not None:
            raise UserError(
                _("--config names two configuration files: {first} and {second}").format(first=path, second=value)
            )
        else:
            path = value
    return path, settings


def file_selection(settings: Settings) -> FileSelection:
    return selection_of(settings, _chosen().get("stdin_filename"))


def _report_flags(output_file: tuple[str, ...]) -> tuple:
    return (
        click.option(
            *output_file,
            type=click.Path(dir_okay=False),
            callback=keep_option,
            expose_value=False,
            help=_("Write the report to this file instead of standard output."),
        ),
        click.option(
            "-q", "--quiet", is_flag=True, callback=keep_option, expose_value=False, help=_("Print findings, and no summary.")
        ),
        click.option(
            "-s",
            "--silent",
            is_flag=True,
            callback=keep_option,
            expose_value=False,
            help=_("Print nothing but errors; the exit code still tells."),
        ),
    )


@contextmanager
def report_target(default: TextIO) -> Iterator[TextIO]:
    """Where the report goes: `default`, the --output-file, or nowhere with --silent."""
    chosen = _chosen()
    if chosen.get("silent"):
        with open(os.devnull, "w") as nowhere:
            yield nowhere
    elif chosen.get("output_file"):
        try:
            handle = open(chosen["output_file"], "w", encoding="utf-8")
        except OSError as error:
            raise UserError(os_reason(error), chosen["output_file"]) from None
        with handle:
            yield handle
    else:
        yield default


def report_options(function):
    """`check`'s -o/--output-file, -q/--quiet and -s/--silent: where its output goes."""

    @wraps(function)
    def run(*args, **kwargs):
        if kwargs.get("apply_fixes"):  # `check --fix` is `fix`, which sends its report itself
            return function(*args, **kwargs)
        with user_errors(), report_target(sys.stdout) as target, redirect_stdout(target):
            return function(*args, **kwargs)

    for option in reversed(_report_flags(("-o", "--output-file"))):
        run = option(run)
    return run


def fix_report_options(function):
    """`fix`'s --output-file, -q/--quiet and -s/--silent: where its report goes (`report_target`).
    Only the long name: `fix -o` is the folder for cleaned copies, and the fixed
    text of `-` and the patch of --diff stay on standard output."""
    for option in reversed(_report_flags(("--output-file",))):
        function = option(function)
    return function


def quiet() -> bool:
    return bool(_chosen().get("quiet"))


def show_files(inputs: list[Input]) -> bool:
    """With --show-files, print the inputs' paths; True when it did (the run ends there)."""
    if not click.get_current_context().meta.get(_KEY, {}).get("show_files"):
        return False
    for item in inputs:
        click.echo(item.display)
    return True


def colored(stream) -> bool:
    """Whether the report on `stream` is coloured (--color, NO_COLOR, FORCE_COLOR, a terminal)."""
    return wanted(_chosen().get("color", "auto"), stream)


def for_terminal(settings: Settings) -> Settings:
    """On a terminal, and unless a format was chosen, the `full` format (source line and caret), as ruff does."""
    if settings.origin.get("output_format", "default") == "default" and is_terminal(sys.stdout):
        return replace(settings, output_format="full")
    return settings


def hushed() -> bool:
    """-q or -s: no progress line either."""
    return bool(_chosen().get("quiet") or _chosen().get("silent"))
