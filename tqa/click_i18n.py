"""click's own messages (Usage:, Options, Error:, did-you-mean, …) in tqa's language.

click marks its strings for gettext but reads them from the `messages` domain,
which tqa does not ship. `install()` makes click's modules translate through
tqa's catalogs instead; `MESSAGES` lists the strings users meet, so
`python -m tqa.catalog` puts them into the catalogs.
"""

from __future__ import annotations

import functools
import importlib
import re

import click

from tqa.i18n import _, ngettext

_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types")


def install() -> None:
    for name in _MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = _
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext
    # Help texts are set when the commands are defined, in the language of that
    # moment: they are translated again when shown.
    for cls, method in (
        (click.Option, "get_help_record"),
        (click.Command, "format_help_text"),
        (click.Command, "get_short_help_str"),
    ):
        if not getattr(getattr(cls, method), "translated", False):
            setattr(cls, method, _shown_translated(getattr(cls, method)))
    if not getattr(click.Option.make_metavar, "translated", False):
        click.Option.make_metavar = _metavar_translated(click.Option.make_metavar)
    if not getattr(click.Command.collect_usage_pieces, "translated", False):
        click.Command.collect_usage_pieces = _usage_translated(click.Command.collect_usage_pieces)
    if not getattr(click.Command.get_help_option, "translated", False):
        click.Command.get_help_option = _english_help_option(click.Command.get_help_option)


def _english_help_option(method):
    """click makes --help once per command, in the language of that moment: keep its text English."""

    @functools.wraps(method)
    def get_help_option(self, context):
        option = method(self, context)
        if option is not None:
            option.help = "Show this message and exit."  # translated when shown
        return option

    get_help_option.translated = True
    return get_help_option


def _usage_translated(method):
    """The usage line's placeholders (`[OPTIONS]`, `PATHS...`) in the language of the moment."""

    @functools.wraps(method)
    def collect_usage_pieces(self, context):
        return [re.sub(r"[A-Z][A-Z_]*", lambda word: _(word.group()), piece) for piece in method(self, context)]

    collect_usage_pieces.translated = True
    return collect_usage_pieces


def _metavar_translated(method):
    """An option's placeholder (`CODES`, `FILE`) in the language of the moment it is shown."""

    @functools.wraps(method)
    def make_metavar(self, *args, **kwargs):
        shown = method(self, *args, **kwargs)
        if self.metavar is None and shown == self.type.name.upper():  # click's own: FILE, DIRECTORY
            return _(self.type.name).upper()
        return _(shown)

    make_metavar.translated = True
    return make_metavar


def _shown_translated(method):
    @functools.wraps(method)
    def shown(self, *args, **kwargs):
        written = self.help
        if written:
            self.help = _(written)
        try:
            return method(self, *args, **kwargs)
        finally:
            self.help = written

    shown.translated = True
    return shown


def messages() -> tuple[str, ...]:
    """click's messages as tqa's catalogs carry them (used by the catalog test)."""
    return (
        _("Usage:"),
        _("Options"),
        _("Commands"),
        _("Positional arguments"),
        _("Show this message and exit."),
        _("Show the version and exit."),
        _("Error: {message}"),
        _("Try '{command} {option}' for help."),
        _("No such option {name!r}."),
        _("No such command {name!r}."),
        _("Missing command."),
        _("Missing argument"),
        _("Missing option"),
        _("Missing parameter"),
        _("Missing {param_type}"),
        _("Invalid value for {param_hint}: {message}"),
        _("Invalid value: {message}"),
        _("Option {name!r} does not take a value."),
        _("Aborted!"),
        _("default: {default}"),
        _("required"),
        _("file"),
        _("directory"),
        _("path"),
        # Placeholders of the usage line and of options (metavars).
        _("OPTIONS"),
        _("PATHS"),
        _("PATH"),
        _("CODE"),
        _("TERM"),
        _("HYP"),
        _("REF"),
        _("SRC"),
        _("{name} {filename!r} does not exist."),
        _("{name} {filename!r} is a file."),
        _("{name} {filename!r} is a directory."),
        _("{value!r} is not a valid {number_type}."),
        _("{value} is not in the range {range}."),
        ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", 1),
        ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", 1),
        ngettext("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})", 1),
        ngettext("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments.", 1),
    )
