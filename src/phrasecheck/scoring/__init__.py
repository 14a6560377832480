"""Scoring against the standard scripts: ``Scorer(...).score(exchange) -> ScoreCard``.

The public API (used by ``phrasecheck score`` and the batch runner)::

    scorer = Scorer.default(lexicon_paths=(), script_paths=(), lang="zh")
    card = scorer.score(exchange)            # or score(exchange, script="phone")
    scorecard_json(card)                     # one exchange of the phrasecheck/score-v1 document
    scorer.version                           # lexicon version + hash of the script files
"""

from .card import CardFinding, ItemScore, ScoreCard, scorecard_json
from .channel import UnknownScript
from .grade import Band, Bands, Grade
from .scorer import Scorer
from .scripts import ScriptError, load_scripts, validate_script_file

__all__ = [
    "Band", "Bands", "CardFinding", "Grade", "ItemScore", "ScoreCard", "Scorer",
    "ScriptError", "UnknownScript", "load_scripts", "scorecard_json", "validate_script_file",
]
