"""Trainers: a pasted or uploaded transcript read by the same readers as every command, and a
trainee's scored role-plays kept in the store as their history."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from ..batch.runner import content_hash
from ..batch.store import CallRecord, Scoring, Store
from ..models import Diagnostic, Exchange
from ..office import is_xlsx
from ..scoring import ScoreCard, scorecard_json
from ..textio import InputError, decode_bytes
from ..transcripts import ReadOptions, iter_workbook_exchanges, read_text_exchange

#: The name a pasted transcript is read under (labelled text, the role-play format).
PASTED = "粘贴.txt"


def read_upload(pasted: str, upload: tuple[str, bytes] | None, trainee: str,
                options: ReadOptions) -> tuple[list[Exchange], list[str]]:
    """The conversations of an uploaded file (any supported format, by its name and content), else of the
    pasted text; the problems met, as messages. A trainee id becomes each conversation's staff id."""
    name, text = PASTED, pasted
    if upload and upload[1]:
        name = Path(upload[0]).name or "upload.txt"
        if is_xlsx(name):
            exchanges, problems = _workbook(upload[1], name, options)
            return _as_trainee(exchanges, trainee), [str(problem) for problem in problems]
        try:
            text = decode_bytes(upload[1], name).text
        except InputError as error:
            return [], [str(error)]
    exchanges, problems = read_text_exchange(text, name, options)
    return _as_trainee(exchanges, trainee), [str(problem) for problem in problems]


def _workbook(data: bytes, name: str, options: ReadOptions) -> tuple[list[Exchange], list[Diagnostic]]:
    """The calls of an uploaded .xlsx call log, read from a temporary copy by the workbook reader."""
    with tempfile.TemporaryDirectory(prefix="phrasecheck-upload-") as folder:
        path = Path(folder) / "upload.xlsx"
        path.write_bytes(data)
        found = list(iter_workbook_exchanges(path, name, options))
    return ([item for item in found if isinstance(item, Exchange)],
            [item for item in found if isinstance(item, Diagnostic)])


def _as_trainee(exchanges: list[Exchange], trainee: str) -> list[Exchange]:
    """A trainee id becomes each conversation's staff id."""
    for exchange in exchanges:
        exchange.staff_id = trainee or exchange.staff_id
    return exchanges


def save_training(store: Store, scorer, cards: list[ScoreCard], key: str, day: dt.date, lang: str = "zh") -> None:
    """Keep the scorecards as calls of one run, dated ``day`` (``lang``: the language the run is recorded in),
    without words like every stored call: they join the trainee's history."""
    scoring = Scoring(scorer.version, lang, "auto")
    run_id = store.start_run(["trainer"], scoring, 1)
    for ordinal, card in enumerate(cards):
        card.exchange.date = card.exchange.date or day.isoformat()
        card.exchange.meta.setdefault("date_from", "content")
        store.save(CallRecord.of(key, ordinal, content_hash(card.exchange), scorecard_json(card, None)), scoring, run_id)
    store.finish_run(run_id, "done", len(cards), 0, 0)
