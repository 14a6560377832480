"""A conversation a program built (an :class:`Exchange` of :class:`Turn`\\ s), read as a reader's would be.

A reader checks what it reads, leaves out utterances without words, makes the date ISO and the staff id text,
knows the labels and role fields other systems use (``agent``, ``customer``, 坐席 …) and infers roles it is not
given, with a warning. An exchange built in memory gets the same (:func:`~.read.finish_exchange`), so that the
same call scores the same whether it came from a file or from a program; one a reader made keeps the roles and
date it decided, its turns (a program may have added some) checked.
"""

from __future__ import annotations

import numbers
from dataclasses import replace

from ..jsontext import LONE_SURROGATE
from ..models import Diagnostic, Exchange, Turn
from .options import ReadOptions
from .read import finish_exchange
from .records import RawExchange, RawTurn, no_text
from .roles import RoleTable
from .times import MAX_MS

#: The roles an exchange's turns have once read.
_ROLES = ("staff", "resident", "unknown")

def read_given(exchange: Exchange, table: RoleTable, options: ReadOptions) -> Exchange:
    """``exchange`` as a reader would have made it; one with no utterance left is returned without turns, its
    problems as warnings (scored 不适用). Raises TypeError naming the call, the turn and the field that is wrong."""
    if "roles_by" in exchange.meta:   # made by a reader: roles inferred and date decided; turns a program added are checked
        return _checked(exchange, table)
    raw, skipped = _raw(exchange)
    found = list(finish_exchange(raw, table, options))
    problems = skipped + [item for item in found if isinstance(item, Diagnostic)]
    read = next((item for item in found if isinstance(item, Exchange)), None)
    if read is None:
        if errors := [problem for problem in problems if problem.level == "error"]:
            raise ValueError(errors[0].message)   # too many turns or characters to read: as a file's call, not scored
        return Exchange(raw.id, raw.source, [], raw.staff_id, None, raw.channel, {**raw.meta, "roles_by": "given"},
                        [*raw.warnings, *problems])
    read.warnings[:0] = problems
    return read


def _checked(exchange: Exchange, table: RoleTable) -> Exchange:
    """A reader's exchange whose turns are all checked, and a role a program gave by a label (agent) made a role."""
    turns = list(exchange.turns)
    for position, turn in enumerate(turns):
        _check(exchange.id, position, turn)
        if turn.role not in _ROLES:
            turns[position] = replace(turn, role=table.role_of(turn.role))
    return exchange if turns == list(exchange.turns) else replace(exchange, turns=turns)


def _raw(exchange: Exchange) -> tuple[RawExchange, list[Diagnostic]]:
    """The raw conversation, and a warning for each turn without words (left out)."""
    if not isinstance(exchange.turns, list | tuple):
        raise TypeError(f"“{exchange.id}”: turns 应为 Turn 的列表 / turns must be a list of Turn, "
                        f"not {type(exchange.turns).__name__}")
    source = str(exchange.source)
    raw = RawExchange(str(exchange.id), source, 0, "given", [], _text_or_none(exchange.staff_id),
                      _text_or_none(exchange.date), _text_or_none(exchange.channel), dict(exchange.meta),
                      list(exchange.warnings))
    skipped = []
    for position, turn in enumerate(exchange.turns):
        _check(exchange.id, position, turn)
        if not turn.text.strip():
            skipped.append(no_text(source, turn.line, raw.id, position + 1))
            continue
        raw.turns.append(RawTurn(str(turn.speaker or ""), LONE_SURROGATE.sub("\ufffd", turn.text), turn.line,
                                 _ms(turn.start_ms), _ms(turn.end_ms), role_hint=turn.role))
    return raw, skipped


def _check(call: object, position: int, turn: object) -> None:
    """TypeError naming the call, the turn and the field, unless ``turn`` is a Turn with text, a role and times."""
    where = f"“{call}” turns[{position}]"
    if not isinstance(turn, Turn):
        raise TypeError(f"{where} 应为 Turn / must be a Turn, not {type(turn).__name__}")
    for name, value, kinds in (("text", turn.text, str), ("role", turn.role, str),
                               ("start_ms", turn.start_ms, numbers.Real | None), ("end_ms", turn.end_ms, numbers.Real | None)):
        if not isinstance(value, kinds) or isinstance(value, bool):
            raise TypeError(f"{where}.{name} 的类型不对：{type(value).__name__} / {where}.{name} has the wrong type: "
                            f"{type(value).__name__}")
    if any(value is not None and not 0 <= value < MAX_MS for value in (turn.start_ms, turn.end_ms)):
        raise ValueError(f"{where}: 时间应在 0 与 {MAX_MS:.0e} 毫秒之间 / start_ms and end_ms must be from 0 to {MAX_MS:.0e} ms")


def _ms(value: float | None) -> int | None:
    return None if value is None else int(value)


def _text_or_none(value: object) -> str | None:
    return None if value is None or str(value).strip() == "" else str(value).strip()
