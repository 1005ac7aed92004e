"""SARIF 2.1.0 output, for GitHub code scanning and other SARIF viewers.

One run: the tool with every rule in ALL_RULES (summary, the "What it does"
paragraph, the whole documentation), then one result a finding with its
region, a partial fingerprint from tqa.pipeline.fingerprint (stable when lines move)
and, where tqa has one, the fix as artifact changes and the glossary entry
behind the finding (`properties.glossary`: id, note, ref). Paths below the working
folder are relative URIs against %SRCROOT% (the working folder, or the checkout in CI); columns are
counted in Unicode code points, as tqa counts them, and the run says so.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TextIO
from urllib.parse import quote

import tqa
from tqa.model import Applicability, GlossaryRef, Rule, Severity
from tqa.pipeline.fingerprint import fingerprints
from tqa.pipeline.run import FileResult, checked_text, display_root
from tqa.report import ReportOptions, edits_text, json_text, positions_of, posix_path
from tqa.rules import ALL_RULES

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
VERSION = "2.1.0"
SRCROOT = "%SRCROOT%"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
RULE_INDEX = {rule.code: index for index, rule in enumerate(ALL_RULES)}  # a rule's place in the run's rules
# Stands for the results in the log until they are written (no finding writes NUL bytes and a random name).
RESULTS = f"\0results-{os.urandom(8).hex()}\0"
FAMILY = {
    "Q": "quotes",
    "S": "structure",
    "P": "typography",
    "C": "script",
    "T": "terminology",
    "N": "names",
}


def doc_section(doc: str, heading: str) -> str:
    """A docstring section (`Heading:` then indented text) as plain paragraphs, or ""."""
    lines = inspect.cleandoc(doc).splitlines()
    try:
        start = next(i for i, line in enumerate(lines) if line.strip() == f"{heading}:") + 1
    except StopIteration:
        return ""
    body: list[str] = []
    for line in lines[start:]:
        if line.strip() and not line[:1].isspace():
            break
        body.append(line)
    paragraphs = "\n".join(body).strip().split("\n\n")
    return "\n\n".join(" ".join(part.split()) for part in paragraphs if part.strip())


# Rules whose findings come from glossary entries: their results carry the entry.
GLOSSARY_RULES = frozenset({"T501", "T502", "T503", "T504", "N601", "N602", "A701", "A704", "A707"})
GLOSSARY_HELP = (
    "Glossary: a result from a glossary entry names it in properties.glossary: its id, "
    "its note (why the rendering is asked for) and its ref (where the rendering comes from)."
)


def rule_object(rule: Rule) -> dict:
    doc = inspect.cleandoc(rule.doc) if rule.doc else rule.summary
    if rule.code in GLOSSARY_RULES:
        doc += "\n\n" + GLOSSARY_HELP
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": doc_section(rule.doc, "What it does") or rule.summary},
        "help": {"text": doc},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {
            "tags": ["translation-quality", FAMILY.get(rule.code[:1], "other")],
            "fix": rule.fix.value,
        },
    }


@lru_cache(maxsize=1024)
def artifact_location(path: str) -> dict:
    """A relative path as a URI against %SRCROOT%, an absolute one as a file: URI
    (the same object for every finding of a file: it is only read)."""
    if Path(path).is_absolute():
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(posix_path(path), safe="/"), "uriBaseId": SRCROOT}


# Where results stand in the log: runs[0].results, items four levels in; a
# line break and the indentation of each level of a result's object.
_RESULT = "\n" + json_text.INDENT * 4
_N = tuple(_RESULT + json_text.INDENT * level for level in range(9))


class Layouts:
    """What a run's results share, each laid out once: a result's text up to
    its message, by rule and level, and a fix's text before its location and
    after its replacements, by title and applicability. They are looked up by
    the string and checked by the member's identity (an Enum member hashes
    in Python)."""

    def __init__(self) -> None:
        self.heads: dict[str, tuple[Severity, str]] = {}
        self.fixes: dict[str, tuple[Applicability, str, str]] = {}

    def head(self, code: str, severity: Severity) -> str:
        n1, n2 = _N[1:3]
        index = RULE_INDEX.get(code)
        rule_index = "" if index is None else f'{n1}"ruleIndex": {index},'
        head = (
            f'{{{n1}"ruleId": {json_text.encode_basestring(code)},{rule_index}'
            f'{n1}"level": "{LEVEL[severity]}",{n1}"message": {{{n2}"text": '
        )
        self.heads[code] = severity, head
        return head

    def fix(self, title: str, applicability: Applicability) -> tuple[str, str]:
        encode = json_text.encode_basestring
        n1, n2, n3, n4, n5 = _N[1:6]
        opening = (
            f',{n1}"fixes": [{n2}{{{n3}"description": {{{n4}"text": {encode(title)}{n3}}},'
            f'{n3}"artifactChanges": [{n4}{{{n5}"artifactLocation": '
        )
        closing = f'{n4}}}{n3}],{n3}"properties": {{{n4}"applicability": {encode(applicability.value)}{n3}}}{n2}}}{n1}]'
        self.fixes[title] = applicability, opening, closing
        return opening, closing


# Between a result's numbers: from the start line of its region on.
_N1, _N2, _N3, _N4, _N5 = _N[1:6]
_START_COLUMN = f',{_N5}"startColumn": '
_END_LINE = f',{_N5}"endLine": '
_END_COLUMN = f',{_N5}"endColumn": '
_FINGERPRINT = f'{_N4}}}{_N3}}}{_N2}}}{_N1}],{_N1}"partialFingerprints": {{{_N2}"primaryLocationLineHash": "'
_END = f'"{_N1}}}'
_REPLACEMENTS = f',{_N5}"replacements": '
# What Layouts has not laid out yet.
_NO_HEAD: tuple[None, str] = (None, "")
_NO_FIX: tuple[None, str, str] = (None, "", "")


def file_texts(result: FileResult, layouts: Layouts) -> list[str]:
    """A file's results as indented JSON (what json_text writes of them), in
    `fingerprinted` order, written directly: a report has one per finding,
    and a generic writer walking twenty small objects a result costs more
    than finding it. What the file's results share (where the file is) is
    written once, what the run's share once a run (`layouts`)."""
    if result.source is None or not result.findings:
        return []
    encode = json_text.encode_basestring
    n0, n1, n2, n3, n4, n5 = _N[:6]
    path = result.input.display
    position = positions_of(result).position
    # From the end of the message to the start line of the region.
    middle = (
        f'{n1}}},{n1}"locations": [{n2}{{{n3}"physicalLocation": {{{n4}"artifactLocation": '
        f'{_location_text(path, n4)},{n4}"region": {{{n5}"startLine": '
    )
    changes = _location_text(path, n5) + _REPLACEMENTS  # a fix's artifact change up to its replacements
    heads, fixes = layouts.heads, layouts.fixes
    texts = []
    for finding, fingerprint in zip(result.findings, fingerprints(checked_text(result), result.findings), strict=True):
        severity, head = heads.get(finding.code, _NO_HEAD)
        if severity is not finding.severity:
            head = layouts.head(finding.code, finding.severity)
        fix = finding.fix
        row, column = position(finding.start)
        end_row, end_column = position(finding.end)
        glossary = "" if finding.glossary is None else _glossary_text(finding.glossary)
        if fix is None:
            fix_text = ""
        else:
            replacements = edits_text(finding, (row, column, end_row, end_column), position, _replacement_text)
            applicability, opening, closing = fixes.get(fix.title, _NO_FIX)
            if applicability is not fix.applicability:
                opening, closing = layouts.fix(fix.title, fix.applicability)
            listed = f"[{replacements}{n5}]" if replacements else "[]"
            fix_text = f"{opening}{changes}{listed}{closing}"
        texts.append(
            f"{head}{encode(finding.message)}{middle}{row}{_START_COLUMN}{column}{_END_LINE}{end_row}"
            f"{_END_COLUMN}{end_column}{_FINGERPRINT}{fingerprint}{_END}{glossary}{fix_text}{n0}}}"
        )
    return texts


@lru_cache(maxsize=4096)
def _glossary_text(entry: GlossaryRef) -> str:
    """A result's `properties`, naming the glossary entry: results of one entry share it."""
    n1, n2 = _N[1:3]
    return f',{n1}"properties": {{{n2}"glossary": {json_text.dumps_at(entry.to_dict(), n2)}{n1}}}'


def _replacement_text(content: str, row: int, column: int, end_row: int, end_column: int) -> str:
    n6, n7, n8 = _N[6:]
    return (
        f'{n6}{{{n7}"deletedRegion": {{{n8}"startLine": {row},{n8}"startColumn": {column},'
        f'{n8}"endLine": {end_row},{n8}"endColumn": {end_column}{n7}}},'
        f'{n7}"insertedContent": {{{n8}"text": {json_text.encode_basestring(content)}{n7}}}{n6}}}'
    )


@lru_cache(maxsize=1024)
def _location_text(path: str, newline: str) -> str:
    return json_text.dumps_at(artifact_location(path), newline)


def _notification(result: FileResult) -> dict:
    error = result.error
    notification: dict = {"level": "error", "message": {"text": str(error)}}
    if error is not None and error.path is not None:
        location: dict = {"artifactLocation": artifact_location(result.input.display)}
        if error.line is not None:
            location["region"] = {"startLine": error.line}
        notification["locations"] = [{"physicalLocation": location}]
    return notification


def sarif_log(results: Sequence[FileResult], signature: str = "") -> dict:
    """The log but its results, which `emit` writes in place of RESULTS."""
    run: dict = {
        "tool": {
            "driver": {
                "name": "tqa",
                "semanticVersion": tqa.__version__,
                "version": tqa.__version__,
                "rules": [rule_object(rule) for rule in ALL_RULES],
            }
        },
        "automationDetails": {"id": "tqa/"},
        "invocations": [
            {
                "executionSuccessful": not any(r.error for r in results),
                "toolExecutionNotifications": [_notification(r) for r in results if r.error is not None],
            }
        ],
        "columnKind": "unicodeCodePoints",
        "results": RESULTS,
    }
    if not any(r.error for r in results):
        del run["invocations"][0]["toolExecutionNotifications"]
    if signature:
        run["properties"] = {"signature": signature}
    if any("uriBaseId" in artifact_location(r.input.display) for r in results):
        run["originalUriBaseIds"] = {SRCROOT: {"uri": Path(display_root()).resolve().as_uri().rstrip("/") + "/"}}
    return {"$schema": SCHEMA, "version": VERSION, "runs": [run]}


def emit(results: Sequence[FileResult], stream: TextIO, options: ReportOptions) -> None:
    """The log, its results written file by file where the placeholder stands."""
    head, tail = json_text.dumps(sarif_log(results, options.signature)).split(json_text.encode_basestring(RESULTS))
    layouts = Layouts()
    stream.write(head)
    separator = "[" + _RESULT
    for result in results:
        texts = file_texts(result, layouts)
        if texts:
            stream.write(separator + ("," + _RESULT).join(texts))
            separator = "," + _RESULT
    stream.write("[]" if separator[0] == "[" else _RESULT[: -len(json_text.INDENT)] + "]")
    stream.write(tail + "\n")
