"""Properties of the fix engine (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tqa.model import Applicability, Edit, Finding, Fix, Severity
from tqa.pipeline.check import FixSettings, check_document, fix_text
from tqa.pipeline.fix import apply_edits, choose_fixes, is_applicable
from tqa.rules import ALL_RULES
from tqa.text.document import Document
from tqa.text.textio import decode

PIECES = [
    "word", " ", "  ", "\n", "\n\n", "\r\n", "\r\n\r\n", ", ”", ", \"", "“", "”", '"', "«", "»", "„", "(", ")",
    " - ", " / ", "RT", "said", "NАТО", "провокация", "  • AP", "© Name", "Read more: x", ". -", "'", "’", "—",
]  # fmt: skip
texts = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=40).map("".join),
    st.text(max_size=200),
)
relaxed = settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


@relaxed
@given(texts)
def test_any_text_never_crashes_a_rule(text):
    for markdown in (False, True):
        doc = Document("x", text, markdown)
        for finding in check_document(doc, ALL_RULES):
            assert 0 <= finding.start <= finding.end <= len(text)


@relaxed
@given(texts, st.booleans())
def test_fix_is_idempotent(text, unsafe):
    fixed, _, remaining = fix_text(text, "x", ALL_RULES, FixSettings(unsafe))
    again, applied, _ = fix_text(fixed, "x", ALL_RULES, FixSettings(unsafe))
    assert not [f for f in remaining if f.fix and is_applicable(f.fix.applicability, unsafe)]
    assert again == fixed and applied == []


@relaxed
@given(texts)
def test_line_endings_and_bom_survive(text):
    crlf = text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
    data = ("\ufeff" + crlf).encode("utf-8")
    source = decode(data, "x")
    fixed, _, _ = fix_text(source.text, "x", ALL_RULES, FixSettings(unsafe=True))
    out = source.encode(fixed)
    assert out.startswith(b"\xef\xbb\xbf")
    assert b"\n" not in out.replace(b"\r\n", b"")


@st.composite
def text_and_edits(draw):
    text = draw(st.text(min_size=1, max_size=80))
    count = draw(st.integers(0, 6))
    edits = []
    for _ in range(count):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 5)))
        edits.append(Edit(start, end, draw(st.text(max_size=4))))
    return text, edits


@relaxed
@given(text_and_edits())
def test_text_outside_chosen_edits_is_untouched(case):
    text, edits = case
    findings = [
        Finding("X100", "x", "m", e.start, e.end, Severity.INFO, Fix("t", (e,), Applicability.SAFE)) for e in edits
    ]
    chosen = [edit for f in choose_fixes(findings, unsafe=False) for edit in f.fix.edits]
    result = apply_edits(text, chosen)
    position = 0
    out_position = 0
    for edit in sorted(chosen):
        assert result[out_position : out_position + edit.start - position] == text[position : edit.start]
        out_position += edit.start - position + len(edit.content)
        position = edit.end
    assert result[out_position:] == text[position:]


def test_overlapping_and_display_only_fixes_are_skipped():
    a = Finding("X100", "x", "m", 0, 3, Severity.INFO, Fix("a", (Edit(0, 3, "A"),), Applicability.SAFE))
    b = Finding("X100", "x", "m", 2, 5, Severity.INFO, Fix("b", (Edit(2, 5, "B"),), Applicability.SAFE))
    c = Finding("X100", "x", "m", 6, 7, Severity.INFO, Fix("c", (Edit(6, 7, "C"),), Applicability.DISPLAY_ONLY))
    d = Finding("X100", "x", "m", 8, 9, Severity.INFO, Fix("d", (Edit(8, 9, "D"),), Applicability.UNSAFE))
    assert choose_fixes([b, a, c, d], unsafe=False) == [a]
    assert choose_fixes([b, a, c, d], unsafe=True) == [a, d]
