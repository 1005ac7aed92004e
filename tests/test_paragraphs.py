"""Paragraphs of plain text: the str.split path finds what the separator patterns find."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tqa.text.document import _BLANK_LINE, _LINE_BREAK, Document


def _by_pattern(doc: Document) -> list:
    mode = doc.segmentation
    if mode == "auto":
        mode = "blocks" if _BLANK_LINE.search(doc.text) else "lines"
    return doc._plain_paragraphs(_BLANK_LINE if mode == "blocks" else _LINE_BREAK)


@pytest.mark.parametrize(
    "text",
    ["a\n\nb", "a\n\n\nb", "a\n\n\n\nb\n", "\n\n\nb", "a\n\nb\n", "a\n\nb\n\n\n", "a\n  \nb", "a\nb\n", "  \n\nb", ""],
)
@pytest.mark.parametrize("segmentation", ["auto", "blocks", "lines"])
def test_split_paragraphs_agree_with_the_separator_patterns(text, segmentation):
    doc = Document("x", text, segmentation=segmentation)
    assert doc.paragraphs == _by_pattern(doc)


@settings(derandomize=True, max_examples=500)
@given(st.text(alphabet="ab \n\t\u00a0\u2003", max_size=16), st.sampled_from(["auto", "blocks", "lines"]))
def test_split_paragraphs_agree_on_any_text(text, segmentation):
    doc = Document("x", text, segmentation=segmentation)
    assert doc.paragraphs == _by_pattern(doc)
