"""The fast indented JSON writer gives exactly the standard library's bytes."""

from __future__ import annotations

import io
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
@given(st.lists(JSON_VALUES, max_size=5))
def test_a_list_written_item_by_item_is_the_same(values):
    stream = io.StringIO()
    json_text.dump_list(iter(values), stream)
    assert stream.getvalue() == json.dumps(values, ensure_ascii=False, indent=2)
