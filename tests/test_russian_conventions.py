"""The rules for conventions of Russian news, on both sides: what MT writes
(found, and fixed as English news writes it) and what professional English
writes (left alone)."""

from __future__ import annotations

import re

import pytest

from tqa.pipeline.check import FixSettings, check_document, fix_text
from tqa.rules import numbers, select_rules
from tqa.rules.nations import ADJECTIVE_OF, COUNTRY_OF
from tqa.text.document import Document

# Display-only suggestions: the sentence as the suggestion would make it.
SHOWN = [
    ("T511", "The talks were initiated by the Ukrainian side.", "The talks were initiated by Ukraine."),
    ("T511", "The Belarusian side's reply came late.", "Belarus' reply came late."),
    ("T511", "The American side did not respond.", "The United States did not respond."),
    ("T512", "The head of the Mongolian Foreign Ministry arrived.", "Mongolia's foreign minister arrived."),
    ("T512", "He met the head of the Ministry of Defense of Mongolia.", "He met Mongolia's defense minister."),
    ("T512", "He met the deputy head of the Mongolian Foreign Ministry.", "He met Mongolia's deputy foreign minister."),
    (
        "T512",
        "He met the head of the Russian Energy Ministry Alexander Novak.",
        "He met Russian Energy Minister Alexander Novak.",
    ),
]
FIXED = [
    (
        "T514",
        "The acting governor told about his trip to the region.",
        "The acting governor talked about his trip to the region.",
    ),
    ("T514", "The ministry informed that the road was closed.", "The ministry said that the road was closed."),
    (
        "T514",
        "The agency announced about the destruction of two systems.",
        "The agency announced the destruction of two systems.",
    ),
    (
        "T514",
        '"People here are wonderful," Mikhail Degtyarev shared.',
        '"People here are wonderful," Mikhail Degtyarev said.',
    ),
    ("T510", "About 12 thousand people came.", "About 12,000 people came."),
    ("T510", "Another 600,3 thousand recovered.", "Another 600,300 recovered."),
    ("P307", "The state got 25 000 euros, or 2,75% of it.", "The state got 25,000 euros, or 2.75% of it."),
    ("P303", '"We will solve it," - said the deputy.', '"We will solve it," said the deputy.'),
    ("P303", "We will solve it, - said the deputy.", '"We will solve it," said the deputy.'),
    ("P304", 'The missile "Zircon"will fly.', 'The missile "Zircon" will fly.'),
    ("P306", 'The corvette "Stoyky" and "Soobrazitelny" sailed.', "The corvette Stoyky and Soobrazitelny sailed."),
    ("P306", "He told the newspaper «Vedomosti».", "He told the newspaper Vedomosti."),
    ("S201", "They denied (the reports. -\n\nEd.\n\n) it.", "They denied (the reports — Ed.) it."),
    ("S201", "They denied (the reports. -\n\nGazeta.ru\n\n) it.", "They denied (the reports — Gazeta.ru) it."),
    ("S201", "They denied (the reports. -\n\ntransl.\n\n) it.", "They denied (the reports — transl.) it."),
    ("S201", "They denied (the reports. -\n\ncomp.\n\n) it.", "They denied (the reports — comp.) it."),
    ("S201", "They denied (the reports.\n\n- Ed.\n\n) it.", "They denied (the reports — Ed.) it."),
    ("S201", "They denied (the reports\n\n. - ed.\n\n) it.", "They denied (the reports — ed.) it."),
]
FOUND_WITHOUT_FIX = [
    ("T510", "Several 12 thousands of people came."),
    ("T510", "The budget is 1,500 thousand rubles."),
    ("T512", "The head of the Treasury spoke."),
    ("T512", "The head of the State Department spoke."),
    ("T513", "It was stressed that the talks went on."),
    ("T513", "In turn, the ministry denied it."),
    ("T513", "Sanctions hit. Against this background, the rouble fell."),
    ("T513", "At the same time, it is noted that the emphasis will be on new missiles."),
    ("T513", "In connection with this, the flights were cancelled."),
    ("T513", "As the head of state specified, the new ships have no equal."),
    ("T513", "According to the channel, in her post it was reported that planes spray acid."),
    ("T513", "In the statement it is said that the talks failed."),
    ("T513", "More on the situation - in Kommersant's piece."),
    ("T515", "The day saw a meeting of acting Degtyarev with protesters."),
    ("T515", "Head of the region Igor Kobzev met the mayors."),
    ("P308", "They met in December 2019. the Kremlin said so."),
]
QUIET = [
    ("T511", "They met on the Russian side of the border; the American side of the river froze."),
    ("T511", "The Russian side of the story is different."),
    ("T512", "The head of state spoke; the head of the Foreign Ministry's press service declined to comment."),
    ("T512", "The former head of the Russian Defense Ministry Department retired."),
    ("T510", "A thousand people came; 3 million and 1.5 billion; tens of thousands more."),
    ("P307", "On July 26 100 ships sailed; call 8 800 555 35 35; the score was 2,3 and 4."),
    ("P303", "The talks failed - and he left; prices rose 5% - 10%."),
    ("P304", 'He said "no"; then "yes".'),
    ("P306", 'The series "Chicks" and the song "Ai-yai-yai" won; he said "Yes".'),
    ("P308", "It covered 40 sq. meters, approx. the size of a flat; July 28 at 18:30."),
    ("T513", "It is not known whether he will run. In the end, it was noted by everyone."),
    ("T513", "The deadline, as he specified, is Monday. In the post it was a quiet night."),
    ("T513", "More on this later. More details - inside. More about the situation in Syria on page 3."),
    ("T515", "Acting Governor Degtyarev spoke; the ex-head of the region Sergei Furgal was arrested."),
    ("T515", "Acting Fast Saves Lives. Acting quickly, police came; acting Irkutsk region governor Igor Kobzev spoke."),
    ("T515", "The former head of the region Sergei Furgal; the head of the region, Igor Kobzev, spoke."),
    ("T514", "He was told about the plan; they were informed that it failed; she had been told about it."),
    ("T514", "He told reporters about the trip and informed residents that the road was closed."),
    ("T514", "She posted a video her brother shared. The costs were shared, he said."),
    (
        "T513",
        "Though details are scarce, it is known that it landed. Two men were held in connection with this week's attack.",
    ),
    ("S201", "He left (see below).\n\nThe talks ended.\n\nEd. note: none.\n\n(Photo) The end."),
    ("S201", "The talks (which ended.\n\nThey left.\n\nNew talks) began."),
]


def findings(code: str, text: str):
    doc = Document("case.txt", text + "\n")
    return [f for f in check_document(doc, select_rules([code])) if f.code == code]


@pytest.mark.parametrize(("code", "text", "fixed"), FIXED)
def test_found_and_fixed(code, text, fixed):
    assert findings(code, text)
    result, _applied, _left = fix_text(text + "\n", "case.txt", select_rules([code]), FixSettings(unsafe=True))
    assert result == fixed + "\n"


@pytest.mark.parametrize(("code", "text", "shown"), SHOWN)
def test_found_with_a_display_only_suggestion(code, text, shown):
    [finding] = findings(code, text)
    assert finding.fix.applicability.value == "display-only"
    [edit] = finding.fix.edits
    assert text[: edit.start] + edit.content + text[edit.end :] == shown
    result, _applied, _left = fix_text(text + "\n", "case.txt", select_rules([code]), FixSettings(unsafe=True))
    assert result == text + "\n"


@pytest.mark.parametrize(("code", "text"), FOUND_WITHOUT_FIX)
def test_found_without_an_applied_fix(code, text):
    assert findings(code, text)
    result, _applied, _left = fix_text(text + "\n", "case.txt", select_rules([code]), FixSettings(unsafe=True))
    assert result == text + "\n"


@pytest.mark.parametrize(("code", "text"), QUIET)
def test_quiet_on_english_news(code, text):
    assert not findings(code, text)


def test_every_nationality_names_a_country_and_back():
    for adjective, country in COUNTRY_OF.items():
        assert country[0].isupper() or country.startswith("the ")
        assert ADJECTIVE_OF[country.removeprefix("the ")] in (adjective, "US", *COUNTRY_OF)


# The spaced-groups pattern, written as it reads: a look-behind before the figures.
_SPACED_GROUPS_AS_READ = re.compile(r"(?<![\w.,:/+-])(?P<number>\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+)(?![\w.,]\d|\d)")


@pytest.mark.parametrize(
    "text",
    [
        "1 000",
        "x1 000",
        ".1 000 and 2 000",
        "a 12 345 678 b",
        "1234 567",
        "-5 000, +6 000, /7 000, :8 000",
        "5 000,5 and 6 000.25",
        "€1 000 000 and 2 500 people",
        "0 000 1 000",
        "1\u00a0000\u202f000\u2009000",
        "١ ٠٠٠ and ١٢ ٣٤٥",
        "8 800 555 35 35",
        "x5 123 456",
    ],
)
def test_spaced_groups_pattern_finds_what_it_reads_as(text):
    """P307's pattern opens with the figure for speed: it finds the same spans."""
    spans = [(match.span(), match.span("number")) for match in numbers._SPACED_GROUPS.finditer(text)]
    assert spans == [(match.span(), match.span("number")) for match in _SPACED_GROUPS_AS_READ.finditer(text)]
