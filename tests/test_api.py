"""The Python API as a program calls it: findings, fixes, files, and the same
findings `tqa check` reports, in the same JSON shape."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import tqa
from conftest import DATA, SEED, write
from tqa.cli import main

CASES = DATA / "cases"
USER_GLOSSARY = DATA / "glossary" / "user.toml"
SEED_TEXT = SEED.read_text(encoding="utf-8")


@pytest.fixture
def articles(tmp_path, monkeypatch):
    """A folder of articles (the test cases, a name spelled two ways across files) as the working folder."""
    monkeypatch.chdir(tmp_path)
    for case in sorted(CASES.glob("*.txt")) + sorted(CASES.glob("*.md")):
        write(tmp_path / "articles" / case.name, case.read_text(encoding="utf-8"))
    write(tmp_path / "articles" / "names_a.txt", "Analyst Ivan Petrovskiy spoke.\n")
    write(tmp_path / "articles" / "names_b.txt", "Petrovsky spoke again.\n")
    write(tmp_path / "articles" / "names_c.txt", "Petrovsky left.\n")
    return Path("articles")


def test_check_text_finds_what_check_reports():
    findings = tqa.check_text(SEED_TEXT, path="seed.txt")
    assert findings and all(isinstance(f, tqa.Finding) for f in findings)
    assert [f.start for f in findings] == sorted(f.start for f in findings)
    for finding in findings:
        before = SEED_TEXT[: finding.start]
        assert finding.line == before.count("\n") + 1
        assert finding.column == len(before) - (before.rfind("\n") + 1) + 1
        assert finding.path == "seed.txt"


def test_to_dict_equals_the_json_output(articles, runner):
    result = runner.invoke(main, ["check", "--no-cache", "--output-format", "json", str(articles)])
    assert result.exit_code == 1, result.output
    expected = json.loads(result.stdout)
    got = [finding.to_dict() for report in tqa.check_paths([articles]) for finding in report.findings]
    assert got == expected
    assert {"N602"} <= {row["code"] for row in got}  # the run-wide name check is there
    assert all(list(row) == list(expected[0]) for row in got)  # same keys, same order


def test_check_paths_streams_reports_without_the_run_wide_check(articles):
    reports = tqa.check_paths([articles], ignore="N602")
    assert not isinstance(reports, list)
    names = [report.path for report in reports]
    assert names == sorted(names) and all(name.startswith("articles") for name in names)


def test_check_paths_reports_a_missing_path_and_goes_on(articles):
    reports = list(tqa.check_paths(["missing.txt", articles / "names_a.txt"], select="Q"))
    assert reports[0].path == "missing.txt" and isinstance(reports[0].error, tqa.UserError)
    assert reports[1].path == os.path.join("articles", "names_a.txt") and reports[1].error is None


def test_check_paths_in_worker_processes_gives_the_same_reports(articles):
    one = [(r.path, [f.to_dict() for f in r.findings]) for r in tqa.check_paths([articles])]
    two = [(r.path, [f.to_dict() for f in r.findings]) for r in tqa.check_paths([articles], jobs=2)]
    assert one == two


def test_fix_text_is_what_tqa_fix_writes(tmp_path, runner):
    path = write(tmp_path / "seed.txt", SEED_TEXT)
    fixed = tqa.fix_text(SEED_TEXT, path="seed.txt")
    assert runner.invoke(main, ["fix", str(path)]).exit_code in (0, 1)
    assert fixed.text == path.read_text(encoding="utf-8") != SEED_TEXT
    assert fixed.applied and fixed.diff.startswith("--- a/seed.txt\n+++ b/seed.txt\n")
    again = tqa.check_text(fixed.text, path="seed.txt")
    assert [f.to_dict() for f in again] == [f.to_dict() for f in fixed.remaining]
    assert not any(f.fix and f.fix.applicability.value == "safe" for f in fixed.remaining)


def test_fix_text_of_clean_text_changes_nothing():
    clean = (CASES / "clean_english.txt").read_text(encoding="utf-8")
    result = tqa.fix_text(clean)
    assert (result.text, result.diff, result.applied) == (clean, "", [])


def test_select_and_ignore():
    codes = {f.code for f in tqa.check_text(SEED_TEXT)}
    assert len(codes) > 1
    one = sorted(codes)[0]
    assert {f.code for f in tqa.check_text(SEED_TEXT, select=[one])} == {one}
    assert {f.code for f in tqa.check_text(SEED_TEXT, ignore=one)} == codes - {one}


def test_markdown_code_blocks_are_left_alone():
    text = 'Intro text here.\n\n```\nHe said , that it was "fine ".\n```\n'
    assert tqa.check_text(text) != []
    assert tqa.check_text(text, markdown=True) == tqa.check_text(text, path="a.md") == []


def test_bad_input_raises_user_error(tmp_path):
    with pytest.raises(tqa.UserError, match="unknown rule code or name: Q999"):
        tqa.check_text("Text.", select="Q999")
    broken = write(tmp_path / "broken.toml", "[[entry]]\nid = 'x'\n")
    with pytest.raises(tqa.UserError) as error:
        tqa.check_text("Text.", glossary=[broken])
    assert error.value.path == str(broken)


def test_an_edited_glossary_file_is_read_again(tmp_path):
    glossary = write(tmp_path / "house.toml", USER_GLOSSARY.read_text(encoding="utf-8"))
    text = "The spec-operation continued."
    [before] = [f for f in tqa.check_text(text, glossary=[glossary]) if f.code == "T501"]
    assert before.fix.edits[0].content == "special military operation"
    edited = glossary.read_text(encoding="utf-8").replace('en = "special military operation"', 'en = "operation"')
    write(glossary, edited)
    [after] = [f for f in tqa.check_text(text, glossary=[glossary]) if f.code == "T501"]
    assert after.fix.edits[0].content == "operation"


def test_a_config_file_applies_only_when_named(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = write(tmp_path / "tqa.toml", 'select = ["Q"]\n')
    assert {f.code[0] for f in tqa.check_text(SEED_TEXT, config=config)} == {"Q"}
    assert len({f.code[0] for f in tqa.check_text(SEED_TEXT)}) > 1  # found, but not named: not read


def run_python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120)


def test_a_program_importing_tqa(tmp_path):
    """In a fresh interpreter: `import tqa` loads nothing heavy, the API works,
    and the host's heap is left unfrozen."""
    code = f"""
import gc, json, sys
import tqa
heavy = [name for name in ("tqa.api", "tqa.pipeline", "click", "tqa.glossary.compiled") if name in sys.modules]
findings = tqa.check_text(open({str(SEED)!r}, encoding="utf-8").read())
print(json.dumps({{"heavy": heavy, "frozen": gc.get_freeze_count(), "codes": [f.code for f in findings],
                  "first": findings[0].to_dict()}}))
"""
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["heavy"] == []
    assert report["frozen"] == 0
    assert report["codes"] == [f.code for f in tqa.check_text(SEED_TEXT)]
    assert report["first"]["filename"] == "<text>"


def test_the_package_is_typed():
    assert (Path(tqa.__file__).parent / "py.typed").is_file()
    assert set(tqa.__all__) <= set(dir(tqa))
    with pytest.raises(AttributeError):
        tqa.no_such_name  # noqa: B018


def test_check_text_with_its_russian_original(tmp_path, runner):
    """The source-aware rules, as `tqa check` runs them on a file paired with its original."""
    target, source = (
        "About 10,000 people came.\n\nThey stayed 3 days.\n",
        "Пришли около 10 тыс. человек.\n\nОни пробыли 4 дня.\n",
    )
    findings = tqa.check_text(target, path="a.en.txt", source=source, select="A")
    assert [f.code for f in findings] == ["A702"]
    assert tqa.check_text(target, select="A") == []
    write(tmp_path / "a.en.txt", target)
    write(tmp_path / "a.ru.txt", source)
    result = runner.invoke(main, ["check", "--select", "A", "--output-format", "json", str(tmp_path / "a.en.txt")])
    [row] = json.loads(result.stdout)
    assert {**findings[0].to_dict(), "filename": row["filename"]} == row
