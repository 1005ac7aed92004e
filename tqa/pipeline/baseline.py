"""Baselines: record today's findings, report only new ones later.

Findings are keyed by path and fingerprint (rule + text around it), so edits
elsewhere in a file do not bring baselined findings back.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Sequence
from pathlib import Path

from tqa import __version__
from tqa.errors import UserError
from tqa.i18n import _
from tqa.pipeline.fingerprint import fingerprints
from tqa.pipeline.run import FileResult, checked_text
from tqa.text.filewrite import write_output

FORMAT_VERSION = 1
# An existing file larger than this is not read to see whether it is a baseline.
_LARGEST_BASELINE = 256 * 1024 * 1024


def write_baseline(results: Sequence[FileResult], path: Path) -> int:
    files: dict[str, list[dict[str, str]]] = {}
    count = 0
    for result in results:
        if result.source is None or not result.findings:
            continue
        keys = fingerprints(checked_text(result), result.findings)
        files[result.input.display] = [
            {"fingerprint": k, "code": f.code, "message": f.message} for k, f in zip(keys, result.findings, strict=True)
        ]
        count += len(keys)
    data = {"tool": "tqa", "version": __version__, "format": FORMAT_VERSION, "files": files}
    write_output(path, (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"), str(path))
    return count


def check_baseline_target(path: Path, inputs: Sequence[str]) -> None:
    """Refuse to write a baseline over one of the files being checked or over a
    file that is not a tqa baseline (a forgotten argument, say)."""
    try:
        info = os.stat(path)
    except OSError:
        return  # nothing there yet, or a problem the write itself reports
    if any(_same_file(info, name) for name in inputs):
        raise UserError(_("is one of the files being checked; a baseline would replace it"), str(path))
    if not stat.S_ISREG(info.st_mode) or info.st_size == 0:
        return
    data = None
    if info.st_size <= _LARGEST_BASELINE:
        try:
            data = json.loads(path.read_bytes())
        except (OSError, ValueError):
            pass
    if not isinstance(data, dict) or data.get("tool") != "tqa" or not isinstance(data.get("files"), dict):
        raise UserError(
            _("exists and is not a tqa baseline; nothing written (remove it or name another file)"), str(path)
        )


def _same_file(info: os.stat_result, name: str) -> bool:
    try:
        other = os.stat(name)
    except OSError:
        return False
    return (other.st_dev, other.st_ino) == (info.st_dev, info.st_ino)


def read_baseline(path: Path) -> dict[str, set[str]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {name: {item["fingerprint"] for item in items} for name, items in data["files"].items()}
    except OSError as error:
        raise UserError(_("cannot read baseline: {reason}").format(reason=error.strerror or error), str(path)) from None
    except (ValueError, KeyError, TypeError) as error:
        raise UserError(_("not a tqa baseline file: {reason}").format(reason=error), str(path)) from None


def filter_baselined(results: Sequence[FileResult], baseline: dict[str, set[str]]) -> int:
    """Remove baselined findings in place; returns how many were removed."""
    removed = 0
    for result in results:
        known = baseline.get(result.input.display)
        if not known or result.source is None:
            continue
        keys = fingerprints(checked_text(result), result.findings)
        kept = [f for f, k in zip(result.findings, keys, strict=True) if k not in known]
        removed += len(result.findings) - len(kept)
        result.findings = kept
    return removed
