"""The scan changes nothing but speed: findings on real text stay as they were,
with either engine, and a rule the scan holds back has nothing to report.

`tests/data/outputs/findings.jsonl` keeps every rule's findings (opt-in ones
too) on the WMT21 documents (machine and human translations), the seed and
the test cases, one document a line. A rule change that rightly changes a
finding regenerates it: `TQA_REGENERATE_OUTPUTS=1 pytest tests/test_scan.py`.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tqa.pipeline import scan
from tqa.pipeline.check import check_document
from tqa.rules import ALL_RULES
from tqa.text.document import Document

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
FIXTURE = DATA / "outputs" / "findings.jsonl"
sys.path.insert(0, str(ROOT / "bench"))
from wmt import REFERENCES, SYSTEMS, WMT, articles  # noqa: E402


def corpus() -> list[tuple[str, str]]:
    """(name, text) of every document the fixture covers."""
    documents = [
        (f"seeds/{path.name}", path.read_text(encoding="utf-8")) for path in sorted((ROOT / "seeds").glob("*.txt"))
    ]
    for path in sorted((DATA / "cases").iterdir()):
        if path.suffix in (".txt", ".md"):
            documents.append((f"cases/{path.name}", path.read_bytes().decode("utf-8-sig")))
    for name in REFERENCES + SYSTEMS:
        documents.extend((f"{name}/{doc}", text) for doc, text in articles(name))
    return documents


def findings_of(name: str, text: str) -> list:
    doc = Document(name, text, markdown=name.endswith(".md"))
    return [
        [
            f.code,
            f.start,
            f.end,
            f.message,
            None
            if f.fix is None
            else [f.fix.title, f.fix.applicability.value, [[e.start, e.end, e.content] for e in f.fix.edits]],
        ]
        for f in check_document(doc, ALL_RULES)
    ]


def lines_of(documents: list[tuple[str, str]]) -> list[str]:
    return [json.dumps([name, findings_of(name, text)], ensure_ascii=False) for name, text in documents]


def _has_hyperscan() -> bool:
    try:
        import hyperscan  # noqa: F401
    except ImportError:
        return False
    return True


ENGINES = [
    "python",
    pytest.param("hyperscan", marks=pytest.mark.skipif(not _has_hyperscan(), reason="hyperscan is not installed")),
]
needs_wmt = pytest.mark.skipif(not WMT.is_dir(), reason="the WMT21 dev set is not beside the project")


@pytest.fixture(params=ENGINES)
def engine(request, monkeypatch):
    monkeypatch.setattr(scan, "engine", request.param)
    return request.param


@needs_wmt
def test_findings_on_real_text_are_unchanged(engine):
    found = lines_of(corpus())
    if os.environ.get("TQA_REGENERATE_OUTPUTS"):
        FIXTURE.write_text("\n".join(found) + "\n", encoding="utf-8")
    kept = FIXTURE.read_text(encoding="utf-8").splitlines()
    changed = [line for line, old in zip(found, kept, strict=False) if line != old]
    assert len(found) == len(kept)
    assert not changed, f"{len(changed)} documents' findings changed, the first: {changed[0][:2000]}"


@needs_wmt
def test_a_rule_held_back_has_nothing_to_report(engine):
    scanner = scan.scanner_for(ALL_RULES)
    held_back = 0
    for name, text in corpus():
        doc = Document(name, text, markdown=name.endswith(".md"))
        quiet = scanner.quiet(text)
        for rule in ALL_RULES:
            if rule.code in quiet:
                held_back += 1
                assert list(rule.check(doc)) == [], (name, rule.code)
    assert held_back > 1000 or engine == "python"  # the scan does hold rules back


@pytest.mark.skipif(not _has_hyperscan(), reason="hyperscan is not installed")
@pytest.mark.parametrize(
    "text",
    [
        "",
        "plain text",
        "25 000 people; The rest. the end",
        "2,5 % rise and 3,1\u00a0million",
        "Фото: ТАСС\n\n  «цитата» — (see - there)",
        "line\n\u2003 “lower case start",
        "It is worth noting that\u2028x / y",
        "bad bytes \udcff kept",
        "\u0660\u0661\u0662\u00a0\u0663\u0664\u0665 Arabic-Indic digits",
    ],
)
def test_a_rule_held_back_on_tricky_text_has_nothing_to_report(text, monkeypatch):
    monkeypatch.setattr(scan, "engine", "hyperscan")
    quiet = scan.scanner_for(ALL_RULES).quiet(text)
    doc = Document("x.txt", text)
    assert scan.scanner_for(ALL_RULES).quiet(doc) == quiet  # from the UTF-8 the document keeps
    assert {rule.code: list(rule.check(doc)) for rule in ALL_RULES if rule.code in quiet} == {
        code: [] for code in quiet
    }


PIECES = [
    "word", " ", "\u00a0", "\u2009", "\n", "\n\n", "\u2003", '"', "“", "”", "«", "»", "„", "(", ")", "[", "-", "—",
    "/", ";", ".", ",", "1", "25", "000", "\u0663", "%", " million", "The", "the", "approx", "It is noted that",
    "As a reminder,", "head of the", "Russian side", "thousand", "told about", "informed that", " shared.", "he", ", - said", "?\u00bb — ", "Фото", "Read more", "©", "•", "мир", "ТАСС", "\udcff",
]  # fmt: skip


@pytest.mark.skipif(not _has_hyperscan(), reason="hyperscan is not installed")
@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_a_rule_held_back_on_generated_text_has_nothing_to_report(text):
    scan.engine = "hyperscan"
    try:
        quiet = scan.scanner_for(ALL_RULES).quiet(text)
    finally:
        scan.engine = None
    doc = Document("x.txt", text)
    assert {rule.code: list(rule.check(doc)) for rule in ALL_RULES if rule.code in quiet} == {
        code: [] for code in quiet
    }


def test_spaces_are_what_python_calls_white_space():
    import re

    every = "".join(c for c in map(chr, range(0x110000)) if re.match(r"\s", c))
    assert re.fullmatch(f"[{scan.SPACES}]+", every)
    assert not re.search(f"[{scan.SPACES}]", "".join(c for c in map(chr, range(0x3100)) if not c.isspace()))


_STEM_ENDINGS = ("sk", "tsk", "ck", "zk", "dzk", "ov", "ev", "n", "r", "l", "m")  # the last three: no rule's


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.sampled_from(("Karolina", "Anna", "The", "Mrs")),
    st.text("abcdefgilmnoprstuwyz", min_size=1, max_size=8),
    st.sampled_from(_STEM_ENDINGS),
    st.sampled_from(("aya", "aia", "ayas", "aiya")),
    st.sampled_from(("", " Street", "\u00a0Square", " ulica", " St. Petersburg")),
    st.sampled_from(("Warsaw", "Polish", "Prague", "Moscow", "Kraków")),
)
def test_the_west_slavic_triggers_are_in_every_name_their_rules_report(first, stem, ending, tail, suffix, place):
    """N603 and N604 report only where their triggers (read by `re`, as the engines
    read them alike) match: on names of the forms their patterns allow, and near misses."""
    import re

    text = f"In {place}, {first} {stem.capitalize()}{ending}{tail}{suffix} spoke; {stem.capitalize()}{ending}{tail} Street."
    doc = Document("x.txt", text)
    for rule in ALL_RULES:
        if rule.code in ("N603", "N604") and list(rule.check(doc)):
            assert any(re.search(trigger, text) for trigger in rule.triggers), (rule.code, text)
