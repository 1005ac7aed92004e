"""Safe quote fixes on text that keeps one quotation style (hypothesis, derandomized).

Text whose quotation marks are balanced in one style, reversed curly quotes
and guillemets included, comes out of `tqa fix` with its quotations still
balanced and its spaces where they were: a safe fix may convert the glyphs,
never move a space into or out of a word.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tqa.pipeline.check import FixSettings, fix_text
from tqa.rules import ALL_RULES, select_rules
from tqa.rules.quote_marks import DOUBLE_MARKS, analyse
from tqa.text.document import Document

STYLES = {
    "straight": ('"', '"'),
    "curly": ("“", "”"),
    "reversed": ("”", "“"),
    "swedish": ("”", "”"),
    "guillemets": ("«", "»"),
    "low-high": ("„", "“"),
}
WORDS = [
    "we", "must", "play", "fast", "the", "talks", "Moscow", "ready", "NATO", "never", "again", "said", "it",
    "don't", "Russia's", "(RT)", "-", "—", "2021", "10,000", "U.S.", "…",
]  # fmt: skip
_ANY_MARK = re.compile(f"[{DOUBLE_MARKS}]")
relaxed = settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def one_style_text(draw, style: str) -> str:
    opening, closing = STYLES[style]
    words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=5).map(" ".join)
    # A quotation begins and ends with a word (`"- we -"` quotes nothing a reader could see).
    edge = st.sampled_from([w for w in WORDS if w[0].isalnum() and w[-1].isalnum()])
    quoted = st.tuples(edge, st.lists(st.sampled_from(WORDS), max_size=3), edge).map(
        lambda parts: " ".join([parts[0], *parts[1], parts[2]])
    )
    paragraphs = []
    for _ in range(draw(st.integers(1, 3))):
        parts = []
        for _ in range(draw(st.integers(1, 4))):
            kind = draw(st.sampled_from(["plain", "quote", "quote-said", "quote-end", "quote-colon", "quote-run"]))
            if kind == "plain":
                parts.append(draw(words))
                continue
            inner = draw(quoted)
            punctuation = draw(st.sampled_from(["", ",", ".", "?", "!"]))
            quotation = opening + inner + punctuation + closing
            if kind == "quote-said":
                quotation += " " + draw(words) + "."
            elif kind == "quote-end":
                quotation = draw(words) + " " + quotation
            elif kind == "quote-colon":
                quotation = draw(words) + ": " + quotation
            elif kind == "quote-run":
                # A quotation over two paragraphs, the opening mark repeated at the second.
                quotation = opening + inner + ".\n\n" + opening + draw(quoted) + punctuation + closing
            parts.append(quotation)
        paragraphs.append(" ".join(parts))
    return "\n\n".join(paragraphs)


def _spacing(text: str) -> str:
    """The text with every double quote mark the same: what a glyph change keeps."""
    return _ANY_MARK.sub('"', text)


@pytest.mark.parametrize("style", sorted(STYLES))
@pytest.mark.parametrize("rules", ["Q", "ALL"])
def test_safe_fixes_keep_one_style_text_balanced_and_spaced(style, rules):
    selected = select_rules(("Q",)) if rules == "Q" else ALL_RULES

    @relaxed
    @given(one_style_text(style))
    def check(text):
        fixed, _applied, _remaining = fix_text(text, "x", selected, FixSettings(False))
        if rules == "Q":
            assert _spacing(fixed) == _spacing(text)
        else:  # other rules may drop a Russian attribution dash, never split a word
            assert re.findall(r"\w+", fixed) == re.findall(r"\w+", text)
        before, after = analyse(Document("x", text)), analyse(Document("x", fixed))
        if not before.unclosed and not before.orphans:
            assert not after.unclosed and not after.orphans

    check()


def test_reversed_quotes_are_turned_not_respaced():
    text = "He said ”play fast,“ and left. The ”Russian threat“ is old."
    fixed, applied, remaining = fix_text(text, "x", ALL_RULES, FixSettings(False))
    assert fixed == "He said “play fast,” and left. The “Russian threat” is old."
    assert {f.code for f in applied} == {"Q106"}
    assert not [f for f in remaining if f.code.startswith("Q")]


def test_one_glyph_quotes_are_turned_not_respaced():
    text = "He said ”play fast,” and left. The ”Russian threat” is old."
    fixed, applied, _remaining = fix_text(text, "x", ALL_RULES, FixSettings(False))
    assert fixed == "He said “play fast,” and left. The “Russian threat” is old."
    assert {f.code for f in applied} == {"Q106"}


def test_a_lone_reversed_looking_pair_is_still_misspaced():
    text = "NATO is again pulling the“ Russian threat ”out of a dusty bag."
    fixed, _applied, _remaining = fix_text(text, "x", ALL_RULES, FixSettings(False))
    assert fixed == "NATO is again pulling the “Russian threat” out of a dusty bag."


@pytest.mark.parametrize(
    "text",
    [
        # lone marks read as openers (no quotation is open): none has a space after it
        'We communicated well with Kobi", - quotes the site.\n',
        'They called her a beloved woman". Psychologists agree.\n',
        'The newspaper Komsomolskaya Pravda"\nThe acting governor spoke.\n',
    ],
)
def test_a_mark_with_no_space_on_its_wrong_side_is_not_misspaced(text):
    doc = Document("x", text)
    assert not [f for f in select_rules(["Q103"])[0].check(doc)]
