"""Human text output: `path:line:col: CODE message`, the fix, and a summary."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TextIO

from tqa.i18n import _, ngettext
from tqa.model import Applicability, Finding, GlossaryRef
from tqa.pipeline.run import FileResult
from tqa.pipeline.tally import Tally
from tqa.report import Located, ReportOptions, located
from tqa.report.color import APPLICABILITY_ROLE, paint

# A glossary line stays short: the note's first sentence and the reference, each cut to these lengths.
NOTE_LIMIT = 120
REF_LIMIT = 80
_SENTENCE_END = re.compile(r"[.;!?](?=\s+[A-Z«\"(])")
_APPLICABILITY = {
    Applicability.SAFE: lambda: _("safe"),
    Applicability.UNSAFE: lambda: _("unsafe"),
    Applicability.DISPLAY_ONLY: lambda: _("display only"),
}


def emit_file(result: FileResult, stream: TextIO, options: ReportOptions) -> None:
    for item in located([result]):
        stream.write(heading(item, options) + "\n")
        if item.finding.fix is not None:
            stream.write(f"  {fix_line(item.finding, options)}\n")
        if item.finding.glossary is not None:
            stream.write(f"  {glossary_line(item.finding.glossary, options)}\n")


def heading(item: Located, options: ReportOptions) -> str:
    """`path:line:col: CODE message`, the path and the code coloured when asked."""
    where = paint(f"{item.path}:{item.row}:{item.column}:", "path", options.color)
    return f"{where} {paint(item.finding.code, 'code', options.color)} {item.finding.message}"


def fix_line(finding: Finding, options: ReportOptions) -> str:
    """`fix (safe): title`, the applicability coloured when asked."""
    applicability = finding.fix.applicability
    kind = paint(_APPLICABILITY[applicability](), APPLICABILITY_ROLE[applicability], options.color)
    return f"{_('fix')} ({kind}): {finding.fix.title}"


def glossary_line(entry: GlossaryRef, options: ReportOptions) -> str:
    """`glossary (id): the note's first sentence — the reference`, each part cut to stay one short line."""
    label = paint(_("glossary ({id})").format(id=entry.id), "gutter", options.color)
    note = _shortened(_first_sentence(entry.note), NOTE_LIMIT)
    ref = _shortened(entry.ref, REF_LIMIT)
    return f"{label}: {note} — {ref}" if ref else f"{label}: {note}"


def _first_sentence(text: str) -> str:
    match = _SENTENCE_END.search(text)
    return text[: match.start() + 1] if match else text


def _shortened(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:") + "…"


def emit_end(tally: Tally, stream: TextIO, options: ReportOptions) -> None:
    line = "" if options.quiet else summary(tally, options)
    if line:
        stream.write(line + "\n")


def emit(results: Sequence[FileResult], stream: TextIO, options: ReportOptions) -> None:
    for result in results:
        emit_file(result, stream, options)
    emit_end(Tally.of(results), stream, options)


def summary(tally: Tally, options: ReportOptions) -> str:
    """The closing line; none when no file was read (the errors said why)."""
    if not tally.files:
        return ""
    lines = []
    if options.fixing:
        if options.dry_run:
            did = ngettext("Would fix {count} finding", "Would fix {count} findings", tally.applied)
        else:
            did = ngettext("Applied {count} fix", "Applied {count} fixes", tally.applied)
        lines.append(
            did.format(count=tally.applied)
            + " "
            + ngettext("in {count} file.", "in {count} files.", tally.changed).format(count=tally.changed)
        )
    if not tally.findings:
        if options.fixing:
            lines.append(_("No findings would remain.") if options.dry_run else _("No findings remain."))
        else:
            lines.append(
                ngettext("No findings in {count} file.", "No findings in {count} files.", tally.files).format(
                    count=tally.files
                )
            )
        return " ".join(lines)
    if options.fixing and options.dry_run:
        head = ngettext("{count} finding would remain", "{count} findings would remain", tally.findings)
    elif options.fixing:
        head = ngettext("{count} finding remains", "{count} findings remain", tally.findings)
    else:
        head = ngettext("Found {count} finding", "Found {count} findings", tally.findings)
    where = ngettext("in {count} file.", "in {count} files.", tally.files)
    lines.append(head.format(count=tally.findings) + " " + where.format(count=tally.files))
    if tally.safe:
        lines.append(
            ngettext("{count} is fixable with `tqa fix`.", "{count} are fixable with `tqa fix`.", tally.safe).format(
                count=tally.safe
            )
        )
    if tally.unsafe and not options.unsafe_fixes:
        lines.append(
            ngettext(
                "{count} more with `tqa fix --unsafe-fixes`.",
                "{count} more with `tqa fix --unsafe-fixes`.",
                tally.unsafe,
            ).format(count=tally.unsafe)
        )
    return " ".join(lines)
