"""The counts a summary needs, gathered file by file so results can be let go."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from tqa.model import Applicability, Finding

# One tuple per (code, rule name) a packed tally names (see `Tally.packed`).
_KEYS: dict[tuple[str, str], tuple[str, str]] = {}
_COUNTS = ("files", "findings", "safe", "unsafe", "applied", "changed")  # in the order `Tally.packed` keeps them


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
    by_rule: Counter = field(default_factory=Counter)
    fixable_codes: set = field(default_factory=set)

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
        if other.by_rule:  # Counter.update is Python code, even for nothing to add
            self.by_rule.update(other.by_rule)
        self.fixable_codes.update(other.fixable_codes)

    def count_findings(self, findings: Sequence[Finding]) -> None:
        for finding in findings:
            self.findings += 1
            self.by_rule[(finding.code, finding.name)] += 1
            if finding.fix is None:
                continue
            applicability = finding.fix.applicability
            if applicability is Applicability.SAFE:
                self.safe += 1
            elif applicability is Applicability.UNSAFE:
                self.unsafe += 1
            if applicability is not Applicability.DISPLAY_ONLY:
                self.fixable_codes.add(finding.code)

    def packed(self) -> tuple:
        """The counts as plain values, quick to pickle and load (see `unpacked`).
        Rule keys are shared across tallies, so a pickle of many holds each once."""
        keys = tuple(_KEYS.setdefault(key, key) for key in self.by_rule)
        counts = (self.files, self.findings, self.safe, self.unsafe, self.applied, self.changed)
        return counts, keys, tuple(self.by_rule.values()), tuple(self.fixable_codes)

    @classmethod
    def unpacked(cls, packed: tuple) -> Tally:
        counts, keys, values, codes = packed
        # Not the constructor nor Counter(): a warm run makes thousands, and both run Python code each time.
        by_rule = Counter.__new__(Counter)
        dict.update(by_rule, zip(keys, values, strict=True))
        tally = object.__new__(cls)
        tally.__dict__.update(zip(_COUNTS, counts, strict=True), by_rule=by_rule, fixable_codes=set(codes))
        return tally

    @classmethod
    def of(cls, results: Sequence[FileResult]) -> Tally:
        tally = cls()
        for result in results:
            tally.count_file(result)
        return tally
