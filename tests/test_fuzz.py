"""Fuzzing: article-like text built from the seed's sentences and every piece
of tests/data/fuzz/pieces.toml (quote and dash styles, brackets, bullets,
agency tags, Cyrillic, homoglyphs, invisible, combining and RTL marks, NUL,
CR/CRLF). Bounded and derandomized, so CI runs the same inputs every time;
bench/fuzz.py runs the same generator for hundreds of thousands of inputs.
"""

from __future__ import annotations

import itertools
import re
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import DATA, SEED
from tqa.errors import UserError
from tqa.pipeline.check import FixSettings, check_document, fix_text
from tqa.pipeline.fix import apply_edits, choose_fixes
from tqa.rules import ALL_RULES
from tqa.text.document import Document
from tqa.text.textio import decode

PIECES_FILE = DATA / "fuzz" / "pieces.toml"


def fuzz_pieces(seed: Path = SEED, pieces: Path = PIECES_FILE) -> list[str]:
    """The seed's sentences and words, and every piece of pieces.toml."""
    text = seed.read_text(encoding="utf-8")
    sentences = [s for s in re.split(r"(?<=[.!?”\"])\s+|\n+", text) if s]
    words = sorted({w for w in text.split() if w})
    listed = [piece for group in tomllib.loads(pieces.read_text(encoding="utf-8")).values() for piece in group]
    return sentences + words + listed


PIECES = fuzz_pieces()
SEPARATORS = ("", " ", " ", " ", "\n\n")
# Pieces glued or spaced as in text: mostly words apart, sometimes run together.
articles = st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SEPARATORS)), max_size=50).map(
    lambda pairs: "".join(piece + separator for piece, separator in pairs)
)
# Found by fuzzing (since fixed): a Q103 fix that replaced a mark with the same
# mark on every run; N601 and N602 undoing each other's spelling of a name.
NOT_CONVERGING = ('."."', "yErmakov\nYermakov")
fuzzed = settings(
    max_examples=120, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow], database=None
)
# A check does work in proportion to its text: this many Python calls at most,
# a fixed part (rules that run whatever the text) and a part a character.
CALLS_FIXED, CALLS_PER_CHARACTER = 30_000, 150


def count_calls(work: Callable[[], object]) -> int:
    """Python and C function calls made by `work`: work counted, not timed."""
    calls = 0

    def profile(_frame, event, _arg):
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    sys.setprofile(profile)
    try:
        work()
    finally:
        sys.setprofile(None)
    return calls


@fuzzed
@given(articles, st.booleans())
def test_check_never_raises_and_spans_stay_in_the_text(text, markdown):
    for finding in check_document(Document("x", text, markdown), ALL_RULES):
        assert 0 <= finding.start <= finding.end <= len(text)
        if finding.fix is not None:
            assert all(0 <= edit.start <= edit.end <= len(text) for edit in finding.fix.edits)


@fuzzed
@given(articles, st.booleans(), st.booleans())
def test_chosen_edits_never_overlap_and_text_outside_them_is_untouched(text, markdown, unsafe):
    findings = check_document(Document("x", text, markdown), ALL_RULES)
    edits = sorted(edit for finding in choose_fixes(findings, unsafe) for edit in finding.fix.edits)
    for first, second in itertools.pairwise(edits):
        assert first.end <= second.start
        assert not (first.start == second.start and (first.start == first.end or second.start == second.end))
    result = apply_edits(text, edits)
    position = shift = 0
    for edit in edits:
        assert result[position + shift : edit.start + shift] == text[position : edit.start]
        shift += len(edit.content) - (edit.end - edit.start)
        position = edit.end
    assert result[position + shift :] == text[position:]


@fuzzed
@example(NOT_CONVERGING[0], False)
@example(NOT_CONVERGING[1], True)
@given(articles, st.booleans())
def test_fix_reaches_a_fixed_point(text, unsafe):
    """Fixing the fixed text changes nothing and applies nothing: no fix undoes
    another, none replaces a mark with itself, the loop ends at a fixed point."""
    fixed, _applied, remaining = fix_text(text, "x", ALL_RULES, FixSettings(unsafe))
    assert not choose_fixes(remaining, unsafe), [f.code for f in choose_fixes(remaining, unsafe)]
    again, applied, _ = fix_text(fixed, "x", ALL_RULES, FixSettings(unsafe))
    assert again == fixed and applied == []


@fuzzed
@given(articles, st.sampled_from(["utf-8", "cp1251", "koi8_r"]), st.booleans())
def test_fixed_output_is_valid_in_its_encoding(text, encoding, bom):
    try:
        data = (("\ufeff" if bom and encoding == "utf-8" else "") + text).encode(encoding)
        source = decode(data, "x", encoding)
    except (UnicodeEncodeError, UserError):
        return  # text this encoding cannot hold is never read as it
    fixed, _, _ = fix_text(source.text, "x", ALL_RULES, FixSettings(unsafe=True))
    try:
        written = source.encode(fixed)
    except UserError:
        return  # refused, nothing written
    assert written.decode(encoding) == ("\ufeff" if source.bom else "") + fixed


@fuzzed
@given(articles, st.booleans())
def test_work_is_bounded_by_the_size_of_the_text(text, markdown):
    calls = count_calls(lambda: check_document(Document("x", text, markdown), ALL_RULES))
    assert calls <= CALLS_FIXED + CALLS_PER_CHARACTER * len(text)


@settings(max_examples=25, deadline=None, derandomize=True, database=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=8).map("".join).filter(str.strip))
def test_work_on_10_kb_of_repeated_pieces_is_bounded(piece):
    text = (piece * (10_000 // len(piece) + 1))[:10_000]
    calls = count_calls(lambda: check_document(Document("x", text), ALL_RULES))
    assert calls <= CALLS_FIXED + CALLS_PER_CHARACTER * len(text)


@pytest.fixture(autouse=True, scope="module")
def _warm():
    """Load the glossary and language profiles once, outside any counted call."""
    text = SEED.read_text(encoding="utf-8")
    fix_text(text, "x", ALL_RULES, FixSettings(unsafe=True))
    check_document(Document("x", "Министр иностранных дел России заявил, что переговоры продолжатся."), ALL_RULES)
