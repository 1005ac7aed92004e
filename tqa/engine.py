"""The one pipeline: discover -> read -> check -> fix -> re-check.

`tqa check` and `tqa fix` both run `process()`; check simply does not apply
fixes, so `check(fix(x))` sees exactly what fix left behind.
"""

from __future__ import annotations

import fnmatch
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tqa import suppress
from tqa.document import Document
from tqa.errors import UserError
from tqa.fix import apply_edits, choose_fixes
from tqa.i18n import _
from tqa.model import Finding, Rule
from tqa.rules.names import across_files, spellings_by_skeleton
from tqa.textio import Source, decode, read_file

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
MAX_FIX_ROUNDS = 10
CROSS_FILE_RULE = "N602"
SUPPRESSION_FAMILY = "M"
STDIN = "-"


@dataclass(frozen=True)
class Input:
    """A file to process: its path (or `-`), how to show it, and the folder it came from."""

    path: str
    display: str
    root: str | None = None

    @property
    def is_stdin(self) -> bool:
        return self.path == STDIN


@dataclass
class FileResult:
    input: Input
    source: Source | None = None
    findings: list[Finding] = field(default_factory=list)
    applied: list[Finding] = field(default_factory=list)
    fixed_text: str | None = None
    error: UserError | None = None
    word_count: int = 0
    name_spellings: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return self.source is not None and self.fixed_text is not None and self.fixed_text != self.source.text


def _display(path: Path) -> str:
    """The path relative to the working folder when it lies below it, else as given."""
    if path.is_absolute():
        try:
            relative = os.path.relpath(path)
        except ValueError:
            return str(path)
        return str(path) if relative.startswith("..") else relative
    return os.path.normpath(path)


def _excluded(path: Path, root: Path, patterns: Sequence[str]) -> bool:
    relative = path.relative_to(root).as_posix()
    return any(
        fnmatch.fnmatch(relative, p) or fnmatch.fnmatch(path.name, p) or fnmatch.fnmatch(path.as_posix(), p)
        for p in patterns
    )


def discover(paths: Sequence[str], exclude: Sequence[str] = ()) -> tuple[list[Input], list[UserError]]:
    """Files named and files under folders (sorted; hidden and `exclude`d entries skipped)."""
    inputs: list[Input] = []
    errors: list[UserError] = []
    seen: set[str] = set()
    for raw in paths:
        if raw == STDIN:
            inputs.append(Input(STDIN, "-"))
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in TEXT_SUFFIXES
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
                and not _excluded(p, path, exclude)
            )
            for file in found:
                if str(file) not in seen:
                    seen.add(str(file))
                    inputs.append(Input(str(file), _display(file), str(path)))
        elif path.is_file() or path.exists():
            if str(path) not in seen:
                seen.add(str(path))
                inputs.append(Input(str(path), _display(path)))
        else:
            errors.append(UserError(_("no such file or folder"), raw))
    return inputs, errors


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
                    violation.fix,
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
) -> tuple[str, list[Finding], list[Finding]]:
    """Apply fixes until none applies (bounded). Returns the text, the fixes
    applied and the findings that remain in the result."""
    applied: list[Finding] = []
    findings = check_document(Document(path, text, markdown, segmentation, glossary_files), rules)
    for _round in range(MAX_FIX_ROUNDS):
        chosen = choose_fixes(findings, unsafe)
        if not chosen:
            break
        text = apply_edits(text, [edit for finding in chosen for edit in finding.fix.edits])
        applied.extend(chosen)
        findings = check_document(Document(path, text, markdown, segmentation, glossary_files), rules)
    return text, applied, findings


def read_input(item: Input, encoding: str | None = None) -> Source:
    if item.is_stdin:
        return decode(sys.stdin.buffer.read(), "<stdin>", encoding)
    return read_file(Path(item.path), encoding)


def process(
    inputs: Sequence[Input],
    rules: Sequence[Rule] | Callable[[str], Sequence[Rule]],
    fix: bool = False,
    unsafe: bool = False,
    segmentation: str = "auto",
    glossary_files: tuple[str, ...] = (),
    encoding: str | None = None,
) -> Iterator[FileResult]:
    """Check (and with `fix`, fix) each input in turn, one file in memory at a time."""
    rules_for = rules if callable(rules) else (lambda _path, fixed=tuple(rules): fixed)
    for item in inputs:
        file_rules = rules_for(item.display)
        result = FileResult(item)
        try:
            result.source = read_input(item, encoding)
        except UserError as error:
            result.error = error
            yield result
            continue
        markdown = item.path.lower().endswith((".md", ".markdown"))
        text = result.source.text
        if fix:
            result.fixed_text, result.applied, result.findings = fix_text(
                text, item.display, file_rules, unsafe, markdown, segmentation, glossary_files
            )
            final = Document(item.display, result.fixed_text, markdown, segmentation)
        else:
            final = Document(item.display, text, markdown, segmentation, glossary_files)
            result.findings = check_document(final, file_rules)
        result.word_count = final.word_count
        if any(rule.code == CROSS_FILE_RULE for rule in file_rules):
            result.name_spellings = spellings_by_skeleton(final)
        yield result


def link_files(results: Sequence[FileResult], rules: Sequence[Rule]) -> None:
    """Add the findings only a whole run can see: one name spelled differently across files."""
    rule = next((r for r in rules if r.code == CROSS_FILE_RULE), None)
    if rule is None or len(results) < 2:
        return
    for result, reports in zip(results, across_files([r.name_spellings for r in results]), strict=True):
        for offset, found, preferred in reports:
            message = _("`{found}` is spelled `{preferred}` in other files of this run").format(
                found=found, preferred=preferred
            )
            result.findings.append(Finding(rule.code, rule.name, message, offset, offset + len(found), rule.severity))
        result.findings.sort(key=lambda f: (f.start, f.code, f.end))
