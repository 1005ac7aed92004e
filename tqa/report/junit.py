"""JUnit XML: a test suite a file, a failing test case a finding, one passing case for a clean file.

A file that could not be read (binary, not UTF-8) is one test case with an
<error>, so CI dashboards show it instead of silently passing it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import TextIO

from tqa.i18n import _
from tqa.pipeline.run import FileResult
from tqa.report import ReportOptions, located

# Characters XML 1.0 cannot carry at all, not even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def emit(results: Sequence[FileResult], stream: TextIO, options: ReportOptions) -> None:
    root = ET.Element("testsuites", name="tqa")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for result in results:
        path = _xml_safe(result.input.display)
        suite = ET.SubElement(root, "testsuite", name=path)
        counts = {"tests": 0, "failures": 0, "errors": 0}
        if result.error is not None:
            case = ET.SubElement(suite, "testcase", name="tqa", classname=path, file=path)
            error = ET.SubElement(case, "error", message=_xml_safe(result.error.message), type="UserError")
            error.text = _xml_safe(str(result.error))
            counts["tests"] += 1
            counts["errors"] += 1
        elif not result.findings:
            ET.SubElement(suite, "testcase", name="no findings", classname=path, file=path)
            counts["tests"] += 1
        for item in located([result]):
            finding = item.finding
            where = f"{item.path}:{item.row}:{item.column}"
            case = ET.SubElement(
                suite,
                "testcase",
                name=f"{finding.code} {finding.name} ({item.row}:{item.column})",
                classname=path,
                file=path,
                line=str(item.row),
            )
            body = f"{where}: {finding.code} {finding.message}"
            if finding.fix is not None:
                body += f"\n{_('fix')} ({finding.fix.applicability.value}): {finding.fix.title}"
            failure = ET.SubElement(case, "failure", message=_xml_safe(finding.message), type=finding.code)
            failure.text = _xml_safe(body)
            counts["tests"] += 1
            counts["failures"] += 1
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
        suite.set("skipped", "0")
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode"))
    stream.write("\n")
