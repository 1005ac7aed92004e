"""Discovery: the files a run checks, from the paths it is given."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from operator import attrgetter
from pathlib import Path

from tqa.alignment import is_source_name
from tqa.errors import UserError
from tqa.i18n import _
from tqa.pipeline.ignore import FileSelection
from tqa.pipeline.run import STDIN, Input, display_path
from tqa.text.pathnames import shown

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".po")
_NAME = attrgetter("name")  # of a folder's entry


def _files_under(root: str, selection: FileSelection) -> list[tuple[str, str]]:
    """(path, path relative to `root`) of the text files below `root`, in
    path order; hidden entries, excluded or ignored ones (see tqa.pipeline.ignore)
    and Russian originals (`NAME.ru.txt`) left out. Symlinked folders are not entered."""
    prefix = len(os.path.join(root, ""))
    found: list[tuple[str, str]] = []
    keep = lambda path: not selection.skips(path, path[prefix:], is_dir=True)  # noqa: E731
    for folder, files in _walk(root, keep):
        governed = selection.governs(folder)
        within = folder if folder.endswith(os.sep) else folder + os.sep  # os.path.join, without a call a file
        for name in files:
            if name.startswith(".") or not (name.endswith(".txt") or name.lower().endswith(TEXT_SUFFIXES)):
                continue
            if ".ru." in name and is_source_name(name):
                continue
            path = within + name
            relative = path[prefix:]
            path = relative if root == os.curdir else path  # as Path would print it
            if not selection.skips(path, relative, False, governed, name):
                found.append((path, relative))
    return found


def _walk(root: str, keep: Callable[[str], bool]) -> Iterator[tuple[str, list[str]]]:
    """(folder, names of some of its regular files, or links to one) for `root`
    and every folder below it that is not hidden, not a symbolic link and kept
    by `keep`, in path order: a folder's files and folders by name, each folder
    where its name sorts among the files (so no list of every path is sorted).
    With a stack, not recursion, so a folder nested thousands deep is walked
    too. Unreadable folders are skipped. The folder listing tells each entry's
    type: no file is asked for its status."""
    stack: list[tuple[str, list[str]] | str] = [root]  # a folder to list, or files to give
    while stack:
        top = stack.pop()
        if not isinstance(top, str):
            yield top
            continue
        try:
            with os.scandir(top) as entries:
                listed = sorted(entries, key=_NAME)
        except OSError:
            continue
        # The runs of files between folders, and the folders, pushed last first.
        pending: list[tuple[str, list[str]] | str] = []
        files: list[str] = []
        for entry in listed:
            try:
                is_folder = entry.is_dir()
            except OSError:
                is_folder = False
            if not is_folder:
                if _is_file(entry):
                    files.append(entry.name)
            elif not entry.name.startswith(".") and not entry.is_symlink() and keep(entry.path):
                if files:
                    pending.append((top, files))
                    files = []
                pending.append(entry.path)
        if files:
            pending.append((top, files))
        stack.extend(reversed(pending))


def _is_file(entry: os.DirEntry) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


def discover(paths: Sequence[str], selection: FileSelection | None = None) -> tuple[list[Input], list[UserError]]:
    """Files named and files under folders (sorted; hidden, excluded and ignored entries skipped)."""
    selection = selection or FileSelection()
    inputs: list[Input] = []
    errors: list[UserError] = []
    seen: set[str] = set()
    several = len(paths) > 1  # one folder's walk gives each file once
    for raw in paths:
        if raw == STDIN:
            inputs.append(Input(STDIN, selection.stdin_filename or "-"))
            continue
        path = Path(raw)
        if path.is_dir():
            folder = display_path(path)
            within = "" if folder == os.curdir else os.path.join(folder, "")  # os.path.join, without a call a file
            root = str(path)
            for file, relative in _files_under(root, selection):
                if several:
                    if file in seen:
                        continue
                    seen.add(file)
                inputs.append(Input(file, within + (relative if relative.isprintable() else shown(relative)), root))
        elif path.is_file() or path.exists():
            if str(path) not in seen and not selection.skips_named(str(path)):
                seen.add(str(path))
                inputs.append(Input(str(path), display_path(path)))
        else:
            errors.append(UserError(_("no such file or folder"), raw))
    return inputs, errors
