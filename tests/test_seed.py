"""The seed article: every structural artifact found at its place, and fixed."""

from __future__ import annotations

from collections import Counter

from conftest import SEED
from tqa.pipeline.check import FixSettings, check_document, fix_text
from tqa.rules import select_rules
from tqa.rules.quote_marks import analyse
from tqa.text.document import Document

STRUCTURAL = select_rules(["Q", "S", "P", "C"])


def seed_findings():
    text = SEED.read_text(encoding="utf-8")
    doc = Document("seed.txt", text)
    return doc, check_document(doc, STRUCTURAL)


def lines_of(code: str) -> list[int]:
    doc, findings = seed_findings()
    return [doc.position(f.start)[0] for f in findings if f.code == code]


def test_all_nine_detached_quotes():
    assert lines_of("Q101") == [9, 31, 43, 61, 67, 99, 123, 129, 141]


def test_three_flattened_nested_quotations():
    assert lines_of("Q102") == [17, 71, 153]


def test_misspaced_quotes():
    assert lines_of("Q103") == [153, 153]


def test_five_torn_insertions():
    assert lines_of("S201") == [3, 25, 79, 83, 89]


def test_split_sentence_and_two_caption_blocks():
    assert lines_of("S203") == [93]
    assert lines_of("S204") == [47, 143]


def test_four_hyphen_dashes_and_the_spaced_slash():
    assert lines_of("P301") == [37, 107, 127, 139]
    assert lines_of("P302") == [37]


def test_no_false_alarms_on_the_seed():
    _, findings = seed_findings()
    assert set(Counter(f.code for f in findings)) <= {
        "Q101",
        "Q102",
        "Q103",
        "Q105",
        "S201",
        "S203",
        "S204",
        "P301",
        "P302",
    }


def test_unsafe_fix_leaves_no_artifact_and_balanced_quotes():
    text = SEED.read_text(encoding="utf-8")
    fixed, applied, remaining = fix_text(text, "seed.txt", STRUCTURAL, FixSettings(unsafe=True))
    assert remaining == []
    assert len(applied) >= 27
    analysis = analyse(Document("seed.txt", fixed))
    assert not analysis.unclosed and not analysis.orphans
    assert "(response to NATO actions — RT) steps." in fixed
    assert "resilience activities all target the same threats." in fixed
    assert "•" not in fixed and "©" not in fixed
    assert "representative,” Lavrov said." in fixed
    again, applied_again, _ = fix_text(fixed, "seed.txt", STRUCTURAL, FixSettings(unsafe=True))
    assert again == fixed and applied_again == []


def test_safe_fix_keeps_paragraphs_and_wording():
    text = SEED.read_text(encoding="utf-8")
    fixed, _, remaining = fix_text(text, "seed.txt", STRUCTURAL, FixSettings())
    assert {f.code for f in remaining} == {"P301", "Q102", "Q105", "S203", "S204"}
    assert "  • AP" in fixed
