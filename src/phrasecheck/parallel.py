"""Work spread over forked worker processes, results in input order, a bounded number in flight.

The workers are forked, so they inherit what the caller built (a compiled matcher) instead of
rebuilding it; where the platform does not fork, the work runs in the calling process. Nothing
is set in the calling process: the shared state reaches each worker as its initializer's argument.
Workers die with the caller, even when it is killed (:func:`die_with_parent`).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

#: Items in flight per worker: enough that no worker waits while the caller reads or writes.
IN_FLIGHT = 3

#: The state and function of this worker process (set in the worker by its initializer only).
_state: Any = None


def can_fork() -> bool:
    """Whether workers can be forked here (they then share what the caller built)."""
    return "fork" in multiprocessing.get_all_start_methods()


def default_workers() -> int:
    """All cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def ordered_map(function: Callable[[Any, Any], Any], state: Any, items: Iterable, workers: int,
                passes: tuple[type, ...] = ()) -> Iterator:
    """``function(state, item)`` for each item, in order; items of the ``passes`` types are yielded as they are.

    With more than one worker (and fork available) the calls run in worker processes, at most
    ``IN_FLIGHT × workers`` at a time, so memory stays flat however many items there are.
    """
    if workers <= 1 or not can_fork():
        for item in items:
            yield item if isinstance(item, passes) else function(state, item)
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start,
                             initargs=(function, state, os.getpid())) as pool:
        waiting: deque[Future | Any] = deque()
        for item in items:
            waiting.append(item if isinstance(item, passes) else pool.submit(_call, item))
            while len(waiting) > IN_FLIGHT * workers:
                yield _result(waiting.popleft())
        while waiting:
            yield _result(waiting.popleft())


def die_with_parent(parent: int) -> None:
    """In a worker process: be killed when ``parent`` (the process that started it) dies, even by
    kill -9, instead of living on for minutes, waiting for work with the files it holds open.
    Linux only (``PR_SET_PDEATHSIG``); elsewhere nothing changes."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes  # here, in the worker: the commands that start workers need not load it

    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


#: ``prctl`` option: the signal a process gets when its parent dies (linux/prctl.h).
_PR_SET_PDEATHSIG = 1


def _start(function: Callable, state: Any, parent: int) -> None:
    """Worker initializer: die with the caller; keep the inherited function and state; Ctrl-C is the caller's to handle."""
    global _state
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _state = (function, state)


def _call(item: Any) -> Any:
    function, state = _state
    return function(state, item)


def _result(entry: Future | Any) -> Any:
    return entry.result() if isinstance(entry, Future) else entry
