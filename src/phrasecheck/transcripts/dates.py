"""Dates of calls as ISO ``YYYY-MM-DD``, from what a log or a file name writes."""

from __future__ import annotations

import datetime as dt
import re

_YMD = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
#: 20240305, or with the time of day as call records write it: 20240305102200, 202403051022.
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})(?:\d{4}|\d{6})?(?!\d)")
EPOCH = re.compile(r"\d{10}(\d{3})?")
#: A time with its zone: 2024-03-04T17:00:00Z, 2024/03/04 17:00:00 +00:00.
_ZONED = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s?(Z|[+-]\d{2}:?\d{2})")
#: Calls are dated in China Standard Time (UTC+8), whatever zone the machine that scores them runs in: a Unix time
#: or a zoned time of 01:00 in Beijing is that day's call on a server kept in UTC too.
CALL_TIME_ZONE = dt.timezone(dt.timedelta(hours=8), "CST")


def iso_date(text: str | None) -> str | None:
    """``2024-03-05`` for 2024-3-5, 2024/03/05 10:00, 2024年3月5日, 20240305, 20240305102200, a Unix time or a
    zoned time (these two in :data:`CALL_TIME_ZONE`); else None."""
    if not text:
        return None
    text = text.strip()
    if EPOCH.fullmatch(text):
        seconds = int(text) / (1000 if len(text) == 13 else 1)
        return dt.datetime.fromtimestamp(seconds, CALL_TIME_ZONE).date().isoformat()
    if zoned := _ZONED.fullmatch(text):
        return _zoned_date(zoned)
    found = _YMD.search(text) or _COMPACT.match(text)
    if not found:
        return None
    try:
        return dt.date(*(int(part) for part in found.groups())).isoformat()
    except ValueError:
        return None


def _zoned_date(found: re.Match) -> str | None:
    """The day in :data:`CALL_TIME_ZONE` of a zoned time (None when it is no time)."""
    *fields, zone = found.groups()
    hours, minutes = (0, 0) if zone == "Z" else (int(zone[:3]), int(zone[0] + zone[-2:]))
    try:
        moment = dt.datetime(*(int(part or 0) for part in fields),
                             tzinfo=dt.timezone(dt.timedelta(hours=hours, minutes=minutes)))
    except ValueError:
        return None
    return moment.astimezone(CALL_TIME_ZONE).date().isoformat()
