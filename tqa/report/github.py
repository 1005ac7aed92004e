"""GitHub Actions output: workflow commands that become annotations, and a job summary.

`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE name::message`,
escaped as actions/toolkit's command.ts escapes: the message `%`, CR, LF;
property values also `:` and `,`. Errors come first, then warnings, then
notices. GitHub shows at most 10 annotations of each level per step, so past
that the rest are left out and one warning says how many; when
GITHUB_STEP_SUMMARY is set, every finding is appended to the job summary as a
Markdown table.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TextIO

from tqa.i18n import _, ngettext
from tqa.model import Severity
from tqa.os_errors import os_reason
from tqa.pipeline.run import FileResult
from tqa.pipeline.tally import Tally
from tqa.report import Located, ReportOptions, located
from tqa.report.text import summary

LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)
# GitHub keeps 10 annotations of each level per step (and 50 per job).
CAP = 10
SUMMARY_VARIABLE = "GITHUB_STEP_SUMMARY"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, properties: dict[str, object], message: str) -> str:
    """One workflow command line (without the newline)."""
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{level} {props}::{escape_data(message)}" if props else f"::{level}::{escape_data(message)}"


def annotation(item: Located) -> str:
    finding = item.finding
    properties: dict[str, object] = {"file": item.path, "line": item.row}
    # GitHub accepts columns only for an annotation that starts and ends on one line.
    if item.end_row == item.row:
        properties["col"] = item.column
    properties["endLine"] = item.end_row
    if item.end_row == item.row:
        properties["endColumn"] = item.end_column
    properties["title"] = f"{finding.code} {finding.name}"
    return command(LEVEL[finding.severity], properties, finding.message)


def emit(results: Sequence[FileResult], stream: TextIO, options: ReportOptions) -> None:
    items = list(located(results))
    by_level = {severity: [i for i in items if i.finding.severity is severity] for severity in ORDER}
    capped = any(len(group) > CAP for group in by_level.values())
    shown = 0
    for severity in ORDER:
        group = by_level[severity]
        # Keep one warning slot for the note that says annotations were left out.
        limit = CAP - 1 if capped and severity is Severity.WARNING else CAP
        for item in group[:limit]:
            stream.write(annotation(item) + "\n")
            shown += 1
    if capped:
        hidden = len(items) - shown
        message = ngettext(
            "{count} more finding not shown as annotations; see the job summary or upload SARIF",
            "{count} more findings not shown as annotations; see the job summary or upload SARIF",
            hidden,
        ).format(count=hidden)
        stream.write(command("warning", {"title": "tqa"}, message) + "\n")
    path = os.environ.get(SUMMARY_VARIABLE)
    if path:
        try:
            with open(path, "a", encoding="utf-8") as handle:
                handle.write(job_summary(results, items, options))
        except OSError as error:
            sys.stderr.write(
                _("tqa: warning: cannot write the job summary {path}: {reason}").format(
                    path=path, reason=os_reason(error)
                )
                + "\n"
            )


def _cell(text: str) -> str:
    """Text for one Markdown table cell: `|` escaped (GFM honours `\\|` in code spans too), line breaks as <br>."""
    text = text.replace("|", "\\|")
    return text.replace("\r\n", "<br>").replace("\n", "<br>").replace("\r", "<br>")


def job_summary(results: Sequence[FileResult], items: Sequence[Located], options: ReportOptions) -> str:
    """Markdown for the job summary: a heading, the summary line and a table of every finding."""
    lines = ["## tqa", "", summary(Tally.of(results), options), ""]
    if items:
        lines.append(f"| {_('location')} | {_('code')} | {_('message')} |")
        lines.append("|---|---|---|")
        for item in items:
            where = f"{item.path}:{item.row}:{item.column}"
            lines.append(f"| {_cell(where)} | {item.finding.code} | {_cell(item.finding.message)} |")
        lines.append("")
    return "\n".join(lines) + "\n"
