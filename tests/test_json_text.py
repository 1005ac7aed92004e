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
