"""The fix loop reaches a fixed point: fixing twice is fixing once.

An edit that changes nothing is no fix, and no two rules undo each other's
edits, so after `fix_text` no applicable fix is left, on fuzz-like input,
on the seed and on real machine translation (WMT21, when the set is there).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tqa.model import Applicability, Edit, Fix, FixAvailability, Rule, Severity, Violation
from tqa.pipeline.check import FixSettings, check_document, fix_text
from tqa.pipeline.fix import choose_fixes
from tqa.rules import ALL_RULES
from tqa.text.document import Document

ROOT = Path(__file__).resolve().parents[1]
WMT = ROOT.parent / "shared" / "data" / "wmt21-ru-en"
PIECES = [
    "word", " ", "  ", "\n", "\n\n", ", ”", ", \"", "“", "”", '"', "«", "»", "„", "(", ")", " - ", "RT", "said",
    "NАТО", "провокация", ". -", "'", "’", "—", "Ermakov", "Yermakov", "XErmakov", "Sergei ", "Dmitriy ", "Dmitry ",
    "Peskov", "Ivanov", "Jury ", "Yuri ", "Chairman", ",", ".",
]  # fmt: skip
relaxed = settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


def _assert_fixed_point(text: str, unsafe: bool) -> None:
    fixed, _applied, remaining = fix_text(text, "x", ALL_RULES, FixSettings(unsafe))
    assert choose_fixes(remaining, unsafe) == [], "the fix loop stopped before a fixed point"
    again, applied, _ = fix_text(fixed, "x", ALL_RULES, FixSettings(unsafe))
    assert again == fixed and applied == []


@relaxed
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join), st.booleans())
def test_fix_reaches_a_fixed_point_on_fuzz_like_text(text, unsafe):
    _assert_fixed_point(text, unsafe)


@pytest.mark.parametrize("unsafe", [False, True])
def test_fix_reaches_a_fixed_point_on_the_seed(unsafe):
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        _assert_fixed_point(seed.read_text(encoding="utf-8"), unsafe)


@pytest.mark.skipif(not WMT.is_dir(), reason="the WMT21 dev set is not beside the project")
@pytest.mark.parametrize("name", ["AFRL.en", "Online-A.en", "Online-G.en", "Online-W.en", "Online-Y.en"])
def test_fix_reaches_a_fixed_point_on_machine_translation(name):
    lines = (WMT / name).read_text(encoding="utf-8")
    articles = lines.replace("\n", "\n\n")  # paragraphs, so quotations may run across them
    for text in (lines, articles):
        for unsafe in (False, True):
            _assert_fixed_point(text, unsafe)


def test_a_glossary_spelling_and_the_majority_spelling_do_not_fight():
    text = "Dmitriy Peskov said it. Dmitriy Ivanov and Dmitriy Smirnov came."
    fixed, _applied, _remaining = fix_text(text, "x", ALL_RULES, FixSettings(True))
    assert fixed == "Dmitry Peskov said it. Dmitriy Ivanov and Dmitriy Smirnov came."
    _assert_fixed_point(text, True)


def _same_text(doc: Document):
    yield Violation(0, 4, "m", Fix("t", (Edit(0, 4, doc.text[:4]),), Applicability.SAFE))


def test_an_edit_that_changes_nothing_is_no_fix():
    rule = Rule("X100", "same-text", _same_text, FixAvailability.ALWAYS, Severity.INFO)
    [finding] = check_document(Document("x", "word and more"), [rule])
    assert finding.fix is None
    fixed, applied, _remaining = fix_text("word and more", "x", [rule], FixSettings(True))
    assert fixed == "word and more" and applied == []


def _a_to_b(doc: Document):
    for start in (i for i, char in enumerate(doc.text) if char == "a"):
        yield Violation(start, start + 1, "m", Fix("t", (Edit(start, start + 1, "b"),), Applicability.SAFE))


def _b_to_a(doc: Document):
    for start in (i for i, char in enumerate(doc.text) if char == "b"):
        yield Violation(start, start + 1, "m", Fix("t", (Edit(start, start + 1, "a"),), Applicability.SAFE))


def test_fixes_that_undo_each_other_stop_at_once_and_are_not_counted_again():
    fighting = [
        Rule("X101", "a-to-b", _a_to_b, FixAvailability.ALWAYS, Severity.INFO),
        Rule("X102", "b-to-a", _b_to_a, FixAvailability.ALWAYS, Severity.INFO),
    ]
    fixed, applied, remaining = fix_text("a", "x", fighting, FixSettings(False))
    assert fixed == "b" and [f.code for f in applied] == ["X101"]
    assert [f.code for f in remaining] == ["X102"]
