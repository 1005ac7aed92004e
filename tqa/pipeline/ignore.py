"""Which files a run leaves out: default and configured excludes, `.gitignore` and `.ignore`.

Like ruff: folders such as `node_modules` or `build` are skipped unless
`exclude` is set (it replaces the defaults; `extend-exclude` adds to them), and
the `.gitignore` files of a git repository and any `.ignore` file are obeyed
(the deeper file wins; `.ignore` over `.gitignore` in one folder). Files named on
the command line are checked anyway, unless `force_exclude` (pre-commit passes
every staged file by name).
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

    from tqa.config import Settings

DEFAULT_EXCLUDE = (".git", "node_modules", "build", "dist", ".venv", "venv", "__pycache__")
IGNORE_FILES = (".gitignore", ".ignore")
_CASE_FOLDED = os.path.normcase("A") != "A"  # names are matched folded where the system folds them
_GLOB_OR_SEPARATOR = re.compile(r"[*?\[/]" if os.sep == "/" else r"[*?\[/\\]")


@dataclass
class FileSelection:
    """How folders are walked and which named files are kept."""

    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    respect_gitignore: bool = True
    force_exclude: bool = False
    stdin_filename: str | None = None  # the name standard input goes by
    # Files named on the command line that were left out, so a run of only those passes.
    excluded_names: list[str] = field(default_factory=list)
    _rules: dict[str, list[tuple[str, GitIgnoreSpec]]] = field(default_factory=dict, repr=False)
    _roots: dict[str, str | None] = field(default_factory=dict, repr=False)

    def skips(self, path: str, relative: str, is_dir: bool, governed: bool = True, name: str | None = None) -> bool:
        """Whether the walk leaves out `path` (`relative` to the folder walked, its
        `name` when known); `governed` False when no ignore file governs its folder
        (see `governs`)."""
        if name is None:
            name = os.path.basename(path)
        if os.sep != "/":
            relative, path = relative.replace(os.sep, "/"), path.replace(os.sep, "/")
        if self.exclude and _matches(relative, name, path, self.exclude):
            return True
        return governed and self.respect_gitignore and self._ignored(path, is_dir)

    def governs(self, folder: str) -> bool:
        """Whether any ignore file governs the entries of `folder`: asked once a
        folder, it spares each of its files the look-up."""
        return self.respect_gitignore and bool(self._chain(os.path.abspath(folder)))

    def skips_named(self, path: str) -> bool:
        """With force_exclude, whether a file named on the command line is left out:
        it, or a folder it lies in, is excluded or ignored."""
        if not self.force_exclude:
            return False
        absolute = os.path.abspath(path)
        parts = (absolute if os.path.isabs(path) else os.path.relpath(absolute)).replace(os.sep, "/").split("/")
        left_out = any(_matches("/".join(parts[: i + 1]), part, "", self.exclude) for i, part in enumerate(parts))
        if not left_out and self.respect_gitignore:
            left_out = self._ignored(absolute, False)
            folder, top = os.path.dirname(absolute), self._root(os.path.dirname(absolute))
            while not left_out and folder not in (top, os.path.dirname(folder)):
                left_out = self._ignored(folder, True)
                folder = os.path.dirname(folder)
        if left_out:
            self.excluded_names.append(path)
        return left_out

    def _ignored(self, path: str, is_dir: bool) -> bool:
        absolute = os.path.abspath(path)
        for base, spec in reversed(self._chain(os.path.dirname(absolute))):
            relative = os.path.relpath(absolute, base).replace(os.sep, "/") + ("/" if is_dir else "")
            verdict = spec.check_file(relative).include
            if verdict is not None:
                return verdict
        return False

    def _chain(self, folder: str) -> list[tuple[str, GitIgnoreSpec]]:
        """The ignore files that govern `folder`'s entries, outermost first: from
        the root of its git repository down (`.ignore` files only, outside one)."""
        known = self._rules.get(folder)
        if known is None:
            root, parent = self._root(folder), os.path.dirname(folder)
            outer = [] if folder == root or parent == folder else self._chain(parent)
            known = self._rules[folder] = outer + _own_rules(folder, git=root is not None)
        return known

    def _root(self, folder: str) -> str | None:
        """The git repository `folder` lies in (the folder holding `.git`), if any."""
        if folder not in self._roots:
            parent = os.path.dirname(folder)
            if os.path.exists(os.path.join(folder, ".git")):
                self._roots[folder] = folder
            else:
                self._roots[folder] = None if parent == folder else self._root(parent)
        return self._roots[folder]


def _own_rules(folder: str, git: bool) -> list[tuple[str, GitIgnoreSpec]]:
    rules = []
    for name in IGNORE_FILES if git else IGNORE_FILES[1:]:
        try:
            with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as handle:
                rules.append((folder, _spec(handle.read().splitlines())))
        except OSError:
            continue
    return rules


def _spec(lines: list[str]) -> GitIgnoreSpec:
    """An ignore file's patterns, matched in Python: pathspec would otherwise
    compile each file for hyperscan when it is installed, which costs more per
    ignore file than matching a folder's entries saves."""
    from pathspec import GitIgnoreSpec

    try:
        return GitIgnoreSpec.from_lines(lines, backend="simple")
    except TypeError:  # pathspec before 1.0 has no other backend
        return GitIgnoreSpec.from_lines(lines)


def _matches(relative: str, name: str, path: str, patterns: Sequence[str]) -> bool:
    """Whether a glob matches the path relative to the walk, the name, or the whole path (as fnmatch.fnmatch)."""
    names, match = _compiled(tuple(patterns))
    if _CASE_FOLDED:
        relative, name, path = os.path.normcase(relative), os.path.normcase(name), os.path.normcase(path)
    if name in names:
        return True
    if match is None:
        return False
    return bool(match(relative) or (name != relative and match(name)) or (path and path != relative and match(path)))


@lru_cache(maxsize=64)
def _compiled(patterns: tuple[str, ...]) -> tuple[frozenset[str], Callable[[str], object] | None]:
    """The globs as a set of plain names and one pattern of the rest: a walk asks
    every entry against every glob. A plain name without a separator (as every
    default exclude) matches a path only where it is the whole of it, which is
    then its name too: such names are looked up, not matched."""
    plain = {os.path.normcase(p) for p in patterns if not _GLOB_OR_SEPARATOR.search(p)}
    rest = [fnmatch.translate(os.path.normcase(p)) for p in patterns if os.path.normcase(p) not in plain]
    return frozenset(plain), re.compile("|".join(rest)).match if rest else None


def selection_of(settings: Settings, stdin_filename: str | None = None) -> FileSelection:
    """The file selection the settings ask for: `exclude` replaces the default
    excludes when it was set, `extend-exclude` adds to them."""
    set_by_user = settings.origin.get("exclude") not in (None, "default")
    exclude = settings.exclude if set_by_user else DEFAULT_EXCLUDE
    return FileSelection(
        (*exclude, *settings.extend_exclude),
        settings.respect_gitignore,
        settings.force_exclude,
        stdin_filename=stdin_filename,
    )
