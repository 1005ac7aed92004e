"""Command-line options shared by `check` and `fix` that the commands need not
see one by one: they land in the click context and come out as settings."""

from __future__ import annotations

import click

from tqa.config import Settings
from tqa.i18n import _
from tqa.pipeline.engine import Input
from tqa.pipeline.ignore import DEFAULT_EXCLUDE, FileSelection

_KEY = "tqa.overrides"


def _keep(context: click.Context, parameter: click.Parameter, value):
    if value is not None and value != ():
        context.meta.setdefault(_KEY, {})[parameter.name] = value
    return value


def _patterns(value: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(pattern.strip() for item in value for pattern in item.split(",") if pattern.strip())


def file_selection_options(function):
    """--exclude, --extend-exclude, --respect-gitignore, --force-exclude and --show-files."""
    options = (
        click.option(
            "--exclude",
            multiple=True,
            metavar="PATTERNS",
            callback=lambda c, p, v: _keep(c, p, _patterns(v)),
            expose_value=False,
            help=_("Leave out files and folders matching these globs (replaces the default excludes: {names}).").format(
                names=", ".join(DEFAULT_EXCLUDE)
            ),
        ),
        click.option(
            "--extend-exclude",
            multiple=True,
            metavar="PATTERNS",
            callback=lambda c, p, v: _keep(c, p, _patterns(v)),
            expose_value=False,
            help=_("Leave out these globs too, besides the excludes already set."),
        ),
        click.option(
            "--respect-gitignore/--no-respect-gitignore",
            default=None,
            callback=_keep,
            expose_value=False,
            help=_("Skip files that .gitignore or .ignore files ignore (default: yes)."),
        ),
        click.option(
            "--force-exclude",
            is_flag=True,
            default=None,
            callback=_keep,
            expose_value=False,
            help=_("Apply excludes and ignore files to files named on the command line too (for pre-commit)."),
        ),
        click.option(
            "--show-files",
            is_flag=True,
            callback=_keep,
            expose_value=False,
            help=_("Print the files a run would check, and check nothing."),
        ),
    )
    for option in reversed(options):
        function = option(function)
    return function


def overrides() -> dict:
    """The settings the options above set on this command line."""
    chosen = dict(click.get_current_context().meta.get(_KEY, {}))
    chosen.pop("show_files", None)
    return chosen


def file_selection(settings: Settings) -> FileSelection:
    set_by_user = settings.origin.get("exclude") not in (None, "default")
    exclude = settings.exclude if set_by_user else DEFAULT_EXCLUDE
    return FileSelection((*exclude, *settings.extend_exclude), settings.respect_gitignore, settings.force_exclude)


def show_files(inputs: list[Input]) -> bool:
    """With --show-files, print the inputs' paths; True when it did (the run ends there)."""
    if not click.get_current_context().meta.get(_KEY, {}).get("show_files"):
        return False
    for item in inputs:
        click.echo(item.display)
    return True
