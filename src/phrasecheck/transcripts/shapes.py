"""Building conversations from parsed JSON: where a record came from, type-safe field access,
and the dialogue shapes (the documented ``{"id", "turns": […]}`` shape and the shared corpora)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ..models import Diagnostic
from .records import RawExchange, RawItems, RawTurn
from .times import number_ms


@dataclass(slots=True)  # not frozen: a frozen dataclass is several times slower to make, and one per JSONL record
class Record:
    """One JSON record: its file, the line it starts on, a fallback id, and object lines when known."""

    path: str
    line: int
    default_id: str
    positions: dict[int, int] = field(default_factory=dict)

    def line_of(self, value: object, default: int | None = None) -> int:
        """The line where the JSON object ``value`` starts (``default`` or the record's line if unknown)."""
        return self.positions.get(id(value), default or self.line)


def as_dict(value: object) -> dict:
    """``value`` when it is a JSON object, else an empty one."""
    return value if isinstance(value, dict) else {}


def as_list(value: object) -> list:
    """``value`` when it is a JSON array, else an empty one."""
    return value if isinstance(value, list) else []


def as_text(value: object) -> str | None:
    """A string or number as text; None for anything else (null, bool, object, array)."""
    if value is None or type(value) is str:  # nearly every value: answered without isinstance
        return value
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def first_text(item: dict, *keys: str) -> str | None:
    """The text of the first of ``keys`` present in ``item`` with a usable value."""
    for key in keys:
        value = item.get(key)
        if type(value) is str:  # nearly every value
            return value
        if value is not None and (text := as_text(value)) is not None:
            return text
    return None


class ExchangeBuilder:
    """Collects the turns of one conversation and what was wrong on the way."""

    def __init__(self, record: Record, exchange_id: object, fmt: str):
        self.record = record
        self.raw = RawExchange(as_text(exchange_id) or record.default_id, record.path, record.line, fmt)
        self.problems: list[Diagnostic] = []
        #: Whether the transcription task did not finish: what it holds is not the whole call, and is not read.
        self.unfinished = False

    def items(self, values: object, what: str, line: int | None = None) -> Iterator[dict]:
        """The objects in the array ``values``; anything else in it is reported."""
        if values is not None and not isinstance(values, list):
            self.problem(line or self.record.line, f"{what} 不是数组 / {what} is not an array", "error")
            return
        for value in as_list(values):
            if isinstance(value, dict):
                yield value
            else:
                self.problem(line or self.record.line, f"{what} 中有一项不是对象，已跳过 / an item of {what} is not an object; skipped")

    def add(self, line: int, text: object, speaker: object = None, *, start: object = None, end: object = None,
            channel: object = None, role: object = None) -> None:
        """Add a turn read at ``line``; an empty or non-text ``text`` is reported instead."""
        words = as_text(text)
        if not words or words.isspace():
            self.problem(line, "发言没有文本，已跳过 / utterance without text; skipped")
            return
        timed = start is not None or end is not None  # most turns are not
        self.raw.turns.append(RawTurn(as_text(speaker) or "", words, line, self._ms(start, line) if timed else None,
                                      self._ms(end, line) if timed else None, as_text(channel), as_text(role)))

    def _ms(self, value: object, line: int) -> int | None:
        """A time in ms, or None with a warning when one is given that cannot be read (abc, negative, 1.5e20)."""
        ms = number_ms(value)
        if value is not None and value != "" and (ms is None or ms < 0):
            self.problem(line, f"无法识别的时间“{value}”，已忽略 / unreadable time {value!r}; ignored")
            return None
        return ms

    def problem(self, line: int, message: str, level: str = "warning") -> None:
        """Report something wrong in this conversation."""
        self.problems.append(Diagnostic(self.record.path, line, message, level))

    def failed(self, status: str, detail: object = None) -> None:
        """Report a transcription task that did not finish successfully."""
        extra = f"：{as_text(detail)}" if as_text(detail) else ""
        self.problem(self.record.line, f"转写任务未成功完成（{status}{extra}），其内容不评分 / transcription task not successful "
                                       f"({status}); what it holds is not scored", "error")
        self.unfinished = True

    def done(self) -> RawItems:
        """The problems found, then the conversation, unless the task did not finish (a part of a call would be scored
        as the whole, its farewell missing; its error says so, and nothing more needs saying)."""
        yield from self.problems
        if not self.unfinished:
            yield self.raw


def is_dialogue(value: dict) -> bool:
    """The documented shape, the neutral corpora, and the STC-3/CrossWOZ originals."""
    return isinstance(value.get("turns"), list) or isinstance(value.get("messages"), list)


def dialogue(value: dict, record: Record) -> RawItems:
    """``{"id", "turns": [{"speaker", "text", "role"?, "start_ms"?, "end_ms"?}], "staff_id"?, …}``."""
    exchange_id = first_text(value, "id", "call_id", "dialogue_id", "session_id")
    builder = ExchangeBuilder(record, exchange_id, "dialogue-json")
    builder.raw.staff_id = first_text(value, "staff_id", "agent_id")
    builder.raw.date = first_text(value, "date")
    builder.raw.channel = first_text(value, "channel")
    builder.raw.meta = dict(as_dict(value.get("meta")))
    key = "turns" if "turns" in value else "messages"
    for item in builder.items(value.get(key), key):
        _add_dialogue_turn(builder, item)
    yield from builder.done()


def _add_dialogue_turn(builder: ExchangeBuilder, item: dict) -> None:
    role = first_text(item, "role", "speaker_role")
    speaker = first_text(item, "speaker", "sender", "name") or role
    line, start, end, channel = builder.record.line_of(item), item.get("start_ms"), item.get("end_ms"), item.get("channel")
    utterances = item.get("utterances")  # STC-3 keeps consecutive messages in one turn
    for text in utterances if isinstance(utterances, list) else (item.get("text", item.get("content")),):
        builder.add(line, text, speaker, start=start, end=end, channel=channel, role=role)
