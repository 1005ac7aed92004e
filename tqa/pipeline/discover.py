"""Discovery: the files a run checks, from the paths it is given."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from tqa.alignment import is_source_name
from tqa.errors import UserError
from tqa.i18n import _
from tqa.pipeline.ignore import FileSelection
from tqa.pipeline.run import STDIN, Input, display_path

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".po")


def _files_under(root: str, selection: FileSelection) -> list[tuple[str, str]]:
    """(path, path relative to `root`) of the text files below `root`, in
    path order; hidden entries, excluded or ignored ones (see tqa.pipeline.ignore)
    and Russian originals (`NAME.ru.txt`) left out. Symlinked folders are not entered."""
    prefix = len(os.path.join(root, ""))
    found: list[tuple[list[str], str, str]] = []
    for folder, folders, files in os.walk(root):
        folders[:] = [
            name
            for name in folders
            if not name.startswith(".")
            and not selection.skips(os.path.join(folder, name), os.path.join(folder, name)[prefix:], is_dir=True)
        ]
        for name in files:
            if name.startswith(".") or not name.lower().endswith(TEXT_SUFFIXES) or is_source_name(name):
                continue
            path = os.path.join(folder, name)
            relative = path[prefix:]
            path = relative if root == os.curdir else path  # as Path would print it
            if selection.skips(path, relative, is_dir=False):
                continue
            if os.path.isfile(path):
                found.append((relative.replace(os.sep, "/").split("/"), path, relative))
    return [(path, relative) for _parts, path, relative in sorted(found)]


def discover(paths: Sequence[str], selection: FileSelection | None = None) -> tuple[list[Input], list[UserError]]:
    """Files named and files under folders (sorted; hidden, excluded and ignored entries skipped)."""
    selection = selection or FileSelection()
    inputs: list[Input] = []
    errors: list[UserError] = []
    seen: set[str] = set()
    for raw in paths:
        if raw == STDIN:
            inputs.append(Input(STDIN, selection.stdin_filename or "-"))
            continue
        path = Path(raw)
        if path.is_dir():
            shown = display_path(path)
            for file, relative in _files_under(str(path), selection):
                if file not in seen:
                    seen.add(file)
                    display = relative if shown == os.curdir else os.path.join(shown, relative)
                    inputs.append(Input(file, display, str(path)))
        elif path.is_file() or path.exists():
            if str(path) not in seen and not selection.skips_named(str(path)):
                seen.add(str(path))
                inputs.append(Input(str(path), display_path(path)))
        else:
            errors.append(UserError(_("no such file or folder"), raw))
    return inputs, errors
