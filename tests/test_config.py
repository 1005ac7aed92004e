"""Configuration: found by walking up, strict about keys and values, shown with origins."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from tqa.cli import main

ARTIFACT = "Our answer is clear - we wait.\n\nWe wait, ”the minister said.\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "articles" / "drafts").mkdir(parents=True)
    (tmp_path / "articles" / "a.txt").write_text(ARTIFACT, encoding="utf-8")
    (tmp_path / "articles" / "drafts" / "b.txt").write_text(ARTIFACT, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "articles")
    return tmp_path


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_pyproject_section_is_found_by_walking_up(project):
    (project / "pyproject.toml").write_text('[tool.tqa]\nselect = ["P"]\n', encoding="utf-8")
    result = run("check", ".")
    assert result.exit_code == 1
    assert "P301" in result.output and "Q101" not in result.output


def test_tqa_toml_options(project):
    (project / "tqa.toml").write_text(
        'ignore = ["Q"]\nexclude = ["drafts/*"]\n[per-file-ignores]\n"a.txt" = ["P301"]\n[severity]\nP301 = "info"\n',
        encoding="utf-8",
    )
    result = run("check", ".")
    assert result.exit_code == 0, result.output
    assert "No findings in 1 file." in result.output


def test_command_line_beats_the_file(project):
    (project / ".tqa.toml").write_text('select = ["P"]\n', encoding="utf-8")
    assert "Q101" in run("check", "--select", "Q", ".").output


def test_misspelt_key_is_an_error_naming_file_line_and_key(project):
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.tqa]\nselct = ["Q"]\n', encoding="utf-8")
    result = run("check", ".")
    assert result.exit_code == 2
    assert f"{project / 'pyproject.toml'}:5: unknown setting `selct`" in result.stderr


def test_bad_value_and_unknown_code_are_errors(project):
    (project / "tqa.toml").write_text('output-format = "xml"\n', encoding="utf-8")
    assert "`output-format` must be one of" in run("check", ".").stderr
    (project / "tqa.toml").write_text('select = ["Z9"]\n', encoding="utf-8")
    result = run("check", ".")
    assert result.exit_code == 2 and "unknown rule code or name: Z9" in result.stderr


def test_explicit_config_and_config_show(project):
    path = project / "custom.toml"
    path.write_text('select = ["Q101"]\nlang = "en"\n', encoding="utf-8")
    result = run("config", "show", "--config", str(path))
    assert result.exit_code == 0
    assert "select             = ['Q101']" in result.output and str(path) in result.output
    assert "# default" in result.output
    assert run("check", "--config", str(project / "missing.toml"), ".").exit_code == 2
