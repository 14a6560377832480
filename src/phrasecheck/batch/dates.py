"""Dates of calls as ISO ``YYYY-MM-DD``: from what a log writes, or from a file's modification time."""

from __future__ import annotations

import datetime as dt
import os
import re

_YMD = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})(?!\d)")
_EPOCH = re.compile(r"\d{10}(\d{3})?")
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")


def iso_date(text: str | None) -> str | None:
    """``2024-03-05`` for 2024-3-5, 2024/03/05 10:00, 2024年3月5日, 20240305 or a Unix time; else None."""
    if not text:
        return None
    text = text.strip()
    if _EPOCH.fullmatch(text):
        seconds = int(text) / (1000 if len(text) == 13 else 1)
        return dt.datetime.fromtimestamp(seconds).date().isoformat()
    found = _YMD.search(text) or _COMPACT.match(text)
    if not found:
        return None
    try:
        return dt.date(*(int(part) for part in found.groups())).isoformat()
    except ValueError:
        return None


def file_date(path: str | os.PathLike) -> str | None:
    """The local date a file was last modified (None when it cannot be seen)."""
    try:
        return dt.date.fromtimestamp(os.stat(path).st_mtime).isoformat()
    except OSError:
        return None


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
    if date is None or _EPOCH.fullmatch(text.strip()):
        raise ValueError(text)
    return date
