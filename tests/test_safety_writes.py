"""What tqa promises when it writes: nothing lost, links and owners kept, no
write where none should happen, no temporary file left behind, every failure
told and counted. Permission cases run as root and, through setpriv, as an
unprivileged user (CI runs as root)."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polib
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tqa.pipeline.one_file
from conftest import copy_built_caches, write
from tqa.cli import main
from tqa.errors import UserError
from tqa.text import filewrite

ARTIFACT = "We are ready to talk, he said. “Our answer is clear. We wait, ”the minister said.\n"
FIXED = "We are ready to talk, he said. “Our answer is clear. We wait,” the minister said.\n"
TQA = str(Path(sys.executable).with_name("tqa"))
NOBODY = 65534
SETPRIV = shutil.which("setpriv")


def temporaries(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*.tqa")]


def _setpriv(*arguments: str) -> list[str]:
    return [SETPRIV, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", "--", TQA, *arguments]


@pytest.fixture(scope="module")
def nobody_can_run_tqa() -> None:
    """Skip (saying why) where tests cannot switch to an unprivileged user who can run tqa."""
    if os.geteuid() != 0 or SETPRIV is None:
        pytest.skip("switching to an unprivileged user needs root and setpriv")
    done = subprocess.run(_setpriv("--version"), cwd="/", capture_output=True, timeout=120)
    if done.returncode != 0:
        pytest.skip(f"an unprivileged user cannot run {TQA} here: {done.stderr.decode(errors='replace')[-200:]}")


def as_nobody(*arguments: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run tqa as an unprivileged user, with a cache of its own holding the built glossary."""
    cache = copy_built_caches(cwd / ".cache-tqa")
    for path in (cache, *cache.rglob("*")):
        os.chown(path, NOBODY, NOBODY)
    environment = {**os.environ, "HOME": str(cwd), "TQA_LANG": "en", "TQA_CACHE_DIR": str(cache)}
    return subprocess.run(_setpriv(*arguments), cwd=cwd, capture_output=True, env=environment, timeout=120)


@pytest.fixture
def shared_folder():
    """A folder any user may enter and write (pytest's own is root's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="tqa-safety-"))
    folder.chmod(0o777)
    yield folder
    shutil.rmtree(folder)


# 1. A file edited between read and write keeps the newer text.


def test_file_edited_after_it_was_read_is_not_overwritten(runner, tmp_path, monkeypatch):
    path = write(tmp_path / "a.txt", ARTIFACT)
    other = write(tmp_path / "b.txt", ARTIFACT)
    newer = ARTIFACT + "A line typed meanwhile.\n"
    checked = tqa.pipeline.one_file.process_one

    def edited_meanwhile(item, rules, job):
        result = checked(item, rules, job)
        if item.path == str(path):
            path.write_text(newer, encoding="utf-8")
        return result

    monkeypatch.setattr(tqa.pipeline.one_file, "process_one", edited_meanwhile)
    result = runner.invoke(main, ["fix", "--jobs", "1", str(path), str(other)])
    assert result.exit_code == 2
    assert "a.txt: the file changed after tqa read it" in result.stderr
    assert path.read_text(encoding="utf-8") == newer
    assert other.read_text(encoding="utf-8") == FIXED
    assert "Applied 1 fix in 1 file." in result.stdout
    assert temporaries(tmp_path) == []


# 2. An empty path is a usage error.


@pytest.mark.parametrize("command", ["fix", "check"])
def test_empty_path_is_a_usage_error(runner, tmp_path, monkeypatch, command):
    path = write(tmp_path / "a.txt", ARTIFACT)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, [command, ""])
    assert result.exit_code == 2
    assert "empty path" in result.stderr
    assert path.read_text(encoding="utf-8") == ARTIFACT


# 3. Symbolic links: the file they name is fixed, the link stays a link.


def test_named_link_is_followed_and_kept(runner, tmp_path):
    target = write(tmp_path / "real" / "a.txt", ARTIFACT)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    result = runner.invoke(main, ["fix", str(link)])
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8") == FIXED


def test_link_found_in_a_folder_is_followed_and_kept(runner, tmp_path):
    target = write(tmp_path / "outside" / "a.txt", ARTIFACT)
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "b.txt").symlink_to(os.path.relpath(target, folder))
    result = runner.invoke(main, ["fix", str(folder)])
    assert result.exit_code == 0, result.output
    assert (folder / "b.txt").is_symlink()
    assert target.read_text(encoding="utf-8") == FIXED
    assert temporaries(tmp_path) == []


def test_file_named_twice_is_fixed_once(runner, tmp_path):
    target = write(tmp_path / "a.txt", ARTIFACT)
    (tmp_path / "b.txt").symlink_to(target)
    result = runner.invoke(main, ["fix", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    assert result.exit_code == 0, result.output
    assert "Applied 1 fix in 1 file." in result.stdout
    assert target.read_text(encoding="utf-8") == FIXED


def test_dangling_link_is_an_error(runner, tmp_path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "gone.txt")
    result = runner.invoke(main, ["fix", str(tmp_path / "a.txt")])
    assert result.exit_code == 2
    assert (tmp_path / "a.txt").is_symlink()


# 4. Hard links, owner, group and mode are kept.


def test_hard_linked_file_is_written_through(runner, tmp_path):
    path = write(tmp_path / "a.txt", ARTIFACT)
    other = tmp_path / "b.txt"
    os.link(path, other)
    inode = path.stat().st_ino
    result = runner.invoke(main, ["fix", str(path)])
    assert result.exit_code == 0, result.output
    assert path.stat().st_ino == inode == other.stat().st_ino
    assert other.read_text(encoding="utf-8") == FIXED
    assert temporaries(tmp_path) == []


@pytest.mark.parametrize("mode", [0o604, 0o6755], ids=oct)
def test_owner_group_and_mode_are_kept_by_root(runner, tmp_path, mode):
    if os.geteuid() != 0:
        pytest.skip("giving a file to another user needs root")
    path = write(tmp_path / "a.txt", ARTIFACT)
    os.chown(path, NOBODY, NOBODY)
    path.chmod(mode)
    assert runner.invoke(main, ["fix", str(path)]).exit_code == 0
    info = path.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (NOBODY, NOBODY, mode)
    assert path.read_text(encoding="utf-8") == FIXED


def test_user_fixing_a_file_owned_by_another_keeps_its_owner(shared_folder, nobody_can_run_tqa):
    path = write(shared_folder / "a.txt", ARTIFACT)
    path.chmod(0o666)  # root's file that anyone may edit, in a folder anyone may write
    result = as_nobody("fix", "a.txt", cwd=shared_folder)
    assert result.returncode == 0, result.stderr
    info = path.stat()
    assert (info.st_uid, stat.S_IMODE(info.st_mode)) == (0, 0o666)
    assert path.read_text(encoding="utf-8") == FIXED
    assert temporaries(shared_folder) == []


def test_failed_write_through_puts_the_old_bytes_back(tmp_path, monkeypatch):
    path = write(tmp_path / "a.txt", ARTIFACT)
    os.link(path, tmp_path / "b.txt")
    overwrite = filewrite._overwrite
    calls = []

    def disk_full_once(target, data):
        calls.append(data)
        if len(calls) == 1:
            target.write_bytes(data[:5])  # a partial write, then the disk is full
            raise OSError(errno.ENOSPC, "No space left on device")
        overwrite(target, data)

    monkeypatch.setattr(filewrite, "_overwrite", disk_full_once)
    with pytest.raises(UserError, match="no space left on the device"):
        filewrite.fix_in_place(path, FIXED.encode(), ARTIFACT.encode(), "a.txt")
    assert path.read_text(encoding="utf-8") == ARTIFACT
    assert temporaries(tmp_path) == []


def test_write_through_that_cannot_put_back_names_the_copy(tmp_path, monkeypatch):
    path = write(tmp_path / "a.txt", ARTIFACT)
    os.link(path, tmp_path / "b.txt")

    def disk_full(target, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(filewrite, "_overwrite", disk_full)
    with pytest.raises(UserError, match="the old text is kept in") as raised:
        filewrite.fix_in_place(path, FIXED.encode(), ARTIFACT.encode(), "a.txt")
    [copy] = temporaries(tmp_path)
    assert str(copy) in str(raised.value)
    assert copy.read_text(encoding="utf-8") == ARTIFACT


# 5. A read-only file is not rewritten, and that is an error.


def test_read_only_file_is_refused(runner, tmp_path):
    path = write(tmp_path / "a.txt", ARTIFACT)
    path.chmod(0o444)
    result = runner.invoke(main, ["fix", str(path)])
    assert result.exit_code == 2
    assert "a.txt: the file is read-only" in result.stderr
    assert result.stdout == ""  # no "No findings remain" beside the error
    assert path.read_text(encoding="utf-8") == ARTIFACT
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


def test_read_only_file_is_refused_for_a_user(shared_folder, nobody_can_run_tqa):
    path = write(shared_folder / "a.txt", ARTIFACT)
    os.chown(path, NOBODY, NOBODY)
    path.chmod(0o444)
    result = as_nobody("fix", "a.txt", cwd=shared_folder)
    assert result.returncode == 2
    assert b"read-only" in result.stderr
    assert path.read_text(encoding="utf-8") == ARTIFACT


# 6. A filter passes on what it cannot fix.


@pytest.mark.parametrize(
    "data",
    [b"binary\x00data, not text\n", b"Not UTF-8: \xff\xfe\xfa words.\n" * 3],
    ids=["binary", "encoding"],
)
def test_filter_passes_unreadable_input_through(runner, data):
    result = runner.invoke(main, ["fix", "-"], input=data)
    assert result.exit_code == 2
    assert result.stdout_bytes == data
    assert "tqa: error:" in result.stderr


def test_filter_passes_input_past_the_size_cap_through(runner, monkeypatch):
    monkeypatch.setattr(tqa.pipeline.one_file, "MAX_FILE_BYTES", 100)
    data = (ARTIFACT * 10).encode("utf-8")
    result = runner.invoke(main, ["fix", "-"], input=data)
    assert result.exit_code == 2
    assert result.stdout_bytes == data
    assert "larger than tqa reads at once" in result.stderr


def test_filter_passes_input_through_on_an_internal_error(runner, monkeypatch):
    def broken(*_arguments, **_options):
        raise IndexError("list index out of range")

    monkeypatch.setattr(tqa.pipeline.one_file, "fix_text", broken)
    result = runner.invoke(main, ["fix", "-"], input=ARTIFACT)
    assert result.exit_code == 2
    assert result.stdout == ARTIFACT
    assert "internal error (IndexError" in result.stderr


def test_filter_passes_input_through_when_the_encoding_cannot_hold_the_fix(runner):
    data = 'Ответ ясен - "мы ждем", he said.\n'.encode("koi8_r")
    result = runner.invoke(main, ["fix", "--encoding", "koi8_r", "--unsafe-fixes", "-"], input=data)
    assert result.exit_code == 2, result.stderr
    assert result.stdout_bytes == data
    assert "koi8_r cannot hold" in result.stderr


# 7. -o never mixes cleaned copies with the originals.


def test_output_folder_equal_to_the_input_folder_is_refused(runner, tmp_path):
    path = write(tmp_path / "in" / "a.txt", ARTIFACT)
    result = runner.invoke(main, ["fix", "-o", str(tmp_path / "in"), str(tmp_path / "in")])
    assert result.exit_code == 2
    assert "output folder is the input folder" in result.stderr
    assert path.read_text(encoding="utf-8") == ARTIFACT


def test_output_folder_inside_the_input_folder_is_refused(runner, tmp_path):
    write(tmp_path / "in" / "a.txt", ARTIFACT)
    result = runner.invoke(main, ["fix", "-o", str(tmp_path / "in" / "clean"), str(tmp_path / "in")])
    assert result.exit_code == 2
    assert not (tmp_path / "in" / "clean").exists()


def test_copy_onto_a_named_input_is_refused(runner, tmp_path, monkeypatch):
    path = write(tmp_path / "a.txt", ARTIFACT)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["fix", "-o", ".", "a.txt"])
    assert result.exit_code == 2
    assert "would replace the input" in result.stderr
    assert path.read_text(encoding="utf-8") == ARTIFACT


def test_two_inputs_with_one_name_are_refused(runner, tmp_path):
    first = write(tmp_path / "x" / "a.txt", ARTIFACT)
    second = write(tmp_path / "y" / "a.txt", ARTIFACT.replace("talk", "speak"))
    result = runner.invoke(main, ["fix", "-o", str(tmp_path / "out"), str(first), str(second)])
    assert result.exit_code == 2
    assert "would both be written to" in result.stderr
    assert not (tmp_path / "out").exists()


def test_link_in_the_output_folder_is_not_written_through(runner, tmp_path):
    write(tmp_path / "in" / "a.txt", ARTIFACT)
    other_text = "Someone else's text.\n"
    elsewhere = write(tmp_path / "elsewhere.txt", other_text)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "a.txt").symlink_to(elsewhere)
    result = runner.invoke(main, ["fix", "-o", str(tmp_path / "out"), str(tmp_path / "in")])
    assert result.exit_code == 2
    assert "is a symbolic link" in result.stderr
    assert elsewhere.read_text(encoding="utf-8") == other_text
    assert (tmp_path / "out" / "a.txt").is_symlink()


# 8. Baselines and exports never replace what is not a regular file, an input or a foreign file.


def test_baseline_over_an_input_is_refused(runner, tmp_path):
    first = write(tmp_path / "a.txt", ARTIFACT)
    second = write(tmp_path / "b.txt", ARTIFACT)
    forgotten = runner.invoke(main, ["check", "--write-baseline", str(first), str(second)])
    assert forgotten.exit_code == 2
    assert "a.txt: exists and is not a tqa baseline" in forgotten.stderr
    named = runner.invoke(main, ["check", "--write-baseline", str(first), str(first), str(second)])
    assert named.exit_code == 2
    assert "is one of the files being checked" in named.stderr
    assert first.read_text(encoding="utf-8") == ARTIFACT


def test_baseline_over_a_file_that_is_not_a_baseline_is_refused(runner, tmp_path):
    notes = write(tmp_path / "notes.json", '{"mine": true}\n')
    article = write(tmp_path / "a.txt", ARTIFACT)
    result = runner.invoke(main, ["check", "--write-baseline", str(notes), str(article)])
    assert result.exit_code == 2
    assert "is not a tqa baseline" in result.stderr
    assert notes.read_text(encoding="utf-8") == '{"mine": true}\n'


def test_baseline_is_rewritten_through_a_link(runner, tmp_path):
    article = write(tmp_path / "a.txt", ARTIFACT)
    real = tmp_path / "kept" / "baseline.json"
    assert runner.invoke(main, ["check", "--write-baseline", str(write(real, "")), str(article)]).exit_code == 0
    link = tmp_path / "baseline.json"
    link.symlink_to(real)
    assert runner.invoke(main, ["check", "--write-baseline", str(link), str(article)]).exit_code == 0
    assert link.is_symlink()
    assert json.loads(real.read_text(encoding="utf-8"))["tool"] == "tqa"


def test_baseline_into_a_fifo_is_written_through(runner, tmp_path):
    article = write(tmp_path / "a.txt", ARTIFACT)
    fifo = tmp_path / "baseline.fifo"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    time.sleep(0.2)
    result = runner.invoke(main, ["check", "--write-baseline", str(fifo), str(article)])
    assert result.exit_code == 0, result.output
    assert json.loads(reader.communicate(timeout=10)[0])["tool"] == "tqa"
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_fifo_without_a_reader_is_refused(runner, tmp_path):
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    result = runner.invoke(main, ["glossary", "export", "-o", str(fifo)])
    assert result.exit_code == 2
    assert "FIFO nobody reads" in result.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_export_into_a_device_or_through_a_descriptor_link_is_written_through(runner, tmp_path):
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    assert runner.invoke(main, ["glossary", "export", "-o", str(null)]).exit_code == 0
    assert stat.S_ISCHR(null.lstat().st_mode)
    link = tmp_path / "stdout"
    link.symlink_to("/proc/self/fd/1")
    done = subprocess.run([TQA, "glossary", "export", "--format", "csv", "-o", str(link)], capture_output=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"id,")
    assert link.is_symlink()


def test_block_device_is_refused(runner, tmp_path):
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    disk = tmp_path / "disk"
    os.mknod(disk, stat.S_IFBLK | 0o600, os.makedev(7, 0))
    article = write(tmp_path / "a.txt", ARTIFACT)
    result = runner.invoke(main, ["check", "--write-baseline", str(disk), str(article)])
    assert result.exit_code == 2
    assert "is not a regular file, a character device or a FIFO" in result.stderr
    assert stat.S_ISBLK(disk.lstat().st_mode)


def test_export_to_an_appended_stdout_appends(tmp_path):
    log = write(tmp_path / "log.csv", "earlier lines\n")
    with open(log, "ab") as stdout:
        done = subprocess.run([TQA, "glossary", "export", "--format", "csv", "-o", "/dev/stdout"], stdout=stdout)
    assert done.returncode == 0
    text = log.read_text(encoding="utf-8")
    assert text.startswith("earlier lines\nid,")


def test_export_keeps_the_mode_and_links_of_an_existing_file(runner, tmp_path):
    path = write(tmp_path / "glossary.csv", "old\n")
    path.chmod(0o640)
    os.link(path, tmp_path / "also.csv")
    assert runner.invoke(main, ["glossary", "export", "--format", "csv", "-o", str(path)]).exit_code == 0
    assert (tmp_path / "also.csv").read_text(encoding="utf-8").startswith("id,")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_import_onto_its_own_tbx_is_refused(runner, tmp_path):
    tbx = tmp_path / "terms.tbx"
    assert runner.invoke(main, ["glossary", "export", "-o", str(tbx)]).exit_code == 0
    before = tbx.read_bytes()
    result = runner.invoke(main, ["glossary", "import", str(tbx), "-o", str(tbx)])
    assert result.exit_code == 2
    assert "is one of the files being read" in result.stderr
    assert tbx.read_bytes() == before


def test_export_onto_a_glossary_it_reads_is_refused(runner, tmp_path):
    mine = write(tmp_path / "mine.toml", "# my own entries, none yet\n")
    result = runner.invoke(main, ["glossary", "export", "--format", "toml", "--glossary", str(mine), "-o", str(mine)])
    assert result.exit_code == 2
    assert "is one of the files being read" in result.stderr
    assert mine.read_text(encoding="utf-8") == "# my own entries, none yet\n"


# 9. PO catalogs: polib gets text only; lines end only at \n.

CATALOG = 'msgid ""\nmsgstr ""\n"Language: en\\n"\n\nmsgid "Ответ"\nmsgstr "We wait, ”the minister said."\n'


def test_po_content_that_names_a_file_does_not_make_tqa_read_it(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "other.po", CATALOG)
    write(tmp_path / "a.po", "other.po")
    result = runner.invoke(main, ["check", "a.po"])
    assert result.exit_code == 2
    assert "a.po:1: not a valid PO catalog" in result.stderr
    assert "Q101" not in result.output


@pytest.mark.parametrize("mark", ["\u2028", "\u2029", "\x85", "\x0b", "\x0c"], ids=repr)
def test_po_line_with_other_line_breaks_keeps_its_words(runner, tmp_path, mark):
    text = (
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n\nmsgid "Ответ"\nmsgstr ""\n'
        f'"Kept words{mark}stay here\\n"\n"We wait, ”the minister said."\n'
    )
    path = write(tmp_path / "a.po", text)
    assert runner.invoke(main, ["check", str(path)]).exit_code == 1
    result = runner.invoke(main, ["fix", str(path)])
    assert "fixed 1 × Q101" in result.output
    fixed = path.read_bytes().decode("utf-8")
    if mark in "\x0b\x0c":  # polib writes these two as escapes: the same text
        fixed = fixed.replace(polib.escape(mark), mark)
    assert fixed == text.replace("wait, ”the", "wait,” the")


def test_config_error_lines_count_only_line_ends(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "tqa.toml", "# a note\u2028more note\nselect = 5\n")
    result = runner.invoke(main, ["check", str(write(tmp_path / "a.txt", ARTIFACT))])
    assert result.exit_code == 2
    assert "tqa.toml:2: `select`" in result.stderr


def test_diff_breaks_lines_only_at_line_ends(runner, tmp_path):
    path = write(tmp_path / "a.txt", "Words\u2028more words.\n" + ARTIFACT)
    result = runner.invoke(main, ["fix", "--diff", str(path)])
    assert result.exit_code == 1
    assert "No newline" not in result.stdout
    assert " Words\u2028more words.\n" in result.stdout


# 10./11. Failures are told per file and not counted; the run goes on.


def test_internal_error_in_one_file_does_not_stop_the_run(runner, tmp_path, monkeypatch):
    bad = write(tmp_path / "a.txt", ARTIFACT)
    good = write(tmp_path / "b.txt", ARTIFACT)
    fixing = tqa.pipeline.one_file.fix_text

    def broken_for_a(text, name, *rest):
        if name.endswith("a.txt"):
            raise IndexError("list index out of range")
        return fixing(text, name, *rest)

    monkeypatch.setattr(tqa.pipeline.one_file, "fix_text", broken_for_a)
    result = runner.invoke(main, ["fix", str(tmp_path)])
    assert result.exit_code == 2
    assert "a.txt: internal error (IndexError at" in result.stderr
    assert "Please report it" in result.stderr
    assert "Traceback" not in result.output
    assert bad.read_text(encoding="utf-8") == ARTIFACT
    assert good.read_text(encoding="utf-8") == FIXED


def test_unwritable_fix_is_not_counted(runner, tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes('Ответ ясен - "мы ждем", he said.\n'.encode("koi8_r"))
    result = runner.invoke(main, ["fix", "--encoding", "koi8_r", "--unsafe-fixes", str(path)])
    assert result.exit_code == 2
    assert result.stdout == ""  # the file is an error, not a file with 0 fixes


def test_edits_that_change_nothing_are_not_counted(runner, tmp_path, monkeypatch):
    path = write(tmp_path / "a.txt", ARTIFACT)
    fixing = tqa.pipeline.one_file.fix_text

    def undone(text, *rest):
        _fixed, applied, remaining = fixing(text, *rest)
        return text, applied, remaining  # the edits cancel out

    monkeypatch.setattr(tqa.pipeline.one_file, "fix_text", undone)
    result = runner.invoke(main, ["fix", str(path)])
    assert "Applied 0 fixes in 0 files." in result.stdout
    assert "fixed" not in result.stdout


def test_file_whose_encoding_does_not_round_trip_is_not_written(runner, tmp_path):
    data = b"We wait, \\u201dthe minister said.\n"
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    result = runner.invoke(main, ["fix", "--encoding", "unicode_escape", str(path)])
    assert result.exit_code == 2
    assert path.read_bytes() == data
    assert "not a text encoding" in result.output  # refused before any file is read


KILL_A_WORKER = """
import os, sys
import tqa.pipeline.one_file
main_process = os.getpid()
checking = tqa.pipeline.one_file.process_one
def dies_in_a_worker(item, rules, job):
    if os.getpid() != main_process:  # the first file a worker is given kills it
        os._exit(9)
    return checking(item, rules, job)
tqa.pipeline.one_file.process_one = dies_in_a_worker
sys.argv = ["tqa", *sys.argv[1:]]
from tqa.__main__ import main
main()
"""


def test_killed_worker_files_are_checked_anyway(tmp_path, run_script):
    for name in "abcdef":
        write(tmp_path / f"{name}.txt", ARTIFACT)
    done = run_script(KILL_A_WORKER, "fix", "--jobs", "2", str(tmp_path))
    _stdout, stderr = done.communicate(timeout=120)
    assert done.returncode == 0, stderr
    assert b"Traceback" not in stderr
    assert b"a worker process stopped unexpectedly" in stderr
    assert all((tmp_path / f"{name}.txt").read_text(encoding="utf-8") == FIXED for name in "abcdef")


# 12. Signals: no temporary file left, exit 128 + the signal.

SLOW_WRITES = """
import os, sys, time
fsync = os.fsync
def slow_fsync(handle):
    time.sleep(0.5)
    fsync(handle)
os.fsync = slow_fsync
sys.argv = ["tqa", *sys.argv[1:]]
from tqa.__main__ import main
main()
"""


@pytest.mark.parametrize(
    ("signum", "jobs", "group"),
    [
        (signal.SIGTERM, "2", False),
        (signal.SIGTERM, "2", True),
        (signal.SIGINT, "2", True),
        (signal.SIGHUP, "1", False),
        (signal.SIGXCPU, "1", False),
    ],
    ids=["term", "term-group", "int-group", "hup", "xcpu"],
)
def test_signal_during_a_write_leaves_no_temporary_file(tmp_path, run_script, signum, jobs, group):
    for index in range(6):
        write(tmp_path / "in" / f"{index}.txt", ARTIFACT)
    process = run_script(SLOW_WRITES, "fix", "--jobs", jobs, str(tmp_path / "in"))
    deadline = time.monotonic() + 60
    while not temporaries(tmp_path) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert temporaries(tmp_path), "no write was seen in progress"
    if group:  # as a terminal's Ctrl-C or a CI timeout reaches the workers too
        os.killpg(process.pid, signum)
    else:
        process.send_signal(signum)
    _stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 128 + signum, stderr
    assert b"Traceback" not in stderr
    assert b"worker process stopped" not in stderr
    assert temporaries(tmp_path) == []
    texts = {path.read_text(encoding="utf-8") for path in (tmp_path / "in").iterdir()}
    assert texts <= {ARTIFACT, FIXED} and FIXED in texts


def test_closed_output_pipe_leaves_no_temporary_file(tmp_path):
    for index in range(40):
        write(tmp_path / f"{index:02}.txt", ARTIFACT)
    done = subprocess.run(f"{TQA} fix {tmp_path} | head -c 1", shell=True, capture_output=True, timeout=120)
    assert b"Traceback" not in done.stderr
    assert temporaries(tmp_path) == []
    assert {path.read_text(encoding="utf-8") for path in tmp_path.iterdir()} <= {ARTIFACT, FIXED}


def blocked_writing_to_a_pipe(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/wchan").read_text().endswith("pipe_write")
    except OSError:
        return False


def test_ctrl_c_with_stdout_a_full_pipe_exits_130(tmp_path):
    data = (ARTIFACT * 3000).encode("utf-8")  # more than a pipe holds
    source = write(tmp_path / "big.txt", "")
    source.write_bytes(data)
    with open(source, "rb") as stdin:
        process = subprocess.Popen([TQA, "fix", "-"], stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            deadline = time.monotonic() + 30  # where the kernel hides wchan, the pipe is full by then
            while not blocked_writing_to_a_pipe(process.pid) and time.monotonic() < deadline:
                time.sleep(0.05)
            process.send_signal(signal.SIGINT)
            returncode = process.wait(timeout=30)
        finally:
            process.kill()
    assert returncode == 130
    assert b"Traceback" not in process.stderr.read()


# The write path as a property: whatever the file is, it ends holding either
# the new bytes or its own, keeps its kind, links and mode, and leaves nothing behind.

SHAPES = ("plain", "hard-linked", "symlinked", "read-only", "edited-meanwhile")


@settings(max_examples=60, derandomize=True, deadline=None)
@given(
    shape=st.sampled_from(SHAPES),
    old=st.binary(max_size=300),
    new=st.binary(max_size=300),
    mode=st.sampled_from([0o600, 0o644, 0o664, 0o755]),
)
def test_a_fix_is_written_whole_or_not_at_all(shape, old, new, mode):
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        real = folder / "real.txt"
        real.write_bytes(old)
        real.chmod(0o444 if shape == "read-only" else mode)
        named = real
        if shape == "hard-linked":
            os.link(real, folder / "other.txt")
        if shape == "symlinked":
            named = folder / "link.txt"
            named.symlink_to(real)
        if shape == "edited-meanwhile":
            real.write_bytes(old + b"typed meanwhile")
        refused = shape in ("read-only", "edited-meanwhile")
        try:
            filewrite.fix_in_place(named, new, old, "file")
        except UserError:
            assert refused
        else:
            assert not refused
        expected = {"read-only": old, "edited-meanwhile": old + b"typed meanwhile"}.get(shape, new)
        assert real.read_bytes() == expected
        assert named.is_symlink() == (shape == "symlinked")
        assert real.stat().st_nlink == (2 if shape == "hard-linked" else 1)
        if shape == "hard-linked":
            assert (folder / "other.txt").read_bytes() == new
        assert stat.S_IMODE(real.stat().st_mode) == (0o444 if shape == "read-only" else mode)
        assert temporaries(folder) == []
