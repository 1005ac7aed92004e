"""The results cache: reused only when nothing changed, never trusted when corrupt,
removed by `tqa clean`; and --jobs gives the same output as one process."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SEED, write
from tqa.cli import main

# Rules without the glossary: each test's own cache folder then needs no compiled glossary.
RULES = ("--select", "Q,S,P,C")
ARTICLE = SEED.read_text(encoding="utf-8")
PARAGRAPHS = ARTICLE.split("\n\n")


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("TQA_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def corpus(tmp_path, monkeypatch) -> Path:
    """Twelve articles, each a different slice of the seed, checked from their parent folder."""
    root = tmp_path / "work"
    for index in range(12):
        write(root / "docs" / f"{index:02d}.txt", "\n\n".join(PARAGRAPHS[index % 5 :: 2]) + "\n")
    monkeypatch.chdir(root)
    return root / "docs"


def run(*arguments: str) -> str:
    result = CliRunner().invoke(main, ["check", *RULES, "--exit-zero", *arguments, "docs"])
    assert result.exit_code == 0, result.output
    return result.stdout


def results_files(cache_dir: Path) -> list[Path]:
    return sorted((cache_dir / "results").glob("*.pickle"))


@pytest.mark.parametrize("output_format", ["text", "concise", "full", "json-lines", "json", "sarif", "github"])
def test_a_warm_run_prints_what_a_cold_one_does(cache_dir, corpus, output_format):
    cold = run("--output-format", output_format, "--jobs", "1")
    assert len(results_files(cache_dir)) == 1
    assert run("--output-format", output_format, "--jobs", "1") == cold
    assert run("--output-format", output_format, "--no-cache") == cold


@pytest.mark.parametrize("encoding", ["utf-8", "ascii:backslashreplace", "latin-1:replace"])
def test_warm_output_is_cold_output_whatever_standard_output_writes(cache_dir, corpus, encoding):
    """Files from the cache are written as they were rendered, as UTF-8, straight
    to standard output's bytes only where it writes UTF-8: any other encoding, and
    a lone surrogate (a file name's undecodable byte), go through the stream."""
    write(corpus / "\udcff.txt", "He said “hello ”.\n")  # a name that is not UTF-8
    environment = {**os.environ, "PYTHONIOENCODING": encoding}
    command = [sys.executable, "-m", "tqa", "check", *RULES, "--exit-zero", "--jobs", "1", "docs"]

    def output(*options: str) -> bytes:
        done = subprocess.run([*command, *options], capture_output=True, env=environment, check=True)
        return done.stdout

    cold = output("--no-cache")
    assert b"Q103" in cold and cold.count(b"docs/") > 12
    assert output() == cold  # the cache filled
    assert output() == cold  # every file from the cache


@pytest.mark.parametrize("first", [("--statistics",), ("--output-format", "json"), ("--output-format", "concise")])
def test_a_run_that_prints_otherwise_leaves_text_output_whole(cache_dir, corpus, first):
    """A run that does not print file by file (statistics, json) or prints another format
    must not hand a later text run files it never rendered."""
    cold = run("--no-cache")
    run(*first)
    assert run() == cold
    assert run() == cold


def test_warm_runs_check_nothing_again(cache_dir, corpus, monkeypatch):
    run("--jobs", "1")
    from tqa.pipeline import one_file

    def fail(*_arguments):
        raise AssertionError("a cached file was checked again")

    monkeypatch.setattr(one_file, "process_one", fail)
    run("--jobs", "1")


def test_an_edited_file_is_checked_again(cache_dir, corpus):
    run("--jobs", "1")
    edited = corpus / "03.txt"
    text = edited.read_text(encoding="utf-8")
    status = edited.stat()
    # The same size and modification time: only the content tells.
    edited.write_text(text.replace("NATO", "OTAN", 1), encoding="utf-8")
    os.utime(edited, ns=(status.st_atime_ns, status.st_mtime_ns + 1))
    assert run("--jobs", "1") == run("--no-cache")
    write(edited, text + "\nA new paragraph with “quotes ”.\n")
    assert run("--jobs", "1") == run("--no-cache")


def test_a_corrupt_cache_is_rebuilt_not_an_error(cache_dir, corpus):
    cold = run("--jobs", "1")
    (cache_file,) = results_files(cache_dir)
    for damage in (b"", b"not a pickle", pickle.dumps({"x": 1}), cache_file.read_bytes()[:100]):
        cache_file.write_bytes(damage)
        assert run("--jobs", "1") == cold
        with cache_file.open("rb") as stream:
            assert len(pickle.load(stream)) == 12


def test_an_unwritable_cache_folder_is_skipped(tmp_path, corpus, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("TQA_CACHE_DIR", str(blocker / "cache"))
    assert run("--jobs", "1") == run("--no-cache")


def test_no_cache_leaves_the_cache_alone(cache_dir, corpus):
    run("--no-cache")
    assert not results_files(cache_dir)


def test_settings_and_messages_are_part_of_the_key(cache_dir, corpus):
    run("--jobs", "1")
    run("--jobs", "1", "--output-format", "json")
    CliRunner().invoke(main, ["--lang", "ru", "check", *RULES, "--exit-zero", "docs"])
    run("--jobs", "1", "--ignore", "Q101")
    assert len(results_files(cache_dir)) == 4


def test_cache_dir_option_and_clean(tmp_path, corpus, monkeypatch):
    monkeypatch.setenv("TQA_CACHE_DIR", str(tmp_path / "elsewhere"))
    folder = tmp_path / "chosen"
    run("--cache-dir", str(folder))
    assert results_files(folder)
    for name in ("glossary-0-0.pickle", "scan-0.hsdb", "kept-words-0.pickle"):
        (folder / name).write_bytes(b"")
    compiled = ("glossary-*", "scan-*", "kept-*")
    count = len(results_files(folder) + [path for pattern in compiled for path in folder.glob(pattern)])
    result = CliRunner().invoke(main, ["clean", "--cache-dir", str(folder)])
    assert result.exit_code == 0, result.output
    assert f"Removed {count} cache files" in result.stderr
    assert not results_files(folder) and not [path for pattern in compiled for path in folder.glob(pattern)]


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_jobs_give_the_output_of_one_process(cache_dir, corpus, output_format):
    one = run("--no-cache", "--jobs", "1", "--output-format", output_format)
    assert run("--no-cache", "--jobs", "2", "--output-format", output_format) == one
    assert run("--no-cache", "--output-format", output_format) == one
    assert run("--jobs", "3", "--output-format", output_format) == one  # cold: the workers' results cached
    for edited in (corpus / "05.txt", corpus / "09.txt"):
        edited.write_text(edited.read_text(encoding="utf-8") + "\nHe said - “yes ”.\n", encoding="utf-8")
    fresh = run("--no-cache", "--jobs", "1", "--output-format", output_format)
    assert fresh != one
    assert run("--jobs", "3", "--output-format", output_format) == fresh  # two files re-checked beside cached ones


def test_only_the_newest_compiled_glossaries_are_kept(tmp_path):
    from tqa.glossary import compiled

    for age in range(compiled.KEPT_GLOSSARIES + 3):
        path = tmp_path / f"{compiled.GLOSSARY_CACHE_PREFIX}{age}.pickle"
        path.write_bytes(b"")
        os.utime(path, (1_000_000 - age, 1_000_000 - age))
    compiled._evict(tmp_path)
    kept = sorted(path.name for path in tmp_path.iterdir())
    assert kept == [f"{compiled.GLOSSARY_CACHE_PREFIX}{age}.pickle" for age in range(compiled.KEPT_GLOSSARIES)]


def test_concurrent_runs_leave_a_whole_cache(cache_dir, corpus):
    import subprocess
    import sys

    command = [sys.executable, "-m", "tqa", "check", *RULES, "--exit-zero", "--jobs", "1", "docs"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(3)]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert all(process.returncode == 0 for process in runs), outputs
    assert len({stdout for stdout, _stderr in outputs}) == 1
    (cache_file,) = results_files(cache_dir)
    with cache_file.open("rb") as stream:
        assert len(pickle.load(stream)) == 12
    assert not list((cache_dir / "results").glob("*.tmp"))
    assert run("--jobs", "1").encode() == outputs[0][0]


def test_a_warm_run_names_the_glossary_entry_without_loading_the_glossary(cache_dir, tmp_path, monkeypatch):
    """The run-wide name check (N602) cites the glossary's entry of a known person;
    its note is kept beside the results, so a run whose files all come from the
    cache reports it the same without loading the glossary."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "docs" / "1.txt", "Sergei Shoigu spoke.\n")
    write(tmp_path / "docs" / "2.txt", "Sergei Shoigu spoke again.\n")
    write(tmp_path / "docs" / "3.txt", "Sergei Shoygu said. Shoygu came.\n")

    def names_check() -> str:
        arguments = ["check", "--select", "N602", "--exit-zero", "--jobs", "1", "--output-format", "json", "docs"]
        result = CliRunner().invoke(main, arguments)
        assert result.exit_code == 0, result.output
        return result.stdout

    cold = names_check()
    assert '"id": "person-sergei-shoigu"' in cold
    from tqa.pipeline import engine

    def fail(*_arguments):
        raise AssertionError("the glossary was loaded")

    with monkeypatch.context() as patched:
        patched.setattr(engine, "glossary_people", fail)
        assert names_check() == cold
    (notes,) = (cache_dir / "results").glob("*.notes")
    notes.write_bytes(b"not a pickle")
    assert names_check() == cold  # a corrupt notes file is looked up again, not trusted


@pytest.mark.parametrize("streamed", [False, True])
def test_a_packed_result_unpacks_to_the_same_result(tmp_path, streamed):
    """The cache keeps results as plain values: unpacked, a result is what was
    packed, with the input it is looked up for, and shares nothing that can change
    (its tally is only ever read: merged into a run's)."""
    import dataclasses

    from tqa.pipeline.one_file import process_one
    from tqa.pipeline.run import FileResult, Input, Job
    from tqa.pipeline.tally import Tally
    from tqa.report import render
    from tqa.rules import select_rules

    path = write(tmp_path / "article.txt", ARTICLE)
    job = Job(keep_text=False, detect_language=True)
    if streamed:
        job = dataclasses.replace(job, render=lambda result: render("json", result), keep_order=True)
    original = process_one(Input(str(path), "article.txt"), select_rules(("Q", "S", "P", "C")), job)
    item = Input(str(path), "shown.txt")
    copy = FileResult.unpacked(pickle.loads(pickle.dumps(original.packed())), item)
    assert copy.input is item
    for field in dataclasses.fields(FileResult):  # a field added later is packed too, or this fails
        if field.name not in ("input", "snapshot"):
            assert getattr(copy, field.name) == getattr(original, field.name), field.name
    assert copy.findings or copy.rendered
    assert [copy.snapshot.position(f.start) for f in copy.findings] == [
        original.snapshot.position(f.start) for f in original.findings
    ]
    assert (copy.tally is None) == (not streamed)
    copy.findings.append(None)
    assert copy.findings != original.findings
    if streamed:
        run = Tally()
        run.merge(copy.tally)
        run.merge(copy.tally)
        assert run != copy.tally == original.tally


@pytest.mark.parametrize("output_format", ["text", "json", "sarif"])
def test_the_run_wide_findings_of_an_unchanged_run_are_remembered(cache_dir, tmp_path, monkeypatch, output_format):
    """A run whose files are all unchanged, in the same order, reports the run-wide
    name findings (N602) remembered from the last such run; a changed file, or a
    corrupt record of them, has them worked out again."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "docs" / "1.txt", "Sergei Shoigu spoke.\n")
    write(tmp_path / "docs" / "2.txt", "Sergei Shoigu spoke again.\n")
    write(tmp_path / "docs" / "3.txt", "Quotes “here ”.\n\nSergei Shoygu said. Shoygu came.\n")

    def names_check(*options: str) -> str:
        arguments = ["check", "--select", "N602,Q103", "--exit-zero", "--output-format", output_format, *options]
        result = CliRunner().invoke(main, [*arguments, "docs"])
        assert result.exit_code == 0, result.output
        return result.stdout

    cold = names_check("--jobs", "1")
    assert "Shoygu" in cold and "Q103" in cold
    from tqa.pipeline import engine

    def fail(*_arguments):
        raise AssertionError("the run-wide findings were worked out again")

    with monkeypatch.context() as patched:
        patched.setattr(engine, "NameIndex", fail)
        assert names_check("--jobs", "1") == cold
    (remembered,) = (cache_dir / "results").glob("*.run")
    remembered.write_bytes(b"not a pickle")
    assert names_check("--jobs", "1") == cold
    write(tmp_path / "docs" / "2.txt", "Mr Shoigu spoke again.\n\nSergei Shoigu too.\n")
    assert names_check("--jobs", "1") == names_check("--no-cache")
    write(tmp_path / "docs" / "1.txt", "Sergei Shoygu spoke.\n")
    assert names_check("--jobs", "1") == names_check("--no-cache")


def test_a_remembered_run_wide_finding_keeps_its_files_language(cache_dir, tmp_path, monkeypatch):
    """A file whose only finding comes from the whole run has its language detected
    when the finding comes (see `link_files`); a warm run that remembers the finding
    remembers the language with it, without reading the file again."""
    import tqa.pipeline.one_file

    monkeypatch.chdir(tmp_path)
    write(tmp_path / "docs" / "1.txt", "Sergei Shoigu spoke to the press about the talks.\n")
    write(tmp_path / "docs" / "2.txt", "Sergei Shoigu spoke again about the talks.\n")
    write(tmp_path / "docs" / "3.txt", "Sergei Shoygu said that the talks went well. Shoygu came.\n")
    arguments = ["check", "--select", "N602", "--exit-zero", "--jobs", "1", "--output-format", "json", "docs"]
    cold = CliRunner().invoke(main, arguments).stdout
    (found,) = json.loads(cold)
    assert (found["filename"], found["document_language"]) == ("docs/3.txt", "en")

    def fail(*_arguments):
        raise AssertionError("a file was read again")

    monkeypatch.setattr(tqa.pipeline.one_file, "read_input", fail)
    assert CliRunner().invoke(main, arguments).stdout == cold


def test_entries_share_equal_tuples_of_plain_values(cache_dir, corpus):
    """Equal sources and counts are pickled once (so a warm run loads them once);
    values of other types stay apart even where they compare equal."""
    run("--jobs", "1")
    (path,) = results_files(cache_dir)
    with path.open("rb") as stream:
        entries = list(pickle.load(stream).values())
    assert len(entries) == 12
    assert len({id(entry.result[0]) for entry in entries}) == 1  # one source tuple: the text let go, UTF-8
    from tqa.pipeline.cache import ResultCache

    cache = ResultCache(path)
    first, second = cache._shared(((1, "a"), (True, "a"), None)), cache._shared(((1, "a"), (True, "a"), None))
    assert first[0] is second[0] and first[1] is second[1] and first[0] is not first[1]
    assert type(first[1][0]) is bool
