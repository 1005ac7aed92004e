"""--jobs: this process and the workers share the batches; results come in input order."""

from __future__ import annotations

import os
import signal
import time

import pytest

from conftest import write
from tqa.pipeline import workers
from tqa.pipeline.discover import discover
from tqa.pipeline.engine import process
from tqa.rules import select_rules

checked_in_a_worker = workers._work


def slow_work(batch):
    """A worker's batch that takes a while: this process meanwhile checks many batches ahead."""
    time.sleep(0.03)
    return checked_in_a_worker(batch)


def hasty_work(batch):
    """A worker that returns at once: this process mostly reports what the pool sends back."""
    return checked_in_a_worker(batch)


def _findings(results) -> list[tuple[str, list[tuple[str, int]]]]:
    return [(result.input.display, [(f.code, f.start) for f in result.findings]) for result in results]


@pytest.mark.parametrize("jobs", [2, 3])
@pytest.mark.parametrize("work", [slow_work, hasty_work])
def test_results_come_in_input_order(tmp_path, monkeypatch, jobs, work):
    for number in range(150):
        write(tmp_path / f"{number:03d}.txt", f"He said “number {number} ”here.\n" * (number % 4 + 1))
    inputs, errors = discover([str(tmp_path)])
    assert not errors and len(inputs) == 150
    rules = select_rules(("Q103",))
    one = _findings(process(inputs, rules, jobs=1))
    assert sum(len(found) for _name, found in one) == sum(number % 4 + 1 for number in range(150))
    monkeypatch.setattr(workers, "_work", work)
    assert _findings(process(inputs, rules, jobs=jobs)) == one


def test_batches_cover_every_file_once_and_shrink(tmp_path):
    files = list(range(1000))
    sizes = [len(batch) for batch in workers.batches(files, 2)]
    assert sum(sizes) == 1000 and max(sizes) == workers.CHUNK_SIZE and sizes[-1] == 1
    assert sizes == sorted(sizes, reverse=True)


def dying_work(batch):
    """A worker killed (as by the out-of-memory killer) on its second batch."""
    dying_work.batches = getattr(dying_work, "batches", 0) + 1
    if dying_work.batches == 2:
        os.kill(os.getpid(), signal.SIGKILL)
    return checked_in_a_worker(batch)


@pytest.mark.parametrize("jobs", [2, 3])
def test_a_worker_that_dies_loses_no_file(tmp_path, monkeypatch, capsys, jobs):
    for number in range(150):
        write(tmp_path / f"{number:03d}.txt", f"He said “number {number} ”here.\n" * (number % 4 + 1))
    inputs, _errors = discover([str(tmp_path)])
    rules = select_rules(("Q103",))
    one = _findings(process(inputs, rules, jobs=1))
    monkeypatch.setattr(workers, "_work", dying_work)
    assert _findings(process(inputs, rules, jobs=jobs)) == one
    assert capsys.readouterr().err.count("a worker process stopped unexpectedly") == 1


def test_workers_started_afresh_where_processes_do_not_fork(tmp_path, monkeypatch, capfd):
    """Where processes are spawned (Windows, macOS), a worker gets its batches and
    settings through the pipe's start and loads what it needs itself."""
    for number in range(40):
        write(tmp_path / f"{number:03d}.txt", f"He said “number {number} ”here.\n" * (number % 3 + 1))
    inputs, _errors = discover([str(tmp_path)])
    rules = select_rules(("Q103",))
    one = _findings(process(inputs, rules, jobs=1))
    monkeypatch.setattr(workers.multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    assert _findings(process(inputs, rules, jobs=2)) == one
    assert not capfd.readouterr().err  # no worker lost (its files would be checked here)
