"""The command line as a user runs it: exit codes, outputs, errors, writing files."""

from __future__ import annotations

import json
import os
import stat

import pytest

from conftest import SEED, write
from tqa.cli import main

ARTIFACT = "We are ready to talk, he said. “Our answer is clear. We wait, ”the minister said.\n"
CLEAN = "We are ready to talk, he said.\n"


def test_check_seed_folder_reports_and_exits_1(runner, tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_bytes(SEED.read_bytes())
    result = runner.invoke(main, ["check", str(tmp_path / "seeds")])
    assert result.exit_code == 1
    assert "a.txt:9:206: Q101 Closing quote detached" in result.output
    assert "fix (safe): Move the quote to the punctuation: `,” Lavrov`" in result.output
    assert result.output.rstrip().splitlines()[-1].startswith("Found ")


def test_clean_file_exits_0(runner, tmp_path):
    result = runner.invoke(main, ["check", str(write(tmp_path / "a.txt", CLEAN))])
    assert result.exit_code == 0, result.output
    assert "No findings in 1 file." in result.output


def test_exit_zero(runner, tmp_path):
    result = runner.invoke(main, ["check", "--exit-zero", str(write(tmp_path / "a.txt", ARTIFACT))])
    assert result.exit_code == 0


def test_json_output_is_shaped_like_ruff(runner, tmp_path):
    path = write(tmp_path / "a.txt", ARTIFACT)
    result = runner.invoke(main, ["check", "--output-format", "json", str(path)])
    assert result.exit_code == 1
    [finding] = json.loads(result.stdout)
    assert finding["code"] == "Q101"
    assert finding["filename"].endswith("a.txt")
    assert finding["location"] == {"row": 1, "column": 61}
    assert finding["end_location"] == {"row": 1, "column": 64}
    assert finding["fix"]["applicability"] == "safe"
    [edit] = finding["fix"]["edits"]
    assert edit == {"content": "” ", "location": {"row": 1, "column": 62}, "end_location": {"row": 1, "column": 64}}


def test_select_and_ignore_by_prefix(runner, tmp_path):
    path = write(tmp_path / "a.txt", ARTIFACT)
    assert runner.invoke(main, ["check", "--select", "P", str(path)]).exit_code == 0
    assert runner.invoke(main, ["check", "--ignore", "Q1", str(path)]).exit_code == 0
    assert runner.invoke(main, ["check", "--select", "Q101", str(path)]).exit_code == 1
    bad = runner.invoke(main, ["check", "--select", "Z999", str(path)])
    assert bad.exit_code == 2 and "Z999" in bad.output


def test_statistics(runner, tmp_path):
    result = runner.invoke(main, ["check", "--statistics", str(write(tmp_path / "a.txt", ARTIFACT))])
    assert "    1  Q101  [*] detached-closing-quote" in result.output


def test_bad_inputs_exit_2_and_other_files_still_checked(runner, tmp_path):
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG")
    (tmp_path / "cp1251.txt").write_bytes("Лавров сказал: «Мы готовы», - и ушел.\n".encode("cp1251"))
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 society, \xabhe said\xbb - yes.\n".encode("latin-1"))
    (tmp_path / "empty.txt").write_bytes(b"")
    write(tmp_path / "z.txt", ARTIFACT)
    result = runner.invoke(main, ["check", str(tmp_path), str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
    assert "binary.txt: binary file" in result.stderr
    assert "cp1251.txt: not UTF-8: read as cp1251 (detected)" in result.stderr
    assert "latin1.txt:1: not valid UTF-8 (byte 0xe9 at offset 3); it looks like" in result.stderr
    assert "--encoding" in result.stderr
    assert "missing.txt: no such file or folder" in result.stderr
    assert "z.txt:1:61: Q101" in result.stdout
    assert "Traceback" not in result.output


def test_unreadable_file(runner, tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    path = write(tmp_path / "a.txt", CLEAN)
    path.chmod(0)
    assert runner.invoke(main, ["check", str(path)]).exit_code == 2


def test_stdin(runner):
    result = runner.invoke(main, ["check", "-"], input=ARTIFACT)
    assert result.exit_code == 1 and "-:1:61: Q101" in result.output


def test_fix_in_place_keeps_mode_and_reports(runner, tmp_path):
    path = write(tmp_path / "a.txt", ARTIFACT)
    path.chmod(0o640)
    result = runner.invoke(main, ["fix", str(path)])
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8").endswith("We wait,” the minister said.\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert "fixed 1 × Q101 detached-closing-quote" in result.output
    assert "No findings remain." in result.output
    assert not [p for p in tmp_path.iterdir() if p.name != "a.txt"]


def test_fix_leaves_untouched_files_alone(runner, tmp_path):
    path = write(tmp_path / "a.txt", CLEAN)
    os.utime(path, (1, 1))
    runner.invoke(main, ["fix", str(path)])
    assert path.stat().st_mtime == 1


def test_fix_diff_writes_nothing_and_exits_1(runner, tmp_path):
    path = write(tmp_path / "a.txt", ARTIFACT)
    result = runner.invoke(main, ["fix", "--diff", str(path)])
    assert result.exit_code == 1
    assert "-We are ready" in result.stdout and "+We are ready" in result.stdout
    assert path.read_text(encoding="utf-8") == ARTIFACT
    assert runner.invoke(main, ["fix", "--diff", str(write(tmp_path / "b.txt", CLEAN))]).exit_code == 0


def test_fix_output_folder_keeps_relative_paths(runner, tmp_path):
    source = tmp_path / "in"
    (source / "sub").mkdir(parents=True)
    write(source / "sub" / "a.txt", ARTIFACT)
    single = write(tmp_path / "b.txt", ARTIFACT)
    out = tmp_path / "out"
    result = runner.invoke(main, ["fix", "-o", str(out), str(source), str(single)])
    assert result.exit_code == 0, result.output
    assert (out / "sub" / "a.txt").read_text(encoding="utf-8").endswith("wait,” the minister said.\n")
    assert (out / "b.txt").exists()
    assert (source / "sub" / "a.txt").read_text(encoding="utf-8") == ARTIFACT


def test_fix_stdin_to_stdout(runner):
    result = runner.invoke(main, ["fix", "-"], input=ARTIFACT)
    assert result.stdout == ARTIFACT.replace(", ”the", ",” the")
    assert "fixed 1 × Q101" in result.stderr


def test_unsafe_fixes_need_the_flag(runner, tmp_path):
    text = "The talks ended.\n\nRead more: Lavrov says talks are over\n\nThe talks resume.\n"
    path = write(tmp_path / "a.txt", text)
    assert runner.invoke(main, ["fix", str(path)]).exit_code == 1
    assert path.read_text(encoding="utf-8") == text
    assert runner.invoke(main, ["fix", "--unsafe-fixes", str(path)]).exit_code == 0
    assert "Read more" not in path.read_text(encoding="utf-8")


def test_rules_and_rule(runner):
    listing = runner.invoke(main, ["rules"])
    assert listing.exit_code == 0 and "Q101  detached-closing-quote" in listing.output
    doc = runner.invoke(main, ["rule", "Q101"])
    assert doc.exit_code == 0 and "What it does:" in doc.output and "Fix safety:" in doc.output
    assert runner.invoke(main, ["rule", "hyphen-as-dash"]).exit_code == 0
    assert runner.invoke(main, ["rule", "X000"]).exit_code == 2


def test_name_spelled_two_ways_across_files(runner, tmp_path):
    write(tmp_path / "a.txt", "Analyst Ivan Petrovskiy spoke.\n")
    write(tmp_path / "b.txt", "Petrovsky spoke again.\n")
    write(tmp_path / "c.txt", "Petrovsky left.\n")
    result = runner.invoke(main, ["check", "--select", "N602", str(tmp_path)])
    assert result.exit_code == 1
    assert "a.txt:1:14: N602 `Petrovskiy` is spelled `Petrovsky` in other files of this run" in result.output
    assert "b.txt" not in result.output


def test_json_puts_a_name_spelled_across_files_in_its_place(runner, tmp_path, monkeypatch):
    """JSON streams file by file, yet the run-wide finding stands where the whole list
    puts it: in its file, by position, as `--baseline` (which builds the list whole) writes it."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.txt", 'Analyst Ivan Petrovskiy spoke - he said.\nThe minister\u2019s "yes" came.\n')
    write(tmp_path / "b.txt", "Petrovsky spoke again.\n")
    write(tmp_path / "c.txt", "Petrovsky left - he said.\n")
    write(tmp_path / "empty.json", '{"files": {}}')
    streamed = runner.invoke(main, ["check", "--output-format", "json", "a.txt", "b.txt", "c.txt"])
    whole = runner.invoke(
        main, ["check", "--output-format", "json", "--baseline", "empty.json", "a.txt", "b.txt", "c.txt"]
    )
    assert streamed.exit_code == whole.exit_code == 1
    assert streamed.stdout == whole.stdout
    found = [(item["filename"], item["location"]["row"], item["code"]) for item in json.loads(streamed.stdout)]
    assert ("a.txt", 1, "N602") in found and found == sorted(found, key=lambda item: item[0])


def test_json_detects_the_language_only_of_files_that_show_it(runner, tmp_path, monkeypatch):
    """The language is detected where a file has findings: of its own when it is
    checked, from the whole run (a name spelled otherwise elsewhere) when they come,
    with the file read again; the files without findings are never asked."""
    import tqa.pipeline.engine
    import tqa.pipeline.one_file

    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.txt", "Analyst Ivan Petrovskiy spoke to the press.\n")
    write(tmp_path / "b.txt", "Petrovsky spoke again.\n")
    write(tmp_path / "c.txt", "Petrovsky left.\n")
    write(tmp_path / "d.txt", "The weather was fine, and the sea was calm.\n")
    detected = []
    detect = tqa.pipeline.one_file.document_language
    for module in (tqa.pipeline.one_file, tqa.pipeline.engine):
        monkeypatch.setattr(module, "document_language", lambda text: detected.append(text) or detect(text))
    write(tmp_path / "e.txt", "Quotes \u201chere \u201d.\n")
    arguments = ["check", "--select", "N602,Q103", "--output-format", "json", "--jobs", "1", "--no-cache", "."]
    result = runner.invoke(main, arguments)
    assert result.exit_code == 1
    found = [(item["filename"], item["code"], item["document_language"]) for item in json.loads(result.stdout)]
    assert found == [("a.txt", "N602", "en"), ("e.txt", "Q103", "en")]
    assert sorted(detected) == ["Analyst Ivan Petrovskiy spoke to the press.\n", "Quotes \u201chere \u201d.\n"]


def test_a_huge_file_is_refused_not_read(runner, tmp_path, monkeypatch):
    import tqa.text.textio

    monkeypatch.setattr(tqa.text.textio, "MAX_FILE_BYTES", 10)
    write(tmp_path / "small.txt", "Fine.\n")
    write(tmp_path / "huge.txt", CLEAN)
    result = runner.invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == 2
    assert "huge.txt: file of 0 MB is larger than tqa reads at once" in result.stderr
    assert "small.txt" not in result.stderr


def test_context_files_count_for_name_consistency_but_are_not_reported(runner, tmp_path):
    (tmp_path / "archive").mkdir()
    write(tmp_path / "archive" / "b.txt", "Petrovsky spoke again.\n")
    write(tmp_path / "archive" / "c.txt", "Petrovsky left.\n")
    staged = write(tmp_path / "a.txt", "Analyst Ivan Petrovskiy spoke.\n")
    assert runner.invoke(main, ["check", "--select", "N602", str(staged)]).exit_code == 0
    result = runner.invoke(main, ["check", "--select", "N602", "--context", str(tmp_path / "archive"), str(staged)])
    assert result.exit_code == 1
    assert "a.txt:1:14: N602 `Petrovskiy` is spelled `Petrovsky` in other files of this run" in result.output
    assert "b.txt" not in result.output and "Found 1 finding in 1 file." in result.output
