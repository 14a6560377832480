"""Which script scores an exchange: forced, given by the reader, recognised from the evidence, or the default.

The evidence for a channel is what the exchange is, never what the script then scores: the
speakers' labels (来电人, 坐席 …), the format of the source (speech-recognition and call-centre
exports are calls), and things said that only happen on that channel (喂, 听不清, 到几号窗口 …).
The office's name or a 请坐 are scored, so they do not decide the channel.
"""

from __future__ import annotations

import re

from collections.abc import Container, Mapping
from dataclasses import dataclass

from ..models import Exchange
from ..transcripts.roles import label_key, label_stem
from .evidence import TurnView, staff_indices
from .model import Script
from .patterns import Clauses

class UnknownScript(KeyError):
    """No loaded script has this name or alias."""

    def __init__(self, name: str, scripts: Mapping[str, Script]):
        names = sorted(scripts)
        super().__init__(f"没有名为“{name}”的话术（可用：{'、'.join(names)}） / "
                         f"no script named “{name}” (available: {', '.join(names)})")
        self.message = self.args[0]


@dataclass(frozen=True, slots=True)
class Clue:
    """One piece of evidence for a channel: a speaker ``label``, the source ``format``, its audio ``tracks``, or a
    ``cue`` said."""

    kind: str
    value: str
    weight: float


@dataclass(frozen=True, slots=True)
class Choice:
    """The script chosen, how (``forced``, ``given``, ``detected``, ``default``), and the clues for it."""

    script: Script
    how: str
    clues: tuple[Clue, ...] = ()


def find_script(scripts: Mapping[str, Script], name: str) -> Script:
    """The script called ``name``, or whose channel or aliases include it (case-insensitive)."""
    wanted = name.strip().casefold()
    if wanted in scripts:
        return scripts[wanted]
    for script in scripts.values():
        if wanted in {script.name.casefold(), script.channel.casefold(), *(a.casefold() for a in script.aliases)}:
            return script
    raise UnknownScript(name, scripts)


def choose_script(exchange: Exchange, views: list[TurnView], clauses: Clauses, scripts: Mapping[str, Script],
                  forced: str | None = None) -> Choice:
    """The script for ``exchange``: ``forced``; the channel the source gives; the one the evidence
    points to, when it reaches the script's ``min_score``; else the default."""
    if forced:
        return Choice(find_script(scripts, forced), "forced")
    given = _named_channel(scripts, exchange.channel) if exchange.channel else None
    if given:
        return Choice(given, "given", (Clue("given", exchange.channel, 0.0),))
    labels, staff = _labels(exchange), staff_indices(views)
    found = {name: clues_for(script, exchange, views, clauses, labels, staff) for name, script in scripts.items()}
    weight = {name: sum(clue.weight for clue in clues) for name, clues in found.items()}
    reached = [script for name, script in scripts.items() if found[name] and weight[name] >= script.detect.min_score]
    if not reached:
        return Choice(default_script(scripts), "default")
    best = max(reached, key=lambda script: (weight[script.name], script.is_default))
    return Choice(best, "detected", found[best.name])


def _named_channel(scripts: Mapping[str, Script], value: str) -> Script | None:
    """The script a source's channel value names: by its name, channel or an alias, or, when one script's
    alias stands inside the value and no other's does (12345热线, 政务服务热线, 来访登记), that one."""
    try:
        return find_script(scripts, value)
    except UnknownScript:
        wanted = value.casefold()
        inside = [script for script in scripts.values() if any(_alias_in(alias.casefold(), wanted)
                                                               for alias in (script.channel, *script.aliases))]
        return inside[0] if len(inside) == 1 else None


def _alias_in(alias: str, value: str) -> bool:
    """Whether ``alias`` (two characters or more) stands in ``value``: a Chinese one anywhere (12345热线), a
    Latin one as a whole word (hotline call, not the visit in revisit nor the counter in encounter)."""
    if len(alias) < 2:
        return False
    if alias.isascii():
        return re.search(rf"(?<![a-z]){re.escape(alias)}(?![a-z])", value) is not None
    return alias in value


def clues_for(script: Script, exchange: Exchange, views: list[TurnView], clauses: Clauses,
              labels: list[str], staff: list[int]) -> tuple[Clue, ...]:
    """Everything in ``exchange`` that points to ``script``'s channel, each with its weight
    (``labels``: the exchange's :func:`_labels`; ``staff``: its staff turns)."""
    detect = script.detect
    clues = [Clue("label", label, detect.label_weight) for label in labels if label in detect.labels]
    source_format = exchange.meta.get("format")
    if source_format in detect.formats:
        clues.append(Clue("format", source_format, detect.formats[source_format]))
    if detect.tracks_weight and (tracks := exchange.meta.get("tracks", 0)) >= 2:
        clues.append(Clue("tracks", str(tracks), detect.tracks_weight))
    places = {"any": range(len(views)), "staff": set(staff), "opening": set(staff[:1])}
    return tuple(clues + _cues(script, views, clauses, places))


def _labels(exchange: Exchange) -> list[str]:
    """The speakers' labels, folded and without identifiers (坐席1 → 坐席), each once."""
    labels: dict[str, None] = {}
    for speaker in {turn.speaker: None for turn in exchange.turns}:
        if speaker:
            labels[label_key(speaker)] = None
            labels[label_stem(speaker)] = None
    return list(labels)


def _cues(script: Script, views: list[TurnView], clauses: Clauses, places: Mapping[str, Container[int]]) -> list[Clue]:
    """One clue per cue said in the turns it is looked for in: the first words that said it, and the
    cue's weight, once however often it was said (a caller asking about the queue again and again is
    still one topic, not more evidence of a visit). Loops, not generators: this runs for every script of every call."""
    clues = []
    for cue in script.detect.cues:
        for turn in clauses.turns(cue.pattern):
            if turn in places[cue.where] and (spans := clauses.find(turn, [cue.pattern])):
                start, end = spans[0]
                clues.append(Clue("cue", views[turn].turn.text[start:end], cue.weight))
                break
    return clues


def default_script(scripts: Mapping[str, Script]) -> Script:
    return next(script for script in scripts.values() if script.is_default)
