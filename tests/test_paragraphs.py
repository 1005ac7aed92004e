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


@settings(derandomize=True, max_examples=500)
@given(st.text(alphabet="aя“—\u03ff\u0400\u04ff\u0500\u052f\u0530\u0531\udc80\U0001f600", max_size=8))
def test_has_cyrillic_is_a_letter_of_the_cyrillic_blocks(text):
    """Told by the UTF-8 lead bytes first, as a search of the blocks would tell it."""
    assert Document("x", text).has_cyrillic == any("\u0400" <= char <= "\u052f" for char in text)
