"""Ctrl-C during `tqa fix`: exit 130 at once, workers ended, what was written told, nothing left behind."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

import pytest

from conftest import write

ARTIFACT = "We are ready to talk, he said. “Our answer is clear. We wait, ”the minister said.\n"
FIXED = "We are ready to talk, he said. “Our answer is clear. We wait,” the minister said.\n"

# tqa whose work on one file (`c.txt`, or every file in a worker process) hangs
# after leaving the process's id in `started`.
HANGING = """
import os, sys, time
from pathlib import Path
import tqa.pipeline.one_file
main_process, markers = os.getpid(), sys.argv[1]
working = tqa.pipeline.one_file.process_one
def hangs(item, rules, job):
    if os.getpid() != main_process or item.path.endswith("c.txt"):
        Path(markers, str(os.getpid())).touch()
        time.sleep(60)
    return working(item, rules, job)
tqa.pipeline.one_file.process_one = hangs
sys.argv = ["tqa", *sys.argv[2:]]
from tqa.__main__ import main
main()
"""


@pytest.fixture
def hanging_tqa(tmp_path, run_script):
    """Start the hanging tqa with `started` as its marker folder; killed at the end whatever happens."""
    markers = tmp_path / "started"
    markers.mkdir()

    def start(*arguments: str) -> subprocess.Popen:
        process = run_script(HANGING, str(markers), *arguments)
        deadline = time.monotonic() + 60
        while not any(markers.iterdir()) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert any(markers.iterdir()), "the run never reached the hanging file"
        return process

    start.markers = markers
    return start


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return status.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_ctrl_c_ends_the_workers_within_a_second(tmp_path, hanging_tqa):
    for name in "abcd":
        write(tmp_path / "in" / f"{name}.txt", ARTIFACT)
    process = hanging_tqa("fix", "--jobs", "2", str(tmp_path / "in"))
    workers = [int(marker.name) for marker in hanging_tqa.markers.iterdir()]
    stopped_at = time.monotonic()
    process.send_signal(signal.SIGINT)  # to tqa alone: the workers must be ended by it
    _stdout, stderr = process.communicate(timeout=30)
    assert process.returncode == 130, stderr
    assert time.monotonic() - stopped_at < 1.0
    deadline = time.monotonic() + 1.0
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not any(_alive(pid) for pid in workers)
    assert b"Traceback" not in stderr


def test_ctrl_c_tells_how_many_files_were_rewritten(tmp_path, hanging_tqa):
    for name in "abcd":
        write(tmp_path / "in" / f"{name}.txt", ARTIFACT)
    process = hanging_tqa("fix", "--jobs", "1", str(tmp_path / "in"))
    process.send_signal(signal.SIGINT)
    _stdout, stderr = process.communicate(timeout=30)
    assert process.returncode == 130
    assert stderr.decode().splitlines()[-1] == "tqa: interrupted: 2 files were already rewritten"
    texts = {path.name: path.read_text(encoding="utf-8") for path in (tmp_path / "in").iterdir()}
    assert texts == {"a.txt": FIXED, "b.txt": FIXED, "c.txt": ARTIFACT, "d.txt": ARTIFACT}  # no temporary file


def test_ctrl_c_tells_how_many_copies_were_written(tmp_path, hanging_tqa):
    for name in "abc":
        write(tmp_path / "in" / f"{name}.txt", ARTIFACT)
    process = hanging_tqa("--lang", "ru", "fix", "--jobs", "1", "-o", str(tmp_path / "out"), str(tmp_path / "in"))
    process.send_signal(signal.SIGINT)
    _stdout, stderr = process.communicate(timeout=30)
    assert process.returncode == 130
    assert stderr.decode().splitlines()[-1] == "tqa: прервано: записано исправленных копий: 2"
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == ["a.txt", "b.txt"]
