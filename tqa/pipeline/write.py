"""Where fixed text goes: back in place, into an output folder, or into a diff."""

from __future__ import annotations

import os
from pathlib import Path

from tqa.pipeline.engine import FileResult
from tqa.pipeline.fix import unified_diff
from tqa.text.textio import write_atomic


def output_path(result: FileResult, folder: Path) -> Path:
    """A cleaned copy's path: relative to the folder argument it came from, or its own name."""
    item = result.input
    if item.root is not None:
        return folder / os.path.relpath(item.path, item.root)
    return folder / Path(item.path).name


def write_in_place(result: FileResult) -> bool:
    """Rewrite the file only when its text changed. Returns whether it did."""
    if not result.changed:
        return False
    write_atomic(Path(result.input.path), result.source.encode(result.fixed_text, result.input.display))
    return True


def write_copy(result: FileResult, folder: Path) -> Path:
    target = output_path(result, folder)
    text = result.fixed_text if result.fixed_text is not None else result.source.text
    write_atomic(target, result.source.encode(text, result.input.display))
    return target


def diff(result: FileResult) -> str:
    if not result.changed:
        return ""
    return unified_diff(result.source.text, result.fixed_text, result.input.display)
