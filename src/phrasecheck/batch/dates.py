"""Dates of calls in a batch: a file's modification date, and the bounds of ``report --since/--until``."""

from __future__ import annotations

import datetime as dt
import re

from ..transcripts.dates import CALL_TIME_ZONE, EPOCH, iso_date

_MONTH = re.compile(r"(\d{4})-(\d{1,2})")


def file_date(modified: float | None) -> str | None:
    """The date of a file's modification time (a POSIX time; None when it could not be seen), in the zone calls are
    dated in."""
    return None if modified is None else dt.datetime.fromtimestamp(modified, CALL_TIME_ZONE).date().isoformat()


def bound(text: str, end: bool) -> str:
    """A ``--since``/``--until`` bound: a date, or a month (its first day, or with ``end`` its last).

    Raises ValueError when ``text`` is neither.
    """
    month = _MONTH.fullmatch(text.strip())
    if month:
        year, number = int(month[1]), int(month[2])
        first = dt.date(year, number, 1)
        if not end:
            return first.isoformat()
        following = dt.date(year + number // 12, number % 12 + 1, 1)
        return (following - dt.timedelta(days=1)).isoformat()
    date = iso_date(text)
    if date is None or EPOCH.fullmatch(text.strip()):
        raise ValueError(text)
    return date
