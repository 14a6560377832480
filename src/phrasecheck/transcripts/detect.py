"""Which reader a file needs: its extension when specific, else its first characters."""

from __future__ import annotations

import os
import re

from .asr import TENCENT_LINE
from .tabular import sniff_call_log

#: Characters of the file's head that detection looks at.
SNIFF_CHARS = 1 << 16
#: Lines of the head that tell a Tencent ``Result`` text (most of them such lines).
_SNIFF_LINES = 10

_BY_EXTENSION = {
    ".csv": "csv", ".tsv": "tsv", ".tab": "tsv",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".srt": "srt", ".vtt": "vtt", ".webvtt": "vtt",
}
#: Formats whose first characters say what they are.
_SELF_STARTING = frozenset({"json", "jsonl", "srt", "vtt"})
_SRT_START = re.compile(r"(?:\d+[ \t]*\r?\n[ \t]*)?\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}[ \t]*-->")
_JSON_START = re.compile(r"\{|\[\s*(?:[\[{\"\]]|$)")


def detect_format(name: str, head: str) -> str:
    """The input format of a file called ``name`` that starts with ``head``."""
    return _BY_EXTENSION.get(os.path.splitext(name)[1].lower()) or sniff_format(head)


def misnamed(name: str, head: str) -> str | None:
    """The format of a file whose extension says JSON, SRT or WebVTT and whose start plainly says another of those
    (subtitles saved as .json, a JSON export saved as .srt), else None: read as what it is, not as an error a line."""
    named = _BY_EXTENSION.get(os.path.splitext(name)[1].lower())
    if named not in _SELF_STARTING:
        return None
    sniffed = sniff_format(head)
    return sniffed if sniffed in _SELF_STARTING and sniffed != named and {named, sniffed} != {"json", "jsonl"} else None


def sniff_format(head: str) -> str:
    """The input format that the beginning of a text looks like (``text`` when nothing else)."""
    text = head.lstrip("\ufeff \t\r\n")
    if text.startswith("WEBVTT"):
        return "vtt"
    if _SRT_START.match(text):
        return "srt"
    if _JSON_START.match(text):
        return "json"
    lines = re.split(r"\r\n|\r|\n", text, maxsplit=_SNIFF_LINES)[:_SNIFF_LINES]
    if _tencent_text(lines):
        return "tencent-text"
    return sniff_call_log(lines[0]) or "text"


def _tencent_text(lines: list[str]) -> bool:
    """Whether most of the first ``lines`` are Tencent ``Result`` lines (``[0:0.400,0:3.100]  …``): a role-play whose
    first line only happens to start with such brackets stays labelled text."""
    said = [line.strip() for line in lines if line.strip()]
    return bool(said) and 3 * sum(1 for line in said if TENCENT_LINE.fullmatch(line)) >= 2 * len(said)
