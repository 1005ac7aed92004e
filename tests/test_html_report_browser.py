"""The HTML review report opened in headless Chromium: what its script renders,
filters, keyboard navigation, a phone's width, hostile article text, --lang.
Screenshots are saved in each test's temporary folder. Skipped (with the reason
shown) where /usr/bin/chromium is missing: `.ci/run` installs it where it can."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from chromium import CHROMIUM, Browser
from conftest import SEED, write
from test_html_report import HOSTILE, PAIRED_EN, PAIRED_RU, embedded
from tqa.cli import main
from tqa.report.html import page

pytestmark = pytest.mark.skipif(
    not CHROMIUM.is_file(), reason=f"{CHROMIUM} is missing: install Debian's chromium to test the HTML report"
)
EMOJI = "Emoji 😀 and 𝔸 first - then “quote ”here.\n\nA second paragraph , with a space.\n"


@pytest.fixture(scope="module")
def browser():
    with Browser() as opened:
        yield opened


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> tuple[Path, dict]:
    """A report of a real machine translation, a paired article, emoji and hostile text."""
    folder = tmp_path_factory.mktemp("articles")
    shutil.copy(SEED, folder / "seed.txt")
    write(folder / "paired" / "article.en.txt", PAIRED_EN)
    write(folder / "paired" / "article.ru.txt", PAIRED_RU)
    write(folder / "emoji.txt", EMOJI)
    write(folder / "hostile.txt", HOSTILE)
    write(folder / "clean.txt", "The talks ended on Monday.\n")
    return folder, make_report(folder, folder / "report.html")


def make_report(folder: Path, out: Path, *options: str) -> dict:
    result = CliRunner().invoke(
        main, [*options, "check", "--no-cache", "--output-format", "html", "-o", str(out), str(folder)]
    )
    assert result.exit_code == 1, result.output
    return embedded(out.read_text(encoding="utf-8"))


def opened(browser: Browser, path: Path, **size) -> None:
    browser.errors.clear()
    browser.open(path, **size)
    assert browser.evaluate("document.documentElement.hasAttribute('data-ready')")


def open_article(browser: Browser, name: str) -> int:
    """Open the article whose path ends with `name`; its index in the data."""
    index = browser.evaluate(
        f"""(() => {{ const row = [...document.querySelectorAll('#files tbody tr')]
            .find(r => r.querySelector('button').textContent.endsWith({json.dumps(name)}));
            row.querySelector('button').click(); return Number(row.dataset.file); }})()"""
    )
    return index


def count(browser: Browser, selector: str) -> int:
    return browser.evaluate(f"document.querySelectorAll({json.dumps(selector)}).length")


def test_overview_lists_every_file_and_charts_every_rule(browser, articles, tmp_path):
    folder, data = articles
    opened(browser, folder / "report.html")
    assert count(browser, "#files tbody tr") == len(data["files"])
    assert count(browser, "#chart svg g.bar") == len(data["rules"])
    names = [Path(item["path"]).name for item in data["files"]]
    shown = browser.evaluate("[...document.querySelectorAll('#files tbody tr button')].map(b => b.textContent)")
    assert sorted(Path(path).name for path in shown) == sorted(names)
    browser.screenshot(tmp_path / "overview.png")
    assert (tmp_path / "overview.png").stat().st_size > 10_000
    assert browser.errors == []


def test_each_article_highlights_each_finding_once(browser, articles, tmp_path):
    folder, data = articles
    opened(browser, folder / "report.html")
    for item in data["files"]:
        index = open_article(browser, Path(item["path"]).name)
        findings = data["files"][index]["findings"]
        assert count(browser, "#article mark.hl[data-primary]") == len(findings), item["path"]
        marked = browser.evaluate(
            "[...document.querySelectorAll('#article mark.hl[data-primary]')].map(m => Number(m.dataset.i))"
        )
        assert sorted(marked) == list(range(len(findings)))
        if "source" not in item:  # the text shown is the text checked, character for character
            assert browser.evaluate("document.querySelector('#article .text').textContent") == item["text"]
        browser.screenshot(tmp_path / f"article-{index}.png")
        browser.evaluate("document.querySelector('.article-bar button').click()")
    assert browser.errors == []


def test_highlight_of_a_finding_covers_its_span(browser, articles):
    folder, data = articles
    opened(browser, folder / "report.html")
    index = open_article(browser, "emoji.txt")
    for number, finding in enumerate(data["files"][index]["findings"]):
        # The text of a highlight and its continuations is the finding's span (UTF-16 offsets).
        covered = browser.evaluate(
            f"[...document.querySelectorAll('#article mark.hl[data-i=\"{number}\"]')]"
            ".map(m => [...m.childNodes].filter(n => n.nodeType === 3 || n.tagName === 'MARK')"
            ".map(n => n.textContent).join('')).join('')"
        )
        expected = data["files"][index]["text"].encode("utf-16-le")[2 * finding["start"] : 2 * finding["end"]]
        assert covered == expected.decode("utf-16-le")


def test_filters_change_what_is_shown(browser, articles, tmp_path):
    folder, data = articles
    opened(browser, folder / "report.html")
    index = open_article(browser, "seed.txt")
    findings = data["files"][index]["findings"]
    quotes = sum(data["rules"][f["code"]]["family"] == "quotes" for f in findings)
    assert 0 < quotes < len(findings)
    lit = "#article mark.hl[data-primary]:not(.off)"
    assert count(browser, lit) == len(findings)
    bars = count(browser, "#chart svg g.bar")
    browser.evaluate(
        "[...document.querySelectorAll('.filters label')].find(l => l.textContent.trim() === 'quotes')"
        ".querySelector('input').click()"
    )
    assert count(browser, lit) == len(findings) - quotes
    assert count(browser, "#finding-list li") == len(findings) - quotes
    assert count(browser, "#chart svg g.bar") < bars
    browser.screenshot(tmp_path / "filtered.png")
    code = findings[0]["code"]
    browser.evaluate(
        f"(() => {{ const s = document.getElementById('rule-filter'); s.value = {json.dumps(code)};"
        " s.dispatchEvent(new Event('change')); })()"
    )
    expected = sum(f["code"] == code and data["rules"][code]["family"] != "quotes" for f in findings)
    assert count(browser, lit) == expected
    for severity in ("error", "warning", "info"):
        browser.evaluate(
            f"[...document.querySelectorAll('.filters label')].find(l => l.textContent.trim() === '{severity}')"
            ".querySelector('input').click()"
        )
    assert count(browser, lit) == 0
    assert browser.errors == []


def test_overview_sorts_by_a_column(browser, articles):
    folder, _data = articles
    opened(browser, folder / "report.html")

    def column(number: int) -> list[str]:
        return browser.evaluate(
            f"[...document.querySelectorAll('#files tbody tr td:nth-child({number})')].map(td => td.textContent)"
        )

    totals = [float(value) for value in column(4)]
    assert totals == sorted(totals, reverse=True)  # articles needing a person most come first
    browser.evaluate("document.querySelector('#files th:nth-child(2) button').click()")
    words = [int(value) for value in column(2)]
    assert words == sorted(words, reverse=True)
    browser.evaluate("document.querySelector('#files th:nth-child(2) button').click()")
    assert [int(value) for value in column(2)] == sorted(words)
    assert browser.evaluate("document.querySelector('#files th:nth-child(2)').getAttribute('aria-sort')") == "ascending"


def test_keyboard_moves_from_finding_to_finding(browser, articles):
    folder, data = articles
    opened(browser, folder / "report.html")
    browser.press("j")  # from the overview: the first finding of the first article listed
    first = browser.evaluate("document.activeElement.dataset.i")
    assert first == "0" and browser.evaluate("document.activeElement.classList.contains('current')")
    label = browser.evaluate("document.activeElement.getAttribute('aria-label')")
    index = browser.evaluate("Number(document.querySelector('#files tbody tr').dataset.file)")
    finding = data["files"][index]["findings"][0]
    assert finding["code"] in label and finding["message"] in label
    assert finding["message"] in browser.evaluate("document.getElementById('panel').textContent")
    browser.press("n")
    browser.press("n")
    browser.press("k")
    starts = sorted(
        range(len(data["files"][index]["findings"])), key=lambda i: data["files"][index]["findings"][i]["start"]
    )
    assert browser.evaluate("document.activeElement.dataset.i") == str(starts[1])
    browser.press("p")
    browser.press("p")  # before the first finding of the first article: stays
    assert browser.evaluate("document.activeElement.dataset.i") == str(starts[0])
    browser.press("Escape")
    assert browser.evaluate("document.getElementById('overview').hidden") is False
    assert browser.errors == []


def test_panel_tells_fix_and_documentation_on_demand(browser, articles):
    folder, data = articles
    opened(browser, folder / "report.html")
    index = open_article(browser, "seed.txt")
    findings = data["files"][index]["findings"]
    number = next(i for i, f in enumerate(findings) if f["fix"] and f["fix"]["safety"] == "safe")
    browser.evaluate(f"document.querySelector('#article mark.hl[data-i=\"{number}\"][data-primary]').click()")
    panel = browser.evaluate("document.getElementById('panel').textContent")
    assert findings[number]["fix"]["title"] in panel and "tqa fix" in panel
    assert count(browser, "#panel pre") == 0
    browser.evaluate("document.querySelector('#panel details summary').click()")
    rule = data["rules"][findings[number]["code"]]
    assert browser.evaluate("document.querySelector('#panel pre').textContent") == rule["doc"]


def test_cleaned_text_tab_shows_the_diff(browser, articles, tmp_path):
    folder, data = articles
    opened(browser, folder / "report.html")
    index = open_article(browser, "seed.txt")
    browser.evaluate("document.getElementById('tab-diff').click()")
    assert browser.evaluate("document.getElementById('pane-text').hidden")
    changed = sum(max(past - first, len(lines)) for first, past, lines in data["files"][index]["diff"])
    assert count(browser, "#pane-diff td.del, #pane-diff td.ins") >= changed > 0
    assert count(browser, "#pane-diff ins") > 0
    browser.screenshot(tmp_path / "diff.png")
    index = open_article_after_back(browser, "clean.txt")
    browser.evaluate("document.getElementById('tab-diff').click()")
    assert "would change nothing" in browser.evaluate("document.getElementById('pane-diff').textContent")
    assert browser.errors == []


def open_article_after_back(browser: Browser, name: str) -> int:
    browser.evaluate("document.querySelector('.article-bar button').click()")
    return open_article(browser, name)


def test_source_paragraphs_stand_beside_the_translation(browser, articles, tmp_path):
    folder, data = articles
    opened(browser, folder / "report.html")
    index = open_article(browser, "article.en.txt")
    pairs = data["files"][index]["source"]
    assert count(browser, "#article .pair:not(.pair-head)") == len(pairs) == 3
    shown = browser.evaluate("[...document.querySelectorAll('#article .pair div[lang=ru]')].map(d => d.textContent)")
    assert shown == [pair[2] for pair in pairs]
    english = browser.evaluate("[...document.querySelectorAll('#article .pair div[lang=en]')].map(d => d.textContent)")
    assert "".join(english) == data["files"][index]["text"]
    browser.screenshot(tmp_path / "paired.png")


def test_hostile_article_text_never_runs(browser, articles, tmp_path):
    folder, _data = articles
    opened(browser, folder / "report.html")
    open_article(browser, "hostile.txt")
    assert browser.evaluate("typeof window.__pwned") == "undefined"
    assert count(browser, "img, iframe, textarea") == 0
    assert count(browser, "script") == 2
    assert browser.evaluate("document.querySelector('#article .text').textContent") == HOSTILE
    for _finding in range(count(browser, "#article mark.hl[data-primary]")):
        browser.press("j")
    browser.screenshot(tmp_path / "hostile.png")
    assert browser.evaluate("typeof window.__pwned") == "undefined"
    assert browser.errors == []


def test_phone_width_has_no_sideways_scrolling(browser, articles, tmp_path):
    folder, _data = articles
    opened(browser, folder / "report.html", width=390, height=844, mobile=True)
    open_article(browser, "article.en.txt")
    assert browser.evaluate("document.documentElement.scrollWidth") <= 390
    stacked = browser.evaluate(
        "(() => { const row = document.querySelector('#article .pair:not(.pair-head)');"
        " return row.querySelector('[lang=ru]').offsetTop > row.querySelector('[lang=en]').offsetTop; })()"
    )
    assert stacked  # the source under its translation, not beside it
    browser.screenshot(tmp_path / "phone.png")
    assert browser.errors == []


def test_highlights_are_labelled_and_focus_is_visible(browser, articles):
    folder, _data = articles
    opened(browser, folder / "report.html")
    open_article(browser, "seed.txt")
    labels = browser.evaluate(
        "[...document.querySelectorAll('#article mark.hl[data-primary]')].map(m => m.getAttribute('aria-label'))"
    )
    assert labels and all(labels)
    browser.press("j")
    outline = browser.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")


def test_labels_in_russian(browser, articles, tmp_path):
    folder, _data = articles
    make_report(folder, tmp_path / "ru.html", "--lang", "ru")
    opened(browser, tmp_path / "ru.html")
    assert browser.evaluate("document.documentElement.lang") == "ru"
    assert "Замечания по правилам" in browser.evaluate("document.body.textContent")
    open_article(browser, "article.en.txt")
    assert "Русский оригинал" in browser.evaluate("document.body.textContent")
    browser.screenshot(tmp_path / "ru.png")
    assert browser.errors == []


def test_chart_bar_sets_the_rule_filter(browser, articles):
    folder, data = articles
    opened(browser, folder / "report.html")
    code = browser.evaluate("document.querySelector('#chart g.bar').dataset.code")
    browser.evaluate("document.querySelector('#chart g.bar').dispatchEvent(new MouseEvent('click', {bubbles: true}))")
    assert browser.evaluate("document.getElementById('rule-filter').value") == code
    assert count(browser, "#chart g.bar") == 1
    with_rule = sum(any(f["code"] == code for f in item.get("findings", ())) for item in data["files"])
    counts = browser.evaluate(
        "[...document.querySelectorAll('#files tbody td:nth-child(3)')].map(td => td.textContent)"
    )
    assert sum(value != "0" for value in counts) == with_rule


def test_filtered_out_highlights_are_plain_text_to_assistive_technology(browser, articles):
    folder, _data = articles
    opened(browser, folder / "report.html")
    open_article(browser, "seed.txt")
    browser.evaluate(
        "[...document.querySelectorAll('.filters label')].find(l => l.textContent.trim() === 'quotes')"
        ".querySelector('input').click()"
    )
    hidden = browser.evaluate(
        "[...document.querySelectorAll('#article mark.hl.off[data-primary]')]"
        ".map(m => [m.getAttribute('role'), m.getAttribute('aria-label'), m.tabIndex])"
    )
    assert hidden and all(item == [None, None, -1] for item in hidden)
    assert count(browser, "#article [aria-hidden=true]:not(.swatch)") == 0


def test_panel_shows_the_glossary_entry(browser, articles, tmp_path):
    """A finding from a glossary entry names it: id, note and reference."""
    data = json.loads(json.dumps(articles[1]))
    index = next(i for i, item in enumerate(data["files"]) if item.get("findings"))
    entry = {
        "id": "foreign-minister",
        "note": "The minister, not the ministry's head.",
        "ref": "https://example.org/</script>",
    }
    data["files"][index]["findings"][0]["glossary"] = entry
    out = tmp_path / "glossary.html"
    out.write_text(page(data), encoding="utf-8")
    opened(browser, out)
    open_article(browser, Path(data["files"][index]["path"]).name)
    browser.evaluate("document.querySelector('#article mark.hl[data-i=\"0\"][data-primary]').click()")
    panel = browser.evaluate("document.getElementById('panel').textContent")
    assert all(value in panel for value in entry.values())
    assert browser.errors == []
