"""Data-driven rule cases: tests/data/cases/NAME.{txt,md} with NAME.expected
(one `row:column CODE` a line), optionally NAME.fixed (the file after
`tqa fix --unsafe-fixes`, byte for byte) and NAME.rules (the rule selection,
comma-separated; default the structural families Q, S, P, C)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import DATA
from tqa.pipeline.check import FixSettings, check_document, fix_text
from tqa.rules import select_rules
from tqa.text.document import Document
from tqa.text.textio import decode

CASES = sorted(p for p in (DATA / "cases").iterdir() if p.suffix in (".txt", ".md"))
STRUCTURAL = select_rules(["Q", "S", "P", "C"])


def load(path: Path):
    source = decode(path.read_bytes(), path.name)
    return source, Document(path.name, source.text, markdown=path.suffix == ".md")


def rules_for(path: Path):
    selection = path.with_suffix(".rules")
    return select_rules(selection.read_text(encoding="utf-8").strip().split(",")) if selection.exists() else STRUCTURAL


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name)
def test_findings(path):
    _, doc = load(path)
    got = [f"{':'.join(map(str, doc.position(f.start)))} {f.code}" for f in check_document(doc, rules_for(path))]
    expected = path.with_suffix(".expected").read_text(encoding="utf-8").split("\n")
    assert got == [line for line in expected if line]


@pytest.mark.parametrize("path", [p for p in CASES if p.with_suffix(".fixed").exists()], ids=lambda p: p.name)
def test_fixed_text(path):
    source, doc = load(path)
    fixed, _, _ = fix_text(source.text, path.name, rules_for(path), FixSettings(unsafe=True, markdown=doc.markdown))
    assert source.encode(fixed) == path.with_suffix(".fixed").read_bytes()
