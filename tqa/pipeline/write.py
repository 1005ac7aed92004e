"""Where fixed text goes: back in place, into an output folder, or into a diff."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from tqa.errors import UserError
from tqa.i18n import _
from tqa.pipeline.fix import unified_diff
from tqa.pipeline.run import FileResult, Input
from tqa.text.filewrite import ChangedOnDisk, fix_in_place, write_output
from tqa.text.textio import BOM, Source


def output_path(item: Input, folder: Path) -> Path:
    """A cleaned copy's path: relative to the folder argument it came from, or its own name."""
    if item.root is not None:
        return folder / os.path.relpath(item.path, item.root)
    return folder / Path(item.path).name


def check_output_folder(folder: Path, inputs: Sequence[Input]) -> None:
    """Refuse an output folder that would mix cleaned copies with the originals:
    an input folder or one inside it, a copy landing on an input, or two inputs
    whose copies would have the same name."""
    real = os.path.realpath(folder)
    for root in sorted({item.root for item in inputs if item.root is not None}):
        root_real = os.path.realpath(root)
        if real == root_real or real.startswith(os.path.join(root_real, "")):
            raise UserError(
                _("the output folder is the input folder {folder} or inside it; choose a folder outside it").format(
                    folder=root
                ),
                str(folder),
            )
    originals = {os.path.realpath(item.path): item for item in inputs if not item.is_stdin}
    targets: dict[str, Input] = {}
    for item in inputs:
        if item.is_stdin:
            continue
        target = os.path.realpath(output_path(item, folder))
        if target in originals:
            raise UserError(
                _("the cleaned copy of {name} would replace the input {other}; choose another output folder").format(
                    name=item.display, other=originals[target].display
                ),
                str(folder),
            )
        if target in targets:
            raise UserError(
                _("{first} and {second} would both be written to {target}; clean them into separate folders").format(
                    first=targets[target].display, second=item.display, target=target
                ),
                str(folder),
            )
        targets[target] = item


def write_in_place(result: FileResult) -> bool:
    """Rewrite the file only when its text changed, and only if it still holds
    the text that was read. Returns whether it did."""
    if not result.changed:
        return False
    shown, path, source = result.input.display, Path(result.input.path), result.source
    data = source.encode(result.fixed_text, shown)
    try:
        fix_in_place(path, data, source.encode(source.text, shown), shown)
    except ChangedOnDisk:
        if _reads_as(path, source):
            raise UserError(
                _("the file would not be written back byte for byte in {encoding}; nothing written").format(
                    encoding=source.encoding
                ),
                shown,
            ) from None
        raise
    return True


def _reads_as(path: Path, source: Source) -> bool:
    """Whether the file still decodes to the text read (so it did not change)."""
    try:
        text = path.read_bytes().decode(source.encoding)
    except (OSError, UnicodeDecodeError):
        return False
    return text.removeprefix(BOM) == source.text if source.bom else text == source.text


def write_copy(result: FileResult, folder: Path) -> Path:
    target = output_path(result.input, folder)
    text = result.fixed_text if result.fixed_text is not None else result.source.text
    write_output(target, result.source.encode(text, result.input.display), str(target), follow_links=False)
    return target


def diff(result: FileResult) -> str:
    if not result.changed:
        return ""
    return unified_diff(result.source.text, result.fixed_text, result.input.display)
