"""How every command reports a user's error: `tqa: error: …` on stderr, exit 2."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click

from tqa.errors import UserError
from tqa.i18n import _

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def fail(error: UserError | str) -> None:
    click.echo(f"tqa: {_('error')}: {error}", err=True)


@contextmanager
def user_errors() -> Iterator[None]:
    """Report a UserError raised inside and exit 2."""
    try:
        yield
    except UserError as error:
        fail(error)
        sys.exit(EXIT_ERROR)
