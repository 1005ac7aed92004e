"""`--jobs N`: the same per-file work in worker processes, results in input order."""

from __future__ import annotations

import gc
import multiprocessing
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

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
    fork, the first file is checked here before the workers start: they inherit
    what it loaded (the glossary, the scan database, word lists) instead of
    each loading it again. The batches go out in order; this process keeps the
    workers' queue one batch ahead of them, checks the next batch itself while
    the one to report next is not back, and reports each as soon as it is. A
    worker that dies (killed, out of memory) does not end the run: the files it
    had not returned are worked on in this process instead."""
    forking = "fork" in multiprocessing.get_all_start_methods()
    files = [item for item in inputs if not item.is_stdin]
    glossary = bool(files) and uses_glossary(rules_for(files[0].display))
    warmed = None
    if forking and files:
        if glossary:
            from tqa.glossary.compiled import load_glossary

            load_glossary(job.glossary_files)
        warmed = files[0]
        files = files[1:]
    context = multiprocessing.get_context("fork" if forking else "spawn")
    initargs = (current_language(), rules_for, job, glossary)
    pool = ProcessPoolExecutor(jobs - 1, mp_context=context, initializer=_start_worker, initargs=initargs)
    try:
        checked = _in_order(list(batches(files, jobs)), pool, jobs - 1, rules_for, job)
        for item in inputs:
            if item.is_stdin or item is warmed:
                yield process_one(item, rules_for(item.display), job)
            else:
                yield next(checked)
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
    sent: dict[int, Future[list[tuple]]] = {}
    kept: dict[int, list[FileResult]] = {}
    handed = 0  # batches handed out so far, to the pool or to this process
    broken = False
    for index, batch in enumerate(work):
        while index not in kept:
            while not broken and handed < len(work) and sum(not f.done() for f in sent.values()) < AHEAD * workers:
                try:
                    sent[handed] = pool.submit(_work, work[handed])
                except BrokenProcessPool:
                    broken = _tell_broken()
                    break
                handed += 1
            future = sent.pop(index, None)
            if future is None:  # not handed out yet: this process takes it
                kept[index] = _check_here(batch, rules_for, job)
                handed += 1
            elif future.done() or broken or handed == len(work):
                try:
                    kept[index] = [FileResult.unpacked(packed, item) for packed, item in zip(future.result(), batch)]
                except BrokenProcessPool:
                    broken = broken or _tell_broken()
                    kept[index] = _check_here(batch, rules_for, job)
            else:  # still at work in the pool: meanwhile, this process checks the next batch no one has
                sent[index] = future
                kept[handed] = _check_here(work[handed], rules_for, job)
                handed += 1
        yield from kept.pop(index)


def _check_here(batch: Sequence[Input], rules_for: Callable[[str], Sequence[Rule]], job: Job) -> list[FileResult]:
    return [process_one(item, rules_for(item.display), job) for item in batch]


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
