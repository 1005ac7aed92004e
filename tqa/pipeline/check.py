"""Checking one text: every rule, suppressions, and the bounded fix loop.

`check_document` and `fix_text` are the one code path of `tqa check` and
`tqa fix`: fixing applies non-overlapping fixes and checks again, so
`check(fix(x))` sees exactly what fix left behind.
"""

from __future__ import annotations

from collections.abc import Sequence

from tqa.model import Finding, Fix, Rule
from tqa.pipeline import suppress
from tqa.pipeline.fix import apply_edits, choose_fixes
from tqa.text.document import Document

MAX_FIX_ROUNDS = 10
SUPPRESSION_FAMILY = "M"


def _effective(text: str, fix: Fix | None) -> Fix | None:
    """The fix without its edits that change nothing; None when no edit is left.
    An edit that rewrites a span with itself is not a fix: applied, it would be
    counted on every run and keep the fix loop going."""
    if fix is None:
        return None
    edits = tuple(edit for edit in fix.edits if text[edit.start : edit.end] != edit.content)
    if len(edits) == len(fix.edits):
        return fix
    return Fix(fix.title, edits, fix.applicability) if edits else None


def check_document(doc: Document, rules: Sequence[Rule]) -> list[Finding]:
    """Every selected rule's findings, in text order, less those suppressed inline."""
    findings = []
    for rule in rules:
        for violation in rule.check(doc):
            # Comments are protected from prose rules, not from the rules about comments.
            if rule.code[0] != SUPPRESSION_FAMILY and doc.is_protected(violation.start, violation.end):
                continue
            findings.append(
                Finding(
                    rule.code,
                    rule.name,
                    violation.message,
                    violation.start,
                    violation.end,
                    rule.severity,
                    _effective(doc.text, violation.fix),
                )
            )
    findings.sort(key=lambda f: (f.start, f.code, f.end))
    return suppress.apply(doc, findings, rules)


def fix_text(
    text: str,
    path: str,
    rules: Sequence[Rule],
    unsafe: bool,
    markdown: bool,
    segmentation: str = "auto",
    glossary_files: tuple[str, ...] = (),
    source: Document | None = None,
    transliteration: str = "wire",
) -> tuple[str, list[Finding], list[Finding]]:
    """Apply fixes until none applies (bounded). Returns the text, the fixes
    applied and the findings that remain in the result. A round that would
    bring back a text already seen is not applied: fixes that undo each other
    are a bug in the rules, and must not be counted as work done."""
    applied: list[Finding] = []
    findings = check_document(
        Document(path, text, markdown, segmentation, glossary_files, source, transliteration=transliteration), rules
    )
    seen = {text}
    for _round in range(MAX_FIX_ROUNDS):
        chosen = choose_fixes(findings, unsafe)
        if not chosen:
            break
        fixed = apply_edits(text, [edit for finding in chosen for edit in finding.fix.edits])
        if fixed in seen:
            break
        seen.add(fixed)
        text = fixed
        applied.extend(chosen)
        findings = check_document(
            Document(path, text, markdown, segmentation, glossary_files, source, transliteration=transliteration), rules
        )
    return text, applied, findings
