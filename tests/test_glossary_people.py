"""People and place names: every example fixed as stated, accepted spellings never flagged."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tqa.cli import main
from tqa.config import place_style_file
from tqa.glossary.compiled import check_files, load_glossary
from tqa.glossary.examples import example_problems
from tqa.glossary.load import builtin_files

OWN_FILES = [p for p in builtin_files() if p.name.startswith(("people", "places"))]


@pytest.fixture(scope="module")
def entries():
    names = {p.name for p in OWN_FILES}
    return [e for e in load_glossary().entries if Path(e.path).name in names]


def test_people_files_hold_at_least_a_thousand_people(entries):
    assert sum(e.kind == "person" for e in entries) >= 1000


def test_every_flag_example_is_fixed_as_stated(entries):
    # All examples in one document, fixed in-process: one check per fix round.
    assert [str(p) for p in example_problems(entries)] == []


def test_accepted_spellings_are_never_flagged(entries):
    matcher = load_glossary().matcher
    text = "\n\n".join(f"{form} said on Tuesday that the talks would continue." for e in entries for form in e.also)
    assert [text[m.start : m.end] for m in matcher.find(text) if m.entry.kind == "person"] == []


def _check(runner, tmp_path, text, config=""):
    article = tmp_path / "a.txt"
    article.write_text(text, encoding="utf-8")
    settings = tmp_path / "tqa.toml"
    settings.write_text(config, encoding="utf-8")
    return runner.invoke(main, ["check", "--select", "T,N", "--config", str(settings), str(article)])


@pytest.mark.parametrize(
    ("config", "flagged", "quiet"),
    [
        ("", "Kiev", "Kyiv"),
        ('place-style = "ukrainian"\n', "Kharkov", "Kharkiv"),
        ('place-style = "traditional"\n', "Kyiv", "Kiev"),
        ('place-style = "traditional"\n', "Zaporozhie", "Zaporizhzhia"),
    ],
)
def test_place_style_chooses_the_spelling_of_ukrainian_places(tmp_path, config, flagged, quiet):
    runner = CliRunner()
    found = _check(runner, tmp_path, f"Explosions were heard in {flagged} overnight.\n", config)
    assert found.exit_code == 1 and f"`{flagged}`" in found.output
    assert _check(runner, tmp_path, f"Explosions were heard in {quiet} overnight.\n", config).exit_code == 0


def test_places_every_style_flag_the_russian_names_of_war_towns(tmp_path):
    runner = CliRunner()
    for config in ("", 'place-style = "traditional"\n'):
        result = _check(runner, tmp_path, "The army left Avdeyevka and Ugledar.\n", config)
        assert "`Avdiivka`" in result.output and "`Vuhledar`" in result.output


def test_traditional_place_style_is_a_valid_layer_whose_examples_are_fixed_as_stated():
    layer = place_style_file("traditional")
    entries, _matcher, problems = check_files([layer], builtin_files())
    assert [str(p) for p in problems] == []
    own = [e for e in entries if Path(e.path) == layer]
    assert len(own) >= 20 and [str(p) for p in example_problems(own, [str(layer)])] == []


def test_place_style_is_shown_and_checked(tmp_path):
    runner = CliRunner()
    settings = tmp_path / "tqa.toml"
    settings.write_text('place-style = "traditional"\n', encoding="utf-8")
    shown = runner.invoke(main, ["config", "show", "--config", str(settings)])
    assert shown.exit_code == 0 and "place_style" in shown.output and "traditional" in shown.output
    settings.write_text('place-style = "kyiv"\n', encoding="utf-8")
    bad = runner.invoke(main, ["config", "show", "--config", str(settings)])
    assert bad.exit_code == 2 and "tqa.toml:1:" in bad.stderr and "ukrainian, traditional" in bad.stderr
