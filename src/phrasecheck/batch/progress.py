"""Progress of a batch: a rich bar on a terminal, quiet JSON lines on standard error otherwise.

The bar measures input bytes, so its ETA holds for many small files and for one huge log alike:
finished files count whole, and inside a big file (read by the main process) the position of the
reader's byte stream tells how far it has got, so the bar moves for one big CSV too.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING, Protocol, TextIO

from rich.console import Console
from rich.progress import BarColumn, Progress as RichProgress, TaskProgressColumn, TextColumn, TimeRemainingColumn

from .discover import InputFile
from .words import word

if TYPE_CHECKING:
    from .runner import Totals

#: Seconds between two progress lines when standard error is not a terminal.
QUIET_INTERVAL = 60.0


class Progress(Protocol):
    """What the runner tells about its progress."""

    def reading(self, file: InputFile) -> None: ...
    def opened(self, stream: IO) -> None: ...
    def file_done(self) -> None: ...
    def read_elsewhere(self, size: int) -> None: ...
    def update(self, totals: Totals) -> None: ...


class Position:
    """How many input bytes have been read: whole finished files plus the bytes read of the current one."""

    def __init__(self, total: int | None = None):
        self.total = total
        self.finished = 0
        self._file: InputFile | None = None
        self._bytes: IO[bytes] | None = None

    @property
    def done(self) -> int:
        if self._file is None or self._bytes is None or self._bytes.closed:
            return self.finished
        return self.finished + min(self._file.size, self._bytes.tell())

    def set_total(self, total: int) -> None:
        """The input's size, once known (it is counted while the first files are scored)."""
        self.total = total

    def reading(self, file: InputFile) -> None:
        self._file, self._bytes = file, None

    def opened(self, stream: IO) -> None:
        """The reader opened the current file as ``stream``: the position of the bytes under it is how far it has read
        (a small file decoded at once has none, and counts when done)."""
        self._bytes = getattr(stream, "buffer", None)

    def file_done(self) -> None:
        if self._file is not None:
            self.finished += self._file.size
        self._file = None

    def read_elsewhere(self, size: int) -> None:
        """``size`` bytes of small files were read (by the workers) besides the file being read here."""
        self.finished += size


class TerminalProgress(Position):
    """A rich progress bar: calls done, calls per second, errors so far and time left."""

    def __init__(self, total: int | None = None, lang: str = "zh", console: Console | None = None):
        super().__init__(total)
        self.lang = lang
        self.console = console or Console(stderr=True, highlight=False)
        counts = f"{{task.fields[calls]}} {word('calls_unit', lang)} · {{task.fields[rate]:.1f}} {word('rate_unit', lang)}"
        self._bar = RichProgress(
            TextColumn("[bold]{task.description}"), BarColumn(), TaskProgressColumn(),
            TextColumn(counts), TextColumn(f"{word('errors_so_far', lang)} {{task.fields[errors]}}"),
            TimeRemainingColumn(), console=self.console, transient=False)
        self._task = self._bar.add_task(word("scoring", lang), total=total or None, calls=0, rate=0.0, errors=0)

    def __enter__(self) -> TerminalProgress:
        self._bar.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._bar.stop()

    def set_total(self, total: int) -> None:
        super().set_total(total)
        self._bar.update(self._task, total=total or None)

    def file_done(self) -> None:
        super().file_done()
        self._bar.update(self._task, completed=self.done)

    def update(self, totals: Totals) -> None:
        """The bar's calls and their rate: calls read, stored ones skipped too, so that a resumed run does not show
        0.0 通/秒 while it passes what is stored (a supervisor's trial); the summary's ``calls_per_s`` stays calls scored."""
        rate = totals.calls / totals.elapsed if totals.elapsed > 0 else 0.0
        self._bar.update(self._task, completed=self.done, calls=totals.calls, rate=rate, errors=totals.errors)

    def finish(self, summary: dict) -> None:
        """A one-line human summary of the run."""
        key = "interrupted" if summary["status"] == "interrupted" else "done"
        self.console.print(word(key, self.lang, scored=summary["scored"], skipped=summary["skipped"],
                                errors=summary["errors"], warnings=summary["warnings"],
                                seconds=f"{summary['elapsed_s']:.1f}", rate=f"{summary['calls_per_s']:.1f}"),
                           highlight=False)


class QuietProgress(Position):
    """No bar: a JSON progress line now and then, and the run's summary as one JSON line at the end."""

    def __init__(self, total: int | None = None, stream: TextIO | None = None, interval: float = QUIET_INTERVAL):
        super().__init__(total)
        self.stream = stream or sys.stderr
        self.interval = interval
        self._last = time.monotonic()

    def __enter__(self) -> QuietProgress:
        return self

    def __exit__(self, *exc_info) -> None:
        return None

    def update(self, totals: Totals) -> None:
        if time.monotonic() - self._last >= self.interval:
            self._last = time.monotonic()
            self._emit({"event": "progress", "calls": totals.calls, "scored": totals.scored, "skipped": totals.skipped,
                        "errors": totals.errors, "calls_per_s": round(totals.rate, 1),
                        "bytes_read": self.done, "bytes_total": self.total})

    def finish(self, summary: dict) -> None:
        self._emit({"event": "summary", **summary})

    def _emit(self, record: dict) -> None:
        print(json.dumps(record, ensure_ascii=False), file=self.stream, flush=True)


def make_progress(lang: str = "zh", interactive: bool | None = None) -> TerminalProgress | QuietProgress:
    """A bar when standard error is a terminal, quiet lines otherwise; the total comes with :meth:`Position.set_total`."""
    if interactive is None:
        interactive = sys.stderr.isatty()
    return TerminalProgress(lang=lang) if interactive else QuietProgress()


def count_in_background(progress: Position, sizes: Iterable[int]) -> threading.Thread:
    """Add up ``sizes`` (a second walk of the inputs) in a thread and give the total to ``progress``,
    so that scoring starts at once, not after a walk of 100,000s of files."""
    thread = threading.Thread(target=lambda: progress.set_total(sum(sizes)), name="phrasecheck-count", daemon=True)
    thread.start()
    return thread
