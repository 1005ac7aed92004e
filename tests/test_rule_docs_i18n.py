"""`tqa rule` shows each rule's documentation in the chosen language; the examples stay English."""

from __future__ import annotations

import inspect
import json
import os
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

from tqa import rule_docs
from tqa.cli import main
from tqa.rule_docs import CODE_SPAN
from tqa.rules import ALL_RULES

LANGUAGES = ("ru", "uk")
CYRILLIC = re.compile("[а-яіїєґ]", re.IGNORECASE)
EXAMPLE_LABELS = {"ru": ("Плохо:", "Хорошо:"), "uk": ("Погано:", "Добре:")}
HEADINGS = {
    "ru": ("Что делает:", "Чем плохо?", "Пример:", "Безопасность исправления:"),
    "uk": ("Що робить:", "Чим погано?", "Приклад:", "Безпечність виправлення:"),
}


def run(*args: str, env: dict[str, str] | None = None) -> str:
    result = CliRunner().invoke(main, list(args), env=env)
    assert result.exit_code == 0, result.output
    return result.output


def flat(text: str) -> str:
    return " ".join(text.split())


def prose(rule) -> list[str]:
    doc = rule_docs.parse(rule.doc)
    return [p.message for s in doc.sections for p in s.paragraphs if not p.example]


def example_lines(rule) -> list[str]:
    doc = rule_docs.parse(rule.doc)
    return [line.split(":", 1)[1] for s in doc.sections for p in s.paragraphs if p.example for line in p.lines]


def test_english_documentation_is_the_docstring():
    for rule in ALL_RULES:
        assert rule_docs.explanation(rule) == inspect.cleandoc(rule.doc)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_rule_documentation_has_no_english_prose(rule, language):
    output = run("--lang", language, "rule", rule.code)

    assert output.splitlines()[0] == f"{rule.code} {rule.name}"
    for paragraph in prose(rule):
        assert paragraph not in flat(output), paragraph
    # Every shown paragraph but the example lines is in the language (outside `code spans`).
    indented = (
        "\n".join(line for line in block.splitlines() if line.startswith(" ")) for block in output.split("\n\n")
    )
    blocks = [block for block in indented if block and not block.lstrip().startswith(EXAMPLE_LABELS[language])]
    assert len(blocks) >= len(prose(rule))
    assert all(CYRILLIC.search(CODE_SPAN.sub("", block)) for block in blocks)
    for heading in HEADINGS[language]:
        assert heading in output.splitlines()
    # The illustrated English text is shown as written.
    for line in example_lines(rule):
        assert line in output


@pytest.mark.parametrize("language", LANGUAGES)
def test_all_rules_in_json_carry_the_translated_explanation(language):
    rows = json.loads(run("--lang", language, "rule", "--all", "--output-format", "json"))
    assert [row["code"] for row in rows] == [rule.code for rule in ALL_RULES]
    text = run("--lang", language, "rule", "--all")
    for rule, row in zip(ALL_RULES, rows, strict=True):
        assert row["explanation"] in text
        assert HEADINGS[language][0] in row["explanation"]
        for paragraph in prose(rule):
            assert paragraph not in flat(row["explanation"]), paragraph
        parts = row["fix_safety"].split("\n\n")
        assert all(part and flat(part) in flat(row["explanation"]) and part not in prose(rule) for part in parts)


def test_english_json_keeps_the_docstring():
    row = json.loads(run("rule", "P301", "--output-format", "json"))
    rule = next(r for r in ALL_RULES if r.code == "P301")
    assert row["explanation"] == inspect.cleandoc(rule.doc)
    assert row["fix_safety"] == prose(rule)[-1]


def test_language_environment_variable_is_honoured():
    """As gettext reads it: LANGUAGE (a list, the first available wins) over LANG, unless the locale is C."""
    environ = {key: value for key, value in os.environ.items() if key not in ("TQA_LANG", "LC_ALL", "LC_MESSAGES")}
    environ.update(LANGUAGE="uk:ru", LANG="en_US.UTF-8")
    command = [sys.executable, "-m", "tqa", "rule", "P302"]
    output = subprocess.run(command, env=environ, capture_output=True, text=True, check=True).stdout
    assert HEADINGS["uk"][0] in output
