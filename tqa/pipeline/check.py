"""Checking one text: every rule, suppressions, and the bounded fix loop.

`check_document` and `fix_text` are the one code path of `tqa check` and
`tqa fix`: fixing applies non-overlapping fixes and checks again, so
`check(fix(x))` sees exactly what fix left behind.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from tqa.model import Finding, Fix, Rule, RuleCheck, Severity, finding_order
from tqa.pipeline import scan, suppress
from tqa.pipeline.fix import apply_edits, choose_fixes
from tqa.pipeline.scan import KEPT_ANSWERS, Scanner, scanner_for
from tqa.text.document import Document

MAX_FIX_ROUNDS = 10
SUPPRESSION_FAMILY = "M"
# What a run works out once for each tuple of rules it checks with (kept by
# the tuple's identity: a run asks once a document, and working out the key
# of the scanner walks every rule).
_KNOWN: dict[int, tuple[tuple[Rule, ...], str | None, _Rules]] = {}


class _Step(NamedTuple):
    """What `check_document` needs of a rule, unpacked once per run."""

    check: RuleCheck
    code: str
    name: str
    severity: Severity
    guarded: bool  # its findings in protected spans are dropped (all but the rules about comments)
    refining: bool  # it refines another rule (see `_one_per_span`)


@dataclass(frozen=True)
class _Rules:
    steps: tuple[_Step, ...]
    scanner: Scanner
    # (code, code of the rule that refines it): see `_one_per_span`.
    replaced: frozenset[tuple[str, str]]
    codes: frozenset[str]
    # The steps to run, by the codes the scan finds nothing for (a few sets recur).
    running: dict[frozenset[str], tuple[_Step, ...]] = field(default_factory=dict)

    def to_run(self, doc: Document) -> tuple[_Step, ...]:
        """The rules' steps, in order, less those whose triggers match nowhere in the document."""
        quiet = self.scanner.quiet(doc)
        steps = self.running.get(quiet)
        if steps is None:
            if len(self.running) >= KEPT_ANSWERS:
                self.running.clear()
            steps = self.running[quiet] = tuple(step for step in self.steps if step.code not in quiet)
        return steps


def _effective(text: str, fix: Fix) -> Fix | None:
    """The fix without its edits that change nothing; None when no edit is left.
    An edit that rewrites a span with itself is not a fix: applied, it would be
    counted on every run and keep the fix loop going."""
    if len(fix.edits) == 1:
        edit = fix.edits[0]
        return fix if text[edit.start : edit.end] != edit.content else None
    edits = tuple(edit for edit in fix.edits if text[edit.start : edit.end] != edit.content)
    if len(edits) == len(fix.edits):
        return fix
    return Fix(fix.title, edits, fix.applicability) if edits else None


def check_document(doc: Document, rules: Sequence[Rule]) -> list[Finding]:
    """Every selected rule's findings, in text order, less those suppressed inline.
    Rules whose triggers the scan finds nowhere in the text are not run."""
    findings: list[Finding] = []
    known = _known(rules)
    text = doc.text
    refined = False  # whether a rule that refines another reported anything
    protected = None  # the document's protected spans, worked out at the first finding of a guarded rule
    for check, code, name, severity, guarded, refining in known.to_run(doc):
        for violation in check(doc):
            start, end, fix = violation.start, violation.end, violation.fix
            if guarded:
                if protected is None:
                    protected = doc.protected
                if protected and doc.is_protected(start, end):
                    continue
            if fix is not None:
                edits = fix.edits
                if len(edits) != 1:
                    fix = _effective(text, fix)
                elif text[edits[0].start : edits[0].end] == edits[0].content:  # `_effective` of most fixes
                    fix = None
            findings.append(Finding(code, name, violation.message, start, end, severity, fix, violation.glossary))
            refined = refined or refining
    if len(findings) > 1:
        findings.sort(key=finding_order)
        if refined:
            findings = _one_per_span(findings, known.replaced)
    return suppress.apply(doc, findings, rules)


def _known(rules: Sequence[Rule]) -> _Rules:
    if type(rules) is not tuple:  # a list may change between calls
        return _worked_out(rules)
    known = _KNOWN.get(id(rules))
    if known is None or known[0] is not rules or known[1] != scan.engine:  # tests choose the engine
        if len(_KNOWN) >= 16:
            _KNOWN.clear()
        known = _KNOWN[id(rules)] = (rules, scan.engine, _worked_out(rules))
    return known[2]


def _worked_out(rules: Sequence[Rule]) -> _Rules:
    replaced = frozenset((code, rule.code) for rule in rules for code in rule.replaces)
    steps = tuple(
        # Comments are protected from prose rules, not from the rules about comments.
        _Step(rule.check, rule.code, rule.name, rule.severity, rule.code[0] != SUPPRESSION_FAMILY, bool(rule.replaces))
        for rule in rules
    )
    return _Rules(steps, scanner_for(rules), replaced, frozenset(rule.code for rule in rules))


def codes_of(rules: Sequence[Rule]) -> frozenset[str]:
    """The codes of `rules` (worked out once for a tuple of rules a run checks with)."""
    return _known(rules).codes


def _one_per_span(findings: list[Finding], replaced: frozenset[tuple[str, str]]) -> list[Finding]:
    """Where a rule that refines another (`Rule.replaces`: the source-aware
    calque rule refines the monolingual one) reports the same span, its finding
    is the one that stays. `replaced` holds (code, code of the rule refining it)."""
    if len(findings) < 2 or not replaced:
        return findings
    by_span: dict[tuple[int, int], set[str]] = {}
    for finding in findings:
        by_span.setdefault((finding.start, finding.end), set()).add(finding.code)
    return [
        finding
        for finding in findings
        if not any((finding.code, other) in replaced for other in by_span[finding.start, finding.end])
    ]


@dataclass(frozen=True)
class FixSettings:
    """How to fix a text: which fixes apply, and how to read the text (see `Document`)."""

    unsafe: bool = False
    markdown: bool = False
    segmentation: str = "auto"
    glossary_files: tuple[str, ...] = ()
    source: Document | None = None
    # Codes whose fixes may be applied (--fixable/--unfixable); None: every rule's.
    fix_codes: frozenset[str] | None = None
    transliteration: str = "wire"

    def document(self, path: str, text: str) -> Document:
        return Document(
            path,
            text,
            self.markdown,
            self.segmentation,
            self.glossary_files,
            self.source,
            transliteration=self.transliteration,
        )


def fix_text(
    text: str, path: str, rules: Sequence[Rule], settings: FixSettings = FixSettings()
) -> tuple[str, list[Finding], list[Finding]]:
    """Apply fixes until none applies (bounded). Returns the text, the fixes
    applied and the findings that remain in the result. A round that would
    bring back a text already seen is not applied: fixes that undo each other
    are a bug in the rules, and must not be counted as work done."""
    applied: list[Finding] = []
    findings = check_document(settings.document(path, text), rules)
    seen = {text}
    for _round in range(MAX_FIX_ROUNDS):
        allowed = findings if settings.fix_codes is None else [f for f in findings if f.code in settings.fix_codes]
        chosen = choose_fixes(allowed, settings.unsafe)
        if not chosen:
            break
        fixed = apply_edits(text, [edit for finding in chosen for edit in finding.fix.edits])
        if fixed in seen:
            break
        seen.add(fixed)
        text = fixed
        applied.extend(chosen)
        findings = check_document(settings.document(path, text), rules)
    return text, applied, findings
