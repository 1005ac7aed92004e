"""Checking on a Dask cluster: the same output as a run on this machine, in every
format, and no file lost when a worker dies. One local cluster of two worker
processes serves the module."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA, SEED, copy_built_caches, write
from tqa.cli import main
from tqa.report import FORMATS

distributed = pytest.importorskip("distributed", reason="Dask is not installed: pip install 'tqa[dask]'")
pytestmark = pytest.mark.dask

CASES = DATA / "cases"
ARTICLES = 200
SMALL = 30


def pieces() -> list[str]:
    """Paragraphs of the seed and the test cases: the articles are made of them."""
    texts = [SEED.read_text(encoding="utf-8")] + [p.read_text(encoding="utf-8") for p in sorted(CASES.glob("*.txt"))]
    return [paragraph for text in texts for paragraph in text.replace("\r\n", "\n").split("\n\n") if paragraph.strip()]


def make_archive(folder: Path, count: int = ARTICLES) -> Path:
    """`count` small articles, some in Markdown, a name spelled two ways across
    them, one CRLF file with a BOM and one binary file among them."""
    found = pieces()
    for number in range(count):
        paragraphs = [found[(number * 7 + step) % len(found)] for step in range(3)]
        if number % 9 == 0:
            paragraphs.append("Analyst Ivan Petrovskiy spoke." if number % 2 else "Petrovsky spoke again.")
        suffix = ".md" if number % 10 == 3 else ".txt"
        write(folder / f"{number // 100}" / f"article{number:03}{suffix}", "\n\n".join(paragraphs) + "\n")
    write(folder / "crlf_bom.txt", (CASES / "crlf_bom.txt").read_text(encoding="utf-8"))
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    return folder


@pytest.fixture(scope="module")
def cluster():
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as local,
        distributed.Client(local) as client,
    ):
        yield local, client


@pytest.fixture(scope="module")
def archives(tmp_path_factory):
    """`archive`, of ARTICLES articles, and `small`, of SMALL, in one folder."""
    folder = tmp_path_factory.mktemp("archives")
    make_archive(folder / "archive")
    make_archive(folder / "small", SMALL)
    return folder


@pytest.fixture
def in_archive(archives, monkeypatch, tmp_path):
    """The archive's name, from the working folder it is in; `small` beside it."""
    monkeypatch.chdir(archives)
    monkeypatch.setenv("TQA_CACHE_DIR", str(copy_built_caches(tmp_path / "cache")))
    return "archive"


def invoke(runner, *arguments: str):
    result = runner.invoke(main, list(arguments))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("output_format", FORMATS)
def test_cluster_output_is_byte_identical(runner, cluster, in_archive, output_format):
    """Every format; the whole archive for the two most used, a smaller one for the rest."""
    folder = in_archive if output_format in ("text", "json") else "small"
    address = cluster[0].scheduler_address
    here = invoke(runner, "check", "--no-cache", "--output-format", output_format, folder)
    there = invoke(runner, "check", "--no-cache", "--output-format", output_format, "--dask-scheduler", address, folder)
    assert here[0] == 2 and "binary.txt: binary file" in here[2]  # findings, and one file that is no text
    assert there == here


def test_cluster_statistics_and_name_check(runner, cluster, in_archive):
    address = cluster[0].scheduler_address
    here = invoke(runner, "check", "--no-cache", "--statistics", "--output-format", "json", in_archive)
    there = invoke(
        runner,
        "check",
        "--no-cache",
        "--statistics",
        "--output-format",
        "json",
        "--dask-scheduler",
        address,
        in_archive,
    )
    assert there == here
    assert json.loads(here[1])  # something was counted
    found = invoke(runner, "check", "--no-cache", "--select", "N602", "--dask-scheduler", address, in_archive)
    assert "N602 `Petrovskiy` is spelled `Petrovsky` in other files of this run" in found[1]


def test_cluster_fixes_write_the_same_files(runner, cluster, tmp_path, monkeypatch):
    monkeypatch.setenv("TQA_CACHE_DIR", str(copy_built_caches(tmp_path / "cache")))
    here = make_archive(tmp_path / "here", 60)
    there = make_archive(tmp_path / "there", 60)
    monkeypatch.chdir(tmp_path)
    assert (
        invoke(runner, "fix", "here")[0]
        == invoke(runner, "fix", "--dask-scheduler", cluster[0].scheduler_address, "there")[0]
    )
    files = sorted(path.relative_to(here) for path in here.rglob("*") if path.is_file())
    assert files and all((here / name).read_bytes() == (there / name).read_bytes() for name in files)
    original = make_archive(tmp_path / "original", 60)
    assert any((here / name).read_bytes() != (original / name).read_bytes() for name in files)  # fixes were made


class KillOnce(distributed.WorkerPlugin):
    """Kills the worker process that starts the first tqa batch, once (the marker file says it happened)."""

    def __init__(self, marker: str):
        self.marker = marker

    def transition(self, key, start, finish, **kwargs):
        if finish == "executing" and "tqa-" in str(key) and not os.path.exists(self.marker):
            Path(self.marker).write_text(str(os.getpid()), encoding="utf-8")
            os.kill(os.getpid(), signal.SIGKILL)


def test_a_worker_killed_mid_run_loses_nothing(runner, cluster, in_archive, tmp_path):
    import cloudpickle

    _local, client = cluster
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    marker = tmp_path / "killed"
    client.register_plugin(KillOnce(str(marker)), name="kill-once")
    try:
        there = invoke(
            runner,
            "check",
            "--no-cache",
            "--output-format",
            "json",
            "--dask-scheduler",
            cluster[0].scheduler_address,
            in_archive,
        )
    finally:
        client.unregister_worker_plugin("kill-once")
    assert marker.exists()  # a worker did die in the run
    here = invoke(runner, "check", "--no-cache", "--output-format", "json", in_archive)
    assert there == here
    assert len({row["filename"] for row in json.loads(there[1])}) > ARTICLES / 2


def test_dask_local_and_bad_options(runner, tmp_path, monkeypatch):
    from tqa.pipeline import dask_run

    monkeypatch.setattr(dask_run, "CONNECT_TIMEOUT", "1s")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TQA_CACHE_DIR", str(copy_built_caches(tmp_path / "cache")))
    make_archive(tmp_path / "few", 12)
    assert invoke(runner, "check", "--no-cache", "--dask-local", "2", "few") == invoke(
        runner, "check", "--no-cache", "few"
    )
    both = runner.invoke(main, ["check", "--dask-local", "2", "--dask-scheduler", "tcp://127.0.0.1:1", "few"])
    assert both.exit_code == 2 and "not both" in both.stderr
    unreachable = runner.invoke(main, ["check", "--dask-scheduler", "tcp://127.0.0.1:1", "few"])
    assert unreachable.exit_code == 2
    assert "tqa: error: cannot reach the Dask scheduler at tcp://127.0.0.1:1" in unreachable.stderr


def articles_of(folder: str) -> list[dict]:
    """The readable files under `folder` as articles, in the order `tqa check` takes them."""
    from tqa.errors import UserError
    from tqa.pipeline.discover import discover
    from tqa.text.textio import read_file

    articles = []
    for item in discover([folder])[0]:
        try:
            articles.append({"path": item.display, "text": read_file(Path(item.path)).text})
        except UserError:
            continue  # the binary file: an error, not findings
    return articles


def test_a_bag_of_articles_gives_the_findings_of_check(runner, cluster, in_archive):
    import dask.bag

    from tqa.dask import check_bag

    articles = dask.bag.from_sequence(articles_of(in_archive), npartitions=7)
    expected = json.loads(invoke(runner, "check", "--no-cache", "--output-format", "json", in_archive)[1])
    assert check_bag(articles).compute() == expected
    assert any(row["code"] == "N602" for row in expected)
    one_pass = check_bag(articles, ignore="N602").compute()
    assert one_pass == [row for row in expected if row["code"] != "N602"]


def test_a_bag_names_its_fields_and_says_which_is_missing(cluster):
    import dask.bag

    from tqa.dask import check_bag
    from tqa.errors import UserError

    pairs = dask.bag.from_sequence([("a.txt", "The NATO International Secretariat was told.\n")], npartitions=1)
    assert {row["filename"] for row in check_bag(pairs).compute()} == {"a.txt"}
    named = dask.bag.from_sequence(
        [{"id": "a.txt", "body": "The NATO International Secretariat was told.\n"}], npartitions=1
    )
    assert check_bag(named, path="id", text="body").compute() == check_bag(pairs).compute() != []
    with pytest.raises(UserError, match="an article has no text field `text`"):
        check_bag(named, path="id").compute()


def test_the_archive_example_writes_the_findings_to_parquet(cluster, in_archive, tmp_path):
    import pyarrow.parquet

    articles = articles_of(in_archive)[:40]
    archive = tmp_path / "articles.jsonl"
    archive.write_text("".join(json.dumps(article, ensure_ascii=False) + "\n" for article in articles), "utf-8")
    script = Path(__file__).resolve().parent.parent / "examples" / "check_archive.py"
    address = cluster[0].scheduler_address
    command = [
        sys.executable,
        str(script),
        str(archive),
        str(tmp_path / "out"),
        "--scheduler",
        address,
        "--blocksize",
        "4KiB",
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    rows = pyarrow.parquet.read_table(tmp_path / "out").to_pylist()
    import dask.bag

    from tqa.dask import check_bag

    expected = check_bag(dask.bag.from_sequence(articles, npartitions=3)).compute()
    assert len(list((tmp_path / "out").glob("part-*.parquet"))) > 1
    assert [(r["filename"], r["code"], r["row"], r["column"], r["message"]) for r in rows] == [
        (r["filename"], r["code"], r["location"]["row"], r["location"]["column"], r["message"]) for r in expected
    ]


def test_check_paths_on_a_cluster(cluster, in_archive):
    import tqa

    _local, client = cluster
    on_cluster = [
        (r.path, [f.to_dict() for f in r.findings], str(r.error)) for r in tqa.check_paths([in_archive], client=client)
    ]
    here = [(r.path, [f.to_dict() for f in r.findings], str(r.error)) for r in tqa.check_paths([in_archive])]
    assert on_cluster == here and len(here) == ARTICLES + 2
