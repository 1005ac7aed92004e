"""The fast indented JSON writer gives exactly the standard library's bytes."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from tqa.report import json_text

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(JSON_VALUES)
def test_fast_indented_json_is_exactly_the_standard_one(value):
    assert json_text.dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


@settings(max_examples=100, deadline=None, derandomize=True)
@given(JSON_VALUES, st.integers(min_value=0, max_value=4))
def test_a_value_written_further_in_is_the_same_indented_further(value, depth):
    newline = "\n" + json_text.INDENT * depth
    assert json_text.dumps_at(value, newline) == json.dumps(value, ensure_ascii=False, indent=2).replace("\n", newline)


def test_a_finding_written_directly_is_its_object_written_generically():
    from conftest import SEED
    from tqa.pipeline.check import check_document
    from tqa.pipeline.run import FileResult, Input
    from tqa.report import located
    from tqa.report.json_output import file_texts, finding_object, finding_text
    from tqa.rules import select_rules
    from tqa.text.document import Document, line_starts
    from tqa.text.snapshot import TextSnapshot
    from tqa.text.textio import Source

    text = SEED.read_text(encoding="utf-8")
    result = FileResult(
        Input("seed.txt", "seed.txt"), Source(text), check_document(Document("seed.txt", text), select_rules())
    )
    items = list(located([result]))
    assert items and any(item.finding.fix for item in items) and any(item.finding.glossary for item in items)
    expected = [json_text.dumps_at(finding_object(item), json_text.ITEM) for item in items]
    assert [finding_text(item) for item in items] == expected
    assert file_texts(result) == expected
    # Positions from a snapshot of the lines, or of the whole text (a streamed run), are the same.
    for snapshot in (TextSnapshot(text, result.findings), TextSnapshot.whole(text, line_starts(text))):
        result.snapshot = snapshot
        assert file_texts(result) == expected


@st.composite
def _findings_in_text(draw):
    """A text of a few lines and findings in it, with fixes of any shape: none, one
    edit of the finding's own span, edits elsewhere, several unordered, none left."""
    from tqa.model import Applicability, Edit, Finding, Fix, GlossaryRef, Severity

    lines = draw(st.lists(st.text(alphabet="ab \u00e9\u201c", max_size=8), min_size=1, max_size=5))
    text = "".join(line + draw(st.sampled_from(["\n", "\r\n", "\r"])) for line in lines) + draw(
        st.text("ab", max_size=3)
    )
    offsets = st.integers(min_value=0, max_value=len(text))

    def span():
        start, end = sorted((draw(offsets), draw(offsets)))
        return start, end

    findings = []
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        start, end = span()
        kind = draw(st.sampled_from(["none", "own", "elsewhere"]))
        fix = None
        if kind == "own":
            fix = Fix(draw(st.text(max_size=5)), (Edit(start, end, draw(st.text(max_size=4))),), Applicability.SAFE)
        elif kind == "elsewhere":
            edits = tuple(Edit(*span(), draw(st.text(max_size=4))) for _ in range(draw(st.integers(0, 3))))
            fix = Fix('Fix "it"', edits, draw(st.sampled_from(list(Applicability))))
        glossary = draw(st.sampled_from([None, GlossaryRef("id", 'a "note"', "ref")]))
        severity = draw(st.sampled_from(list(Severity)))
        findings.append(Finding("T501", "rule-name", draw(st.text(max_size=6)), start, end, severity, fix, glossary))
    findings.sort(key=lambda finding: (finding.start, finding.code, finding.end))
    return text, findings


@settings(max_examples=200, deadline=None, derandomize=True)
@given(_findings_in_text())
def test_findings_written_directly_are_their_objects_written_generically(case):
    """`file_texts` writes each finding's positions and fix itself: what it writes is
    `finding_object` written by the generic writer, from a document, a snapshot of
    the lines or of the whole text."""
    from tqa.pipeline.run import FileResult, Input
    from tqa.report import located
    from tqa.report.json_output import file_texts, finding_object
    from tqa.text.document import line_starts
    from tqa.text.snapshot import TextSnapshot
    from tqa.text.textio import Source

    text, findings = case
    result = FileResult(Input("a.txt", "a.txt"), Source(text), list(findings), language="en")
    expected = [json_text.dumps_at(finding_object(item), json_text.ITEM) for item in located([result])]
    assert file_texts(result) == expected
    for snapshot in (TextSnapshot(text, findings), TextSnapshot.whole(text, line_starts(text))):
        result.snapshot = snapshot
        assert file_texts(result) == expected
