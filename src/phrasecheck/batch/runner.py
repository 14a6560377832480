"""Score many calls on all cores, streaming: read lazily, score in worker processes, store as results arrive.

Files up to :data:`WORKER_READS_UP_TO` go to the workers (several small ones to a chunk), with
the hashes of their calls already stored, and the workers read, skip or score them. Bigger
files are read by the parent one exchange at a time; it skips calls the store already holds
with the same content and scoring, and hands the rest to the workers in chunks of
:data:`CHUNK_SIZE`. At most ``2 × (workers − 1)`` chunks, and files of at most
:data:`IN_FLIGHT_BYTES`, are in flight, so memory stays flat whatever the number or size of
the files. The main process is one of the workers: ``--workers N`` starts N − 1 worker
processes, and whenever they have as much as they may hold, the main process scores the next
chunk itself, so N processes share N cores (storing the results costs the main process little).
Each worker process has one :class:`Scorer` for the whole run (forked from the parent's on Linux,
built by the worker's initializer elsewhere) and turns each card into its stored JSON itself.
Results are written to the store and committed chunk by chunk as they come back.
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import IO

from ..models import Diagnostic, Exchange, Turn, pickled_as_arguments
from ..api import Engine
from ..config import Config
from ..parallel import die_with_parent
from ..scoring import Scorer, scorecard_json
from ..transcripts import ReadOptions, iter_exchanges
from .dates import file_date
from .discover import InputFile
from .progress import Progress
from .reviews import scripts_bands
from .store import CallRecord, Scoring, Store

#: Calls handed to a worker at once.
CHUNK_SIZE = 32
#: Chunks kept in flight per worker process: one being scored, one waiting, so that it never waits while
#: the main process scores a chunk of its own and stores results (more only delay the end of a run).
IN_FLIGHT = 2
#: Files up to this size (one call, or a small office's month of calls) are read by the workers
#: themselves: the main process then only stores their results, and the calls are not pickled
#: on their way to a worker. Bigger files are read by the main process and streamed to the
#: workers call by call, so that memory stays flat however big a file is and all workers share it.
WORKER_READS_UP_TO = 2 * 1024 * 1024
#: Bytes of small files handed to a worker at once (a file bigger than this is a chunk by itself).
SMALL_FILES_CHUNK = 64 * 1024
#: Bytes of files being read by workers at once: a worker returns a file's results together,
#: and they take about three times the file's size, so this bounds what waits to be stored.
IN_FLIGHT_BYTES = 8 * 1024 * 1024
#: A tiny call scored before the workers start, so that what the scorer loads lazily (the jieba
#: dictionary) is loaded once, and shared by the forked workers instead of loaded by each.
WARM_UP = Exchange("warm-up", "<warm-up>", [Turn(0, "市民", "resident", "请问居住证在哪里办？"),
                                            Turn(1, "坐席", "staff", "您好，这事不归我管，不知道。")])


@dataclass(frozen=True, slots=True)
class Setup:
    """How to build the scorer and what to make of each call; picklable, so every worker builds its own."""

    lexicons: tuple[str, ...] = ()
    scripts: tuple[str, ...] = ()
    lang: str = "zh"
    script: str | None = None
    html: bool = False
    config: Config = Config()

    def scorer(self) -> Scorer:
        """The engine's scorer (raises LexiconError/ScriptError for broken rule files)."""
        return Engine(self.config, lexicons=self.lexicons, scripts=self.scripts).scorer

    def scoring(self, scorer: Scorer) -> Scoring:
        """What stored scores made with this setup depend on."""
        return Scoring(scorer.version, self.lang, self.script or "auto")


@pickled_as_arguments
@dataclass(slots=True)
class Work:
    """A call to score (dated): where it is in which file, its content hash, and whether to store it."""

    key: str
    ordinal: int
    content_hash: str
    exchange: Exchange
    save: bool = True


@pickled_as_arguments
@dataclass(slots=True)
class Scored:
    """A worker's result for one call: the record to store (when ``save``), its rendered scorecard, and the
    call's warnings, of reading it (roles inferred …) and of scoring it (when ``save``: a call stored by an
    earlier run had them counted then)."""

    record: CallRecord
    save: bool
    html: str | None = None
    warnings: tuple[Diagnostic, ...] = ()


@pickled_as_arguments
@dataclass(slots=True)
class SmallFiles:
    """Small files for a worker to read and score whole, each with its calls already stored, so that
    the worker skips those."""

    files: list[InputFile]
    stored: list[Stored]
    options: ReadOptions

    @property
    def size(self) -> int:
        return sum(file.size for file in self.files)


@dataclass(frozen=True, slots=True)
class Stored:
    """The calls of one file stored with this scoring: the content hash of each (by ordinal), and those
    to score again only for the ``--html`` page, which shows the failing calls."""

    hashes: dict[int, str] = field(default_factory=dict)
    to_render: frozenset[int] = frozenset()


@pickled_as_arguments
@dataclass(frozen=True, slots=True)
class Skipped:
    """A call a worker found already stored with the same content and scoring."""

    key: str
    ordinal: int


@pickled_as_arguments
@dataclass(frozen=True, slots=True)
class FileEnd:
    """A file read to its end with no error: how many calls it holds now (any stored after them are gone from it)."""

    key: str
    path: str
    calls: int


@dataclass(slots=True)
class Totals:
    """What a run has done so far."""

    scored: int = 0
    skipped: int = 0
    errors: int = 0
    warnings: int = 0
    started: float = field(default_factory=time.perf_counter)

    @property
    def calls(self) -> int:
        return self.scored + self.skipped

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    @property
    def rate(self) -> float:
        """Calls scored per second."""
        return self.scored / self.elapsed if self.elapsed > 0 else 0.0


def content_hash(exchange: Exchange) -> str:
    """A digest of everything from the log that a call's score and row depend on: turns, staff, date, channel."""
    text = "".join([*(f"{turn.speaker}\x1f{turn.role}\x1f{turn.text}\x1e" for turn in exchange.turns),
                    f"{exchange.staff_id}\x1f{exchange.date}\x1f{exchange.channel}"])
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def read_calls(file: InputFile, options: ReadOptions, on_open: Callable[[IO], None] | None = None
               ) -> Iterator[Work | Diagnostic | FileEnd]:
    """Every call of ``file`` as work (numbered in file order, hashed and dated; the warnings about how it was
    read, roles inferred …, travel with it) and every other problem met, then, when no error was, the
    :class:`FileEnd`; ``on_open`` is given the stream read (to follow how far the reader has got)."""
    ordinal, clean = 0, True
    for item in iter_exchanges(file.path, options, on_open):
        if isinstance(item, Diagnostic):
            clean = clean and item.level != "error"
            yield item
            continue
        work = Work(file.key, ordinal, content_hash(item), item)
        _dated(item, file)
        yield work
        ordinal += 1
    if clean:
        yield FileEnd(file.key, file.path, ordinal)


def _dated(exchange: Exchange, file: InputFile) -> None:
    """Give the call one date for every output: the log's or the file name's, else the file's
    modification time, saying so in ``meta["date_from"]`` (``file_time``) — but none when the log or the name
    gave a date that could not be read (``unreadable``: warned of by the reader)."""
    if exchange.date is None and exchange.meta.get("date_from") != "unreadable":
        exchange.date = file_date(file.modified)
        exchange.meta["date_from"] = "file_time" if exchange.date else None


def unstored_calls(file: InputFile, options: ReadOptions, stored: Stored,
                   on_open: Callable[[IO], None] | None = None) -> Iterator[Work | Skipped | Diagnostic | FileEnd]:
    """:func:`read_calls`, with each call ``stored`` holds unchanged as :class:`Skipped`; one the ``--html``
    page must show is still yielded as work, to be scored but not stored."""
    for work in read_calls(file, options, on_open):
        if isinstance(work, Work) and stored.hashes.get(work.ordinal) == work.content_hash:
            yield Skipped(work.key, work.ordinal)
            if work.ordinal not in stored.to_render:
                continue
            work.save = False
        yield work


def score_one(scorer: Scorer, setup: Setup, work: Work) -> Scored | Diagnostic:
    """Score one call; a call that cannot be scored becomes an error naming it."""
    exchange = work.exchange
    try:
        card = scorer.score(exchange, setup.script)
    except Exception as error:  # noqa: BLE001 - one call's failure must not stop a batch of thousands
        return _call_problem(exchange, f"评分时出错 / scoring failed: {type(error).__name__}: {error}")
    record = CallRecord.of(work.key, work.ordinal, work.content_hash, scorecard_json(card, None))
    warned = tuple(card.warnings) if work.save else ()
    if not (setup.html and card.grade.lowest):  # the --html page shows the failing calls only
        return Scored(record, work.save, warnings=warned)
    from ..report.html import exchange_html  # only with --html: other runs start without it

    return Scored(record, work.save, exchange_html(card, setup.lang), warned)


class Runner:
    """One batch run: reads the files, keeps the workers busy, stores results, reports progress.

    Use it as a context manager: entering starts the worker processes (before any progress
    display thread exists, so forking is safe), leaving stops them.
    """

    def __init__(self, scorer: Scorer, setup: Setup, options: ReadOptions, store: Store, run_id: int,
                 workers: int = 1, on_rendered: Callable[[CallRecord, str], None] | None = None,
                 freeze_gc: bool = False):
        self.scorer, self.setup, self.options = scorer, setup, options
        #: The application's choice (the CLI makes it): move everything alive now out of the collector's
        #: sight for the run, so it need not scan the scorer, nor forked workers copy it.
        self.freeze_gc = freeze_gc
        self.store, self.run_id = store, run_id
        self.workers = max(1, workers)
        self.scoring = setup.scoring(scorer)
        #: Each script's grade bands as the scorer grades with them (for the failing calls a rerun's page shows).
        self._bands_of = scripts_bands(scorer.scripts, scorer.bands)
        #: Whether the store may hold calls scored like this: on a first run with these rules it holds
        #: none, and the thousands of files need not be looked up one by one.
        self._resuming = store.scored_before(self.scoring, run_id)
        #: Files the store holds under a relative path: keyed by their real path when this run reads them.
        self._relative = store.relative_keys()
        self.on_rendered = on_rendered
        #: Pairs of files (this one, the other) already warned of holding the same calls.
        self._twice: set[tuple[str, str]] = set()
        self.totals = Totals()
        self.progress: Progress | None = None
        self._pool: Executor | None = None

    def __enter__(self) -> Runner:
        _warm_up(self.scorer)
        if self.freeze_gc:
            gc.freeze()
        self._pool = self._executor()
        if self._pool:
            self._pool.submit(_ready).result()
        return self

    def __exit__(self, *exc_info) -> None:
        if self._pool:
            self._pool.shutdown(wait=exc_info[0] is None, cancel_futures=True)
        if self.freeze_gc:
            gc.unfreeze()

    def run(self, files: Iterable[InputFile | Diagnostic], progress: Progress) -> Totals:
        """Score every call of ``files``.

        On Ctrl-C what was stored and counted is committed (results and problems are stored with Ctrl-C
        held back, so nothing is ever half-stored or stored uncounted); on any other error the writes
        since the last commit are undone. Either way the exception propagates.
        """
        self.progress = progress
        self.totals = Totals()
        pending: dict[Future, int] = {}  # each chunk in flight, and the bytes of the files it reads itself
        try:
            for chunk in self._chunks(files):
                read_there = chunk.size if isinstance(chunk, SmallFiles) else 0
                if self._busy(pending):  # the worker processes have enough to do: this process scores the chunk
                    self._store([_score(chunk, (self.scorer, self.setup))], read_there)
                else:
                    pending[self._pool.submit(_score, chunk)] = read_there
                pending = self._collect(pending, block=False)
            while pending:
                pending = self._collect(pending, block=True)
        except KeyboardInterrupt:
            self.store.commit()
            raise
        except BaseException:
            self.store.rollback()
            raise
        self.store.commit()
        return self.totals

    def _busy(self, pending: dict[Future, int]) -> bool:
        """Whether the worker processes (if any) have as many chunks, or bytes of files, as they may hold."""
        return (self._pool is None or len(pending) >= IN_FLIGHT * (self.workers - 1)
                or sum(pending.values()) > IN_FLIGHT_BYTES)

    def _executor(self) -> Executor | None:
        """Worker processes beside this one, forked on Linux (they inherit the scorer); none for one worker."""
        if self.workers == 1:
            return None
        method = "fork" if sys.platform == "linux" else "spawn"
        inherited = self.scorer if method == "fork" else None
        return ProcessPoolExecutor(self.workers - 1, mp_context=multiprocessing.get_context(method),
                                   initializer=_start_worker, initargs=(self.setup, inherited, os.getpid()))

    def _chunks(self, files: Iterable[InputFile | Diagnostic]) -> Iterator[list[Work] | SmallFiles]:
        """Chunks of calls read here from big files, and chunks of small files for the workers to read."""
        chunk: list[Work] = []
        small = SmallFiles([], [], self.options)
        for file in files:
            if isinstance(file, Diagnostic):
                self._problem(file)
                continue
            if file.key in self._relative:
                self.store.adopt(self._relative.pop(file.key), file.key)
                self._resuming = True
            if file.size <= WORKER_READS_UP_TO:
                small.files.append(file)
                small.stored.append(self._stored(file))
                if len(small.files) == CHUNK_SIZE or small.size >= SMALL_FILES_CHUNK:
                    yield small
                    small = SmallFiles([], [], self.options)
            else:
                for work in self._read(file):
                    chunk.append(work)
                    if len(chunk) == CHUNK_SIZE:
                        yield chunk
                        chunk = []
        if chunk:
            yield chunk
        if small.files:
            yield small

    def _read(self, file: InputFile) -> Iterator[Work]:
        """The calls of one big file still to score (or to render only); problems go to the store."""
        self.progress.reading(file)
        stored = self._stored(file)
        for work in unstored_calls(file, self.options, stored, self.progress.opened):
            if isinstance(work, Work):
                yield work
            else:
                self._keep(work)
        self.progress.file_done()

    def _stored(self, file: InputFile) -> Stored:
        """The calls of ``file`` stored with this scoring; with ``--html``, the failing ones among them to render."""
        if not self._resuming:
            return Stored()
        calls = self.store.stored_calls(file.key, self.scoring)
        hashes = {ordinal: content_hash for ordinal, (content_hash, _, _) in calls.items()}
        if not self.setup.html:
            return Stored(hashes)
        return Stored(hashes, frozenset(ordinal for ordinal, (_, script, grade) in calls.items()
                                        if grade == self._lowest_grade(script)))

    def _lowest_grade(self, script: str | None) -> str:
        """The failing grade of calls scored with ``script``: the last of its bands (as the scorer grades)."""
        return self._bands_of(script).bands[-1].name

    def _collect(self, pending: dict[Future, int], block: bool) -> dict[Future, int]:
        """Store the results of the chunks finished (waiting for one when ``block``); the chunks still running."""
        done, _ = wait(pending, timeout=None if block else 0, return_when=FIRST_COMPLETED)
        if done:
            self._store([future.result() for future in done], sum(pending.pop(future) for future in done))
        return pending

    def _store(self, chunks: list[list[Scored | Skipped | Diagnostic]], read_there: int) -> None:
        """Store the results of scored chunks, commit, and count them (and the bytes of files read with them)."""
        with _ctrl_c_held():
            stored = sum(self._keep(result) for results in chunks for result in results)
            self.store.commit()
            self.totals.scored += stored
        self.progress.read_elsewhere(read_there)
        self.progress.update(self.totals)

    def _keep(self, result: Scored | Skipped | Diagnostic | FileEnd) -> bool:
        """Store one result (or its problem; at a file's end, forget the calls it no longer holds); True when a
        call was stored."""
        if isinstance(result, Diagnostic):
            self._problem(result)
            return False
        if isinstance(result, FileEnd):
            self._forget_after(result)
            return False
        if isinstance(result, Skipped):
            self.store.mark_read(result.key, result.ordinal, self.run_id)
            self.totals.skipped += 1
            return False
        if result.save:
            self._tell_twice_stored(result.record)
            self.store.save(result.record, self.scoring, self.run_id)
        for warning in result.warnings:
            self._problem(warning)
        if result.html and self.on_rendered:
            self.on_rendered(result.record, result.html)
        return result.save

    def _tell_twice_stored(self, record: CallRecord) -> None:
        """Warn, once per pair of files, of a call whose content is stored under another file too (the same log
        exported twice under two names): both count in every report, so the supervisor is told which."""
        other = self.store.stored_elsewhere(record)
        if other is None or (record.path, other) in self._twice:
            return
        self._twice.add((record.path, other))
        self._problem(Diagnostic(record.source, 0, f"通话“{record.exchange_id}”与结果库中“{other}”的通话内容完全相同，可能重复导出；"
                                                   f"两份都计入统计 / call “{record.exchange_id}” is the same as one stored from "
                                                   f"“{other}” (exported twice?); both count in reports", "warning"))

    def _forget_after(self, end: FileEnd) -> None:
        """Remove the calls stored past the end of a file that holds fewer now (a log cut short, a call taken out of
        a re-export), so that no report counts them, and say so."""
        gone = self.store.forget_after(end.key, end.calls)
        if gone:
            self._problem(Diagnostic(end.path, 0, f"文件现有 {end.calls} 通通话，结果库中排在其后的 {gone} 通已不在文件中，已删除 / "
                                                  f"the file now holds {end.calls} calls: {gone} stored after them are no "
                                                  f"longer in it and were removed from the store", "warning"))

    def _problem(self, problem: Diagnostic) -> None:
        with _ctrl_c_held():
            self.store.add_error(self.run_id, problem)
            if problem.level == "error":
                self.totals.errors += 1
            else:
                self.totals.warnings += 1
        self.progress.update(self.totals)


@contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """Hold Ctrl-C back while results are stored and counted, so that a run's count always matches its store
    (inside an outer hold, the outer one decides)."""
    if threading.current_thread() is not threading.main_thread() or isinstance(signal.getsignal(signal.SIGINT), _Held):
        yield
        return
    held = _Held()
    previous = signal.signal(signal.SIGINT, held)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if held.caught:
        raise KeyboardInterrupt


class _Held:
    """The Ctrl-C handler while Ctrl-C is held: it remembers the key was pressed."""

    caught = False

    def __call__(self, number: int, frame) -> None:
        self.caught = True


def _call_problem(exchange: Exchange, message: str) -> Diagnostic:
    line = exchange.turns[0].line if exchange.turns else 0
    return Diagnostic(exchange.source, line, f"{exchange.id}: {message}")


#: The scorer and setup of a worker process (set by :func:`_start_worker`, only ever in a worker).
_worker: tuple[Scorer, Setup] | None = None


def _start_worker(setup: Setup, scorer: Scorer | None, parent: int) -> None:
    """Worker initializer: die with the parent; the scorer inherited from it, or built once here; Ctrl-C is the parent's."""
    global _worker
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker = (scorer or setup.scorer(), setup)


def _warm_up(scorer: Scorer) -> None:
    try:
        scorer.score(WARM_UP)
    except Exception:  # noqa: BLE001 - only an optimisation; real calls report their own errors
        pass


def _ready(worker: tuple[Scorer, Setup] | None = None) -> bool:
    return True


def _score(chunk: list[Work] | SmallFiles, worker: tuple[Scorer, Setup] | None = None
           ) -> list[Scored | Skipped | Diagnostic | FileEnd]:
    """Score a chunk with ``worker`` (in the main process) or this worker process's scorer: calls read by
    the main process, or small files read here whole (calls stored before are skipped, but still
    rendered for --html; problems and file ends go back as they are)."""
    scorer, setup = worker or _worker
    if not isinstance(chunk, SmallFiles):
        return [score_one(scorer, setup, work) for work in chunk]
    return [score_one(scorer, setup, item) if isinstance(item, Work) else item
            for file, stored in zip(chunk.files, chunk.stored)
            for item in unstored_calls(file, chunk.options, stored)]
