"""`--jobs N`: the same per-file work in worker processes, results in input order."""

from __future__ import annotations

import gc
import multiprocessing
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from tqa.i18n import current_language, set_language
from tqa.model import Rule
from tqa.pipeline.one_file import process_one
from tqa.pipeline.plan import uses_glossary
from tqa.pipeline.run import FileResult, Input, Job
from tqa.signals import default_in_worker

# Files go to workers in batches: fewer round trips, still an even spread.
CHUNK_SIZE = 32
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


def _work(item: Input) -> FileResult:
    return process_one(item, _WORKER["rules_for"](item.display), _WORKER["job"])


def process_parallel(
    inputs: Sequence[Input], rules_for: Callable[[str], Sequence[Rule]], job: Job, jobs: int
) -> Iterator[FileResult]:
    """Where processes fork, the first file is checked here before the workers
    start: they inherit what it loaded (the glossary, the scan database, word
    lists) instead of each loading it again. A worker that dies (killed, out
    of memory) does not end the run: the files it had not returned are worked
    on in this process instead."""
    from tqa.i18n import _

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
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker, initargs=initargs)
    try:
        done: Iterator[FileResult] | None = None
        for item in inputs:
            if item is warmed:
                yield process_one(item, rules_for(item.display), job)
                continue
            if done is None and files:
                done = pool.map(_work, files, chunksize=_chunk_size(len(files), jobs))
                files = []
            if done is not None and not item.is_stdin:
                try:
                    yield next(done)
                    continue
                except BrokenProcessPool:
                    done = None
                    message = _("a worker process stopped unexpectedly; the files it had are checked in this process")
                    sys.stderr.write(f"tqa: {_('warning')}: {message}\n")
            yield process_one(item, rules_for(item.display), job)
    except BaseException:
        # An early stop (Ctrl-C, SIGTERM, an error, the caller closing): the workers
        # write nothing, so they are ended at once rather than left to finish their files.
        _end_workers(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _chunk_size(files: int, jobs: int) -> int:
    """Files go to workers in batches: fewer round trips, still an even spread
    (at least a few batches a worker, so none waits long at the end)."""
    return max(1, min(CHUNK_SIZE, files // (jobs * 4)))


def _end_workers(pool: ProcessPoolExecutor) -> None:
    for process in list((pool._processes or {}).values()):  # no public way before Python 3.14
        if process.is_alive():
            process.terminate()
