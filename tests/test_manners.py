"""The layer around the findings: previews and reports that tell the truth."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from conftest import write
from tqa.cli import main

# Two safe fixes shorten lines 1 and 5; the Cyrillic words after them remain.
ARTICLE = (
    "The sanctions were imposed (diplomatic. - RT) on Monday. Left in: провокация.\n\n"
    "He said:\n\nwe go / they stay. Also провокация.\n"
)
ON_DISK = ["1:67: C402", "5:25: C402"]  # where the words are in the file as it is


def test_fix_diff_tells_remaining_findings_in_the_file_on_disk(runner, tmp_path):
    path = write(tmp_path / "a.txt", ARTICLE)
    result = runner.invoke(main, ["fix", "--diff", str(path)])
    assert result.exit_code == 1
    assert result.stdout.startswith("---") and "+we go/they stay." in result.stdout
    assert "C402" not in result.stdout
    for where in ON_DISK:
        assert f"a.txt:{where}" in result.stderr
    assert "Would fix 2 findings in 1 file. 2 findings would remain in 1 file." in result.stderr
    assert "Applied" not in result.output and ": would fix 1 × P302" in result.stderr
    assert path.read_text(encoding="utf-8") == ARTICLE


def test_check_diff_keeps_the_patch_alone_on_stdout(runner, tmp_path):
    path = write(tmp_path / "a.txt", ARTICLE)
    result = runner.invoke(main, ["check", "--diff", str(path)])
    assert result.exit_code == 1
    patch = result.stdout
    assert patch.startswith("--- ") and all(line[:1] in "-+@ " for line in patch.splitlines())
    for where in ON_DISK:
        assert f"a.txt:{where}" in result.stderr
    machine = runner.invoke(main, ["check", "--diff", "--output-format", "json", str(path)])
    assert machine.stdout == patch
    columns = sorted((item["location"]["row"], item["location"]["column"]) for item in json.loads(machine.stderr))
    assert (1, 67) in columns and (5, 25) in columns


def test_fix_output_folder_tells_findings_in_the_copy(runner, tmp_path):
    path = write(tmp_path / "in" / "a.txt", ARTICLE)
    out = tmp_path / "out"
    result = runner.invoke(main, ["fix", "-o", str(out), str(path)])
    assert result.exit_code == 1
    copy = out / "a.txt"
    assert f"{copy}:1:66: C402" in result.stdout and f"{copy}:5:23: C402" in result.stdout
    assert str(path) not in result.stdout.replace(str(copy), "")
    lines = copy.read_text(encoding="utf-8").splitlines()
    assert lines[0][65:].startswith("провокация") and lines[4][22:].startswith("провокация")


def test_missing_path_gives_no_contradicting_summary(runner, tmp_path):
    result = runner.invoke(main, ["check", str(tmp_path / "missing")])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "missing: no such file or folder" in result.stderr and "No findings" not in result.output


def test_run_that_checks_no_file_warns_and_exits_2(runner, tmp_path):
    (tmp_path / "empty").mkdir()
    write(tmp_path / "empty" / "notes.rst", ARTICLE)
    for command in (["check"], ["fix"], ["check", "--output-format", "json"]):
        result = runner.invoke(main, [*command, str(tmp_path / "empty")])
        assert result.exit_code == 2, command
        assert "tqa: warning: no file was checked" in result.stderr
        assert "No findings" not in result.output


def test_sarif_records_a_missing_path_as_a_failed_execution(runner, tmp_path):
    path = write(tmp_path / "a.txt", "Fine.\n")
    result = runner.invoke(main, ["check", "--output-format", "sarif", str(path), str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
    [invocation] = json.loads(result.stdout)["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    [notification] = invocation["toolExecutionNotifications"]
    assert "missing.txt: no such file or folder" in notification["message"]["text"]


def test_junit_records_a_missing_path_as_an_error(runner, tmp_path):
    path = write(tmp_path / "a.txt", "Fine.\n")
    result = runner.invoke(main, ["check", "--output-format", "junit", str(path), str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
    root = ET.fromstring(result.stdout)
    assert root.get("errors") == "1"
    [error] = root.iter("error")
    assert "no such file or folder" in error.get("message")


def test_statistics_print_the_table_alone(runner, tmp_path):
    path = write(tmp_path / "a.txt", ARTICLE + "\nHe said - yes.\n")
    result = runner.invoke(main, ["check", "--statistics", str(path)])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "    2  C402      leftover-cyrillic",
        "    1  P301      hyphen-as-dash",
        "    1  P302  [*] spaced-slash",
        "    1  S202  [*] russian-style-editorial-insertion",
        "[*] fixable with `tqa fix`",
    ]
    unsafe = runner.invoke(main, ["check", "--statistics", "--unsafe-fixes", str(path)])
    assert "    1  P301  [*] hyphen-as-dash" in unsafe.stdout
    rows = json.loads(runner.invoke(main, ["check", "--statistics", "--output-format", "json", str(path)]).stdout)
    assert rows[0] == {"code": "C402", "name": "leftover-cyrillic", "count": 2, "fixable": False}
    assert {"code": "P302", "name": "spaced-slash", "count": 1, "fixable": True} in rows
