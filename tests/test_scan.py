"""The scan changes nothing but speed: findings on real text stay as they were.

`tests/data/outputs/findings.jsonl` keeps every rule's findings (opt-in ones
too) on the WMT21 documents (machine and human translations), the seed and
the test cases, one document a line. A rule change that rightly changes a
finding regenerates it: `TQA_REGENERATE_OUTPUTS=1 pytest tests/test_scan.py`.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from tqa.pipeline.check import check_document
from tqa.rules import ALL_RULES
from tqa.text.document import Document

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
FIXTURE = DATA / "outputs" / "findings.jsonl"
sys.path.insert(0, str(ROOT / "bench"))
from wmt import REFERENCES, SYSTEMS, WMT, articles  # noqa: E402


def corpus() -> list[tuple[str, str]]:
    """(name, text) of every document the fixture covers."""
    documents = [
        (f"seeds/{path.name}", path.read_text(encoding="utf-8")) for path in sorted((ROOT / "seeds").glob("*.txt"))
    ]
    for path in sorted((DATA / "cases").iterdir()):
        if path.suffix in (".txt", ".md"):
            documents.append((f"cases/{path.name}", path.read_bytes().decode("utf-8-sig")))
    for name in REFERENCES + SYSTEMS:
        documents.extend((f"{name}/{doc}", text) for doc, text in articles(name))
    return documents


def findings_of(name: str, text: str) -> list:
    doc = Document(name, text, markdown=name.endswith(".md"))
    return [
        [
            f.code,
            f.start,
            f.end,
            f.message,
            None
            if f.fix is None
            else [f.fix.title, f.fix.applicability.value, [[e.start, e.end, e.content] for e in f.fix.edits]],
        ]
        for f in check_document(doc, ALL_RULES)
    ]


def lines_of(documents: list[tuple[str, str]]) -> list[str]:
    return [json.dumps([name, findings_of(name, text)], ensure_ascii=False) for name, text in documents]


@pytest.mark.skipif(not WMT.is_dir(), reason="the WMT21 dev set is not beside the project")
def test_findings_on_real_text_are_unchanged():
    found = lines_of(corpus())
    if os.environ.get("TQA_REGENERATE_OUTPUTS"):
        FIXTURE.write_text("\n".join(found) + "\n", encoding="utf-8")
    kept = FIXTURE.read_text(encoding="utf-8").splitlines()
    changed = [line for line, old in zip(found, kept, strict=False) if line != old]
    assert len(found) == len(kept)
    assert not changed, f"{len(changed)} documents' findings changed, the first: {changed[0][:2000]}"
