"""`--jobs N`: the per-file work shared by this process and N - 1 worker processes, results in input order."""

from __future__ import annotations

import gc
import multiprocessing
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

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
# Batches sent to the workers and not back yet, per worker: each has the next at hand.
AHEAD = 2
# What each worker process was started with (set once, by the initializer).
_WORKER: dict[str, object] = {}


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


def process_parallel(
    inputs: Sequence[Input], rules_for: Callable[[str], Sequence[Rule]], job: Job, jobs: int
) -> Iterator[FileResult]:
    """`jobs` processes at work: this one and `jobs` - 1 workers. Where processes
    fork, the glossary is loaded before the workers start, and they share it
    (each then reads only the parts of it its files need). The batches go out
    in order; this process keeps each worker `AHEAD` batches to do (topped up
    after each file it checks itself), checks the next batch no one has while
    the one to report next is not back, and reports each as soon as it is. A
    worker that dies (killed, out of memory) does not end the run: the files it
    had not returned are worked on in this process instead."""
    forking = "fork" in multiprocessing.get_all_start_methods()
    files = [item for item in inputs if not item.is_stdin]
    glossary = bool(files) and uses_glossary(rules_for(files[0].display))
    if forking and glossary:
        from tqa.glossary.compiled import load_glossary

        load_glossary(job.glossary_files)
    context = multiprocessing.get_context("fork" if forking else "spawn")
    initargs = (current_language(), rules_for, job, glossary)
    pool = ProcessPoolExecutor(jobs - 1, mp_context=context, initializer=_start_worker, initargs=initargs)
    try:
        checked = _in_order(list(batches(files, jobs)), pool, jobs - 1, rules_for, job)
        for item in inputs:
            yield process_one(item, rules_for(item.display), job) if item.is_stdin else next(checked)
    except BaseException:
        # An early stop (Ctrl-C, SIGTERM, an error, the caller closing): the workers
        # write nothing, so they are ended at once rather than left to finish their files.
        _end_workers(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _in_order(
    work: list[Sequence[Input]],
    pool: ProcessPoolExecutor,
    workers: int,
    rules_for: Callable[[str], Sequence[Rule]],
    job: Job,
) -> Iterator[FileResult]:
    """The results of the batches of `work`, in order, worked on by the pool's
    `workers` and by this process (see `process_parallel`)."""
    shared = _Shared(work, pool, workers, rules_for, job)
    for index, batch in enumerate(work):
        while index not in shared.kept:
            shared.top_up()
            future = shared.sent.pop(index, None)
            if future is None:  # not handed out yet: this process takes it
                shared.handed += 1
                shared.kept[index] = shared.check_here(batch)
            elif future.done() or shared.broken or shared.handed == len(work):
                try:
                    shared.kept[index] = [FileResult.unpacked(p, item) for p, item in zip(future.result(), batch)]
                except BrokenProcessPool:
                    shared.broken = shared.broken or _tell_broken()
                    shared.kept[index] = shared.check_here(batch)
            else:  # still at work in the pool: meanwhile, this process checks the next batch no one has
                shared.sent[index] = future
                taken, shared.handed = shared.handed, shared.handed + 1
                shared.kept[taken] = shared.check_here(work[taken])
        yield from shared.kept.pop(index)


@dataclass
class _Shared:
    """The batches of a run shared between the pool and this process: which were
    sent to the pool (`sent`), which this process has the results of (`kept`)."""

    work: list[Sequence[Input]]
    pool: ProcessPoolExecutor
    workers: int
    rules_for: Callable[[str], Sequence[Rule]]
    job: Job
    sent: dict[int, Future[list[tuple]]] = field(default_factory=dict)
    kept: dict[int, list[FileResult]] = field(default_factory=dict)
    handed: int = 0  # batches handed out so far, to the pool or to this process
    broken: bool = False

    def top_up(self) -> None:
        """Send the next batches to the pool until `AHEAD` a worker are not back."""
        while not self.broken and self.handed < len(self.work):
            if sum(not future.done() for future in self.sent.values()) >= AHEAD * self.workers:
                return
            try:
                self.sent[self.handed] = self.pool.submit(_work, self.work[self.handed])
            except BrokenProcessPool:
                self.broken = _tell_broken()
                return
            self.handed += 1

    def check_here(self, batch: Sequence[Input]) -> list[FileResult]:
        """Check `batch` in this process, keeping the pool's queue full after each file."""
        results = []
        for item in batch:
            results.append(process_one(item, self.rules_for(item.display), self.job))
            self.top_up()
        return results


def _tell_broken() -> bool:
    from tqa.i18n import _

    message = _("a worker process stopped unexpectedly; the files it had are checked in this process")
    sys.stderr.write(f"tqa: {_('warning')}: {message}\n")
    return True


def batches(files: Sequence[Input], jobs: int) -> Iterator[Sequence[Input]]:
    """The files in batches for `jobs` workers, in order: at most `CHUNK_SIZE`,
    then smaller and smaller as fewer files are left (guided scheduling)."""
    start = 0
    while start < len(files):
        size = max(1, min(CHUNK_SIZE, (len(files) - start) // (jobs * BATCHES_PER_WORKER)))
        yield files[start : start + size]
        start += size


def _end_workers(pool: ProcessPoolExecutor) -> None:
    for process in list((pool._processes or {}).values()):  # no public way before Python 3.14
        if process.is_alive():
            process.terminate()
