"""Discovery walks folders in path order: the same order as sorting every path by its parts."""

from __future__ import annotations

import os

from hypothesis import given, settings
from hypothesis import strategies as st

from tqa.pipeline.discover import discover
from tqa.pipeline.ignore import FileSelection

# Names that sort around each other: a folder `x` against files `x.txt`, `x-a.txt`, `X.txt`.
NAME = st.sampled_from(["x", "x.d", "x-a", "X", "a", "b b", "é", "x0", "_"])
TREE = st.recursive(
    st.just(None),  # a file
    lambda children: st.dictionaries(NAME, children, min_size=1, max_size=4),
    max_leaves=12,
)


def _build(folder: str, tree: dict) -> None:
    for name, child in tree.items():
        if child is None:
            with open(os.path.join(folder, name + ".txt"), "w", encoding="utf-8") as handle:
                handle.write("Text.\n")
        else:
            os.makedirs(os.path.join(folder, name), exist_ok=True)
            _build(os.path.join(folder, name), child)


@settings(max_examples=40, derandomize=True, deadline=None)
@given(st.dictionaries(NAME, TREE, min_size=1, max_size=5))
def test_files_come_in_the_order_of_their_sorted_paths(tmp_path_factory, tree):
    root = tmp_path_factory.mktemp("tree")
    _build(str(root), tree)
    inputs, errors = discover([str(root)], FileSelection(respect_gitignore=False))
    assert not errors
    paths = [item.path for item in inputs]
    every = [os.path.join(folder, name) for folder, _folders, names in os.walk(root) for name in names]
    assert paths == sorted(every, key=lambda path: os.path.relpath(path, root).split(os.sep))
