"""A snapshot reports exactly what the full text would: positions and fingerprints."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SEED
from tqa.pipeline.check import check_document
from tqa.pipeline.fingerprint import fingerprints
from tqa.rules import ALL_RULES
from tqa.text.document import Document
from tqa.text.snapshot import TextSnapshot

PIECES = [
    "word",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    ", ”said",
    " - ",
    "(x. -",
    "RT",
    ")",
    "“",
    "провокация",
    "contact line",
]


def same_report(text: str) -> None:
    doc = Document("x", text)
    findings = check_document(doc, ALL_RULES)
    snapshot = TextSnapshot(text, findings)
    for finding in findings:
        edits = finding.fix.edits if finding.fix else ()
        for offset in (finding.start, finding.end, *(o for edit in edits for o in (edit.start, edit.end))):
            assert snapshot.position(offset) == doc.position(offset)
        assert snapshot[finding.start : finding.end] == text[finding.start : finding.end]
    assert fingerprints(snapshot, findings) == fingerprints(text, findings)


def test_seed():
    same_report(SEED.read_text(encoding="utf-8"))


@settings(max_examples=100, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_any_text(text):
    same_report(text)
