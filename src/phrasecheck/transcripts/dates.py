"""Dates of calls as ISO ``YYYY-MM-DD``, from what a log or a file name writes."""

from __future__ import annotations

import datetime as dt
import re

_YMD = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
#: 20240305, or with the time of day as call records write it: 20240305102200, 202403051022.
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})(?:\d{4}|\d{6})?(?!\d)")
EPOCH = re.compile(r"\d{10}(\d{3})?")
#: A Unix time with a fraction of a second (1709312400.5), as some exports write it.
_EPOCH_FRACTION = re.compile(r"\d{10}\.\d+")
#: A spreadsheet's date serial (45352 is 2024-03-05; a fraction is the time of day): what a date cell becomes in a CSV
#: saved from Excel or WPS. Only from 1954 to 2119, so that no other number is taken for one.
_SERIAL = re.compile(r"([2-7]\d{4})(\.\d+)?")
_SERIAL_ZERO = dt.date(1899, 12, 30)
#: A date with the month's English name: Tue Mar 05 2024, Mar 5, 2024, 5 March 2024, 05-Mar-2024.
_MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_NAMED_MONTH = re.compile(r"(?i)\b(?:([a-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})"
                          r"|(\d{1,2})[\s-]+([a-z]{3})[a-z]*\.?[\s-]+(\d{4}))\b")
#: A time with its zone: 2024-03-04T17:00:00Z, 2024/03/04 17:00:00 +00:00.
_ZONED = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s?(Z|[+-]\d{2}:?\d{2})")
#: Calls are dated in China Standard Time (UTC+8), whatever zone the machine that scores them runs in: a Unix time
#: or a zoned time of 01:00 in Beijing is that day's call on a server kept in UTC too.
CALL_TIME_ZONE = dt.timezone(dt.timedelta(hours=8), "CST")


def iso_date(text: str | None) -> str | None:
    """``2024-03-05`` for 2024-3-5, 2024/03/05 10:00, 2024年3月5日, 20240305, 20240305102200, Tue Mar 05 2024, a
    spreadsheet's date serial (45356), a Unix time or a zoned time (these two in :data:`CALL_TIME_ZONE`); else None
    (03/05/2024 too: March or May?)."""
    if not text:
        return None
    text = text.strip()
    if EPOCH.fullmatch(text) or _EPOCH_FRACTION.fullmatch(text):
        seconds = float(text) / (1000 if len(text) == 13 else 1)
        return dt.datetime.fromtimestamp(seconds, CALL_TIME_ZONE).date().isoformat()
    if serial := _SERIAL.fullmatch(text):
        return (_SERIAL_ZERO + dt.timedelta(days=int(serial[1]))).isoformat()
    if zoned := _ZONED.fullmatch(text):
        return _zoned_date(zoned)
    if found := _YMD.search(text) or _COMPACT.match(text):
        return _valid(*found.groups())
    if named := _NAMED_MONTH.search(text):
        month, day, year = named.group(1, 2, 3) if named[1] else named.group(5, 4, 6)
        return _valid(year, _MONTHS.get(month.lower()), day)
    return None


def _valid(year, month, day) -> str | None:
    """The ISO date of these parts, when there is such a day (not 2024-02-30, nor a month that is no month)."""
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except (TypeError, ValueError):
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
