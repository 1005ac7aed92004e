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
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TextIO
from urllib.parse import quote

import tqa
from tqa.model import Rule, Severity
from tqa.pipeline.run import FileResult, display_root
from tqa.report import Located, ReportOptions, fingerprinted, json_text, posix_path
from tqa.rules import ALL_RULES

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
VERSION = "2.1.0"
SRCROOT = "%SRCROOT%"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
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


def _region(item: Located, start: int, end: int) -> dict:
    row, column = item.doc.position(start)
    end_row, end_column = item.doc.position(end)
    return {"startLine": row, "startColumn": column, "endLine": end_row, "endColumn": end_column}


def result_object(item: Located, fingerprint: str, rule_index: dict[str, int]) -> dict:
    finding = item.finding
    result: dict = {"ruleId": finding.code}
    if finding.code in rule_index:
        result["ruleIndex"] = rule_index[finding.code]
    result.update(
        {
            "level": LEVEL[finding.severity],
            "message": {"text": finding.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": artifact_location(item.path),
                        "region": {
                            "startLine": item.row,
                            "startColumn": item.column,
                            "endLine": item.end_row,
                            "endColumn": item.end_column,
                        },
                    }
                }
            ],
            "partialFingerprints": {"primaryLocationLineHash": fingerprint},
        }
    )
    if finding.glossary is not None:
        result["properties"] = {"glossary": finding.glossary.to_dict()}
    if finding.fix is not None:
        result["fixes"] = [
            {
                "description": {"text": finding.fix.title},
                "artifactChanges": [
                    {
                        "artifactLocation": artifact_location(item.path),
                        "replacements": [
                            {
                                "deletedRegion": _region(item, edit.start, edit.end),
                                "insertedContent": {"text": edit.content},
                            }
                            for edit in sorted(finding.fix.edits)
                        ],
                    }
                ],
                "properties": {"applicability": finding.fix.applicability.value},
            }
        ]
    return result


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
    rule_index = {rule.code: index for index, rule in enumerate(ALL_RULES)}
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
        "results": [result_object(item, fingerprint, rule_index) for item, fingerprint in fingerprinted(results)],
    }
    if not any(r.error for r in results):
        del run["invocations"][0]["toolExecutionNotifications"]
    if signature:
        run["properties"] = {"signature": signature}
    if any("uriBaseId" in artifact_location(r.input.display) for r in results):
        run["originalUriBaseIds"] = {SRCROOT: {"uri": Path(display_root()).resolve().as_uri().rstrip("/") + "/"}}
    return {"$schema": SCHEMA, "version": VERSION, "runs": [run]}


def emit(results: Sequence[FileResult], stream: TextIO, options: ReportOptions) -> None:
    json_text.dump(sarif_log(results, options.signature), stream)
    stream.write("\n")
