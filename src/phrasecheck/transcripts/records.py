"""What a reader saw in the file, before roles are decided."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ..models import Diagnostic

#: Most utterances in one conversation, and most characters in one utterance. A conversation is
#: held and scored whole, in time and memory that grow with it; one past either is reported, not read.
MAX_TURNS = 10_000
MAX_TURN_CHARS = 1 << 17


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


def too_many_turns(call: RawExchange, no_call_ids: bool = False) -> Diagnostic:
    """The error for a conversation of more than :data:`MAX_TURNS` utterances (``no_call_ids``: read
    from a call log without a call id column, which is one call)."""
    zh, en = ("；文件没有通话 ID 列，整个文件算一通，可用 --column call_id=列名 指定",
              " (the file has no call id column, so it is one call: name one with --column call_id=HEADER)"
              ) if no_call_ids else ("", "")
    return Diagnostic(call.source, call.line, f"“{call.id}”超过 {MAX_TURNS} 条发言，未读取{zh} / "
                                              f"“{call.id}” has more than {MAX_TURNS} utterances; not read{en}")
