"""The HTML review report: one self-contained page (no network, works from file://).

The report's data (see tqa.report.html_data) is embedded as JSON in a
`<script type="application/json">`, escaped so that no article text can end
that element; the page's own script (html_assets/report.js) renders the
overview at once and each article when it is opened, inserting article text
as text, never as markup. A Content-Security-Policy lets only that script run
(by its hash) and forbids every network request.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import TextIO

from tqa.pipeline.run import FileResult
from tqa.report import ReportOptions
from tqa.report.html_data import Review, report_data

# Inside a JSON string these are the same characters; in the page they can no
# longer close the script element, open a comment, or end a JavaScript line.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def script_json(value: object) -> str:
    """`value` as JSON that can sit inside a <script> element as it is."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)


@cache
def asset(name: str) -> str:
    return resources.files("tqa.report").joinpath("html_assets", name).read_text(encoding="utf-8")


def _policy(script: str) -> str:
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def page(data: dict) -> str:
    script = asset("report.js")
    title = html.escape(data["labels"]["title"])
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html.escape(data["lang"])}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_policy(script)}">\n'
        f"<title>{title}</title>\n<style>\n{asset('report.css')}</style>\n</head>\n<body>\n"
        f'<header><h1>{title}</h1><p id="summary"></p></header>\n'
        f'<div id="app"><noscript>{html.escape(data["labels"]["noscript"])}</noscript></div>\n'
        f'<script type="application/json" id="tqa-data">{script_json(data)}</script>\n'
        f"<script>{script}</script>\n</body>\n</html>\n"
    )


def emit(results: Sequence[FileResult], stream: TextIO, options: ReportOptions, review: Review | None = None) -> None:
    """Write the report of `results` (checked with their text kept). `review` gives
    the rules and reading options for the cleaned texts; by default, the default rules."""
    if review is None:
        from tqa.config import Settings
        from tqa.pipeline.plan import make_plan

        review = Review(make_plan(Settings()).rules_for)
    stream.write(page(report_data(results, review)))
