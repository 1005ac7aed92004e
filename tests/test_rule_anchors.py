"""Rules try their patterns only where a literal shows a match can start: the
matches are exactly those of `finditer` over the whole text, on generated
text built from the pieces the patterns turn on."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tqa.rules import metonymy, numbers, openers, quotation_style, quotes, reporting, structure, typography
from tqa.rules._shared import anchored_matches, matches_from, pair_positions, positions
from tqa.rules.quote_marks import WHITE_SPACE
from tqa.text.document import Document

PIECES = [
    "word", "on", "was", " ", "  ", "\t", "\u00a0", "\u2009", "\n", "\n\n", " \n", "\r\n", "\u2003", ".", ",", ", ",
    ". ", "!", "?", "…", '"', "“", "”", "«", "»", "(", "-", " - ", "—", " — ", " – ", ":", "/", "1", "25", "000",
    "2019", "\u0663", "%", " per cent", " million", "thousand", " thousands", "told about", "Told about", "was told",
    "informed that", "notified that", "announced about", "It", "it", "It is noted that", "it is noted that", "As",
    "In turn,", "Note that", "We note that", "Let's note that", "In", "the", "approx", "head of the", "Head of the",
    "official", "Press", "representative of", "press representative of", "Ministry", "Pentagon", "a", "Z", "é", "_",
]  # fmt: skip
TEXTS = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
SETTINGS = settings(max_examples=400, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


# Texts a random one seldom is: the places where a match starts away from its literal.
EXAMPLES = [
    "Done.  It is noted that x. \tIn turn, y.\nAs a reminder, z, it is noted that w",
    "He said:  As is known, it was; \u00bb In this regard, no",
    "in December 2019. the end; approx. the size; A2019. the; naturally. so, ok. fine",
    "2,5% and 12,75 per cent, 1,5\u00a0million; x2,5%; 600,3 thousand, 1 \u00a0thousands",
    "open end\n\n \n  lower case; closed.\n\n(\u201cquoted lower\nword\r\n\u2003\u00abnext",
    "He told about it; she was told about it; Told about; the ministry informed that; announced about",
    "the head of the Pentagon, Head of the region; official representative of; Press representative of",
]


def spans(matches: Iterable[re.Match]) -> list[tuple[int, int]]:
    return [match.span() for match in matches]


FROM_STARTS: list[tuple[str, re.Pattern, Callable[[str], Iterable[int]]]] = [
    ("openers", openers._PATTERN, openers._match_starts),
    ("lower case after a stop", typography._LOWERCASE_AFTER_STOP, typography._starts_before_stops),
    ("decimal comma", numbers._DECIMAL_COMMA, numbers._starts_before_commas),
    ("thousand", numbers._THOUSAND, numbers._starts_before_thousand),
    ("split sentence", structure._SPLIT_HINT, structure._break_runs),
]
ANCHORED = [
    ("reporting verb", reporting._VERB, reporting.VERB_ANCHORS),
    ("head of", metonymy._HEAD_OF, metonymy._HEAD_OF_ANCHORS),
    ("representative of", metonymy._REPRESENTATIVE, metonymy._REPRESENTATIVE_ANCHORS),
]


@pytest.mark.parametrize(("pattern", "starts"), [case[1:] for case in FROM_STARTS], ids=[c[0] for c in FROM_STARTS])
@SETTINGS
@given(text=TEXTS)
def test_matches_from_the_starts_are_those_of_finditer(pattern, starts, text):
    assert spans(matches_from(pattern, text, starts(text))) == spans(pattern.finditer(text))


@pytest.mark.parametrize("text", EXAMPLES)
def test_tried_only_from_the_starts_on_chosen_text(text):
    for _name, pattern, starts in FROM_STARTS:
        assert spans(matches_from(pattern, text, starts(text))) == spans(pattern.finditer(text))
    for _name, pattern, anchors in ANCHORED:
        assert spans(anchored_matches(pattern, text, anchors)) == spans(pattern.finditer(text))
    assert any(spans(pattern.finditer(text)) for _name, pattern, _starts in FROM_STARTS + ANCHORED)


@pytest.mark.parametrize(("pattern", "anchors"), [case[1:] for case in ANCHORED], ids=[c[0] for c in ANCHORED])
@SETTINGS
@given(text=TEXTS)
def test_anchored_matches_are_those_of_finditer(pattern, anchors, text):
    assert spans(anchored_matches(pattern, text, anchors)) == spans(pattern.finditer(text))


@SETTINGS
@given(text=TEXTS, kind=st.sampled_from(["ship", "Bank", "warship", "war-ship", "observer of", "newspaper the"]))
def test_the_word_test_never_rejects_a_kind_the_pattern_finds(text, kind):
    text = f"{text}{kind} "
    for end in range(len(text) + 1):
        start = max(0, end - quotation_style._KIND_REACH)
        if quotation_style._KIND_BEFORE.search(text, start, end):
            assert quotation_style._kind_may_end(text, end), (text, end)


@SETTINGS
@given(text=TEXTS.map(lambda text: text.replace("word", "the frigate").replace("Z", '"Admiral Gorshkov"')))
def test_quoted_names_are_found_from_the_opening_marks(text):
    assert spans(quotation_style._quoted_names(text)) == spans(_quoted_names_searched(text))


@pytest.mark.parametrize(
    "text",
    [
        'The landing ships "Minsk", "Pyotr Morgunov" and "Korolev" took part; he said "No" to the bank "Otkritie".',
        'The "Yes" campaign, the frigate "Admiral Gorshkov""Kazan", the observer of «Komsomolskaya Pravda», "Trud"',
    ],
)
def test_quoted_names_in_lists_are_found_from_the_opening_marks(text):
    found = spans(quotation_style._quoted_names(text))
    assert len(found) >= 3 and found == spans(_quoted_names_searched(text))


def _quoted_names_searched(text: str) -> Iterator[re.Match]:
    """The quoted names after a kind, and those listed after them, as a search from each position finds them."""
    position = 0
    while (match := quotation_style._QUOTED_NAME.search(text, position)) is not None:
        start = match.start()
        if not quotation_style._KIND_BEFORE.search(text, max(0, start - quotation_style._KIND_REACH), start):
            position = start + 1
            continue
        yield match
        position = match.end()
        while (listed := quotation_style._LISTED_NAME.match(text, position)) is not None:
            yield listed
            position = listed.end()


_DASHES_BETWEEN_LETTERS = {
    " — ": re.compile(r"(?<=[^\W\d_]) (?:—|--) (?=[^\W\d_])"),
    " – ": re.compile(r"(?<=[^\W\d_]) – (?=[^\W\d_])"),
    "—": re.compile(r"(?<=[^\W\d_])—(?=[^\W\d_])"),
}


@SETTINGS
@given(text=st.lists(st.sampled_from([*PIECES, "--", " -- ", "---", "a—b", "x – y", "é"]), max_size=40).map("".join))
def test_the_document_dash_is_the_one_finditer_counts_most(text):
    counts = {dash: len(pattern.findall(text)) for dash, pattern in _DASHES_BETWEEN_LETTERS.items()}
    best = max(counts, key=counts.__getitem__)
    assert typography._document_dash(text) == (best if counts[best] else " – ")


@pytest.mark.parametrize(
    ("text", "dash"),
    [
        ("a — b, c – 1, d – 2", " — "),
        ("x -- y and z — w; p—q r—s t—u", "—"),
        ("word — word — word – word – word – word", " – "),
        ("Gazeta—2 and a --- b, c—", " – "),
        ("on—off, up—down; in – out", "—"),
    ],
)
def test_the_document_dash_on_chosen_text(text, dash):
    assert typography._document_dash(text) == dash


TAGGED = ["response to NATO actions. - RT", "diplomatic. - RT", "the reports. — Ed.", "combat. - TASS", "about 10 - 12"]


@SETTINGS
@given(text=st.lists(st.sampled_from([*PIECES, *TAGGED, "RT", "Ed.", "прим. ред.", "ТАСС"]), max_size=30).map("".join))
def test_the_tag_test_never_rejects_an_insertion_the_pattern_finds(text):
    inner = " ".join(text.split())
    assert bool(structure._TAGGED_END.search(inner)) >= bool(structure._STYLED_INSERTION.search(inner)), inner


def test_the_tag_test_lets_the_tagged_insertions_through():
    assert [structure._styled_inner(inner) for inner in TAGGED] == [
        "response to NATO actions — RT",
        "diplomatic — RT",
        "the reports — Ed.",
        "combat — TASS",
        None,
    ]


def test_no_opener_word_overlaps_another():
    """The candidate alternation's matches do not overlap, so no word is missed
    where the end of one is the start of another."""
    words = openers._FIRST_WORDS + openers._AFTER_COMMA_WORDS
    for first in words:
        for second in words:
            assert not any(second.startswith(first[cut:]) for cut in range(1, len(first))), (first, second)


def test_every_opener_opens_with_a_literal_word():
    for opener in openers.OPENERS:
        for word in openers.first_words(opener.pattern):
            assert re.fullmatch(r"[A-Za-z']+", word), opener.pattern


@SETTINGS
@given(text=TEXTS, pair=st.sampled_from([" -", " /", "\u00a0-", "--", "  "]))
def test_pair_positions_are_those_of_the_two_character_search(text, pair):
    assert pair_positions(text, *pair) == list(positions(text, pair))


def test_white_space_is_every_character_str_isspace_accepts():
    assert {char for char in map(chr, range(0x110000)) if char.isspace()} == WHITE_SPACE


@SETTINGS
@given(text=TEXTS)
def test_dash_attributions_are_tried_from_the_spaced_dashes(text):
    doc = Document("x.txt", text)
    found = {paragraph.index: spans(matches_from(quotation_style._DASH, paragraph.text, dashes))
             for paragraph, dashes in quotation_style._spaced_dashes(doc)}  # fmt: skip
    for paragraph in doc.prose:
        assert found.get(paragraph.index, []) == spans(quotation_style._DASH.finditer(paragraph.text))


@SETTINGS
@given(text=TEXTS, word=st.sampled_from(["of", "between", "against", "Its", "the", "x", "ofthe", "\u212a"]))
def test_the_function_word_is_found_in_the_quotations_last_characters(text, word):
    for quoted in (text, f"{text} {word}", f"{text} {word}\n", f"{text}{word}"):
        pattern = quotes._FUNCTION_WORD_BEFORE
        start = max(0, len(quoted) - quotes._FUNCTION_WORD_REACH)
        assert bool(pattern.search(quoted, start)) == bool(pattern.search(quoted)), quoted
