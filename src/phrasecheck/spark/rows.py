"""What runs on the executors: calls in Arrow batches → scored rows, with the local batch's own code.

Each call arrives in one shape whatever the input layout (see :mod:`.layout`): ``ordinal``, ``call_id``,
``staff_id``, ``date``, ``channel`` and ``turns`` (``speaker``, ``role``, ``text``, ``start``/``start_ms``,
``end``/``end_ms``, ``channel``, ``staff_id``, ``date``). It becomes the same raw conversation a
transcript reader makes, gets its roles and date like a file's calls
(:func:`~phrasecheck.transcripts.read.finish_exchange`), and is scored and turned into the batch's
per-call record (:meth:`CallRecord.of`): the rows hold the fields the results store holds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pyarrow as pa

from ..api import Engine
from ..batch.runner import content_hash
from ..batch.store import FINDING_COLUMNS, CallRecord
from ..models import Diagnostic
from ..scoring import scorecard_json
from ..transcripts import ReadOptions
from ..transcripts.read import finish_exchange
from ..transcripts.records import RawExchange, RawTurn, no_text
from ..transcripts.roles import role_table
from ..transcripts.times import cell_ms, number_ms
from .rules import RuleBundle, engine

_FINDING_TYPES = {"turn": pa.int32(), "start": pa.int32(), "end": pa.int32(), "points": pa.float64()}
FINDING = pa.struct([(name, _FINDING_TYPES.get(name, pa.string())) for name in FINDING_COLUMNS])
PROBLEM = pa.struct([("source", pa.string()), ("line", pa.int32()), ("message", pa.string()), ("level", pa.string())])
#: The per-call fields, as in the results store's ``calls`` table (``ordinal``: the call's number in this run).
CALL_FIELDS: list[tuple[str, pa.DataType]] = [
    ("source", pa.string()), ("ordinal", pa.int64()), ("exchange_id", pa.string()), ("content_hash", pa.string()),
    ("staff_id", pa.string()), ("date", pa.string()), ("date_from", pa.string()), ("channel", pa.string()),
    ("script", pa.string()), ("score", pa.float64()), ("grade", pa.string()), ("prohibited", pa.int32()),
    ("card", pa.string()), ("version", pa.string()), ("lang", pa.string()), ("script_choice", pa.string()),
    ("scored_at", pa.string()),
]
#: One output row per call: its fields (``grade`` null when it could not be scored), its violations, its problems.
SCORED = pa.schema([*CALL_FIELDS, ("findings", pa.list_(FINDING)), ("problems", pa.list_(PROBLEM))])


@dataclass(frozen=True)
class Job:
    """What every executor needs to score calls: the rules, how to read roles, the forced script,
    the name the calls are reported under, whether cells are trimmed (one row per turn, as in CSV),
    and the scorer's version (recorded in every row)."""

    rules: RuleBundle
    options: ReadOptions
    script: str | None
    source: str
    per_turn: bool
    version: str
    #: The input's column (or turn field) of each role, by role: a time cell is read by its column's name (秒, ms …).
    columns: dict[str, str]


def score_batches(job: Job, batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """The ``mapInArrow`` function: one engine per executor process, one output row per call."""
    built = engine(job.rules)
    for batch in batches:
        yield pa.RecordBatch.from_pylist([score_call(built, job, call) for call in batch.to_pylist()], schema=SCORED)


def score_call(built: Engine, job: Job, call: dict) -> dict:
    """One call's row; a call that cannot be read or scored has no grade, and problems saying why."""
    if call["call_id"] is None:
        count = len(call["turns"] or ())
        return _row(job, call["ordinal"], None, [Diagnostic(job.source, 0, f"{count} 条发言没有通话 ID，已跳过 / "
                                                                           f"{count} utterances without a call id; skipped")])
    raw, problems = raw_exchange(call, job)
    exchange = None
    for item in finish_exchange(raw, role_table(job.options), job.options):
        if isinstance(item, Diagnostic):
            problems.append(item)
        else:
            exchange = item
    if exchange is None:
        return _row(job, call["ordinal"], raw.id, problems)
    problems += exchange.warnings
    try:
        card = scorecard_json(built.score(exchange, job.script), None)
    except Exception as error:  # noqa: BLE001 - one call's failure must not stop a job of millions
        problems.append(Diagnostic(job.source, 0, f"{exchange.id}: 评分时出错 / scoring failed: {type(error).__name__}: {error}"))
        return _row(job, call["ordinal"], raw.id, problems)
    return _row(job, call["ordinal"], raw.id, problems, CallRecord.of(job.source, call["ordinal"], content_hash(exchange), card))


def raw_exchange(call: dict, job: Job) -> tuple[RawExchange, list[Diagnostic]]:
    """The conversation as a reader would have read it, and the utterances skipped (without text)."""
    cell = _trimmed if job.per_turn else _text
    call_id = call["call_id"]
    raw = RawExchange(call_id, job.source, 0, "csv" if job.per_turn else "dialogue-json")
    raw.staff_id, raw.date, raw.channel = cell(call["staff_id"]), cell(call["date"]), cell(call["channel"])
    problems: list[Diagnostic] = []
    for number, turn in enumerate(call["turns"] or (), 1):
        text = cell(turn["text"])
        if text is None:
            problems.append(no_text(job.source, 0, call_id, number))
            continue
        raw.staff_id = raw.staff_id or cell(turn["staff_id"])
        raw.date = raw.date or cell(turn["date"])
        role = cell(turn["role"])
        start, end = (_time(turn, key, call_id, number, job, problems) for key in ("start", "end"))
        raw.turns.append(RawTurn(cell(turn["speaker"]) or role or "", text, 0, start, end, cell(turn["channel"]), role))
    return raw, problems


def _time(turn: dict, key: str, call_id: str, number: int, job: Job, problems: list[Diagnostic]) -> int | None:
    """A time in milliseconds: a number column as is, a text column read like a CSV cell (named by its column)."""
    if turn[f"{key}_ms"] is not None:
        return number_ms(turn[f"{key}_ms"])
    value = _trimmed(turn[key])
    if value is None:
        return None
    try:
        return cell_ms(value, job.columns.get(key, key))
    except ValueError:
        problems.append(Diagnostic(job.source, 0, f"“{call_id}”第 {number} 条发言的时间“{value}”无法识别，已忽略 / "
                                                  f"unreadable time {value!r} in utterance {number} of “{call_id}”; ignored",
                                   "warning"))
        return None


def _trimmed(value: str | None) -> str | None:
    """A CSV cell: stripped, None when empty."""
    return (value.strip() or None) if value is not None else None


def _text(value: str | None) -> str | None:
    """A JSON string: as is, None when empty or blank."""
    return value if value and not value.isspace() else None


def _row(job: Job, ordinal: int, call_id: str, problems: list[Diagnostic], record: CallRecord | None = None) -> dict:
    row = dict.fromkeys(SCORED.names)
    row.update(source=job.source, ordinal=ordinal, exchange_id=call_id, version=job.version, lang=job.rules.lang,
               script_choice=job.script or "auto", findings=[], scored_at=_now(),
               problems=[{"source": p.path, "line": p.line, "message": p.message, "level": p.level} for p in problems])
    if record is not None:
        row.update(content_hash=record.content_hash, staff_id=record.staff_id, date=record.date,
                   date_from=record.date_from, channel=record.channel, script=record.script, score=record.score,
                   grade=record.grade, prohibited=record.prohibited, card=record.card.decode(),
                   findings=[dict(zip(FINDING_COLUMNS, finding)) for finding in record.findings])
    return row


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")
