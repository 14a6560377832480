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
                passes: tuple[type, ...] = (), weight: Callable[[Any], int] = lambda item: 1,
                parcel: int = 1, together: bool = False) -> Iterator:
    """``function(state, item)`` for each item, in order; items of the ``passes`` types are yielded as they are.
    ``together``: ``function(state, items)`` takes a list of items and gives their results in order.

    With more than one worker (and fork available) the calls run in worker processes, handed over
    in parcels of consecutive items weighing at least ``parcel`` in all (each item its ``weight``),
    so that many small items (a thousand short files) do not each pay for a round trip (nor, ``together``,
    for a call); at most ``IN_FLIGHT × workers`` parcels are in flight, so memory stays flat however many
    items there are. Items that pass stay here, in their place.
    """
    one = (lambda state, item: function(state, [item])[0]) if together else function
    if workers <= 1 or not can_fork():
        for item in items:
            yield item if isinstance(item, passes) else one(state, item)
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start,
                             initargs=(function, state, together, os.getpid())) as pool:
        queue = _Parcels(pool)
        for item in items:
            if isinstance(item, passes):
                queue.waiting.append(item)
                continue
            queue.add(item, weight(item))
            if queue.open_weight >= parcel:
                queue.send()
            while queue.in_flight > IN_FLIGHT * workers:
                yield from queue.oldest()
        queue.send()
        while queue.waiting:
            yield from queue.oldest()


class _Parcel:
    """Consecutive items for one worker: their list until sent, then the future of their results."""

    __slots__ = ("items", "future")

    def __init__(self) -> None:
        self.items: list = []
        self.future: Future | None = None


class _Place:
    """Where an item's result will be: its parcel, and its index there."""

    __slots__ = ("parcel", "index")

    def __init__(self, parcel: _Parcel, index: int):
        self.parcel, self.index = parcel, index


class _Parcels:
    """Results to come, in input order: items that passed, and the places of items sent to the workers."""

    def __init__(self, pool: ProcessPoolExecutor):
        self.pool = pool
        self.waiting: deque[Any] = deque()
        self.open = _Parcel()
        self.open_weight = 0
        self.in_flight = 0

    def add(self, item: Any, weight: int) -> None:
        self.waiting.append(_Place(self.open, len(self.open.items)))
        self.open.items.append(item)
        self.open_weight += weight

    def send(self) -> None:
        """Hand the open parcel to a worker."""
        if self.open.items:
            self.open.future = self.pool.submit(_call_all, self.open.items)
            self.in_flight += 1
            self.open, self.open_weight = _Parcel(), 0

    def oldest(self) -> Iterator:
        """Everything up to and including the oldest parcel's last result."""
        while self.waiting:
            entry = self.waiting.popleft()
            if not isinstance(entry, _Place):
                yield entry
                continue
            parcel = entry.parcel
            yield parcel.future.result()[entry.index]
            if entry.index == len(parcel.items) - 1:
                self.in_flight -= 1
                return


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


def _start(function: Callable, state: Any, together: bool, parent: int) -> None:
    """Worker initializer: die with the caller; keep the inherited function and state (and whether the function
    takes a parcel's items together); Ctrl-C is the caller's to handle."""
    global _state
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _state = (function, state, together)


def _call_all(items: list) -> list:
    function, state, together = _state
    return function(state, items) if together else [function(state, item) for item in items]
