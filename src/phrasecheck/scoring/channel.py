"""Which script scores an exchange: forced, given by the reader, detected from cues, or the default."""

from __future__ import annotations

from collections.abc import Container, Mapping

from ..models import Exchange
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
                  forced: str | None = None) -> tuple[Script, str]:
    """The script for ``exchange`` and how it was chosen: ``forced``, ``given``, ``detected`` or ``default``."""
    if forced:
        return find_script(scripts, forced), "forced"
    if exchange.channel:
        try:
            return find_script(scripts, exchange.channel), "given"
        except UnknownScript:
            pass
    detected = detect(views, clauses, scripts)
    return (detected, "detected") if detected else (default_script(scripts), "default")


def detect(views: list[TurnView], clauses: Clauses, scripts: Mapping[str, Script]) -> Script | None:
    """The script whose channel cues score highest, if that reaches its ``min_score``; ties go to the default."""
    staff = staff_indices(views)
    places = {"any": range(len(views)), "staff": set(staff), "opening": set(staff[:1])}
    scores = {name: cue_score(clauses, script, places) for name, script in scripts.items()}
    reached = [s for name, s in scripts.items() if s.cues and scores[name] >= s.min_score]
    if not reached:
        return None
    return max(reached, key=lambda s: (scores[s.name], s.is_default))


def cue_score(clauses: Clauses, script: Script, places: Mapping[str, Container[int]]) -> float:
    """Sum of cue weights over every hit in the turns each cue is looked for in (``places``: the
    turns of each ``where``)."""
    score = 0.0
    for cue in script.cues:  # loops, not a generator: this runs for every script of every call
        for turn in clauses.turns(cue.pattern):
            if turn in places[cue.where]:
                score += cue.weight * len(clauses.find(turn, [cue.pattern]))
    return score


def default_script(scripts: Mapping[str, Script]) -> Script:
    return next(script for script in scripts.values() if script.is_default)
