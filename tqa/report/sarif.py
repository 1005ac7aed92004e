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
from tqa.model import Rule, Severity
from tqa.pipeline.run import FileResult, display_root
from tqa.report import Located, ReportOptions, fingerprinted, json_text, ordered, posix_path
from tqa.rules import ALL_RULES

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
VERSION = "2.1.0"
SRCROOT = "%SRCROOT%"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
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


# Where results stand in the log: runs[0].results, items four levels in.
_RESULT = "\n" + json_text.INDENT * 4


def _lines(newline: str, depth: int) -> list[str]:
    """Line breaks with the indentation of `depth` levels below `newline`."""
    return [newline + json_text.INDENT * level for level in range(depth + 1)]


def _region_text(item: Located, start: int, end: int, newline: str) -> str:
    row, column = item.doc.position(start)
    end_row, end_column = item.doc.position(end)
    n0, n1 = _lines(newline, 1)
    return f'{{{n1}"startLine": {row},{n1}"startColumn": {column},{n1}"endLine": {end_row},{n1}"endColumn": {end_column}{n0}}}'


def result_text(item: Located, fingerprint: str, rule_index: dict[str, int], newline: str = _RESULT) -> str:
    """One result as indented JSON (what json_text writes of it), written
    directly: a report has one per finding, and a generic writer walking
    twenty small objects a result costs more than finding it."""
    finding = item.finding
    encode = json_text.encode_basestring
    n = _lines(newline, 8)
    location = _location_text(item.path, n[4])
    parts = [f'{{{n[1]}"ruleId": {encode(finding.code)},']
    if finding.code in rule_index:
        parts.append(f'{n[1]}"ruleIndex": {rule_index[finding.code]},')
    parts.append(
        f'{n[1]}"level": "{LEVEL[finding.severity]}",{n[1]}"message": {{{n[2]}"text": {encode(finding.message)}{n[1]}}},'
        f'{n[1]}"locations": [{n[2]}{{{n[3]}"physicalLocation": {{{n[4]}"artifactLocation": {location},'
        f'{n[4]}"region": {{{n[5]}"startLine": {item.row},{n[5]}"startColumn": {item.column},'
        f'{n[5]}"endLine": {item.end_row},{n[5]}"endColumn": {item.end_column}{n[4]}}}{n[3]}}}{n[2]}}}{n[1]}],'
        f'{n[1]}"partialFingerprints": {{{n[2]}"primaryLocationLineHash": {encode(fingerprint)}{n[1]}}}'
    )
    if finding.glossary is not None:
        glossary = json_text.dumps_at(finding.glossary.to_dict(), n[2])
        parts.append(f',{n[1]}"properties": {{{n[2]}"glossary": {glossary}{n[1]}}}')
    fix = finding.fix
    if fix is not None:
        replacements = ",".join(
            f'{n[6]}{{{n[7]}"deletedRegion": {_region_text(item, edit.start, edit.end, n[7])},'
            f'{n[7]}"insertedContent": {{{n[8]}"text": {encode(edit.content)}{n[7]}}}{n[6]}}}'
            for edit in ordered(fix.edits)
        )
        replacements = f"[{replacements}{n[5]}]" if fix.edits else "[]"
        parts.append(
            f',{n[1]}"fixes": [{n[2]}{{{n[3]}"description": {{{n[4]}"text": {encode(fix.title)}{n[3]}}},'
            f'{n[3]}"artifactChanges": [{n[4]}{{{n[5]}"artifactLocation": {_location_text(item.path, n[5])},'
            f'{n[5]}"replacements": {replacements}{n[4]}}}{n[3]}],'
            f'{n[3]}"properties": {{{n[4]}"applicability": {encode(fix.applicability.value)}{n[3]}}}{n[2]}}}{n[1]}]'
        )
    parts.append(f"{n[0]}}}")
    return "".join(parts)


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
    """The log, its results written one by one where the placeholder stands."""
    head, tail = json_text.dumps(sarif_log(results, options.signature)).split(json_text.encode_basestring(RESULTS))
    rule_index = {rule.code: index for index, rule in enumerate(ALL_RULES)}
    stream.write(head)
    separator = "[" + _RESULT
    for item, fingerprint in fingerprinted(results):
        stream.write(separator + result_text(item, fingerprint, rule_index))
        separator = "," + _RESULT
    stream.write("[]" if separator[0] == "[" else _RESULT[: -len(json_text.INDENT)] + "]")
    stream.write(tail + "\n")
