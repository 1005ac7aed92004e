"""Fingerprints: what they hash; a snapshot gives the full text's, whatever lines it left out."""

from __future__ import annotations

import hashlib

from hypothesis import given, settings
from hypothesis import strategies as st

from tqa.model import Finding, Severity
from tqa.pipeline.fingerprint import fingerprints
from tqa.text.snapshot import TextSnapshot

PIECES = ["word", " ", "\t", "\n", "\r\n", "\r", "\n\n", "ΣΑΣ", "“x”", "a" * 30, "İ", "\x1f"]


def finding(code: str, start: int, end: int) -> Finding:
    return Finding(code, "name", "message", start, end, Severity.WARNING)


def test_code_and_normalised_context_on_the_line_are_hashed():
    text = "First line\n  Some   CONTEXT before Flagged  Words after it\nnext"
    start = text.index("Flagged")
    [print_] = fingerprints(text, [finding("T501", start, start + len("Flagged  Words"))])
    key = "T501\x1fsome context before\x1fflagged words\x1fafter it"
    assert print_ == hashlib.sha256(key.encode()).hexdigest()[:16] + ":1"


def test_identical_findings_are_numbered():
    text = "x y x y"
    prints = fingerprints(text, [finding("Q101", 0, 1), finding("Q101", 0, 1), finding("Q102", 0, 1)])
    assert [p.split(":")[1] for p in prints] == ["1", "2", "1"]
    assert prints[0].split(":")[0] == prints[1].split(":")[0] != prints[2].split(":")[0]


@st.composite
def texts_and_spans(draw):
    text = "".join(draw(st.lists(st.sampled_from(PIECES), max_size=30)))
    spans = []
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 12)))
        if end > start and text[end - 1] in "\r\n":
            end = start  # a span ending with its line break ends where the snapshot keeps no line
        spans.append((start, end))
    return text, spans


@settings(max_examples=300, deadline=None, derandomize=True)
@given(texts_and_spans())
def test_a_snapshot_fingerprints_as_the_whole_text(case):
    text, spans = case
    findings = [finding("Q101", start, end) for start, end in spans]
    assert fingerprints(TextSnapshot(text, findings), findings) == fingerprints(text, findings)
