"""Pairing a translation with its Russian original, paragraph by paragraph.

By name: `article.en.txt` goes with `article.ru.txt` in the same folder (any
suffix: `.md` too); `--source FILE` names the original of one file, and
`--source DIR` looks for `NAME.ru.EXT`, then `NAME.EXT`, in that folder.
"""

from __future__ import annotations

import re
from pathlib import Path

from tqa.errors import UserError
from tqa.i18n import _
from tqa.text.document import Document

_TARGET_NAME = re.compile(r"^(?P<stem>.+)\.en(?P<suffix>\.[^.]+)$")
_SOURCE_NAME = re.compile(r"^.+\.ru\.[^.]+$")
# A paragraph whose length ratio strays this far from the document's usual
# ratio is where alignment breaks.
_RATIO_TOLERANCE = 2.2


def is_target_name(name: str) -> bool:
    """Whether a file name is a translation's that an original may sit beside: `NAME.en.txt`."""
    return bool(_TARGET_NAME.match(name))


def is_source_name(name: str) -> bool:
    """Whether a file name is a Russian original's: `NAME.ru.txt`."""
    return bool(_SOURCE_NAME.match(name))


def paired_source(target: Path, source: Path | None) -> Path | None:
    """The original of `target`: named explicitly, in a folder, or by convention."""
    match = _TARGET_NAME.match(target.name)
    if source is not None and source.exists() and not source.is_dir():
        return source  # a FIFO or device too: reading it is refused with a clear error
    if source is not None and source.is_dir():
        names = [f"{match.group('stem')}.ru{match.group('suffix')}"] if match else []
        names.append(target.name)
        return next((source / name for name in names if (source / name).is_file()), None)
    if match:
        candidate = target.with_name(f"{match.group('stem')}.ru{match.group('suffix')}")
        return candidate if candidate.is_file() else None
    return None


def check_alignment(target: Document, source: Document) -> None:
    """Raise a UserError that says where alignment breaks when the paragraph counts differ."""
    ours, theirs = target.prose, source.prose
    if len(ours) == len(theirs):
        return
    if not ours or not theirs:
        empty, other = (target, source) if not ours else (source, target)
        raise UserError(
            _("{empty} has no text, but its pair {other} has; give both texts or neither").format(
                empty=empty.path, other=other.path
            ),
            target.path,
            1,
        )
    ratios = [len(t.text) / max(len(s.text), 1) for t, s in zip(ours, theirs, strict=False)]
    import statistics

    usual = statistics.median(ratios) if ratios else 1.0
    breaks = next(
        (i for i, ratio in enumerate(ratios) if not usual / _RATIO_TOLERANCE <= ratio <= usual * _RATIO_TOLERANCE),
        min(len(ours), len(theirs)),
    )
    where = ours[breaks] if breaks < len(ours) else ours[-1]
    line = target.position(where.start)[0]
    theirs_line = (
        source.position(theirs[breaks].start)[0] if breaks < len(theirs) else source.position(theirs[-1].start)[0]
    )
    raise UserError(
        _(
            "{ours} paragraphs against {theirs} in the source {source}; alignment breaks at paragraph {index} "
            "(this file line {line}, source line {source_line}): `{excerpt}`"
        ).format(
            ours=len(ours),
            theirs=len(theirs),
            source=source.path,
            index=breaks + 1,
            line=line,
            source_line=theirs_line,
            excerpt=" ".join(where.text.split())[:60],
        ),
        target.path,
        line,
    )
