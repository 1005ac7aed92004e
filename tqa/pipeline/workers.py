"""`--jobs N`: the per-file work shared by this process and N - 1 worker processes, results in input order.

The files go out in numbered batches. Each worker has a pipe in (the numbers
of the batches it is to check: it has the batches themselves from the start)
and a pipe out (each batch's results, packed, as soon as they are ready); this
process keeps every worker `AHEAD` batches to do, checks batches itself while
the one to report next is not back, reads what the workers sent between its
own files, and reports each batch as soon as it has it. No thread and no
queue stand in between: this process's time goes to checking and to the
report, which are the run's critical path. A worker that dies (killed, out of
memory) does not end the run: the batches it had not sent back are checked in
this process instead.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from tqa.i18n import current_language, set_language
from tqa.model import Rule
from tqa.pipeline.one_file import process_one
from tqa.pipeline.plan import uses_glossary
from tqa.pipeline.run import FileResult, Input, Job
from tqa.signals import default_in_worker

# Files go to workers in batches of at most this many: fewer round trips.
CHUNK_SIZE = 32
# Batches shrink as the run nears its end, to about this many per worker of
# what is left, so that no worker is still busy long after the others finished.
BATCHES_PER_WORKER = 4
# Batches handed to a worker and not back yet: it has the next at hand.
AHEAD = 2
# A worker's results wait in its pipe until this process reads them between two
# of its files: a pipe this large (where the system allows it) holds a batch's.
PIPE_BYTES = 1 << 20
# What each worker process was started with (set once, by `_start_worker`).
_WORKER: dict[str, object] = {}
# This process's ends of the workers' pipes: a worker forked from it closes
# them, so that a pipe ends for a worker when this process closes its end (or dies).
_OUR_ENDS: list[Connection] = []


def _start_worker(language: str, rules_for: Callable[[str], Sequence[Rule]], job: Job, glossary: bool) -> None:
    # What a forked worker inherits (the glossary, word lists) lives as long as it
    # does: the collector need not walk it, and walking it would copy its pages.
    gc.freeze()
    default_in_worker()
    set_language(language)
    _WORKER.update(rules_for=rules_for, job=job)
    if glossary:  # loaded already when the worker was forked from a process that had it
        from tqa.glossary.compiled import load_glossary

        load_glossary(job.glossary_files)


def _work(batch: Sequence[Input]) -> list[tuple]:
    """A batch's results, packed: plain tuples cost a fifth of what the objects
    cost to send back (the parent knows each input already)."""
    rules_for, job = _WORKER["rules_for"], _WORKER["job"]
    return [process_one(item, rules_for(item.display), job).packed() for item in batch]


def _serve(inbox: Connection, outbox: Connection, work: list[Sequence[Input]], started_with: tuple) -> None:
    """A worker: check each batch whose number comes in, send its results out,
    until told to stop (None) or the pipe in ends."""
    for end in _OUR_ENDS:  # inherited from the parent (forked): not this worker's to hold
        end.close()
    _start_worker(*started_with)
    while True:
        try:
            number = inbox.recv()
        except EOFError:
            return
        if number is None:
            return
        outbox.send((number, _work(work[number])))


@dataclass
class _Worker:
    process: Any  # a multiprocessing Process
    inbox: Connection  # this process's end: batch numbers go in
    outbox: Connection  # this process's end: results come out
    handed: deque[int] = field(default_factory=deque)  # batch numbers sent and not back yet
    alive: bool = True


def process_parallel(
    inputs: Sequence[Input], rules_for: Callable[[str], Sequence[Rule]], job: Job, jobs: int
) -> Iterator[FileResult]:
    """`jobs` processes at work: this one and `jobs` - 1 workers (see the module's
    note). Where processes fork, the glossary is loaded before the workers
    start, and they share it (each then reads only the parts of it its files need)."""
    forking = "fork" in multiprocessing.get_all_start_methods()
    files = [item for item in inputs if not item.is_stdin]
    glossary = bool(files) and uses_glossary(rules_for(files[0].display))
    if forking and glossary:
        from tqa.glossary.compiled import load_glossary

        load_glossary(job.glossary_files)
    context = multiprocessing.get_context("fork" if forking else "spawn")
    work = list(batches(files, jobs))
    run = _Run(work, rules_for, job)
    try:
        run.start(context, jobs - 1, (current_language(), rules_for, job, glossary))
        checked = run.in_order()
        for item in inputs:
            yield process_one(item, rules_for(item.display), job) if item.is_stdin else next(checked)
    except BaseException:
        # An early stop (Ctrl-C, SIGTERM, an error, the caller closing): the workers
        # write nothing, so they are ended at once rather than left to finish their files.
        run.end_workers()
        raise
    finally:
        run.close()


@dataclass
class _Run:
    """The batches of a run shared between the workers and this process."""

    work: list[Sequence[Input]]
    rules_for: Callable[[str], Sequence[Rule]]
    job: Job
    workers: list[_Worker] = field(default_factory=list)  # those that may still send results
    started: list[_Worker] = field(default_factory=list)
    # Results of the batches back (or checked here) and not reported yet, by number.
    kept: dict[int, list[FileResult]] = field(default_factory=dict)
    next_batch: int = 0  # the first batch not handed to anyone yet
    # Batches a dead worker had not sent back: this process checks them.
    orphans: list[int] = field(default_factory=list)
    told_broken: bool = False

    def start(self, context, count: int, started_with: tuple) -> None:
        for _ in range(count):
            inbox_reader, inbox = context.Pipe(duplex=False)
            outbox, outbox_writer = context.Pipe(duplex=False)
            _widen(outbox_writer)
            _OUR_ENDS.extend((inbox, outbox))
            process = context.Process(
                target=_serve, args=(inbox_reader, outbox_writer, self.work, started_with), daemon=True
            )
            process.start()
            inbox_reader.close()
            outbox_writer.close()
            self.started.append(_Worker(process, inbox, outbox))
        self.workers = list(self.started)
        self.top_up()

    def in_order(self) -> Iterator[FileResult]:
        """The results of every batch, in order: checked here while the next to report is not back."""
        for number in range(len(self.work)):
            while number not in self.kept:
                mine = self.take()
                if mine is not None:
                    self.kept[mine] = self.check_here(self.work[mine])
                else:
                    self.receive(block=True)
            yield from self.kept.pop(number)

    def take(self) -> int | None:
        """A batch for this process: one a dead worker left, else the next no one has."""
        if self.orphans:
            return self.orphans.pop()
        if self.next_batch < len(self.work):
            self.next_batch += 1
            return self.next_batch - 1
        return None

    def top_up(self) -> None:
        """Hand each live worker batches until it has `AHEAD`; tell it to stop when none are left."""
        for worker in self.workers:
            while worker.alive and len(worker.handed) < AHEAD and self.next_batch < len(self.work):
                if not self._send(worker, self.next_batch):
                    break
                worker.handed.append(self.next_batch)
                self.next_batch += 1
            if worker.alive and not worker.handed and self.next_batch >= len(self.work):
                self._send(worker, None)

    def _send(self, worker: _Worker, number: int | None) -> bool:
        try:
            worker.inbox.send(number)
        except OSError:  # the worker is gone: told by its sentinel
            return False
        if number is None:
            worker.alive = False  # done: it ends on its own
            worker.inbox.close()
        return True

    def check_here(self, batch: Sequence[Input]) -> list[FileResult]:
        """Check `batch` in this process, taking in what the workers sent after each file."""
        results = []
        for item in batch:
            results.append(process_one(item, self.rules_for(item.display), self.job))
            if self.workers:
                self.receive(block=False)
        return results

    def receive(self, block: bool) -> None:
        """Take in the results the workers sent and hand them more; with `block`,
        wait until one sends or ends. A worker that died leaves its batches to this process."""
        busy = [worker for worker in self.workers if worker.handed]
        if block and busy:
            ready = set(wait([end for worker in busy for end in (worker.outbox, worker.process.sentinel)]))
            for worker in busy:
                if worker.outbox in ready or worker.process.sentinel in ready:
                    self._take_in(worker, ended=worker.process.sentinel in ready)
            self.top_up()
        elif any([self._take_in(worker, ended=False) for worker in busy if worker.outbox.poll()]):
            self.top_up()

    def _take_in(self, worker: _Worker, ended: bool) -> bool:
        """Take in what `worker` sent; True when anything came."""
        came = False
        try:
            while worker.handed and worker.outbox.poll():
                number, packed = worker.outbox.recv()
                worker.handed.remove(number)
                self.kept[number] = [FileResult.unpacked(p, item) for p, item in zip(packed, self.work[number])]
                came = True
        except (EOFError, OSError):
            ended = True
        if ended and worker.handed:  # it died with batches to do
            self._tell_broken()
            self.orphans.extend(sorted(worker.handed, reverse=True))  # taken lowest first
            worker.handed.clear()
            worker.alive = False
            self.workers.remove(worker)
            came = True
        return came

    def _tell_broken(self) -> None:
        if self.told_broken:
            return
        from tqa.i18n import _

        message = _("a worker process stopped unexpectedly; the files it had are checked in this process")
        sys.stderr.write(f"tqa: {_('warning')}: {message}\n")
        self.told_broken = True

    def end_workers(self) -> None:
        for worker in self.started:
            if worker.process.is_alive():
                worker.process.terminate()

    def close(self) -> None:
        """Let the workers go: each ends when its pipe in does. They are not waited
        for (a process that leaves takes a while to give back its memory, and
        the run's last work here need not wait for that): multiprocessing reaps
        them when it next starts a process, or when this process exits."""
        for worker in self.started:
            with contextlib.suppress(OSError):
                worker.inbox.close()
            worker.outbox.close()
            for end in (worker.inbox, worker.outbox):
                if end in _OUR_ENDS:
                    _OUR_ENDS.remove(end)


def _widen(pipe: Connection) -> None:
    """Let the pipe hold `PIPE_BYTES` (Linux), so a worker seldom waits for this process to read."""
    try:
        import fcntl

        fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):
        pass


def batches(files: Sequence[Input], jobs: int) -> Iterator[Sequence[Input]]:
    """The files in batches for `jobs` workers, in order: at most `CHUNK_SIZE`,
    then smaller and smaller as fewer files are left (guided scheduling)."""
    start = 0
    while start < len(files):
        size = max(1, min(CHUNK_SIZE, (len(files) - start) // (jobs * BATCHES_PER_WORKER)))
        yield files[start : start + size]
        start += size
