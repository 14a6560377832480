"""Times in transcripts: clock strings (``01:02:03,500``) and numbers, to milliseconds."""

from __future__ import annotations

import math
import re

#: A clock time ``[h:]mm:ss[.mmm]`` with a dot or comma before the milliseconds.
CLOCK = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
_CLOCK_ANYWHERE = re.compile(rf"(?:^|[ T])(?P<clock>{CLOCK})$")


def clock_ms(value: str) -> int:
    """Milliseconds of ``[h:]m:s[.mmm]``; raises ValueError when it is not one."""
    clock, _, fraction = value.strip().replace(",", ".").partition(".")
    parts = clock.split(":")
    if not 2 <= len(parts) <= 3 or not all(part.isdigit() for part in parts) or not (fraction.isdigit() or not fraction):
        raise ValueError(value)
    seconds = 0
    for part in parts:
        seconds = seconds * 60 + int(part)
    return seconds * 1000 + int(fraction.ljust(3, "0")[:3] or 0)


#: Milliseconds from here on are no time (a number that large is an error in the export, not a call's length).
MAX_MS = 1e15


def number_ms(value: object, scale: float = 1) -> int | None:
    """A number (or numeric string) times ``scale`` as whole milliseconds; None when it is none."""
    if value is None or isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        number = float(value) * scale
    except ValueError:
        return None
    return round(number) if math.isfinite(number) and abs(number) < MAX_MS else None


#: A header ending in the unit s: start_s, 开始时间/s, 开始时间(s), 开始时间（单位：s）.
_SECONDS_UNIT = re.compile(r"[_/\-(（:：]\s*s\s*[)）\]】]?$")


def cell_ms(value: str, header: str) -> int:
    """Milliseconds of a CSV time cell: a clock (a date before it is ignored) or a number.

    Numbers are milliseconds unless the header says seconds (秒, sec, ``_s``) or, with no
    unit in the header, the number has a decimal point. Raises ValueError when unreadable.
    """
    value = value.strip()
    if found := _CLOCK_ANYWHERE.search(value):
        return clock_ms(found.group("clock"))
    header = header.casefold()
    in_seconds = "ms" not in header and "毫秒" not in header and (
        "秒" in header or "sec" in header or bool(_SECONDS_UNIT.search(header)) or "." in value
    )
    result = number_ms(value, 1000 if in_seconds else 1)
    if result is None:
        raise ValueError(value)
    return result
