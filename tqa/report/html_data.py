"""What the HTML review report shows, as one JSON-ready value.

Per file: the text as checked, its findings (offsets counted in UTF-16 code
units, as JavaScript counts them), the line diff to the text `tqa fix` would
write with safe fixes, and, when the file is paired with its Russian
original, each translated paragraph's span with the source paragraph. Once
per report: the rules used (summary and documentation), the families with
their colours, and the interface's labels in the message language.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from tqa import __version__
from tqa.alignment import paired_source
from tqa.i18n import _, current_language
from tqa.model import Finding, Rule
from tqa.pipeline.check import fix_text
from tqa.pipeline.one_file import fix_settings
from tqa.pipeline.run import DEFAULT_JOB, FileResult, Job, checked_text, display_path
from tqa.rule_docs import explanation
from tqa.rules import find_rule
from tqa.text.document import Document
from tqa.text.linediff import opcodes, split_lines
from tqa.text.textio import read_file

_WORD = re.compile(r"\w+")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")

# Rule code prefix -> family, in the order the report lists them, with the
# highlight (background) and its edge; every pair reads with dark text.
FAMILIES: tuple[tuple[str, str, str, str], ...] = (
    ("Q", "quotes", "#fde68a", "#92400e"),
    ("S", "structure", "#bfdbfe", "#1e40af"),
    ("P", "typography", "#ddd6fe", "#5b21b6"),
    ("C", "script", "#fecaca", "#991b1b"),
    ("T", "terminology", "#bbf7d0", "#166534"),
    ("N", "names", "#fbcfe8", "#9d174d"),
    ("A", "source", "#a5f3fc", "#155e75"),
    ("M", "suppressions", "#e5e7eb", "#374151"),
)
_FAMILY_OF = {prefix: name for prefix, name, _background, _edge in FAMILIES}


def family(code: str) -> str:
    """The family of a rule code: quotes, structure, ... (see FAMILIES)."""
    return _FAMILY_OF.get(code[:1], "suppressions")


@dataclass(frozen=True)
class Review:
    """How the report's cleaned texts are made: each file's rules and the run's job
    (reading options, fix selection, the Russian originals); `cleaned` holds those
    already made, by path (see `fixed_texts`)."""

    rules_for: Callable[[str], Sequence[Rule]]
    job: Job = DEFAULT_JOB
    cleaned: Mapping[str, str] = field(default_factory=dict)


def fixed_texts(results: Sequence[FileResult], review: Review, workers: int) -> dict[str, str]:
    """What `tqa fix` would write (safe fixes) for each file read from disk without
    error: the files fixed again, as `tqa fix` does, in `workers` processes."""
    from tqa.pipeline.engine import process

    inputs = [r.input for r in results if r.source is not None and r.error is None and not r.input.is_stdin]
    fixing = replace(review.job, fix=True, unsafe=False, keep_text=True, detect_language=False)
    fixed = process(inputs, review.rules_for, fixing, workers)
    return {result.input.path: result.fixed_text for result in fixed if result.fixed_text is not None}


def family_labels() -> dict[str, str]:
    return {
        "quotes": _("quotes"),
        "structure": _("structure"),
        "typography": _("typography"),
        "script": _("script"),
        "terminology": _("terminology"),
        "names": _("names"),
        "source": _("source"),
        "suppressions": _("suppressions"),
    }


def interface_labels() -> dict[str, str]:
    """Every string the page's script shows, in the message language."""
    return {
        "title": _("tqa review report"),
        "summary": _("Files: {files} · words: {words} · findings: {findings}"),
        "overview": _("Overview"),
        "chart": _("Findings per rule"),
        "chartEmpty": _("No findings match the filters."),
        "file": _("File"),
        "words": _("Words"),
        "findings": _("Findings"),
        "per1000": _("per 1,000 words"),
        "total": _("All"),
        "sortBy": _("Sort by {column}"),
        "filters": _("Filters"),
        "family": _("Family"),
        "severity": _("Severity"),
        "rule": _("Rule"),
        "allRules": _("All rules"),
        "error": _("error"),
        "warning": _("warning"),
        "info": _("info"),
        "back": _("Back to the overview"),
        "previous": _("Previous finding"),
        "next": _("Next finding"),
        "text": _("Text"),
        "cleaned": _("Cleaned text"),
        "original": _("Original"),
        "translation": _("Translation"),
        "sourceText": _("Russian source"),
        "noChange": _("`tqa fix` would change nothing here (safe fixes)."),
        "unchanged": _("Unchanged lines: {count}"),
        "line": _("line {line}, column {column}"),
        "message": _("Message"),
        "suggestion": _("Suggestion"),
        "noSuggestion": _("No change is proposed: a person decides."),
        "safety": _("Fix safety"),
        "safe": _("safe: `tqa fix` applies it"),
        "unsafe": _("unsafe: applied with --unsafe-fixes"),
        "display-only": _("display only: a suggestion for a person"),
        "glossary": _("Glossary"),
        "entry": _("Entry"),
        "note": _("Note"),
        "reference": _("Reference"),
        "documentation": _("Rule documentation"),
        "choose": _("Choose a highlighted finding to see what it means."),
        "noFindings": _("No findings in this file."),
        "hiddenByFilters": _("Hidden by the filters: {count}"),
        "keys": _("Keys: j or n next finding, k or p previous, Escape back to the overview."),
        "readError": _("Not checked"),
        "open": _("Open {path}"),
        "highlight": _("{code} {name} ({severity}): {message}"),
        "noscript": _("This report needs JavaScript to show the findings."),
        "generator": _("Made by tqa {version}").format(version=__version__),
    }


def utf16_offsets(text: str) -> Callable[[int], int]:
    """A function from str offsets to UTF-16 offsets in `text` (they differ after
    characters outside the Basic Multilingual Plane, such as emoji)."""
    if text.isascii() or not _ASTRAL.search(text):
        return lambda offset: offset
    astral = [match.start() for match in _ASTRAL.finditer(text)]
    return lambda offset: offset + bisect.bisect_left(astral, offset)


def finding_data(finding: Finding, utf16: Callable[[int], int]) -> dict:
    fix = None
    if finding.fix is not None:
        fix = {
            "title": finding.fix.title,
            "safety": finding.fix.applicability.value,
            "edits": [[utf16(edit.start), utf16(edit.end), edit.content] for edit in sorted(finding.fix.edits)],
        }
    return {
        "code": finding.code,
        "start": utf16(finding.start),
        "end": utf16(finding.end),
        "severity": finding.severity.value,
        "message": finding.message,
        "fix": fix,
        "glossary": finding.glossary.to_dict() if finding.glossary is not None else None,
    }


def _is_markdown(name: str) -> bool:
    return name.lower().endswith((".md", ".markdown"))


def _original(result: FileResult, job: Job) -> Document | None:
    """The Russian original paired with a file, as the check read it."""
    item = result.input
    if item.is_stdin:
        return None
    path = paired_source(Path(item.path), Path(job.source) if job.source else None)
    if path is None:
        return None
    text = read_file(path, job.encoding).text
    return Document(display_path(path), text, _is_markdown(item.path), job.segmentation)


def cleaned_text(result: FileResult, text: str, review: Review, original: Document | None) -> str:
    """What `tqa fix` (safe fixes only) would write for this file: made already, or made here."""
    if result.input.path in review.cleaned:
        return review.cleaned[result.input.path]
    job, name = review.job, result.input.display
    rules = review.rules_for(name)
    if name.lower().endswith(".po"):
        from tqa.catalog_check import fix_catalog

        return fix_catalog(text, name, rules, False, job.glossary_files, job.catalogs)[0]
    markdown = _is_markdown(result.input.display if result.input.is_stdin else result.input.path)
    settings = replace(fix_settings(job, markdown, original), unsafe=False)  # safe fixes only, as `tqa fix`
    return fix_text(text, name, rules, settings)[0]


def line_diff(before: str, after: str) -> list[list]:
    """The changed blocks from `before` to `after` by lines: [first, past, new lines]
    (lines of `before` first..past-1 become the new lines)."""
    if before == after:
        return []
    old, new = split_lines(before), split_lines(after)
    return [[i1, i2, new[j1:j2]] for tag, i1, i2, j1, j2 in opcodes(old, new) if tag != "equal"]


def source_pairs(text: str, original: Document, markdown: bool, job: Job, utf16) -> list[list] | None:
    """[start, end, source paragraph] for each translated paragraph, when the counts agree."""
    translation = Document("", text, markdown, job.segmentation)
    if len(translation.prose) != len(original.prose):
        return None
    return [
        [utf16(ours.start), utf16(ours.end), theirs.text]
        for ours, theirs in zip(translation.prose, original.prose, strict=True)
    ]


def file_data(result: FileResult, review: Review) -> dict:
    data: dict = {"path": result.input.display}
    if result.error is not None or result.source is None:
        data["error"] = str(result.error) if result.error is not None else _("Not checked")
        return data
    text = checked_text(result)
    if not isinstance(text, str):
        raise ValueError("the HTML report needs each file's text (Job.keep_text)")
    utf16 = utf16_offsets(text)
    original = None if result.input.path.lower().endswith(".po") else _original(result, review.job)
    data.update(
        {
            "words": len(_WORD.findall(text)),
            "text": text,
            "findings": [finding_data(finding, utf16) for finding in result.findings],
            "diff": line_diff(text, cleaned_text(result, text, review, original)),
        }
    )
    if original is not None:
        markdown = _is_markdown(result.input.path)
        data["source"] = source_pairs(text, original, markdown, review.job, utf16)
    return data


def rule_data(code: str) -> dict:
    rule = find_rule(code)
    if rule is None:
        return {"name": code, "family": family(code), "summary": "", "doc": "", "severity": "warning"}
    return {
        "name": rule.name,
        "family": family(code),
        "summary": _(rule.summary),
        "doc": explanation(rule),
        "severity": rule.severity.value,
    }


def report_data(results: Sequence[FileResult], review: Review) -> dict:
    files = [file_data(result, review) for result in results]
    codes = sorted({finding["code"] for item in files for finding in item.get("findings", ())})
    names = family_labels()
    return {
        "lang": current_language(),
        "labels": interface_labels(),
        "families": [
            {"id": name, "label": names[name], "background": background, "edge": edge}
            for _prefix, name, background, edge in FAMILIES
        ],
        "rules": {code: rule_data(code) for code in codes},
        "files": files,
    }
