"""Unified diffs in time linear in the size of the text.

difflib's matcher takes time that grows with the square of the number of
lines when lines repeat (a 2 MB file of repeated paragraphs: minutes). A fix
changes lines in place, joins or drops a few: so the two texts are walked
side by side, and where they differ the nearest line both share again (within
a window) ends the changed block. Only such a small block is handed to difflib,
for the finest diff inside it. The diff is always correct (applying it gives
the new text), and minimal wherever changes are less than a window apart.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence

# How far apart (in lines, on each side) two equal lines may be and still
# resynchronise the texts; past that the block is reported as replaced.
WINDOW = 32
CONTEXT = 3
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+$")

Opcode = tuple[str, int, int, int, int]


def split_lines(text: str) -> list[str]:
    """Lines with their own endings; only CR, LF and CRLF end a line (U+2028,
    form feeds and the like are text, as they are in the file)."""
    return _LINE.findall(text)


def _resync(a: Sequence[str], b: Sequence[str], i: int, j: int) -> tuple[int, int]:
    """The nearest (p, q) with a[p] == b[q], p - i + q - j smallest, within
    the window; or the end of the window when there is none."""
    limit_a, limit_b = min(len(a) - i, WINDOW), min(len(b) - j, WINDOW)
    for distance in range(1, limit_a + limit_b - 1):
        for step_a in range(max(0, distance - limit_b + 1), min(distance, limit_a - 1) + 1):
            step_b = distance - step_a
            if a[i + step_a] == b[j + step_b]:
                return i + step_a, j + step_b
    return i + limit_a, j + limit_b


def _changed(a: Sequence[str], b: Sequence[str], i: int, p: int, j: int, q: int) -> Iterator[Opcode]:
    """Opcodes for a[i:p] against b[j:q], refined by difflib (the block is small)."""
    for tag, a1, a2, b1, b2 in difflib.SequenceMatcher(None, a[i:p], b[j:q], autojunk=False).get_opcodes():
        yield tag, i + a1, i + a2, j + b1, j + b2


def opcodes(a: Sequence[str], b: Sequence[str]) -> list[Opcode]:
    """difflib-style opcodes turning `a` into `b`, in linear time."""
    found: list[Opcode] = []
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            start_i, start_j = i, j
            while i < len(a) and j < len(b) and a[i] == b[j]:
                i, j = i + 1, j + 1
            found.append(("equal", start_i, i, start_j, j))
            continue
        p, q = _resync(a, b, i, j)
        found.extend(_changed(a, b, i, p, j, q))
        i, j = p, q
    if i < len(a) or j < len(b):
        tag = "replace" if i < len(a) and j < len(b) else "delete" if i < len(a) else "insert"
        found.append((tag, i, len(a), j, len(b)))
    return found


def _grouped(codes: list[Opcode]) -> Iterator[list[Opcode]]:
    """Hunks: changes with up to CONTEXT equal lines around them, as difflib groups them."""
    matcher = difflib.SequenceMatcher(None, "", "")
    matcher.opcodes = codes
    return matcher.get_grouped_opcodes(CONTEXT)


def _range(start: int, length: int) -> str:
    """`start,length` of a hunk header, as difflib writes it."""
    beginning = start + 1
    if length == 1:
        return str(beginning)
    if not length:
        beginning -= 1
    return f"{beginning},{length}"


def unified_diff(before: str, after: str, name: str) -> str:
    """A unified diff whose lines keep their own line endings."""
    a, b = split_lines(before), split_lines(after)
    out: list[str] = []
    for group in _grouped(opcodes(a, b)):
        if not out:
            out += [f"--- a/{name}\n", f"+++ b/{name}\n"]
        first, last = group[0], group[-1]
        out.append(f"@@ -{_range(first[1], last[2] - first[1])} +{_range(first[3], last[4] - first[3])} @@\n")
        for tag, a1, a2, b1, b2 in group:
            if tag == "equal":
                out += (" " + line for line in a[a1:a2])
                continue
            out += ("-" + line for line in a[a1:a2])
            out += ("+" + line for line in b[b1:b2])
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n" for line in out)
