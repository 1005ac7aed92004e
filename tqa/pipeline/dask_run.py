"""`--dask-scheduler` and `--dask-local`: the per-file work on a Dask cluster, results in input order.

Batches of files go to the cluster's workers, which read each file by its path
from this process's working folder (the workers of a cluster must see the
files where this machine does: a shared folder mounted at the same place) and
check or fix it exactly as `process_one` does here. Dask
runs a batch whose worker died again on another worker; a batch that still
cannot be run is checked in this process, so no file is lost. The findings
only the whole run can see (a name spelled two ways across files) are found
here, from the name spellings each result brings back.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
import uuid
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tqa.errors import UserError
from tqa.i18n import _, current_language, ngettext, set_language
from tqa.model import Rule
from tqa.pipeline.one_file import process_one
from tqa.pipeline.run import FileResult, Input, Job

if TYPE_CHECKING:
    from distributed import Client, Future

# Files a batch: few enough to spread a run over the workers, enough that a
# task's overhead (a few milliseconds) stays small beside the checking.
BATCH_FILES = 16
# Batches in flight for each worker: the queue stays full, the results this
# process has not taken yet stay few.
BATCHES_PER_WORKER = 4
CONNECT_TIMEOUT = "20s"


def dask_missing() -> UserError:
    return UserError(_("this needs Dask, which is not installed; install it with: pip install 'tqa[dask]'"))


@dataclass(frozen=True)
class Cluster:
    """Where to run: a running cluster's scheduler, or a local cluster of worker processes."""

    scheduler: str | None = None
    local_workers: int = 0

    @contextlib.contextmanager
    def client(self) -> Iterator[Client]:
        """A Dask client of this cluster, closed (and a local cluster stopped) at the end."""
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise dask_missing() from None
        if self.scheduler:
            try:
                client = Client(self.scheduler, timeout=CONNECT_TIMEOUT)
            except (OSError, TimeoutError) as error:
                raise UserError(
                    _("cannot reach the Dask scheduler at {address}: {reason}").format(
                        address=self.scheduler, reason=error
                    )
                ) from None
            with client:
                yield client
            return
        with (
            LocalCluster(
                n_workers=self.local_workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",  # any free port: other clusters may run on this machine
                silence_logs=logging.ERROR,
            ) as cluster,
            Client(cluster) as client,
        ):
            yield client


# A worker works in the folder of the run that sent the batch: one batch at a
# time per worker process (tqa's work holds Python's lock anyway).
_IN_FOLDER = threading.Lock()


def check_batch(
    items: Sequence[Input], rules_for: Callable[[str], Sequence[Rule]], job: Job, language: str, folder: str
) -> list[FileResult]:
    """On a worker: each file of a batch, as this process would check it, from
    the same working folder (paths, glossaries and originals read as named)."""
    with _IN_FOLDER, contextlib.chdir(folder):
        set_language(language)
        return [process_one(item, rules_for(item.display), job) for item in items]


def process_on_cluster(
    inputs: Sequence[Input], rules_for: Callable[[str], Sequence[Rule]], job: Job, client: Client
) -> Iterator[FileResult]:
    """Each input's result, in input order; standard input is read here."""
    files = [item for item in inputs if not item.is_stdin]
    batches = [files[start : start + BATCH_FILES] for start in range(0, len(files), BATCH_FILES)]
    done = _gathered(client, batches, rules_for, job)
    for item in inputs:
        yield process_one(item, rules_for(item.display), job) if item.is_stdin else next(done)


def _gathered(
    client: Client, batches: list[list[Input]], rules_for: Callable[[str], Sequence[Rule]], job: Job
) -> Iterator[FileResult]:
    """The batches' results in order, a few batches a worker in flight at a time."""
    window = BATCHES_PER_WORKER * max(1, len(client.scheduler_info(n_workers=-1).get("workers", {})))
    language, folder = current_language(), os.getcwd()
    run = uuid.uuid4().hex
    pending: deque[tuple[list[Input], Future]] = deque()
    waiting = iter(enumerate(batches))
    while True:
        while len(pending) < window and (batch := next(waiting, None)) is not None:
            index, items = batch
            future = client.submit(check_batch, items, rules_for, job, language, folder, key=f"tqa-{run}-{index}")
            pending.append((items, future))
        if not pending:
            return
        items, future = pending.popleft()
        yield from _results(items, future, rules_for, job)


def _results(
    items: list[Input], future: Future, rules_for: Callable[[str], Sequence[Rule]], job: Job
) -> list[FileResult]:
    try:
        results = future.result()
    except Exception as error:  # the cluster could not run the batch (its workers died, the scheduler went away)
        message = ngettext(
            "{count} file could not be checked on the cluster ({reason}); it is checked in this process",
            "{count} files could not be checked on the cluster ({reason}); they are checked in this process",
            len(items),
        )
        reason = f"{type(error).__name__}: {error}"[:200]
        sys.stderr.write(f"tqa: {_('warning')}: {message.format(count=len(items), reason=reason)}\n")
        return [process_one(item, rules_for(item.display), job) for item in items]
    finally:
        future.release()
    return results
