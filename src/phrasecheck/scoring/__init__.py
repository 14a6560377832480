"""Scoring against the standard scripts: ``Scorer(...).score(exchange) -> ScoreCard``.

The public API (used by ``phrasecheck score`` and the batch runner)::

    scorer = Scorer.default(lexicon_paths=(), script_paths=())
    card = scorer.score(exchange)            # or score(exchange, script="phone"); rule ids, no words
    scorecard_json(card, "en")               # one exchange of the phrasecheck/score-v1 document, in English
    card.words.of(finding, "zh")             # a finding's category and message, from the catalogue
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
