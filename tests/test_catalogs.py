"""The message catalogs in locales/ stay in step with the code."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from conftest import SEED
from tqa import rule_docs
from tqa.catalog import Message, extract, messages, problems, rule_messages
from tqa.cli import main
from tqa.i18n import available_languages, language_from_environment
from tqa.model import FixAvailability, Rule, Severity
from tqa.resources import locales_dir
from tqa.rules import ALL_RULES

LANGUAGES = [language for language in available_languages() if language != "en"]


def catalog(language: str) -> polib.POFile:
    return polib.pofile(str(locales_dir() / language / "LC_MESSAGES" / "tqa.po"))


def test_russian_and_ukrainian_catalogs_exist():
    assert {"ru", "uk"} <= set(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_has_every_message_and_no_obsolete_one(language):
    wanted = {msgid for msgid, _plural in extract()}
    present = {entry.msgid for entry in catalog(language) if not entry.obsolete}
    assert sorted(wanted - present) == [], "missing"
    assert sorted(present - wanted) == [], "obsolete"


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_translates_every_message_and_rule_documentation(language):
    """Translated, placeholders and `code spans` kept, rule documentation not left in English, no fuzzy."""
    assert problems(catalog(language), messages()) == []


def test_rule_documentation_paragraphs_are_messages():
    wanted = messages()
    for rule in ALL_RULES:
        doc = rule_docs.parse(rule.doc)
        headings = [section.heading for section in doc.sections]
        assert headings[:2] == ["What it does:", "Why is this bad?"] and "Fix safety:" in headings, rule.code
        for message, _line, _heading in doc.messages():
            assert wanted[(message, None)].documentation, message
    # Example lines show the English being illustrated: they are not messages.
    assert not any(msgid.startswith(("Bad:", "Good:")) for msgid, _plural in wanted)


def new_rule(doc):
    """Quotation mark from a new rule.

    What it does:
        Finds a mark such as `”` in a new place,
        wrapped over two lines.

    Why is this bad?
        Readers stumble.

    Example:
        Bad: A ”mark.
        Good: A mark.

    Fix safety:
        No fix: where the new mark goes is the editor's call.
    """
    yield from ()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_rule_added_without_translations_fails_the_catalog_check(language):
    rule = Rule("Q199", "new-rule", new_rule, FixAvailability.NEVER, Severity.WARNING)
    wanted = {**messages(), **rule_messages([rule])}
    found = problems(catalog(language), wanted)
    assert "missing: 'Finds a mark such as `”` in a new place, wrapped over two lines.'" in found
    assert "missing: 'Readers stumble.'" in found
    assert not any("A ”mark" in line for line in found)
    # Relative to the installed package's folder: the checkout's in an editable install.
    (place,) = wanted[("Readers stumble.", None)].places
    assert place.endswith(f"tests/test_catalogs.py:{_line_of('Readers stumble.')}")
    assert wanted[("Readers stumble.", None)].comments == ["Q199 new-rule: Why is this bad"]


def _line_of(text: str) -> int:
    lines = Path(__file__).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.strip() == text)


def test_catalog_check_catches_bad_documentation_translations():
    msgid = "Finds `a - b` and `c`."
    entries = {
        "Находит `a - b`.": "`code spans` differ",
        "Находит `a — b` и `c`.": "`code spans` differ",
        "Finds `a - b` and `c`.": "left in English",
        "": "untranslated",
    }
    for msgstr, problem in entries.items():
        po = polib.POFile()
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
        assert problems(po, {(msgid, None): Message(documentation=True)}) == [f"{problem}: {msgid!r}"]
    po = polib.POFile()
    po.append(polib.POEntry(msgid=msgid, msgstr="Находит `a - b` и `c`.", flags=["fuzzy"]))
    assert problems(po, {(msgid, None): Message(documentation=True)}) == [f"fuzzy: {msgid!r}"]


def test_language_from_environment():
    assert language_from_environment({"LANG": "ru_RU.UTF-8"}) == "ru"
    assert language_from_environment({"TQA_LANG": "uk", "LANG": "ru_RU.UTF-8"}) == "uk"
    assert language_from_environment({"LC_ALL": "C", "LANG": "ru_RU.UTF-8"}) == "en"
    assert language_from_environment({"LC_MESSAGES": "ru_RU.UTF-8", "LANG": "en_US.UTF-8"}) == "ru"
    assert language_from_environment({"LANG": "xx_YY"}) == "en"


def test_russian_output(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(SEED.read_bytes())
    result = CliRunner().invoke(main, ["--lang", "ru", "check", "--select", "Q101", str(path)])
    assert result.exit_code == 1
    assert "Q101" in result.output and "Closing quote" not in result.output
    assert re.search("[а-я]", result.output)


def test_config_show_speaks_the_configured_language(tmp_path, monkeypatch):
    (tmp_path / "tqa.toml").write_text('lang = "uk"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TQA_LANG", raising=False)
    shown = CliRunner().invoke(main, ["config", "show"]).output
    assert "файл конфігурації" in shown and "# типово" in shown and "default" not in shown
    shown = CliRunner().invoke(main, ["--lang", "en", "config", "show"]).output
    assert "configuration file" in shown
