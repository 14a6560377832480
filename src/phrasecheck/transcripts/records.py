"""What a reader saw in the file, before roles are decided."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..models import Diagnostic

#: Notes in round or lenticular brackets standing for a whole line: what happened on the call (（电话保持约三分钟）,
#: （挂断）（忙音）, 【静音】), not words said. Not square brackets: a chat's emoticon ([呵呵]) is a reply, [00:00:05] a time.
#: Characters a speech-recognition service put in place of words it filtered (Tencent's FilterDirty: 你**有病吧), in the
#: exports of :data:`SPEECH_FORMATS` (typed text uses them for numbers and templates: 186****7005, ***市**区).
MASKED = re.compile(r"[*＊]{2,}")
SPEECH_FORMATS = frozenset({"alibaba-filetrans", "paraformer", "tencent-asr", "iflytek", "baidu", "alibaba-ccai", "contact-lens"})
NOTE = re.compile(r"(?:[（(【〔][^（()\[\]【】〔〕［］）]*[A-Za-z\u4e00-\u9fff][^（()\[\]【】〔〕［］）]*[）)】〕]\s*)+")
#: A note saying the other side hung up (（对方已挂机）, 【用户挂断】): after the last words, the call ended by the caller.
HUNG_UP = re.compile(r"(对方|来电人|来电者|来电|用户|客户|市民|群众|居民|客人|乘客|caller|customer)\s*(已经|已|先)?\s*"
                     r"(挂机|挂断|挂线|挂了|挂掉|断线|hung up|disconnected)", re.IGNORECASE)
#: Most utterances in one conversation, and most characters in one utterance. A conversation is
#: held and scored whole, in time and memory that grow with it; one past either is reported, not read.
MAX_TURNS = 10_000
MAX_TURN_CHARS = 1 << 17
#: More utterances, or hours from the first to the last, than one call or visit has: a recording left running, or
#: calls run together (a supervisor's trial: a nine-hour day of 3,000 turns scored as one visit without a word).
LONG_TURNS = 1_000
LONG_HOURS = 3
_HALF_DAY_MS = 12 * 3_600_000


@dataclass(slots=True)
class RawTurn:
    """One utterance as read: who (speaker label/id, channel, role field) and what."""

    speaker: str
    text: str
    line: int
    start_ms: int | None = None
    end_ms: int | None = None
    channel: str | None = None
    role_hint: str | None = None


@dataclass(slots=True)
class RawExchange:
    """One conversation as read; :func:`roles.assign_roles` turns it into an :class:`Exchange`."""

    id: str
    source: str
    line: int
    format: str
    turns: list[RawTurn] = field(default_factory=list)
    staff_id: str | None = None
    date: str | None = None
    channel: str | None = None
    meta: dict = field(default_factory=dict)
    #: What is to be said about the conversation itself (its id renamed …): it travels with it, to every output.
    warnings: list[Diagnostic] = field(default_factory=list)


#: What readers yield: conversations as read, and problems, in reading order.
RawItems = Iterator[RawExchange | Diagnostic]


def no_text(source: str, line: int, call: str, number: int) -> Diagnostic:
    """The warning for the ``number``-th utterance of ``call`` (from 1), which has no text and is skipped."""
    return Diagnostic(source, line, f"“{call}”第 {number} 条发言没有文本，已跳过 / utterance {number} of “{call}” has no text; "
                                    "skipped", "warning")


def too_many_turns(call: RawExchange, no_call_ids: bool = False) -> Diagnostic:
    """The error for a conversation of more than :data:`MAX_TURNS` utterances (``no_call_ids``: read
    from a call log without a call id column, which is one call)."""
    zh, en = ("；文件没有通话 ID 列，整个文件算一通，可用 --column call_id=列名 指定",
              " (the file has no call id column, so it is one call: name one with --column call_id=HEADER)"
              ) if no_call_ids else ("", "")
    return Diagnostic(call.source, call.line, f"“{call.id}”超过 {MAX_TURNS} 条发言，未读取{zh} / "
                                              f"“{call.id}” has more than {MAX_TURNS} utterances; not read{en}")


def too_long_for_one(call: RawExchange) -> Diagnostic | None:
    """A warning when ``call`` is longer than one conversation is (:data:`LONG_TURNS`, :data:`LONG_HOURS`), else None.
    Its length in time is from its first to its last time, unless a clock passed midnight (23:59:50 → 00:00:12, a jump
    back of half a day or more: an independent review): then the steps forward from turn to turn, added up (not
    otherwise: overlapping speech and a channel exported after the other would count twice — a second review)."""
    times = [time for turn in call.turns for time in (turn.start_ms, turn.end_ms) if time is not None]
    steps = [later - earlier for earlier, later in zip(times, times[1:])]
    wrapped = any(step <= -_HALF_DAY_MS for step in steps)
    hours = (sum(step for step in steps if step > 0) if wrapped else max(times, default=0) - min(times, default=0)) / 3_600_000
    if len(call.turns) <= LONG_TURNS and hours <= LONG_HOURS:
        return None
    span, span_en = (f"、历时约 {hours:.1f} 小时", f" over {hours:.1f} hours") if hours > LONG_HOURS else ("", "")
    return Diagnostic(call.source, call.line, f"“{call.id}”有 {len(call.turns)} 条发言{span}，不像一通电话或一次接待：可能是录音"
                                              f"未停或多通连在一起，请按通话拆分后再评分 / “{call.id}” has {len(call.turns)} "
                                              f"utterances{span_en}, more than one call or visit: a recording left running or "
                                              "calls run together? Split it by call and score again", "warning")
