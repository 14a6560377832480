"""What a reader saw in the file, before roles are decided."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ..models import Diagnostic


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


#: What readers yield: conversations as read, and problems, in reading order.
RawItems = Iterator[RawExchange | Diagnostic]
