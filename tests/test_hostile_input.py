"""Hostile input: wrong encodings, non-regular files, broken configuration and
data, odd file names. Each gets a one-line error naming file and line (exit 2),
never a hang, a traceback or a file written from text not read with confidence."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import write
from tqa.cli import main
from tqa.errors import UserError
from tqa.text.textio import decode, read_regular, read_stream

ARTICLE = "He said ”hello, and left.\n"
UTF8_WITH_STRAY_BYTE = "Lavrov said “yes” — and left.\nThen a stray byte: ".encode() + b"\x97" + b" here.\n"


def _fifo(tmp_path: Path, name: str = "pipe.txt") -> Path:
    path = tmp_path / name
    os.mkfifo(path)
    return path


def _run_cli(*args: str, cwd: Path, timeout: float = 60, stdout=subprocess.PIPE) -> subprocess.CompletedProcess:
    """tqa in a process of its own (a hang ends in a timeout, not a stuck suite)."""
    return subprocess.run(
        [sys.executable, "-m", "tqa", *args], cwd=cwd, stdout=stdout, stderr=subprocess.PIPE, timeout=timeout
    )


# 1. Encoding advice


def test_utf8_with_one_stray_byte_is_not_called_another_encoding():
    with pytest.raises(UserError) as caught:
        decode(UTF8_WITH_STRAY_BYTE, "a.txt")
    message = str(caught.value)
    assert caught.value.line == 2 and "0x97" in message and "the rest reads as UTF-8" in message
    assert "mac_roman" not in message and "--encoding" not in message


def test_a_whole_latin1_file_gets_its_encoding_advised():
    with pytest.raises(UserError, match=r"looks like (cp1252|latin_1|iso8859_15).*--encoding"):
        decode("Café au lait, naïve façade.\n".encode("latin-1"), "a.txt")


def test_a_forced_single_byte_encoding_never_reads_a_utf8_file(tmp_path, runner):
    path = tmp_path / "a.txt"
    path.write_bytes(UTF8_WITH_STRAY_BYTE)
    result = runner.invoke(main, ["fix", "--unsafe-fixes", "--encoding", "mac_roman", str(path)])
    assert result.exit_code == 2 and "UTF-8 but for 1 invalid byte" in result.stderr
    assert path.read_bytes() == UTF8_WITH_STRAY_BYTE


@pytest.mark.parametrize(
    "codec", ["unicode_escape", "raw_unicode_escape", "rot13", "base64", "zlib", "hex", "punycode"]
)
def test_codecs_that_are_not_text_encodings_are_refused(tmp_path, runner, codec):
    path = write(tmp_path / "a.txt", "Line one.\nLine two.\n")
    result = runner.invoke(main, ["fix", "--encoding", codec, str(path)])
    assert result.exit_code == 2 and "not a text encoding" in result.output
    assert "Traceback" not in result.output and path.read_text() == "Line one.\nLine two.\n"


def test_a_forced_encoding_must_give_back_the_same_bytes():
    with pytest.raises(UserError, match="byte for byte"):
        decode("\ufeffa".encode("utf-16-be"), "a.txt", "utf-16")  # read as LE-by-default BOM-less: not the bytes


# 2. Non-regular inputs and capped reads


def test_a_fifo_named_on_the_command_line_is_refused_without_blocking(tmp_path):
    _fifo(tmp_path)
    write(tmp_path / "ok.txt", ARTICLE)
    result = _run_cli("check", "pipe.txt", "ok.txt", cwd=tmp_path)
    assert result.returncode == 2
    assert b"pipe.txt: not a regular file" in result.stderr and b"ok.txt:1:9" in result.stdout


def test_a_source_that_is_a_fifo_is_refused(tmp_path):
    _fifo(tmp_path, "original.txt")
    write(tmp_path / "a.txt", ARTICLE)
    result = _run_cli("check", "--source", "original.txt", "a.txt", cwd=tmp_path)
    assert result.returncode == 2 and b"original.txt: not a regular file" in result.stderr


def test_a_link_to_dev_zero_is_refused(tmp_path, runner):
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    result = runner.invoke(main, ["check", str(tmp_path / "zero.txt")])
    assert result.exit_code == 2 and "not a regular file" in result.stderr


def test_reads_are_capped_whatever_the_size_says(tmp_path):
    class Endless:
        def read(self, count: int) -> bytes:
            return b"a" * count

    with pytest.raises(UserError, match="more than 1 MB"):
        read_stream(Endless(), "<stdin>", limit=1024 * 1024)
    path = write(tmp_path / "a.txt", "x" * 100)
    with pytest.raises(UserError, match="larger than tqa reads"):
        read_regular(path, limit=10)


def test_endless_stdin_is_refused(tmp_path, monkeypatch):
    import tqa.text.textio

    monkeypatch.setattr(tqa.text.textio, "MAX_FILE_BYTES", 1000)
    with open("/dev/zero", "rb") as zero:
        monkeypatch.setattr(sys, "stdin", type("Stdin", (), {"buffer": zero})())
        from tqa.pipeline.one_file import Input, read_input

        with pytest.raises(UserError, match="more than"):
            read_input(Input("-", "-"))


@pytest.mark.parametrize("option", ["--config", "--glossary", "--baseline"])
def test_config_glossary_and_baseline_fifos_give_a_clear_error(tmp_path, option):
    _fifo(tmp_path, "special.toml")
    write(tmp_path / "a.txt", ARTICLE)
    result = _run_cli("check", option, "special.toml", "a.txt", cwd=tmp_path)
    assert result.returncode == 2 and b"special.toml: not a regular file" in result.stderr
    assert b"Traceback" not in result.stderr


def test_glossary_import_of_a_device_is_refused(runner):
    result = runner.invoke(main, ["glossary", "import", "/dev/zero"])
    assert result.exit_code == 2 and "not a regular file" in result.stderr


def test_huge_configuration_is_refused(tmp_path, runner):
    config = tmp_path / "tqa.toml"
    config.write_bytes(b"# " + b"x" * (2 * 1024 * 1024) + b"\n")
    result = runner.invoke(main, ["check", "--config", str(config), str(write(tmp_path / "a.txt", ARTICLE))])
    assert result.exit_code == 2 and "larger than tqa reads" in result.stderr


def test_score_on_a_fifo_neither_hangs_nor_suggests_a_missing_option(tmp_path):
    _fifo(tmp_path, "hyp.txt")
    write(tmp_path / "ref.txt", "Hello.\n")
    result = _run_cli("score", "hyp.txt", "--ref", "ref.txt", cwd=tmp_path)
    assert result.returncode == 2 and b"not a regular file" in result.stderr
    (tmp_path / "latin.txt").write_bytes("Café au lait, naïve.\n".encode("latin-1"))
    result = _run_cli("score", "latin.txt", "--ref", "ref.txt", cwd=tmp_path)
    assert result.returncode == 2 and b"--encoding" not in result.stderr and b"iconv" in result.stderr


# 3. UTF-16 without a byte order mark


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_named_with_how_to_read_it(tmp_path, runner, codec):
    text = "Lavrov said the talks — «переговоры» — went well.\n"
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(codec))
    result = runner.invoke(main, ["check", str(path)])
    assert result.exit_code == 2
    assert f"looks like {codec} text without a byte order mark" in result.stderr
    assert f"--encoding {codec}" in result.stderr and "binary" not in result.stderr
    assert runner.invoke(main, ["check", "--select", "C", "--encoding", codec, str(path)]).exit_code == 1


def test_real_binary_is_still_binary():
    with pytest.raises(UserError, match="binary"):
        decode(bytes(range(256)) * 8, "a.bin")


# 5. Crashes on hostile configuration and data become one-line errors


@pytest.mark.parametrize(("content", "line"), [('tool = "tqa"\n', 1), ("tool = 5\n\n[project]\nname = 'x'\n", 1)])
def test_pyproject_whose_tool_is_not_a_table(tmp_path, runner, content, line):
    config = write(tmp_path / "pyproject.toml", content)
    result = runner.invoke(main, ["check", "--config", str(config), str(write(tmp_path / "a.txt", ARTICLE))])
    assert result.exit_code == 2 and "`tool` must be a table" in result.stderr and "Traceback" not in result.output


def test_pyproject_whose_tool_is_not_a_table_found_by_walking_up(tmp_path):
    write(tmp_path / "pyproject.toml", 'tool = "tqa"\n')
    write(tmp_path / "a.txt", ARTICLE)
    result = _run_cli("check", "a.txt", cwd=tmp_path)
    assert result.returncode == 2 and b"pyproject.toml:1: `tool` must be a table" in result.stderr


@pytest.mark.parametrize("where", ["pyproject", "glossary"])
def test_deeply_nested_toml_arrays(tmp_path, runner, where):
    nested = "x = " + "[" * 5000 + "]" * 5000 + "\n"
    article = write(tmp_path / "a.txt", ARTICLE)
    if where == "pyproject":
        config = write(tmp_path / "pyproject.toml", "[tool.tqa]\n" + nested)
        args = ["check", "--config", str(config), str(article)]
    else:
        glossary = write(tmp_path / "g.toml", "\n" + nested)
        args = ["check", "--glossary", str(glossary), str(article)]
    result = runner.invoke(main, args)
    assert result.exit_code == 2 and "nested too deeply" in result.stderr and ":2: " in result.stderr


@pytest.mark.parametrize("entry", ["entry = 5", 'entry = "x"', "[entry]\nid = 'x'", "entry = [1, 2]"])
def test_glossary_entry_of_the_wrong_type(tmp_path, runner, entry):
    glossary = write(tmp_path / "g.toml", entry + "\n")
    result = runner.invoke(main, ["check", "--glossary", str(glossary), str(write(tmp_path / "a.txt", ARTICLE))])
    assert result.exit_code == 2 and "`entry` must be an array of tables" in result.stderr
    assert str(glossary) + ":1:" in result.stderr


def test_tbx_concept_without_language_sections(tmp_path, runner):
    tbx = write(
        tmp_path / "g.tbx",
        '<?xml version="1.0"?>\n<tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body>\n'
        '<conceptEntry id="c1"><descrip type="subjectField">general</descrip></conceptEntry>\n'
        "</body></text></tbx>\n",
    )
    result = runner.invoke(main, ["glossary", "import", str(tbx)])
    assert result.exit_code == 2 and f"{tbx}:3: conceptEntry `c1`: no Russian term" in result.stderr


def test_tbx_entity_expansion_is_refused(tmp_path, runner):
    entities = ['<!ENTITY e0 "lol">'] + [f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 10)]
    tbx = write(
        tmp_path / "bomb.tbx",
        '<?xml version="1.0"?>\n<!DOCTYPE tbx [' + "".join(entities) + "]>\n"
        '<tbx><text><body><conceptEntry id="a"><note>&e9;</note></conceptEntry></body></text></tbx>\n',
    )
    result = runner.invoke(main, ["glossary", "import", str(tbx)])
    assert result.exit_code == 2 and "not well-formed TBX" in result.stderr and "amplification" in result.stderr


@pytest.mark.parametrize("content", ['{"files": []}', "[]", '{"files": {"a.txt": [1]}}', "[" * 100000 + "]" * 100000])
def test_malformed_baselines(tmp_path, runner, content):
    baseline = write(tmp_path / "b.json", content)
    result = runner.invoke(main, ["check", "--baseline", str(baseline), str(write(tmp_path / "a.txt", ARTICLE))])
    assert result.exit_code == 2 and "not a tqa baseline file" in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize(("english", "russian"), [("", "Он сказал.\n\nОна ушла.\n"), ("He said.\n\nShe left.\n", "")])
def test_an_empty_side_of_a_source_pair(tmp_path, runner, english, russian):
    write(tmp_path / "a.en.txt", english)
    write(tmp_path / "a.ru.txt", russian)
    write(tmp_path / "b.txt", ARTICLE)
    result = runner.invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == 2 and "has no text, but its pair" in result.stderr
    assert "b.txt:1:9" in result.output  # the run goes on


DEPTH = 1100


def test_a_folder_nested_1100_deep(tmp_path):
    folder = tmp_path / "deep"
    folder.mkdir()
    _make_deep(folder)
    try:
        result = _run_cli("check", "deep", cwd=tmp_path)
    finally:
        _remove_deep(folder)  # shutil.rmtree would recurse as deep
    assert result.returncode == 1 and b"RecursionError" not in result.stderr
    assert b"/d/a.txt:1:9: Q10" in result.stdout


def _descend(folder: Path) -> list[int]:
    """Descriptors of `folder` and each `d` below it: no path grows past PATH_MAX."""
    descriptors = [os.open(folder, os.O_RDONLY)]
    for _level in range(DEPTH):
        descriptors.append(os.open("d", os.O_RDONLY, dir_fd=descriptors[-1]))
    return descriptors


def _make_deep(folder: Path) -> None:
    current = os.open(folder, os.O_RDONLY)
    for _level in range(DEPTH):
        os.mkdir("d", dir_fd=current)
        deeper = os.open("d", os.O_RDONLY, dir_fd=current)
        os.close(current)
        current = deeper
    descriptor = os.open("a.txt", os.O_WRONLY | os.O_CREAT, dir_fd=current)
    os.write(descriptor, ARTICLE.encode())
    os.close(descriptor)
    os.close(current)


def _remove_deep(folder: Path) -> None:
    descriptors = _descend(folder)
    os.unlink("a.txt", dir_fd=descriptors[-1])
    for level in range(DEPTH, 0, -1):
        os.close(descriptors[level])
        os.rmdir("d", dir_fd=descriptors[level - 1])
    os.close(descriptors[0])


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("output_format", ["text", "json"])
def test_stdout_on_a_full_disk(tmp_path, output_format):
    write(tmp_path / "a.txt", ARTICLE)
    with open("/dev/full", "wb") as full:
        result = _run_cli("check", "--output-format", output_format, "a.txt", cwd=tmp_path, stdout=full)
    assert result.returncode == 2
    assert result.stderr.decode().strip() == "tqa: error: cannot write the output: no space left on the device"


# 6. Glossary patterns cannot blow up


def _glossary(avoid: str) -> str:
    return (
        '[[entry]]\nid = "x"\nru = "икс"\nen = "ex"\n'
        f"avoid = [{json.dumps(avoid)}]\n"
        'kind = "term"\ndomain = "general"\nnote = "n"\nref = "r"\nfix = "safe"\n'
        'flag = ["an x here"]\nok = ["an ex here"]\n'
    )


@pytest.mark.parametrize(
    ("avoid", "message"),
    [
        ("[the] [a]", "only of optional [words]"),
        ("x " + " ".join(f"[w{i}]" for i in range(18)), "18 optional [words]; at most 6"),
        ("x" * 500, "500 characters long"),
        ("", "non-empty string"),
    ],
)
def test_avoid_forms_that_would_blow_up_are_errors(tmp_path, runner, avoid, message):
    glossary = write(tmp_path / "g.toml", _glossary(avoid))
    result = runner.invoke(main, ["glossary", "validate", str(glossary)])
    assert result.exit_code == 2 and message in result.output and f"{glossary}:5:" in result.output


def test_a_glossary_of_a_million_entries_is_refused(tmp_path, runner, monkeypatch):
    import tqa.glossary.load

    monkeypatch.setattr(tqa.glossary.load, "MAX_ENTRIES", 2000)  # above any built-in file
    glossary = write(tmp_path / "g.toml", "\n".join("[[entry]]\nid = 'e'" for _ in range(2001)))
    result = runner.invoke(main, ["check", "--glossary", str(glossary), str(write(tmp_path / "a.txt", ARTICLE))])
    assert result.exit_code == 2 and "g.toml:1: 2001 entries in one file; at most 2000" in result.stderr


def test_a_huge_glossary_file_is_refused(tmp_path, runner):
    glossary = tmp_path / "g.toml"
    glossary.write_bytes(b"# " + b"x" * (17 * 1024 * 1024))
    result = runner.invoke(main, ["check", "--glossary", str(glossary), str(write(tmp_path / "a.txt", ARTICLE))])
    assert result.exit_code == 2 and "larger than tqa reads" in result.stderr


# 7. File names that are not valid UTF-8, or hold line breaks


HOSTILE_NAME = os.fsdecode(b"bad\xff\nname\r\t\x1b.txt")
SHOWN_NAME = "bad\\xff\\nname\\r\\t\\x1b.txt"


def test_a_hostile_name_is_escaped_identically_in_every_format(tmp_path, runner, monkeypatch):
    write(tmp_path / HOSTILE_NAME, ARTICLE)
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.chdir(tmp_path)
    for output_format in ("text", "concise", "json", "json-lines", "sarif", "github", "gitlab", "junit"):
        result = runner.invoke(main, ["check", "--output-format", output_format, "."])
        assert result.exit_code == 1, (output_format, result.output)
        output = result.stdout_bytes.decode("utf-8")  # valid UTF-8: no raw bytes of the name
        if output_format in ("json", "json-lines", "gitlab"):
            assert json.dumps(SHOWN_NAME) in output
        elif output_format == "sarif":
            assert "bad%5Cxff%5Cnname%5Cr%5Ct%5Cx1b.txt" in output
        else:
            assert SHOWN_NAME in output, output_format
        if output_format in ("text", "concise", "github"):
            lines = [line for line in output.splitlines() if "Q10" in line]
            assert lines and all(SHOWN_NAME in line for line in lines)
    assert f"| {SHOWN_NAME}:1:9 |" in summary.read_text(encoding="utf-8")


def test_a_hostile_name_in_baselines_and_errors(tmp_path):
    write(tmp_path / HOSTILE_NAME, ARTICLE)
    (tmp_path / os.fsdecode(b"b\xfe\n.txt")).write_bytes(b"\x00\x01binary")
    result = _run_cli("check", "--write-baseline", "base.json", ".", cwd=tmp_path)
    assert json.dumps(SHOWN_NAME) in (tmp_path / "base.json").read_text(encoding="utf-8")
    assert b"tqa: error: b\\xfe\\n.txt: binary file" in result.stderr
    assert _run_cli("check", "--baseline", "base.json", HOSTILE_NAME, cwd=tmp_path).returncode == 0


def test_fix_reports_a_hostile_name_on_one_line(tmp_path):
    write(tmp_path / HOSTILE_NAME, "Our mission, ”Lavrov said.\n")
    result = _run_cli("fix", ".", cwd=tmp_path)
    assert f"{SHOWN_NAME}: fixed 1".encode() in result.stdout
    assert (tmp_path / HOSTILE_NAME).read_text() == "Our mission,” Lavrov said.\n"


def test_stdin_is_still_read(runner):
    result = runner.invoke(main, ["check", "-"], input=ARTICLE)
    assert result.exit_code == 1 and "-:1:9" in result.output
