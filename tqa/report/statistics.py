"""`check --statistics`: findings counted by rule, and nothing else.

A table (`count  CODE  [*] name`, most frequent first), or with
`--output-format json` a list of `{code, name, count, fixable}`. `[*]` marks a
rule when `tqa fix` (with the same `--unsafe-fixes`) would fix its findings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TextIO

from tqa.i18n import _
from tqa.model import Applicability
from tqa.pipeline.run import FileResult
from tqa.report import ReportOptions, json_text


def rows(results: Sequence[FileResult], options: ReportOptions) -> list[dict]:
    applied = {Applicability.SAFE, Applicability.UNSAFE} if options.unsafe_fixes else {Applicability.SAFE}
    counts: Counter = Counter()
    fixable: set[str] = set()
    for result in results:
        for finding in result.findings:
            counts[(finding.code, finding.name)] += 1
            if finding.fix is not None and finding.fix.applicability in applied:
                fixable.add(finding.code)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [{"code": code, "name": name, "count": count, "fixable": code in fixable} for (code, name), count in ordered]


def emit(results: Sequence[FileResult], stream: TextIO, options: ReportOptions, as_json: bool = False) -> None:
    table = rows(results, options)
    if as_json:
        json_text.dump(table, stream)
        stream.write("\n")
        return
    for row in table:
        mark = "[*]" if row["fixable"] else "   "
        stream.write(f"{row['count']:5d}  {row['code']}  {mark} {row['name']}\n")
    if any(row["fixable"] for row in table):
        command = "tqa fix --unsafe-fixes" if options.unsafe_fixes else "tqa fix"
        stream.write(_("[*] fixable with `{command}`").format(command=command) + "\n")
