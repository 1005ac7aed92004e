"""PO catalogs: msgstr checked at the catalog's own lines, fixes written back, nothing else touched."""

from __future__ import annotations

import polib
from click.testing import CliRunner

from tqa.cli import main

CATALOG = r"""# News snippets.
msgid ""
msgstr ""
"Language: en\n"
"Content-Type: text/plain; charset=UTF-8\n"

#: news.py:1
msgid "Лавров заявил об ответных мерах."
msgstr "We wait, ”the minister said."

#, fuzzy
msgid "Черновик"
msgstr "Draft - old, ”he said."

msgid "Длинный текст"
msgstr ""
"First line is \"fine\".\n"
"Second line is clear - we wait.\n"

#~ msgid "Старое"
#~ msgstr "Obsolete - text"
"""


def test_findings_point_at_the_catalog_lines(tmp_path):
    path = tmp_path / "news.po"
    path.write_text(CATALOG, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    assert "news.po:9:16: Q101" in result.output
    assert "news.po:18:23: P301" in result.output
    assert ":13:" not in result.output and ":21:" not in result.output  # fuzzy and obsolete skipped
    assert ":13:" in CliRunner().invoke(main, ["check", "--include-fuzzy", str(path)]).output


def test_fix_rewrites_only_the_changed_msgstr(tmp_path):
    path = tmp_path / "news.po"
    path.write_text(CATALOG, encoding="utf-8")
    CliRunner().invoke(main, ["fix", "--unsafe-fixes", str(path)])
    fixed = path.read_text(encoding="utf-8")
    expected = CATALOG.replace("We wait, ”the", "We wait,” the").replace("clear - we", "clear – we")
    assert fixed == expected
    entries = {e.msgid: e for e in polib.pofile(str(path))}
    assert entries["Длинный текст"].msgstr == 'First line is "fine".\nSecond line is clear – we wait.\n'


def test_catalog_without_fixes_is_byte_identical(tmp_path):
    path = tmp_path / "clean.po"
    data = CATALOG.replace("We wait, ”the", "“We wait,” the").replace("clear - we", "clear – we").encode("utf-8")
    path.write_bytes(data)
    result = CliRunner().invoke(main, ["fix", str(path)])
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == data


def test_catalog_into_russian_is_not_checked_as_english(tmp_path):
    path = tmp_path / "ru.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Language: ru\\n"\n\nmsgid "Open - file"\nmsgstr "Открыть - файл"\n', encoding="utf-8"
    )
    assert CliRunner().invoke(main, ["check", str(path)]).exit_code == 0


def test_broken_catalog_is_an_input_error(tmp_path):
    path = tmp_path / "bad.po"
    path.write_text('msgid "x"\nmsgstr "y"\ngarbage line here\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2 and "bad.po:3: not a valid PO catalog" in result.stderr


def test_languages_can_be_named(tmp_path):
    path = tmp_path / "any.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n"Language: de\\n"\n\nmsgid "Ответ"\nmsgstr "Answer - clear."\n', encoding="utf-8"
    )
    assert CliRunner().invoke(main, ["check", str(path)]).exit_code == 0
    result = CliRunner().invoke(main, ["check", "--target-lang", "en", "--source-lang", "ru", str(path)])
    assert result.exit_code == 1 and "P301" in result.output
