"""Inline suppressions in Markdown, and baselines keyed by fingerprints."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from tqa.cli import main
from tqa.pipeline.check import check_document
from tqa.rules import select_rules
from tqa.text.document import Document

MARKDOWN = """# Talks

<!-- tqa: ignore[P301] -->
Our answer is clear - we wait.

Their answer is clear - they wait.

<!-- tqa: disable[Q101,P] -->
We wait, ”the minister said.

Clear - again.

<!-- tqa: enable -->
We wait, ”the minister said again.

<!-- tqa: ignore[S203] -->
Nothing to silence here.

<!-- tqa: ignore -->
Bare.
"""


def codes(text: str, markdown: bool = True):
    doc = Document("a.md", text, markdown=markdown)
    return [(doc.position(f.start)[0], f.code) for f in check_document(doc, select_rules())]


def test_ignore_disable_enable_and_unused():
    assert codes(MARKDOWN) == [(6, "P301"), (14, "Q101"), (16, "M901"), (19, "M902")]


def test_comments_mean_nothing_in_plain_text():
    assert (4, "P301") in codes(MARKDOWN, markdown=False)


def test_baseline_then_only_new_findings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    article = tmp_path / "a.txt"
    text = "Our answer is clear - we wait.\n\nWe wait, ”the minister said.\n"
    article.write_text(text, encoding="utf-8")
    runner = CliRunner()
    written = runner.invoke(main, ["check", "--write-baseline", "base.json", "a.txt"])
    assert written.exit_code == 0 and "Wrote 2 findings" in written.stderr
    assert runner.invoke(main, ["check", "--baseline", "base.json", "a.txt"]).exit_code == 0
    article.write_text("A new paragraph, ”he said.\n\n" + text, encoding="utf-8")
    result = runner.invoke(main, ["check", "--baseline", "base.json", "a.txt"])
    assert result.exit_code == 1
    assert result.output.count("Q101") == 1 and "a.txt:1:16: Q101" in result.output
    assert "P301" not in result.output


@pytest.mark.parametrize(("content", "message"), [("{}", "not a tqa baseline file"), (None, "cannot read")])
def test_broken_or_missing_baseline_is_an_error_before_any_finding(tmp_path, content, message):
    if content is not None:
        (tmp_path / "base.json").write_text(content, encoding="utf-8")
    (tmp_path / "a.txt").write_text("We wait, ”the minister said.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--baseline", str(tmp_path / "base.json"), str(tmp_path / "a.txt")])
    assert result.exit_code == 2 and message in result.stderr
    assert result.stdout == ""  # no unfiltered findings before the error


def test_check_diff_still_fails_when_findings_remain(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("We wait, ”the minister said.\n\nLeft in: провокация.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--diff", str(article)])
    assert result.exit_code == 1
    assert "+We wait,” the minister said." in result.output and "C402" in result.output
    assert article.read_text(encoding="utf-8").startswith("We wait, ”the")


def test_baseline_on_the_seed_reports_exactly_the_new_paragraph(tmp_path, monkeypatch):
    from conftest import SEED

    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds").mkdir()
    article = tmp_path / "seeds" / "seed.txt"
    article.write_bytes(SEED.read_bytes())
    runner = CliRunner()
    assert runner.invoke(main, ["check", "--write-baseline", "base.json", "seeds"]).exit_code == 0
    assert runner.invoke(main, ["check", "--baseline", "base.json", "seeds"]).exit_code == 0
    article.write_text(
        "Moscow said the talks were over - for now.\n\n" + SEED.read_text(encoding="utf-8"), encoding="utf-8"
    )
    result = runner.invoke(main, ["check", "--baseline", "base.json", "--output-format", "concise", "seeds"])
    assert result.exit_code == 1
    findings = [line for line in result.output.splitlines() if line.startswith("seeds")]
    assert findings == ["seeds/seed.txt:1:33: P301 Hyphen used as a dash: `talks were over - for now.`"]
