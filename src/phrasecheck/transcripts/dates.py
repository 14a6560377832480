"""Dates of calls as ISO ``YYYY-MM-DD``, from what a log or a file name writes."""

from __future__ import annotations

import datetime as dt
import re

_YMD = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})(?!\d)")
EPOCH = re.compile(r"\d{10}(\d{3})?")


def iso_date(text: str | None) -> str | None:
    """``2024-03-05`` for 2024-3-5, 2024/03/05 10:00, 2024年3月5日, 20240305 or a Unix time; else None."""
    if not text:
        return None
    text = text.strip()
    if EPOCH.fullmatch(text):
        seconds = int(text) / (1000 if len(text) == 13 else 1)
        return dt.datetime.fromtimestamp(seconds).date().isoformat()
    found = _YMD.search(text) or _COMPACT.match(text)
    if not found:
        return None
    try:
        return dt.date(*(int(part) for part in found.groups())).isoformat()
    except ValueError:
        return None
