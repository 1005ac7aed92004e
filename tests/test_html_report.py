"""The HTML review report as data and as a page: escaping, offsets, cleaned texts,
source pairs, the command line. The page's behaviour in a browser is tested in
test_html_report_browser.py."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SEED, write
from tqa.cli import main
from tqa.report.html import page, script_json
from tqa.report.html_data import FAMILIES, family, utf16_offsets
from tqa.rules import ALL_RULES

HOSTILE = (
    'He said: "<script>window.__pwned=1</script>" and </textarea> and "\'><img src=x onerror=window.__pwned=2> '
    "- then </script><!-- \u2028 \u2029 & end , ok.\n"
)
PAIRED_EN = (
    "Russian Foreign Minister Sergei Lavrov said on Monday that 25 diplomats would leave the country.\n\n"
    "The ministry - as reported by TASS - did not comment on the decision.\n\n"
    "“We are ready ,”he said.\n"
)
PAIRED_RU = (
    "Министр иностранных дел России Сергей Лавров заявил в понедельник, что 35 дипломатов покинут страну.\n\n"
    "В министерстве, как сообщает ТАСС, решение не прокомментировали.\n\n"
    "«Мы готовы», — сказал он.\n"
)


def embedded(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="tqa-data">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def report(tmp_path: Path, *arguments: str) -> tuple[str, dict]:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["check", "--no-cache", "--output-format", "html", "-o", str(out), *arguments])
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    html = out.read_text(encoding="utf-8")
    return html, embedded(html)


@pytest.mark.parametrize(
    "text", ["</script><script>alert(1)</script>", "<!--<script>", "a\u2028b\u2029c", "&amp; &lt;", "</SCRIPT >"]
)
def test_script_json_cannot_close_the_element_and_reads_back(text):
    encoded = script_json({"text": text})
    assert not re.search(r"[<>&\u2028\u2029]", encoded)
    assert json.loads(encoded) == {"text": text}


def test_hostile_text_is_only_data(tmp_path):
    write(tmp_path / "hostile.txt", HOSTILE)
    html, data = report(tmp_path, str(tmp_path / "hostile.txt"))
    assert data["files"][0]["text"] == HOSTILE
    # Only the report's own two script elements; no article markup anywhere in the page.
    assert len(re.findall(r"<script", html, re.I)) == 2
    assert "<img" not in html and "</textarea>" not in html and "onerror=window" in html


def test_only_the_report_script_may_run(tmp_path):
    write(tmp_path / "a.txt", "Plain text.\n")
    html, _data = report(tmp_path, str(tmp_path / "a.txt"))
    script = re.search(r"<script>(.*?)</script>", html, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert f"script-src 'sha256-{digest}'" in policy
    assert "default-src 'none'" in policy
    assert not re.search(r"https?://", html.replace("http://www.w3.org/2000/svg", ""))  # nothing to fetch


def test_every_rule_has_a_family():
    prefixes = {prefix for prefix, *_rest in FAMILIES}
    assert {rule.code[0] for rule in ALL_RULES} <= prefixes
    assert family("Q101") == "quotes" and family("A702") == "source" and family("N601") == "names"


def test_offsets_count_utf16_units_after_astral_characters():
    text = "😀 “quote ”here 𝔸 x"
    utf16 = utf16_offsets(text)
    encoded = text.encode("utf-16-le")
    for offset in range(len(text) + 1):
        assert encoded[: 2 * utf16(offset)].decode("utf-16-le") == text[:offset]


def test_findings_match_the_json_report(tmp_path):
    seed = str(shutil.copy(SEED, tmp_path / "seed.txt"))
    _html, data = report(tmp_path, seed)
    listed = json.loads(CliRunner().invoke(main, ["check", "--no-cache", "--output-format", "json", seed]).output)
    findings = data["files"][0]["findings"]
    assert len(findings) == len(listed) > 10
    assert [f["code"] for f in findings] == [item["code"] for item in listed]
    assert set(data["rules"]) == {item["code"] for item in listed}
    assert all(rule["doc"] and rule["summary"] for rule in data["rules"].values())
    text = data["files"][0]["text"]
    assert data["files"][0]["words"] == len(re.findall(r"\w+", text))


def apply_diff(text: str, diff: list) -> str:
    lines = re.findall(r"[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+$", text)
    for first, past, new in reversed(diff):
        lines[first:past] = new
    return "".join(lines)


def test_cleaned_text_is_what_fix_writes(tmp_path):
    seed = str(shutil.copy(SEED, tmp_path / "seed.txt"))
    _html, data = report(tmp_path, seed)
    article = data["files"][0]
    assert article["diff"]
    CliRunner().invoke(main, ["fix", seed])
    assert apply_diff(article["text"], article["diff"]) == Path(seed).read_text(encoding="utf-8")


def test_paired_source_paragraphs_stand_beside_their_translation(tmp_path):
    write(tmp_path / "article.en.txt", PAIRED_EN)
    write(tmp_path / "article.ru.txt", PAIRED_RU)
    _html, data = report(tmp_path, str(tmp_path / "article.en.txt"))
    article = data["files"][0]
    assert [pair[2] for pair in article["source"]] == PAIRED_RU.rstrip("\n").split("\n\n")
    assert [article["text"][start:end] for start, end, _ in article["source"]] == PAIRED_EN.rstrip("\n").split("\n\n")
    assert "A702" in {finding["code"] for finding in article["findings"]}


def test_unreadable_file_is_listed_with_its_error(tmp_path):
    write(tmp_path / "good.txt", "Plain text.\n")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01binary\x00")
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["check", "--no-cache", "--output-format", "html", "-o", str(out), str(tmp_path)])
    assert result.exit_code == 2
    files = {Path(item["path"]).name: item for item in embedded(out.read_text(encoding="utf-8"))["files"]}
    assert "error" in files["bad.txt"] and "text" in files["good.txt"]


def test_report_command_writes_report_html(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.txt", "He said - yes.\n")
    result = CliRunner().invoke(main, ["report", "--no-cache", "a.txt"])
    assert result.exit_code == 1, result.output
    data = embedded((tmp_path / "report.html").read_text(encoding="utf-8"))
    assert data["files"][0]["findings"][0]["code"] == "P301"
    assert "report.html" in result.output
    result = CliRunner().invoke(main, ["report", "--no-cache", "-o", "other.html", "--exit-zero", "a.txt"])
    assert result.exit_code == 0 and (tmp_path / "other.html").is_file()


@pytest.mark.parametrize(("lang", "word"), [("ru", "Обзор"), ("uk", "Огляд")])
def test_labels_follow_lang(tmp_path, lang, word):
    write(tmp_path / "a.txt", "He said - yes.\n")
    out = tmp_path / "report.html"
    CliRunner().invoke(
        main, ["--lang", lang, "check", "--no-cache", "--output-format", "html", "-o", str(out), str(tmp_path)]
    )
    html = out.read_text(encoding="utf-8")
    data = embedded(html)
    assert data["lang"] == lang and data["labels"]["overview"] == word
    assert f'<html lang="{lang}">' in html


def test_page_is_self_contained():
    html = page(
        {
            "lang": "en",
            "labels": {"title": "t<&>", "noscript": "n"},
            "families": [],
            "rules": {},
            "files": [],
        }
    )
    assert "<title>t&lt;&amp;&gt;</title>" in html
    assert not re.search(r"<(link|img|iframe)\b|\bsrc=", html)
