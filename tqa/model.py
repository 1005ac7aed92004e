"""The records every part of tqa passes around: edits, fixes, findings, rules."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tqa.text.document import Document


class Applicability(enum.Enum):
    """How freely a fix may be applied (ruff's model)."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY_ONLY = "display-only"


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, order=True, slots=True)
class Edit:
    """Replace text[start:end] with content. Offsets are str indices."""

    start: int
    end: int
    content: str = ""

    def __reduce__(self) -> tuple:
        # Pickled as a call of the constructor (see `Finding.__reduce__`).
        return Edit, (self.start, self.end, self.content)


@dataclass(frozen=True, slots=True)
class Fix:
    title: str
    edits: tuple[Edit, ...]
    applicability: Applicability

    def __reduce__(self) -> tuple:
        return Fix, (self.title, self.edits, self.applicability)

    @property
    def start(self) -> int:
        return min(edit.start for edit in self.edits)

    @property
    def end(self) -> int:
        return max(edit.end for edit in self.edits)


@dataclass(frozen=True, slots=True)
class GlossaryRef:
    """The glossary entry behind a finding: its id, why it asks for the rendering
    (`note`) and where the rendering comes from (`ref`)."""

    id: str
    note: str
    ref: str

    def __reduce__(self) -> tuple:
        return GlossaryRef, (self.id, self.note, self.ref)

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "note": self.note, "ref": self.ref}


@dataclass(frozen=True, slots=True)
class Violation:
    """What a rule function yields: a span, a message, maybe a fix and the
    glossary entry it comes from."""

    start: int
    end: int
    message: str
    fix: Fix | None = None
    glossary: GlossaryRef | None = None


@dataclass(frozen=True, slots=True, init=False)
class Finding:
    """A violation attributed to its rule and document."""

    code: str
    name: str
    message: str
    start: int
    end: int
    severity: Severity
    fix: Fix | None = None
    glossary: GlossaryRef | None = None

    def __init__(
        self,
        code: str,
        name: str,
        message: str,
        start: int,
        end: int,
        severity: Severity,
        fix: Fix | None = None,
        glossary: GlossaryRef | None = None,
    ) -> None:
        # What the frozen dataclass's own __init__ does (object.__setattr__ a
        # field), through each slot's descriptor: twice as fast, and a run
        # makes one Finding a finding.
        set_code, set_name, set_message, set_start, set_end, set_severity, set_fix, set_glossary = _FINDING_SLOTS
        set_code(self, code)
        set_name(self, name)
        set_message(self, message)
        set_start(self, start)
        set_end(self, end)
        set_severity(self, severity)
        set_fix(self, fix)
        set_glossary(self, glossary)

    def __reduce__(self) -> tuple:
        # Pickled as a call of the constructor: the dataclass's own pickling of
        # a frozen class with slots sets each field through Python code, at several
        # microseconds a finding (results pass between processes and the cache).
        return Finding, (
            self.code,
            self.name,
            self.message,
            self.start,
            self.end,
            self.severity,
            self.fix,
            self.glossary,
        )


_FINDING_SLOTS = tuple(
    getattr(Finding, name).__set__
    for name in ("code", "name", "message", "start", "end", "severity", "fix", "glossary")
)


def finding_order(finding: Finding) -> tuple[int, str, int]:
    """The order of a file's findings: by start, then rule code, then end."""
    return finding.start, finding.code, finding.end


RuleCheck = Callable[["Document"], Iterable[Violation]]


class FixAvailability(enum.Enum):
    ALWAYS = "always"
    SOMETIMES = "sometimes"
    NEVER = "never"


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    check: RuleCheck = field(repr=False)
    fix: FixAvailability
    severity: Severity
    # Rules this one refines: where both report the same span, only this one's finding stays.
    replaces: tuple[str, ...] = ()
    # Patterns one of which matches wherever the rule can report; none: it always runs (see tqa.pipeline.scan).
    triggers: tuple[str, ...] = ()

    @property
    def doc(self) -> str:
        return self.check.__doc__ or ""

    @property
    def summary(self) -> str:
        """The docstring's first line: what the rule reports."""
        return self.doc.strip().splitlines()[0].strip() if self.doc.strip() else self.name
