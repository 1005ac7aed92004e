"""What a run tells beyond its findings: inputs that failed, and a run that read nothing."""

from __future__ import annotations

from collections.abc import Sequence

import click

from tqa.errors import UserError
from tqa.i18n import _
from tqa.pipeline.ignore import FileSelection
from tqa.pipeline.run import FileResult, Input


def failed_inputs(errors: Sequence[UserError]) -> list[FileResult]:
    """Paths that could not be read at all (missing), as results with an error,
    so machine formats record them (SARIF notifications, JUnit errors)."""
    return [FileResult(Input(error.path or "", error.path or ""), error=error) for error in errors]


def checked_nothing(checked: int, selection: FileSelection) -> bool:
    """Warn when no file was read; True then, so the run exits 2 (a misspelt
    folder must not pass CI). A hook passing only files it excludes passes."""
    if checked or selection.excluded_names:
        return False
    click.echo(
        f"tqa: {_('warning')}: "
        + _("no file was checked: the paths given hold no .txt, .md or .po file that could be read"),
        err=True,
    )
    return True
