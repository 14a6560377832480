"""JSON text read and written fast (orjson), with the standard library's results.

orjson is several times faster than :mod:`json` on call logs and scorecards. Where the two
differ, the standard library decides: NaN and Infinity, integers of 20 digits or more (orjson
makes them floats), and its error messages. An integer longer than Python converts
(:func:`sys.get_int_max_str_digits`, 4,300 digits) is a syntax error at its place, like any other
text that is not JSON. A lone UTF-16 surrogate escape (``\\ud83d``
without its pair, as in an emoji cut in half) becomes U+FFFD, the replacement character,
so that text can still be hashed, stored and shown.
"""

from __future__ import annotations

import json
import re
import sys

import orjson

#: Text that orjson may read differently from the standard library: a very long integer.
#: (Written with a leading class of its own, so that the search skips non-digits in C: 3× faster.)
_LONG_NUMBER = re.compile(r"[0-9][0-9]{19}")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
#: A lone UTF-16 surrogate: no character, and no encoder takes it (``json.loads('"\\ud83d"')`` makes one).
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_DIGITS = re.compile(r"[0-9]+")


def parse(text: str) -> object:
    """``json.loads(text)``, with lone surrogates replaced; raises :class:`json.JSONDecodeError`."""
    if not _LONG_NUMBER.search(text):
        try:
            return orjson.loads(text)
        except orjson.JSONDecodeError:
            pass
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        raise
    except ValueError:  # the only other ValueError json raises: an integer too long to convert
        raise json.JSONDecodeError(f"integer longer than {sys.get_int_max_str_digits()} digits",
                                   text, _too_long_integer(text)) from None
    return _without_lone_surrogates(value) if _SURROGATE_ESCAPE.search(text) else value


def _too_long_integer(text: str) -> int:
    """Where the first run of digits longer than Python converts starts."""
    limit = sys.get_int_max_str_digits()
    return next((run.start() for run in _DIGITS.finditer(text) if len(run.group()) > limit), 0)


def compact(value: object) -> bytes:
    """``value`` as compact JSON in UTF-8, non-ASCII kept:
    ``json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()``, lone surrogates as U+FFFD.

    Bytes, not text: a scorecard goes from a worker to the store as it is, never decoded on the way.
    """
    try:
        return orjson.dumps(value)
    except TypeError:  # what orjson does not write (a lone surrogate, a non-string key): as json does
        return json.dumps(_without_lone_surrogates(value), ensure_ascii=False, separators=(",", ":")).encode()


def indented(value: object) -> bytes:
    """``value`` as JSON in UTF-8 indented by two spaces, non-ASCII kept, ending with a line break."""
    try:
        return orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    except TypeError:
        return json.dumps(_without_lone_surrogates(value), ensure_ascii=False, indent=2).encode() + b"\n"


def _without_lone_surrogates(value: object) -> object:
    if isinstance(value, str):
        return LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_without_lone_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {_without_lone_surrogates(key): _without_lone_surrogates(item) for key, item in value.items()}
    return value
