"""The linear-time unified diff: always applies, keeps line endings, matches difflib where changes are near."""

from __future__ import annotations

import difflib
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tqa.text.linediff import split_lines, unified_diff

_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
# Lines end in LF or CRLF (a unified diff's own lines are LF-separated), or not at all at the end.
lines = st.lists(st.sampled_from(["a\n", "b\n", "c\r\n", "e", "\n", "a b\u2028c\n"]), max_size=60).map("".join)


def apply(before: str, diff: str) -> str:
    """Apply a unified diff to `before` (a small `patch`)."""
    old = split_lines(before)
    out: list[str] = []
    position = 0
    rows = diff.split("\n")
    index = 2 if rows and rows[0].startswith("---") else 0
    body = [row + "\n" for row in rows]
    while index < len(rows):
        hunk = _HUNK.match(rows[index])
        if not hunk:
            index += 1
            continue
        start = int(hunk.group(1)) - (0 if hunk.group(2) == "0" else 1)
        out += old[position:start]
        position = start
        index += 1
        while index < len(rows) and not rows[index].startswith("@@"):
            row = body[index]
            if index + 1 < len(rows) and rows[index + 1] == "\\ No newline at end of file":
                row = row[:-1]
                index += 1
            if row.startswith((" ", "-")):
                position += 1
            if row.startswith((" ", "+")):
                out.append(row[1:])
            index += 1
    return "".join(out + old[position:])


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(lines, lines)
def test_the_diff_turns_before_into_after(before, after):
    assert apply(before, unified_diff(before, after, "a.txt")) == after


def test_same_as_difflib_for_changes_close_together():
    before = "".join(f"line {n}\n" for n in range(200))
    after = before.replace("line 50\n", "line fifty\n").replace("line 52\n", "").replace("line 150\n", "x\ny\n")
    expected = "".join(
        difflib.unified_diff(before.splitlines(True), after.splitlines(True), fromfile="a/a.txt", tofile="b/a.txt")
    )
    assert unified_diff(before, after, "a.txt") == expected


def test_only_cr_lf_and_crlf_end_lines():
    assert split_lines("a\u2028b\x0cc\r\nd\re\nf") == ["a\u2028b\x0cc\r\n", "d\r", "e\n", "f"]
    assert unified_diff("a\u2028b\n", "a\u2028B\n", "x").endswith("@@ -1 +1 @@\n-a\u2028b\n+a\u2028B\n")


def test_no_change_no_diff():
    assert unified_diff("same\n" * 100, "same\n" * 100, "a.txt") == ""
