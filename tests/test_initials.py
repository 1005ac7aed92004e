"""N605: a first name written as an initial, the Russian way, both sides."""

from __future__ import annotations

import pytest

from tqa.pipeline.check import check_document
from tqa.rules import select_rules
from tqa.text.document import Document

RULES = select_rules(select=("N605",))


def findings(text: str) -> list[tuple[str, str | None]]:
    doc = Document("t.txt", text + "\n")
    found = check_document(doc, RULES)
    return [(text[f.start : f.end], f.fix.edits[0].content if f.fix else None) for f in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Speaking at the library, M. Pompeo called for a new approach to China.", [("M. Pompeo", "Mike Pompeo")]),
        ("Mike Pompeo spoke first. Later M. Pompeo's aides left.", [("M. Pompeo", "Pompeo")]),
        ("The analyst S. Kowalczyk said the talks had failed.", [("S. Kowalczyk", None)]),
    ],
)
def test_fires_on_initial_and_surname(text, expected):
    assert findings(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The book by J. K. Rowling sold well.",  # two initials
        "George W. Bush met the press.",  # a middle initial
        "The U.S. Treasury Secretary spoke.",  # an abbreviation
        "They chose plan B. Then they left.",  # a sentence ends after a letter
        "A. Smith\n\nThe talks failed, the minister said.",  # a byline
        "Mike Pompeo called for an end to the policy.",
    ],
)
def test_quiet_on_english_initials(text):
    assert findings(text) == []


def test_opt_in():
    assert "N605" not in {rule.code for rule in select_rules()}
