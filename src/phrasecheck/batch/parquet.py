"""Spark results read into a results store, so that ``report`` and the batch summary work on them
as on a local run's.

A results folder (``phrasecheck batch --engine spark … --out FOLDER``) holds Parquet datasets
``calls/`` (one row per call, its scorecard in ``card``), ``findings/`` and ``problems/``. Each call
becomes the record a local batch stores — its violation rows taken from its card, as the local
batch takes them — in a temporary store: one run, named by the folder. Reading needs pyarrow
(``phrasecheck[spark]``), not Spark.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..models import Diagnostic
from .store import CallRecord, Scoring, Store, StoreError

#: Rows of a results dataset read at once.
BATCH_ROWS = 1000
#: The columns of ``calls/`` that make a stored call.
_CALL_COLUMNS = ["source", "ordinal", "content_hash", "card", "version", "lang", "script_choice"]


def is_results(path: Path) -> bool:
    """Whether ``path`` is a Spark results folder (it has ``calls/``)."""
    return (path / "calls").is_dir()


@contextmanager
def results_store(folder: Path) -> Iterator[tuple[Store, int]]:
    """A temporary store holding every call and problem of ``folder`` as one run, and the run's id."""
    with tempfile.TemporaryDirectory(prefix="phrasecheck-results-") as temporary:
        with Store(Path(temporary) / "results.db") as store:
            yield store, load_results(folder, store)


def load_results(folder: Path, store: Store) -> int:
    """Store the calls and problems of ``folder`` as a new run of ``store``; the run's id."""
    run_id = None
    for row in _rows(folder, "calls", _CALL_COLUMNS):
        if run_id is None:
            run_id = store.start_run([str(folder)], Scoring(row["version"], row["lang"], row["script_choice"]), 0)
        record = CallRecord.of(row["source"], row["ordinal"], row["content_hash"], json.loads(row["card"]))
        store.save(record, Scoring(row["version"], row["lang"], row["script_choice"]), run_id)
    if run_id is None:
        run_id = store.start_run([str(folder)], Scoring("", ""), 0)
    problems = 0
    for row in _rows(folder, "problems", ["source", "line", "message", "level"]):
        store.add_error(run_id, Diagnostic(row["source"], row["line"], row["message"], row["level"]))
        problems += row["level"] == "error"
    calls = store.db.execute("SELECT count(*) FROM calls").fetchone()[0]
    store.finish_run(run_id, "done", calls, 0, problems)
    return run_id


def _rows(folder: Path, part: str, columns: list[str]) -> Iterator[dict]:
    """The rows of one dataset of the folder, :data:`BATCH_ROWS` at a time, file by file: memory stays
    flat however many there are (a dataset scan reads ahead whole row groups of scorecards, and
    held 2.8 GB for 200,000 calls; this holds 0.3 GB)."""
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    try:
        for path in ds.dataset(folder / part, format="parquet").files:
            for batch in pq.ParquetFile(path).iter_batches(batch_size=BATCH_ROWS, columns=columns):
                yield from batch.to_pylist()
    except (OSError, ValueError, KeyError) as error:  # pyarrow's errors derive from these
        raise StoreError(f"无法读取 Spark 结果 / cannot read the Spark results {folder / part}: {error}") from None
