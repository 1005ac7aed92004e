"""Signals: SIGTERM, SIGHUP and the other signals that end a process stop a run
as Ctrl-C does, and a file write in progress always finishes (or is undone)
before any of them is handled."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# Every signal that ends a process and can be caught (SIGPIPE is ignored by
# Python: a closed pipe shows as an error on write instead).
STOPPING = tuple(
    getattr(signal, name)
    for name in ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGUSR1", "SIGUSR2", "SIGALRM", "SIGXCPU")
    if hasattr(signal, name)
)


class Stopped(BaseException):
    """A stop request (Ctrl-C, SIGTERM, SIGHUP, …) raised where the program is, so
    that every `finally` runs; the exit status is 128 + the signal's number."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum
        self.detail = ""  # what the run had done, told with the interruption


def _raise_stopped(signum: int, _frame) -> None:
    raise Stopped(signum)


def stop_on_signals() -> None:
    """Turn the stopping signals into `Stopped`, unless they are ignored or taken."""
    for signum in STOPPING:
        if signal.getsignal(signum) in (signal.SIG_DFL, signal.default_int_handler):
            signal.signal(signum, _raise_stopped)


def default_in_worker() -> None:
    """Worker processes write nothing: a stopping signal ends them at once, and the
    main process, which writes, cleans up."""
    for signum in STOPPING:
        signal.signal(signum, signal.SIG_DFL)


@contextmanager
def deferred() -> Iterator[None]:
    """Hold the stopping signals until the block ends, then deliver the first one."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = {}
    for signum in STOPPING:
        handler = signal.getsignal(signum)
        if handler == signal.SIG_IGN:
            continue
        previous[signum] = handler if handler is not None else signal.SIG_DFL
        signal.signal(signum, lambda number, _frame: caught.append(number))
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if caught:
            signal.raise_signal(caught[0])
