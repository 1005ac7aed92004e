"""The message catalogs in locales/ stay in step with the code."""

from __future__ import annotations

import re

import polib
import pytest
from click.testing import CliRunner

from conftest import SEED
from tqa.catalog import extract
from tqa.cli import main
from tqa.i18n import available_languages, language_from_environment
from tqa.resources import locales_dir

PLACEHOLDER = re.compile(r"\{[^{}]*\}")
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
def test_every_message_is_translated_with_the_same_placeholders(language):
    for entry in catalog(language):
        assert "fuzzy" not in entry.flags, entry.msgid
        forms = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        assert all(forms), f"untranslated: {entry.msgid}"
        for form in forms:
            assert sorted(PLACEHOLDER.findall(form)) == sorted(PLACEHOLDER.findall(entry.msgid)), entry.msgid


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
