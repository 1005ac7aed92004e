"""N603/N604: Polish, Czech and Slovak names with a Russian ending, both sides."""

from __future__ import annotations

import pytest

from tqa.pipeline.check import check_document
from tqa.rules import select_rules
from tqa.text.document import Document

RULES = select_rules(extend=("N604",))


def codes(text: str) -> list[tuple[str, str]]:
    doc = Document("t.txt", text + "\n")
    return [(f.code, text[f.start : f.end]) for f in check_document(doc, RULES) if f.code in ("N603", "N604")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The bomb was found near Basilianskaya Street in Warsaw.", [("N603", "Basilianskaya")]),
        ("Police closed Marshalkovskaya Street, Polish media said.", [("N603", "Marshalkovskaya")]),
        ("The rally in Prague moved along Vinogradskaya Avenue.", [("N603", "Vinogradskaya")]),
        ("The mayor's spokeswoman Karolina Galetskaya said Warsaw residents would return.", [("N604", "Galetskaya")]),
        ("Czech MP Jana Novotskaya voted against.", [("N604", "Novotskaya")]),
    ],
)
def test_fires_on_russian_endings_in_west_slavic_context(text, expected):
    assert codes(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The rally was held on Tverskaya Street in Moscow.",  # a Russian street in Russia
        "The Polish ambassador was summoned to the ministry on Smolenskaya Square in Moscow.",
        "The bomb was found near Bazylianska Street in Warsaw.",
        "Karolina Gałecka, a spokeswoman for the mayor of Warsaw, spoke.",
        "Belarusian opposition leader Svetlana Tikhanovskaya arrived in Warsaw.",
        "Russian journalist Anna Politkovskaya was remembered at a vigil in Prague.",
        "Maria Zakharovskaya spoke in Moscow.\nPoland closed the border.",  # the cue is another paragraph's
        "Send it to 122 Krasnaya Street, Krasnodar.\nThe Polish side did not comment.",
    ],
)
def test_quiet_elsewhere(text):
    assert codes(text) == []


def test_surname_rule_is_opt_in():
    assert "N604" not in {rule.code for rule in select_rules()}
    assert "N603" in {rule.code for rule in select_rules()}
