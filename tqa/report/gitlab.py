"""GitLab Code Quality report: a JSON list of issues for `artifacts:reports:codequality`.

Each issue's fingerprint is the MD5 hex digest of the path and tqa's own
fingerprint (tqa.pipeline.fingerprint), so it stays stable when lines move and is
unique within the report, which GitLab requires to compare branches.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import TextIO

from tqa.model import Severity
from tqa.pipeline.run import FileResult
from tqa.report import ReportOptions, fingerprinted, json_text, posix_path

SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def emit(results: Sequence[FileResult], stream: TextIO, options: ReportOptions) -> None:
    issues = []
    for item, fingerprint in fingerprinted(results):
        finding = item.finding
        path = posix_path(item.path)
        issues.append(
            {
                "type": "issue",
                "description": f"{finding.code} {finding.message}",
                "check_name": finding.code,
                "fingerprint": hashlib.md5(f"{path}\x00{fingerprint}".encode(), usedforsecurity=False).hexdigest(),
                "severity": SEVERITY[finding.severity],
                "location": {"path": path, "lines": {"begin": item.row, "end": item.end_row}},
            }
        )
    json_text.dump(issues, stream)
    stream.write("\n")
