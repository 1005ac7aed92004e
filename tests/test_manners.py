"""The layer around the findings: previews and reports that tell the truth."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

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
    # A file read but not checked (its original does not align) is no file "with no findings".
    write(tmp_path / "x.en.txt", "One.\n\nTwo.\n")
    write(tmp_path / "x.ru.txt", "Один.\n")
    write(tmp_path / "fine.txt", "Fine.\n")
    for command in (["check"], ["fix"], ["check", "--output-format", "concise"]):
        result = runner.invoke(main, [*command, str(tmp_path / "x.en.txt")])
        assert (result.exit_code, result.stdout) == (2, ""), command
        assert result.stderr.count("tqa: ") == 1 and "alignment breaks" in result.stderr
    both = runner.invoke(main, ["check", str(tmp_path / "x.en.txt"), str(tmp_path / "fine.txt")])
    assert (both.exit_code, both.stdout) == (2, "No findings in 1 file.\n")


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


# File selection for CI and pre-commit.


def _tree(root):
    """A repository with files that the defaults, .gitignore and .ignore leave out."""
    (root / ".git").mkdir(parents=True)
    for name in ("articles/a.txt", "articles/drafts/d.txt", "articles/x.log.txt", "sub/s.txt", "build/b.txt",
                 "node_modules/m/n.md", "dist/d.md", "venv/v.txt", "__pycache__/p.txt", "notes/n.txt"):  # fmt: skip
        write(root / name, "Fine.\n")
    write(root / "articles" / ".gitignore", "drafts/\n*.log.txt\n")
    write(root / ".ignore", "sub/\n")
    return root


def _shown(runner, *arguments):
    result = runner.invoke(main, ["check", "--show-files", *arguments])
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def test_defaults_gitignore_and_ignore_files_leave_files_out(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(_tree(tmp_path))
    assert _shown(runner, ".") == ["articles/a.txt", "notes/n.txt"]
    assert _shown(runner, "--no-respect-gitignore", ".") == [
        "articles/a.txt", "articles/drafts/d.txt", "articles/x.log.txt", "notes/n.txt", "sub/s.txt",
    ]  # fmt: skip
    assert "build/b.txt" in _shown(runner, "--exclude", "notes", ".")
    assert "notes/n.txt" not in _shown(runner, "--exclude", "notes", ".")
    assert _shown(runner, "--extend-exclude", "notes,*.log.txt", "--no-respect-gitignore", "articles") == [
        "articles/a.txt", "articles/drafts/d.txt",
    ]  # fmt: skip
    write(tmp_path / "tqa.toml", 'extend-exclude = ["notes"]\nrespect-gitignore = false\n')
    assert _shown(runner, "articles") == ["articles/a.txt", "articles/drafts/d.txt", "articles/x.log.txt"]


def test_gitignore_counts_only_inside_a_repository(runner, tmp_path, monkeypatch):
    write(tmp_path / ".gitignore", "a.txt\n")
    write(tmp_path / "a.txt", "Fine.\n")
    monkeypatch.chdir(tmp_path)
    assert _shown(runner, ".") == ["a.txt"]


def test_force_exclude_applies_to_files_named(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(_tree(tmp_path))
    named = ["articles/drafts/d.txt", "articles/x.log.txt", "build/b.txt", "sub/s.txt"]
    assert _shown(runner, *named) == named  # named files are checked, as without a hook
    assert _shown(runner, "--force-exclude", *named, "articles/a.txt") == ["articles/a.txt"]
    only_excluded = runner.invoke(main, ["check", "--force-exclude", *named])
    assert (only_excluded.exit_code, only_excluded.stdout, only_excluded.stderr) == (0, "", "")


def test_paths_are_shown_relative_to_the_ci_checkout(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(_tree(tmp_path) / "articles")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    assert _shown(runner, ".", "../notes/n.txt") == ["articles/a.txt", "notes/n.txt"]
    monkeypatch.delenv("GITHUB_WORKSPACE")
    monkeypatch.setenv("CI_PROJECT_DIR", str(tmp_path))
    write(tmp_path / "articles" / "bad.txt", "Left in: провокация.\n")
    result = runner.invoke(main, ["check", "--output-format", "github", "bad.txt"])
    assert "file=articles/bad.txt,line=1" in result.stdout


def test_context_tie_reports_on_the_checked_file(runner, tmp_path):
    write(tmp_path / "archive" / "b.txt", "Petrovsky spoke again.\n")
    staged = write(tmp_path / "a.txt", "Analyst Ivan Petrovskiy spoke.\n")
    result = runner.invoke(main, ["check", "--select", "N602", "--context", str(tmp_path / "archive"), str(staged)])
    assert result.exit_code == 1
    assert "a.txt:1:14: N602 `Petrovskiy` is spelled `Petrovsky` in other files of this run" in result.stdout
    # Where the transliteration standard does not decide (it avoids -iy), the context's spelling wins the tie.
    staged.write_text("Analyst Ivan Petrovsky spoke.\n", encoding="utf-8")
    write(tmp_path / "archive" / "b.txt", "Petrovski spoke again.\n")
    result = runner.invoke(main, ["check", "--select", "N602", "--context", str(tmp_path / "archive"), str(staged)])
    assert result.exit_code == 1 and "`Petrovsky` is spelled `Petrovski`" in result.stdout


def test_pre_commit_hooks_skip_excluded_files():
    from pathlib import Path

    hooks = (Path(__file__).parent.parent / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert hooks.count("--force-exclude") == 2
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert "files: ^articles/" in readme
    from tqa import __version__

    assert f"    rev: v{__version__}\n" in readme  # the tag of this release


# Files tqa creates get the usual mode: 0666 less the umask.


def test_created_files_follow_the_umask(runner, tmp_path, monkeypatch):
    import os
    import stat

    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.txt", "We wait, ”the minister said.\n")
    write(tmp_path / "tiny.tbx", _TBX)
    for umask, mode in ((0o022, 0o644), (0o077, 0o600)):
        previous = os.umask(umask)
        try:
            created = [f"out{umask}/a.txt", f"base{umask}.json", f"g{umask}.csv", f"i{umask}.toml"]
            runner.invoke(main, ["fix", "-o", f"out{umask}", "a.txt"])
            runner.invoke(main, ["check", "--write-baseline", created[1], "a.txt"])
            runner.invoke(main, ["glossary", "export", "--format", "csv", "-o", created[2]])
            runner.invoke(main, ["glossary", "import", "tiny.tbx", "-o", created[3]])
        finally:
            os.umask(previous)
        assert {name: stat.S_IMODE(os.stat(name).st_mode) for name in created} == dict.fromkeys(created, mode)


_TBX = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="c1">
      <langSec xml:lang="ru"><termSec><term>Совет Федерации</term></termSec></langSec>
      <langSec xml:lang="en"><termSec><term>Federation Council</term></termSec>
        <termSec><term>Federal Council</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""


# The flags users already type.

TWO = "Left in: провокация. He said - yes.\n"  # C402 (error) and P301 (warning, unsafe fix)


def test_quiet_silent_and_output_file(runner, tmp_path):
    path = write(tmp_path / "c.txt", TWO)
    loud = runner.invoke(main, ["check", str(path)])
    quiet = runner.invoke(main, ["check", "-q", str(path)])
    assert quiet.exit_code == 1 and quiet.stdout == loud.stdout.rsplit("Found", 1)[0] and "C402" in quiet.stdout
    silent = runner.invoke(main, ["check", "--silent", str(path)])
    assert (silent.exit_code, silent.stdout, silent.stderr) == (1, "", "")
    report = tmp_path / "report.json"
    written = runner.invoke(main, ["check", "-o", str(report), "--output-format", "json", str(path)])
    assert (written.exit_code, written.stdout) == (1, "")
    assert [item["code"] for item in json.loads(report.read_text(encoding="utf-8"))] == ["C402", "P301"]


def test_fix_quiet_silent_and_output_file(runner, tmp_path):
    text = "We wait, ”the minister said. He said - yes.\n"
    path = write(tmp_path / "a.txt", text)
    loud = runner.invoke(main, ["fix", str(path)])
    assert "a.txt: fixed 1 × Q101" in loud.stdout and "Applied 1 fix in 1 file." in loud.stdout
    path.write_text(text, encoding="utf-8")
    quiet = runner.invoke(main, ["fix", "-q", str(path)])
    assert quiet.exit_code == 1 and "P301" in quiet.stdout and "fixed" not in quiet.stdout
    assert "Applied" not in quiet.stdout and "remain" not in quiet.stdout
    path.write_text(text, encoding="utf-8")
    silent = runner.invoke(main, ["fix", "--silent", str(path)])
    assert (silent.exit_code, silent.stdout, silent.stderr) == (1, "", "")
    assert path.read_text(encoding="utf-8") != text  # silent, not idle
    path.write_text(text, encoding="utf-8")
    report = tmp_path / "report.txt"
    written = runner.invoke(main, ["fix", "--output-file", str(report), str(path)])
    assert (written.exit_code, written.stdout) == (1, "")
    assert report.read_text(encoding="utf-8") == loud.stdout
    # The fixed text of `-` and the patch of --diff stay on standard output; the report goes to the file.
    filtered = runner.invoke(main, ["fix", "--output-file", str(report), "-"], input=text)
    assert filtered.stdout == "We wait,” the minister said. He said - yes.\n" and "Applied 1 fix" in report.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    patch = runner.invoke(main, ["fix", "--diff", "-s", str(path)])
    assert patch.stdout.startswith("--- a/") and patch.stderr == ""
    through_check = runner.invoke(main, ["check", "--fix", "-o", str(report), str(path)])
    assert through_check.stdout == "" and "Applied 1 fix" in report.read_text(encoding="utf-8")
    folder = runner.invoke(main, ["fix", "--help"]).stdout
    assert "-o, --output DIRECTORY" in folder and "--output-file" in folder


def test_os_errors_speak_the_language(runner, tmp_path):
    missing = tmp_path / "no" / "report.txt"
    for language, reason in (("en", "no such file or folder"), ("ru", "нет такого файла или папки"),
                             ("uk", "немає такого файлу або теки")):  # fmt: skip
        result = runner.invoke(main, ["--lang", language, "check", "-o", str(missing), str(tmp_path)])
        assert result.exit_code == 2 and result.stderr.endswith(f"{missing}: {reason}\n"), result.stderr
    from tqa.i18n import set_language
    from tqa.os_errors import os_reason

    set_language("ru")
    assert os_reason(PermissionError(13, "Permission denied")) == "доступ запрещён"
    assert os_reason(OSError(7, "Argument list too long")) == "Argument list too long"  # a rare one as the system says it
    set_language("uk")
    assert os_reason(IsADirectoryError(21, "Is a directory")) == "це тека"


def test_min_severity_and_per_file_ignores(runner, tmp_path):
    path = write(tmp_path / "c.txt", TWO)
    errors_only = runner.invoke(main, ["check", "--min-severity", "error", str(path)])
    assert "C402" in errors_only.stdout and "P301" not in errors_only.stdout
    ignored = runner.invoke(main, ["check", "--per-file-ignores", "*/c.txt:C4,P", str(path)])
    assert (ignored.exit_code, ignored.stdout) == (0, "No findings in 1 file.\n")
    bad = runner.invoke(main, ["check", "--per-file-ignores", "C4", str(path)])
    assert bad.exit_code == 2 and "expected GLOB:CODES" in bad.stderr


def test_config_overrides_and_isolated(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "c.txt", TWO)
    inline = runner.invoke(main, ["check", "--config", 'select = ["P"]', "c.txt"])
    assert "P301" in inline.stdout and "C402" not in inline.stdout
    typo = runner.invoke(main, ["check", "--config", 'selct = ["P"]', "c.txt"])
    assert typo.exit_code == 2 and "--config:1: unknown setting `selct`" in typo.stderr
    write(tmp_path / "tqa.toml", 'ignore = ["C"]\n')
    assert "C402" not in runner.invoke(main, ["check", "c.txt"]).stdout
    assert "C402" in runner.invoke(main, ["check", "--isolated", "c.txt"]).stdout
    both = runner.invoke(main, ["check", "--config", "tqa.toml", "--config", 'extend-select = ["C"]', "c.txt"])
    assert "C402" not in both.stdout  # ignore still wins over the file's selection


def test_check_fix_is_tqa_fix(runner, tmp_path):
    path = write(tmp_path / "a.txt", "We wait, ”the minister said. He said - yes.\n")
    result = runner.invoke(main, ["check", "--fix", str(path)])
    assert "a.txt: fixed 1 × Q101 detached-closing-quote" in result.stdout
    assert path.read_text(encoding="utf-8") == "We wait,” the minister said. He said - yes.\n"
    runner.invoke(main, ["check", "--fix", "--unsafe-fixes", str(path)])
    assert path.read_text(encoding="utf-8") == "We wait,” the minister said. He said – yes.\n"
    for option in (["--statistics"], ["--output-format", "json"], ["--baseline", "b.json"]):
        refused = runner.invoke(main, ["check", "--fix", *option, str(path)])
        assert refused.exit_code == 2 and f"--fix does not combine with {option[0]}" in refused.stderr


def test_lang_after_the_subcommand_and_unknown_languages(runner, tmp_path):
    path = write(tmp_path / "c.txt", TWO)
    variable = runner.invoke(main, ["check", str(path)], env={"TQA_LANG": "de"})
    assert variable.exit_code == 2 and "unknown language `de` in TQA_LANG; use one of: en, ru, uk" in variable.stderr
    assert runner.invoke(main, ["check", str(path)], env={"TQA_LANG": "C", "LANG": "de_DE.UTF-8"}).exit_code == 1
    russian = runner.invoke(main, ["check", "--lang", "ru", str(path)])
    assert "Найдено 2 замечания" in russian.stdout
    for arguments in (["--lang", "xx", "check", str(path)], ["check", "--lang", "fr", str(path)]):
        wrong = runner.invoke(main, arguments)
        assert wrong.exit_code == 2 and "'en', 'ru', 'uk'" in wrong.stderr
    configured = runner.invoke(main, ["check", "--config", 'lang = "de"', str(path)])
    assert configured.exit_code == 2 and "--config:1:" in configured.stderr and "`lang`" in configured.stderr
    assert configured.stderr.endswith(": en, ru, uk\n")


def test_every_command_takes_lang_after_it(runner):
    from tqa.cli import config_group, glossary_group

    commands = [[name] for name in main.commands if name not in ("config", "glossary")]
    commands += [["config", name] for name in config_group.commands] + [["glossary", name] for name in glossary_group.commands]
    assert len(commands) >= 12
    for command in commands:
        assert "--lang [en|ru|uk]" in runner.invoke(main, [*command, "--help"]).stdout, command
    assert "по типам:" in runner.invoke(main, ["glossary", "stats", "--lang", "ru"]).stdout
    assert "# типово" in runner.invoke(main, ["config", "show", "--lang", "uk"]).stdout


def test_rule_all_as_json(runner):
    from tqa.rules import ALL_RULES

    result = runner.invoke(main, ["rule", "--all", "--output-format", "json"])
    rows = json.loads(result.stdout)
    assert [row["code"] for row in rows] == [rule.code for rule in ALL_RULES]
    assert all("What it does" in row["explanation"] and row["fix"] in ("always", "sometimes", "never") for row in rows)
    one = json.loads(runner.invoke(main, ["rule", "Q101", "--output-format", "json"]).stdout)
    assert one["name"] == "detached-closing-quote" and "Fix safety" in one["explanation"]
    assert runner.invoke(main, ["rule"]).exit_code == 2


def test_stdin_filename_gives_the_format(runner):
    markdown = "Text.\n\n```\nпровокация\n```\n"
    assert runner.invoke(main, ["check", "-"], input=markdown).exit_code == 1
    named = runner.invoke(main, ["check", "--stdin-filename", "notes/x.md", "-"], input=markdown)
    assert (named.exit_code, named.stdout) == (0, "No findings in 1 file.\n")
    fenced = "```\nWe wait, ”the minister said.\n```\n"  # a safe fix, were it text
    assert runner.invoke(main, ["fix", "-"], input=fenced).stdout != fenced
    fixed = runner.invoke(main, ["fix", "--stdin-filename", "x.md", "-"], input=fenced)
    assert fixed.stdout == fenced
    shown = runner.invoke(main, ["check", "--stdin-filename", "x.txt", "-"], input=TWO)
    assert shown.stdout.startswith("x.txt:1:10: C402")


def test_suppression_comments_in_markdown_code_are_text(runner, tmp_path):
    text = "Use `<!-- tqa: ignore -->` like so.\n\n    <!-- tqa: ignore -->\n\nText <!-- tqa: ignore[C402] --> провокация.\n"
    result = runner.invoke(main, ["check", str(write(tmp_path / "a.md", text))])
    assert (result.exit_code, result.stdout) == (0, "No findings in 1 file.\n")


# Terminal: colour and the full format.


def test_color_choices_and_environment(runner, tmp_path, monkeypatch):
    path = write(tmp_path / "c.txt", TWO)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    plain = runner.invoke(main, ["check", str(path)]).stdout
    assert "\x1b[" not in plain
    always = runner.invoke(main, ["check", "--color", "always", str(path)]).stdout
    assert "\x1b[1;31mC402\x1b[0m" in always and "(\x1b[33munsafe\x1b[0m)" in always
    assert f"\x1b[1m{path}:1:10:\x1b[0m" in always
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert runner.invoke(main, ["check", str(path)]).stdout == always  # the results cache keeps both apart
    monkeypatch.setenv("NO_COLOR", "1")
    assert runner.invoke(main, ["check", str(path)]).stdout == plain
    assert runner.invoke(main, ["check", "--color", "always", str(path)]).stdout == always
    monkeypatch.delenv("NO_COLOR")
    assert runner.invoke(main, ["check", "--color", "never", str(path)]).stdout == plain


def test_full_format_shows_the_line_and_a_caret(runner, tmp_path):
    path = write(tmp_path / "c.txt", TWO)
    result = runner.invoke(main, ["check", "--output-format", "full", str(path)])
    assert result.exit_code == 1
    assert result.stdout.split("\n\n")[:2] == [
        f"{path}:1:10: C402 Untranslated Cyrillic text: `провокация`\n"
        "  |\n"
        "1 | Left in: провокация. He said - yes.\n"
        "  |          ^^^^^^^^^^ C402",
        f"{path}:1:30: P301 Hyphen used as a dash: `окация. He said - yes.`\n"
        "  |\n"
        "1 | Left in: провокация. He said - yes.\n"
        "  |                              ^ P301\n"
        "  |\n"
        "  = fix (unsafe): Replace the hyphen with a dash: ` – `",
    ]


def test_on_a_terminal_the_full_format_in_colour_is_the_default(tmp_path):
    import os
    import pty
    import subprocess
    import sys

    path = write(tmp_path / "c.txt", TWO)
    tqa = str(Path(sys.executable).with_name("tqa"))
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "CI")}
    leader, terminal = pty.openpty()
    try:
        done = subprocess.run([tqa, "check", "--no-cache", str(path)], stdout=terminal, stderr=terminal,
                              env=environment, timeout=120)  # fmt: skip
        os.close(terminal)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal's other end is closed: all read
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(leader)
    assert done.returncode == 1
    text = shown.decode("utf-8")
    plain = re.sub(r"\x1b\[[0-9;]*m", "", text)
    assert "\x1b[1;31mC402\x1b[0m" in text and "1 | Left in: провокация. He said - yes." in plain
    assert "^^^^^^^^^^ C402" in plain
    assert not [line for line in text.split("\x1b[2K") if "MB/s" in line and "C402" in line]  # a progress line, if any, alone
    piped = subprocess.run([tqa, "check", "--no-cache", str(path)], capture_output=True, env=environment, timeout=120)
    assert b"1 | " not in piped.stdout and b"\x1b[" not in piped.stdout


def test_full_format_cuts_long_lines_around_the_span(runner, tmp_path):
    long = "Word " * 30 + "провокация" + " word" * 30 + "\n"
    result = runner.invoke(main, ["check", "--output-format", "full", str(write(tmp_path / "a.txt", long))])
    line, caret = result.stdout.splitlines()[2:4]
    assert line.startswith("1 | …") and line.endswith("…") and len(line) < 110
    assert line.index("провокация") == caret.index("^^^^^^^^^^ C402")


# Errors that help.


def test_did_you_mean_for_rules_and_settings(runner, tmp_path, monkeypatch):
    path = write(tmp_path / "c.txt", TWO)
    by_name = runner.invoke(main, ["check", "--select", "detached-closing-quot", str(path)])
    assert by_name.exit_code == 2 and "(did you mean `detached-closing-quote`?)" in by_name.stderr
    rule = runner.invoke(main, ["rule", "hyphen-as-dahs"])
    assert rule.exit_code == 2 and "(did you mean `hyphen-as-dash`?)" in rule.stderr
    setting = runner.invoke(main, ["check", "--config", 'selct = ["P"]', str(path)])
    assert "unknown setting `selct` (did you mean `select`?)" in setting.stderr
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "tqa.toml", '[tool.tqa]\nselect = ["Q"]\n')
    table = runner.invoke(main, ["check", "c.txt"])
    assert table.exit_code == 2 and "without a [tool.tqa] table" in table.stderr
    write(tmp_path / "tqa.toml", 'extend-ignore = ["Q"]\n')
    assert "use `ignore`" in runner.invoke(main, ["check", "c.txt"]).stderr


def test_every_configuration_problem_at_once(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "c.txt", TWO)
    write(tmp_path / "tqa.toml", 'select = ["Q1", "Z9"]\nsegmentation = "para"\nfoo = 1\n')
    result = runner.invoke(main, ["check", "c.txt"])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0].endswith("tqa.toml:1: unknown rule code or name: Z9")
    assert lines[1].endswith("tqa.toml:2: `segmentation` must be one of: auto, blocks, lines")
    assert lines[2].endswith("tqa.toml:3: unknown setting `foo`")


# The README's commands and flags tables match the tool.


def _readme():
    from pathlib import Path

    return (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


# README commands not run here, and why: they install from the network, or are
# benchmarks (minutes long, most reading the WMT21 data outside the repository).
NOT_RUN_HERE = re.compile(r"pip install|(^|/)python3? bench/")


def test_readme_commands_run(runner, monkeypatch, tmp_path):
    import shlex
    import shutil

    # In a copy of the seeds, so the files the commands write land in the test's folder.
    shutil.copytree(Path(__file__).parent.parent / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    commands = [
        line.strip()
        for block in re.findall(r"```sh\n(.*?)```", _readme(), re.S)
        for line in block.splitlines()
        if line.strip()
    ]
    run = [command for command in commands if command.startswith("tqa ")]
    assert [command for command in commands if command not in run and not NOT_RUN_HERE.search(command)] == []
    assert len(run) >= 10
    for command in run:
        result = runner.invoke(main, shlex.split(command, comments=True)[1:])
        assert result.exit_code in (0, 1), (command, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), command


def test_readme_configuration_examples_are_valid(runner, tmp_path):
    blocks = re.findall(r"```toml\n(.*?)```", _readme(), re.S)
    assert len(blocks) >= 3
    for index, block in enumerate(blocks):
        config = write(tmp_path / f"{index}" / "pyproject.toml", block)
        result = runner.invoke(main, ["config", "show", "--config", str(config)])
        assert result.exit_code == 0, (block, result.output)
    hooks = (Path(__file__).parent.parent / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    for hook in re.findall(r"- id: ([\w-]+)", _readme()):
        assert f"- id: {hook}\n" in hooks


def test_readme_flags_exist(runner):
    import re

    readme = _readme()
    table = readme[readme.index("| ruff | tqa | notes |") : readme.index("`tqa check` keeps a results cache")]
    shared = [row for row in table.splitlines() if row.startswith("| ") and "| no |" not in row]
    flags = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+|-[a-z])\b", "\n".join(shared)))
    helps = "".join(runner.invoke(main, [*command, "--help"]).stdout for command in (["check"], ["fix"], ["rule"]))
    helps += "--exit-non-zero-on-fix"  # fix's own flag, listed with check's
    missing = sorted(flag for flag in flags if re.search(rf"(?<![\w-]){re.escape(flag)}\b", helps) is None)
    assert missing == []
    assert len(flags) > 25
    unshared = [row.split("|")[1] for row in table.splitlines() if "| no |" in row]
    absent = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+)\b", "\n".join(unshared)))
    assert len(absent) >= 9 and not [flag for flag in absent if re.search(rf"(?<![\w-]){flag}\b", helps)]


def test_readme_names_every_option(runner):
    import click

    readme = _readme()

    def commands(group: click.Group, prefix: tuple[str, ...] = ()):
        for name, command in group.commands.items():
            if isinstance(command, click.Group):
                yield from commands(command, (*prefix, name))
            else:
                yield (*prefix, name), command

    missing = [
        (" ".join(path), option)
        for path, command in commands(main)
        for parameter in command.params
        for option in parameter.opts + parameter.secondary_opts
        if option.startswith("--") and option != "--help" and re.search(rf"`[^`]*{option}\b", readme) is None
    ]
    assert missing == []


# Russian and Ukrainian: click's own strings, LANGUAGE.


def test_click_speaks_russian_and_ukrainian(runner):
    usage = runner.invoke(main, ["--lang", "ru", "check", "--bogus", "x"])
    assert usage.exit_code == 2
    assert "Использование: main check [ПАРАМЕТРЫ] ПУТИ..." in usage.stderr and "Ошибка: Нет параметра '--bogus'." in usage.stderr
    choice = runner.invoke(main, ["check", "--lang", "uk", "--output-format", "xx", "x"])
    assert "Помилка: Неприпустиме значення '--output-format': 'xx' — не одне з:" in choice.stderr
    help_text = runner.invoke(main, ["rules", "--lang", "ru", "--help"]).stdout
    assert "Параметры:" in help_text and "[по умолчанию: text]" in help_text
    assert "Показать эту справку и выйти." in help_text
    placeholders = runner.invoke(main, ["fix", "--lang", "uk", "--help"]).stdout
    assert "--per-file-ignores ШАБЛОН:КОДИ" in placeholders and "--output-file ФАЙЛ" in placeholders
    assert "--select CODES" in runner.invoke(main, ["check", "--lang", "en", "--help"]).stdout


def test_click_messages_are_in_the_catalogs():
    from tqa.click_i18n import messages
    from tqa.i18n import set_language

    english = messages()
    for language in ("ru", "uk"):
        set_language(language)
        translated = messages()
        assert all(a != b for a, b in zip(english, translated, strict=True) if a not in ("file",)), language


def test_language_variable_is_honoured():
    from tqa.i18n import language_from_environment

    assert language_from_environment({"LANG": "ru_RU.UTF-8", "LANGUAGE": "uk:ru"}) == "uk"
    assert language_from_environment({"LANG": "en_US.UTF-8", "LANGUAGE": "fr:ru"}) == "ru"
    assert language_from_environment({"LANG": "C", "LANGUAGE": "uk"}) == "en"  # as gettext: C ignores LANGUAGE
    assert language_from_environment({"TQA_LANG": "en", "LANGUAGE": "uk", "LANG": "ru_RU"}) == "en"


def test_progress_line_on_a_terminal_only(monkeypatch):
    import io

    from tqa.pipeline.run import FileResult, Input
    from tqa.report import progress

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    inputs = [Input(f"f{i}.txt", f"f{i}.txt") for i in range(3)]
    results = [FileResult(item) for item in inputs]
    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.setattr(progress, "EVERY", 0.0)
    monkeypatch.delenv("CI", raising=False)
    terminal = Terminal()
    assert list(progress.track(results, inputs, stream=terminal)) == results
    assert "tqa: 3/3 files, 0.0 MB/s" in terminal.getvalue() and terminal.getvalue().endswith("\r\x1b[2K")
    for quiet, stream in ((True, Terminal()), (False, io.StringIO())):
        assert list(progress.track(results, inputs, quiet, stream)) == results and stream.getvalue() == ""
    monkeypatch.setenv("CI", "true")
    terminal = Terminal()
    assert list(progress.track(results, inputs, stream=terminal)) == results and terminal.getvalue() == ""
    monkeypatch.delenv("CI")
    monkeypatch.setattr(progress.sys, "stdout", Terminal())  # findings printed to the same terminal
    terminal = Terminal()
    for index, _result in enumerate(progress.track(results, inputs, stream=terminal)):
        assert terminal.getvalue().endswith("\r\x1b[2K")  # wiped while the caller prints
        assert terminal.getvalue().count("files,") == index
    monkeypatch.setenv("CI", "true")
    monkeypatch.setattr(progress, "DELAY", 60.0)  # a short run shows nothing
    monkeypatch.delenv("CI")
    terminal = Terminal()
    list(progress.track(results, inputs, stream=terminal))
    assert terminal.getvalue() == ""


def test_fixable_and_unfixable(runner, tmp_path):
    text = "We wait, ”the minister said. He said - yes.\n"  # Q101 (safe fix), P301 (unsafe fix)
    path = write(tmp_path / "a.txt", text)
    runner.invoke(main, ["fix", "--unsafe-fixes", "--unfixable", "Q1", str(path)])
    assert path.read_text(encoding="utf-8") == "We wait, ”the minister said. He said – yes.\n"
    path = write(tmp_path / "a.txt", text)
    result = runner.invoke(main, ["check", "--fix", "--unsafe-fixes", "--fixable", "detached-closing-quote", str(path)])
    assert path.read_text(encoding="utf-8") == "We wait,” the minister said. He said - yes.\n"
    assert "P301" in result.stdout
    wrong = runner.invoke(main, ["fix", "--unfixable", "Q1O1", str(path)])
    assert wrong.exit_code == 2 and "did you mean" in wrong.stderr


def test_fixable_and_unfixable_decide_the_counts_and_the_marks(runner, tmp_path):
    path = write(tmp_path / "a.txt", "We wait, ”the minister said. He said - yes.\n")  # Q101 safe, P301 unsafe
    everything = runner.invoke(main, ["check", str(path)])
    assert "1 is fixable with `tqa fix`. 1 more with `tqa fix --unsafe-fixes`." in everything.stdout
    result = runner.invoke(main, ["check", "--unfixable", "Q1", str(path)])
    assert "fix (display only): Move the quote" in result.stdout
    assert result.stdout.endswith("Found 2 findings in 1 file. 1 more with `tqa fix --unsafe-fixes`.\n")
    table = runner.invoke(main, ["check", "--statistics", "--unsafe-fixes", "--fixable", "P", str(path)]).stdout
    assert table.splitlines()[:2] == ["    1  P301  [*] hyphen-as-dash", "    1  Q101      detached-closing-quote"]
    configured = write(tmp_path / "tqa.toml", 'unfixable = ["Q101", "P301"]\n')
    rows = runner.invoke(main, ["check", "--config", str(configured), "--statistics", "--output-format", "json", str(path)])
    assert [row["fixable"] for row in json.loads(rows.stdout)] == [False, False]


def test_unfixable_holds_in_po_catalogs(runner, tmp_path):
    catalog = 'msgid ""\nmsgstr ""\n"Language: en\\n"\n\nmsgid "Мы ждём, — сказал министр."\nmsgstr "We wait, ”the minister said."\n'
    path = write(tmp_path / "m.po", catalog)
    assert "1 is fixable" in runner.invoke(main, ["check", str(path)]).stdout
    result = runner.invoke(main, ["fix", "--unfixable", "Q101", str(path)])
    assert path.read_text(encoding="utf-8") == catalog and "fix (display only)" in result.stdout
    runner.invoke(main, ["fix", str(path)])
    assert "We wait,” the minister said." in path.read_text(encoding="utf-8")


def test_regenerating_the_catalogs_changes_nothing(tmp_path, monkeypatch):
    import shutil

    from tqa import catalog
    from tqa.resources import locales_dir

    copy = tmp_path / "locales"
    shutil.copytree(locales_dir(), copy)
    monkeypatch.setattr(catalog, "locales_dir", lambda: copy)
    catalog.update()
    catalog.update()  # twice: the result is a fixed point, not a flip-flop
    changed = [
        str(path.relative_to(copy))
        for path in sorted(copy.rglob("*.po*"))
        if path.read_bytes() != (locales_dir() / path.relative_to(copy)).read_bytes()
    ]
    assert changed == [], "run `python -m tqa.catalog` and commit the catalogs"


def test_config_show_and_glossary_lookup_speak_the_language(runner):
    shown = runner.invoke(main, ["--lang", "ru", "config", "show"]).stdout
    assert "# по умолчанию" in shown
    found = runner.invoke(main, ["--lang", "uk", "glossary", "lookup", "линии"]).stdout
    assert "[калька, військова справа]" in found and "виправлення:" in found and "небезпечне" in found
    stats = runner.invoke(main, ["--lang", "ru", "glossary", "stats"]).stdout
    assert "персона" in stats and "person" not in stats


def test_did_you_mean_for_glossary_keys_and_values(runner, tmp_path):
    entry = (
        '[[entry]]\nid = "test-entry"\nkind = "calqe"\ndomain = "politcs"\nru = "тест"\nen = "test"\n'
        'avoid = [{form = "trial", fxi = "safe"}]\nnotes = "x"\nref = "y"\nfix = "safe"\n'
    )
    result = runner.invoke(main, ["glossary", "validate", str(write(tmp_path / "g.toml", entry))])
    assert result.exit_code == 2
    for line in (
        "g.toml:8: unknown key `notes` (did you mean `note`?)",
        "g.toml:7: unknown key `fxi` in an avoid-form table (did you mean `fix`?)",
        "(did you mean `calque`?)",
        "(did you mean `politics`?)",
    ):
        assert line in result.stderr


def test_check_diff_output_applies_with_git(runner, tmp_path, monkeypatch):
    import shutil
    import subprocess

    if shutil.which("git") is None:
        return
    monkeypatch.chdir(tmp_path)
    subprocess.run(["git", "init", "-q"], check=True)
    write(tmp_path / "a.txt", ARTICLE)
    (tmp_path / "x.patch").write_text(runner.invoke(main, ["check", "--diff", "a.txt"]).stdout, encoding="utf-8")
    subprocess.run(["git", "apply", "x.patch"], check=True)
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == runner.invoke(
        main, ["fix", "-", "--stdin-filename", "a.txt"], input=ARTICLE
    ).stdout
