"""Every rule documents itself, and its documented examples are its first tests."""

from __future__ import annotations

import inspect
import re

import pytest

from conftest import paragraphs
from tqa.pipeline.check import check_document
from tqa.rules import ALL_RULES
from tqa.text.document import Document

SECTIONS = ("What it does:", "Why is this bad?", "Example:", "Fix safety:")
SOURCE_ARROW = "⟸"


def examples(rule, kind: str) -> list[str]:
    doc = inspect.cleandoc(rule.doc)
    return [m.group(1) for m in re.finditer(rf"^\s*{kind}:\s*(.+)$", doc, re.M)]


def test_codes_and_names_are_unique_and_well_formed():
    codes = [r.code for r in ALL_RULES]
    names = [r.name for r in ALL_RULES]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)
    for rule in ALL_RULES:
        assert re.fullmatch(r"[A-Z]\d{3}", rule.code)
        assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", rule.name)


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_docstring_has_every_section(rule):
    for section in SECTIONS:
        assert section in rule.doc, f"{rule.code} lacks {section}"
    assert examples(rule, "Bad") and examples(rule, "Good")


@pytest.mark.parametrize(
    ("rule", "kind", "example"),
    [(r, kind, e) for r in ALL_RULES for kind in ("Bad", "Good") for e in examples(r, kind)],
    ids=lambda v: v.code if hasattr(v, "code") else str(v)[:30],
)
def test_documented_example(rule, kind, example):
    markdown = "<!--" in example
    # Source-aware examples are written `TARGET ⟸ SOURCE` (the Russian original).
    example, _arrow, original = example.partition(SOURCE_ARROW)
    source = Document("example.ru.txt", paragraphs(original.strip()) + "\n") if original.strip() else None
    name = "example.md" if markdown else "example.txt"
    doc = Document(name, paragraphs(example.strip()) + "\n", markdown, source=source)
    # All rules run (suppressions need the findings they suppress); only this rule counts.
    findings = [f for f in check_document(doc, ALL_RULES) if f.code == rule.code]
    if kind == "Bad":
        assert findings, f"{rule.code} should flag: {example}"
    else:
        assert not findings, f"{rule.code} should not flag: {example}: {[f.message for f in findings]}"
