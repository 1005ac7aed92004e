"""Human text output: `path:line:col: CODE message`, the fix, and a summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TextIO

from tqa.engine import FileResult
from tqa.fix import is_applicable
from tqa.i18n import _, ngettext
from tqa.model import Applicability
from tqa.report import ReportOptions, located

_APPLICABILITY = {
    Applicability.SAFE: lambda: _("safe"),
    Applicability.UNSAFE: lambda: _("unsafe"),
    Applicability.DISPLAY_ONLY: lambda: _("display only"),
}


def emit(results: Sequence[FileResult], stream: TextIO, options: ReportOptions) -> None:
    items = list(located(results))
    for item in items:
        finding = item.finding
        stream.write(f"{item.path}:{item.row}:{item.column}: {finding.code} {finding.message}\n")
        if finding.fix is not None:
            kind = _APPLICABILITY[finding.fix.applicability]()
            stream.write(f"  {_('fix')} ({kind}): {finding.fix.title}\n")
    if options.statistics and items:
        _statistics(items, stream)
    stream.write(summary(results, options) + "\n")


def _statistics(items, stream: TextIO) -> None:
    counts = Counter((i.finding.code, i.finding.name) for i in items)
    fixable = {
        i.finding.code for i in items if i.finding.fix and i.finding.fix.applicability is not Applicability.DISPLAY_ONLY
    }
    stream.write("\n")
    for (code, name), count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        mark = "[*]" if code in fixable else "   "
        stream.write(f"{count:5d}  {code}  {mark} {name}\n")
    stream.write("\n")


def summary(results: Sequence[FileResult], options: ReportOptions) -> str:
    findings = [f for r in results for f in r.findings]
    files = sum(1 for r in results if r.source is not None)
    lines = []
    if options.fixing:
        applied = sum(len(r.applied) for r in results)
        changed = sum(1 for r in results if r.changed)
        lines.append(
            ngettext("Applied {count} fix", "Applied {count} fixes", applied).format(count=applied)
            + " "
            + ngettext("in {count} file.", "in {count} files.", changed).format(count=changed)
        )
    if not findings:
        if options.fixing:
            lines.append(_("No findings remain."))
        else:
            lines.append(
                ngettext("No findings in {count} file.", "No findings in {count} files.", files).format(count=files)
            )
        return " ".join(lines)
    safe = sum(1 for f in findings if f.fix and is_applicable(f.fix.applicability, False))
    unsafe = sum(1 for f in findings if f.fix and f.fix.applicability is Applicability.UNSAFE)
    if options.fixing:
        head = ngettext("{count} finding remains", "{count} findings remain", len(findings))
    else:
        head = ngettext("Found {count} finding", "Found {count} findings", len(findings))
    where = ngettext("in {count} file.", "in {count} files.", files)
    lines.append(head.format(count=len(findings)) + " " + where.format(count=files))
    if safe:
        lines.append(
            ngettext("{count} is fixable with `tqa fix`.", "{count} are fixable with `tqa fix`.", safe).format(
                count=safe
            )
        )
    if unsafe and not options.unsafe_fixes:
        lines.append(
            ngettext(
                "{count} more with `tqa fix --unsafe-fixes`.", "{count} more with `tqa fix --unsafe-fixes`.", unsafe
            ).format(count=unsafe)
        )
    return " ".join(lines)
