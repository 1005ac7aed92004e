"""The counts a summary needs, gathered file by file so results can be let go."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from tqa.model import Applicability, Finding


class FileResult(Protocol):
    """What a tally reads of a file's result (see `tqa.pipeline.run.FileResult`)."""

    source: object | None
    error: object | None
    findings: list[Finding]
    applied: list[Finding]

    @property
    def changed(self) -> bool: ...


@dataclass
class Tally:
    """The counts a summary needs, gathered file by file so results can be let go."""

    files: int = 0
    findings: int = 0
    safe: int = 0
    unsafe: int = 0
    applied: int = 0
    changed: int = 0

    def count_file(self, result: FileResult) -> None:
        if result.source is not None and result.error is None:  # read, but not checked (alignment): no "No findings"
            self.files += 1
        self.applied += len(result.applied)
        self.changed += result.changed or bool(result.applied)  # a preview's result keeps no fixed text
        self.count_findings(result.findings)

    def merge(self, other: Tally) -> None:
        self.files += other.files
        self.findings += other.findings
        self.safe += other.safe
        self.unsafe += other.unsafe
        self.applied += other.applied
        self.changed += other.changed

    def count_findings(self, findings: Sequence[Finding]) -> None:
        for finding in findings:
            self.findings += 1
            if finding.fix is None:
                continue
            applicability = finding.fix.applicability
            if applicability is Applicability.SAFE:
                self.safe += 1
            elif applicability is Applicability.UNSAFE:
                self.unsafe += 1

    def packed(self) -> tuple:
        """The counts as plain values, quick to pickle and load (see `unpacked`)."""
        return self.files, self.findings, self.safe, self.unsafe, self.applied, self.changed

    @classmethod
    def unpacked(cls, packed: tuple) -> Tally:
        return cls(*packed)

    @classmethod
    def of(cls, results: Sequence[FileResult]) -> Tally:
        tally = cls()
        for result in results:
            tally.count_file(result)
        return tally
