"""SRT and WebVTT subtitles of recorded calls.

The speaker is a WebVTT voice span (``<v 客服>…``) or, in either format, a label at the start
of a text line (``客服：…``, known alias or repeated). A cue line without one continues the
previous speaker. Each cue (or each voice/label inside it) becomes one turn, at the line
where its text starts, with the cue's start and end times.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..models import Diagnostic
from .labelled import accepted_labels, split_label
from .records import RawExchange, RawItems, RawTurn
from .roles import RoleTable
from .source import Line
from .times import clock_ms

_TIMING = re.compile(r"\s*(?P<start>[\d:.,]+)\s*-->\s*(?P<end>[\d:.,]+)(?:\s.*)?")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?\s+(?P<name>[^>]+)>")
_TAG = re.compile(r"</?[^>]*>")
_DASH = re.compile(r"^[-–—]\s*")
_VTT_SKIPPED_BLOCK = re.compile(r"(?:NOTE|STYLE|REGION)(?:\s|$)")


@dataclass(slots=True)
class _Segment:
    """Text of one speaker inside a cue: a voice name (VTT) or a candidate label, or neither."""

    line: int
    text: str
    voice: str | None = None
    label: str | None = None
    body: str = ""


@dataclass(slots=True)
class _Cue:
    start_ms: int | None
    end_ms: int | None
    segments: list[_Segment] = field(default_factory=list)


def read_subtitles(lines: Iterable[Line], path: str, table: RoleTable, webvtt: bool, speakers: Iterable[str] = ()) -> RawItems:
    """One conversation from an SRT (``webvtt=False``) or WebVTT file; ``speakers`` are known labels."""
    cues: list[_Cue] = []
    for block in _blocks(lines, path, webvtt):
        if isinstance(block, Diagnostic):
            yield block
        else:
            cues.append(block)
    segments = [segment for cue in cues for segment in cue.segments]
    labels = accepted_labels(Counter(segment.label for segment in segments if segment.label), table, speakers)
    raw = RawExchange(Path(path).name, path, segments[0].line if segments else 1, "webvtt" if webvtt else "srt")
    speaker = ""
    for cue in cues:
        for segment in cue.segments:
            text = segment.text
            if segment.voice:
                speaker = segment.voice
            elif segment.label in labels:
                speaker, text = segment.label, segment.body
            if text.strip():
                raw.turns.append(RawTurn(speaker, text.strip(), segment.line, cue.start_ms, cue.end_ms))
    yield raw


def _blocks(lines: Iterable[Line], path: str, webvtt: bool) -> Iterator[_Cue | Diagnostic]:
    blocks = _split_blocks(lines)
    if webvtt and blocks and blocks[0][0].text.lstrip("\ufeff").startswith("WEBVTT"):
        blocks.pop(0)
    elif webvtt:
        yield Diagnostic(path, 1, "WebVTT 文件应以 WEBVTT 开头 / WebVTT file does not start with WEBVTT", "warning")
    for block in blocks:
        if webvtt and _VTT_SKIPPED_BLOCK.match(block[0].text):
            continue
        yield from _cue(block, path, webvtt)


def _split_blocks(lines: Iterable[Line]) -> list[list[Line]]:
    blocks: list[list[Line]] = [[]]
    for line in lines:
        if line.text.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _cue(block: list[Line], path: str, webvtt: bool) -> Iterator[_Cue | Diagnostic]:
    timing_at = next((i for i, line in enumerate(block[:2]) if "-->" in line.text), None)
    cue = _Cue(None, None)
    if timing_at is None:
        message = "字幕块缺少时间行，按文字读入 / subtitle block without a timing line; read as text"
        yield Diagnostic(path, block[0].number, message, "warning")
        payload = block[1:] if block[0].text.strip().isdigit() and len(block) > 1 else block
    else:
        payload = block[timing_at + 1:]
        times = _times(block[timing_at].text)
        if times:
            cue.start_ms, cue.end_ms = times
        else:
            message = f"无法识别的时间行 / unreadable timing line: {block[timing_at].text.strip()[:60]}"
            yield Diagnostic(path, block[timing_at].number, message, "warning")
    for line in payload:
        cue.segments += _vtt_segments(line) if webvtt else [_labelled(line.number, _plain(line.text))]
    yield cue


def _times(text: str) -> tuple[int, int] | None:
    found = _TIMING.fullmatch(text)
    try:
        return (clock_ms(found.group("start")), clock_ms(found.group("end"))) if found else None
    except ValueError:
        return None


def _vtt_segments(line: Line) -> list[_Segment]:
    """Split a WebVTT payload line at its voice spans; text before the first span keeps its label."""
    pieces = _VOICE.split(line.text)
    segments = [_labelled(line.number, _plain(pieces[0]))] if _plain(pieces[0]).strip() else []
    for name, text in zip(pieces[1::2], pieces[2::2]):
        segments.append(_Segment(line.number, _plain(text), voice=name.strip()))
    return segments


def _labelled(number: int, text: str) -> _Segment:
    text = _DASH.sub("", text.strip())
    found = split_label(text)
    return _Segment(number, text, label=found[0], body=found[1]) if found else _Segment(number, text)


def _plain(text: str) -> str:
    return html.unescape(_TAG.sub("", text))
