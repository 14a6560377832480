"""The scorer: exchange → evidence → script items → score, grade and scorecard."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..lexicon.load import load_lexicon
from ..matching import Matcher
from ..models import Exchange
from .catalogue import Catalogue
from .card import NO_STAFF_SPEECH, ROLES_UNKNOWN, CardFinding, ItemScore, ScoreCard, transcript_order
from .charges import settle
from .channel import choose_script, find_script
from .evidence import TurnView, collect, staff_indices
from .grade import NOT_APPLICABLE, Bands, capping
from .items import CHECKS, Context
from ..literals import Prefilter
from .model import Office, Script
from .patterns import Clauses
from .scripts import load_scripts


class Scorer:
    """Score exchanges against the standard scripts. Build once, call :meth:`score` for each exchange.

    ``bands`` (a :class:`Bands` or ``{"优秀": 90, …}``) replaces every script's own grade bands.
    """

    def __init__(self, matcher: Matcher, scripts: Mapping[str, Script],
                 bands: Bands | Mapping[str, float] | None = None):
        if not scripts:
            raise ValueError("没有可用的话术 / no scripts loaded")
        self.matcher = matcher
        self.scripts = dict(scripts)
        self.bands = Bands.from_mapping(bands) if isinstance(bands, Mapping) else bands
        #: The words of every rule and script step, for reports (cards carry rule ids, not words).
        self.words = Catalogue(matcher.lexicon, self.scripts.values())
        self._categories = {rule.id: rule.category for rule in matcher.lexicon.rules}
        about_residents = any(rule.role != "staff" for rule in matcher.lexicon.rules)
        self.resident = Matcher(matcher.lexicon, matcher.settings, "resident") if about_residents else None
        self._prefilter = Prefilter(pattern for script in self.scripts.values() for pattern in script.patterns())

    @classmethod
    def default(cls, lexicon_paths: Iterable[str | Path] = (), script_paths: Iterable[str | Path] = (),
                bands: Bands | Mapping[str, float] | None = None) -> Scorer:
        """The default lexicons and scripts plus extra files or directories (raises LexiconError/ScriptError)."""
        lexicon = load_lexicon(lexicon_paths)
        return cls(Matcher(lexicon), load_scripts(script_paths, {rule.id for rule in lexicon.rules}), bands)

    @property
    def version(self) -> str:
        """Lexicon version and a hash of the scripts (and of a configuration's own grade bands): equal versions give
        equal scores and grades."""
        digest = hashlib.sha256("".join(f"{name}:{s.digest};" for name, s in sorted(self.scripts.items())).encode())
        model = self.matcher.paraphrase
        model = f"+paraphrase.{model.version}@{self.matcher.paraphrase_threshold:g}" if model else ""
        grades = f"+grades.{hashlib.sha256(repr(self.bands).encode()).hexdigest()[:12]}" if self.bands else ""
        return f"{self.matcher.lexicon.version}+scripts.{digest.hexdigest()[:12]}{self.matcher.second_reading.version}{model}{grades}"

    def find_script(self, name: str) -> Script:
        """The script called ``name`` (or with that channel or alias); raises :class:`UnknownScript`."""
        return find_script(self.scripts, name)

    def score(self, exchange: Exchange, script: str | None = None) -> ScoreCard:
        """Score ``exchange`` against ``script`` (a name or alias), or the script its channel calls for.

        An exchange without staff speech (a resident's voicemail) is not applicable: its card has
        no score and the grade 不适用 (N/A). Raises :class:`~phrasecheck.scoring.channel.UnknownScript`
        when ``script`` names no script.
        """
        views = collect(exchange, self.matcher, self.resident)
        staff = staff_indices(views)
        clauses = Clauses([view.normal for view in views], self._prefilter)
        choice = choose_script(exchange, views, clauses, self.scripts, script)
        chosen = choice.script
        if not staff:
            why = ROLES_UNKNOWN if any(view.role == "unknown" for view in views) else NO_STAFF_SPEECH
            said = self._said_by_someone(views) if why == ROLES_UNKNOWN else []
            return ScoreCard(exchange, chosen, choice.how, None, NOT_APPLICABLE, [], said, self.words, choice.clues, why)
        context = Context(chosen, views, clauses, staff, lambda rule: self._categories.get(rule, ""),
                          exchange.meta.get("ended_by") == "caller")
        items = [CHECKS[item.check](item, context) for item in chosen.items]
        settle(items)
        findings = _merged(items, [CardFinding.of(f, i) for i in staff for f in views[i].findings])
        _said_for(findings, chosen, clauses, exchange)
        score = _score(items)
        severities = capping(((f.severity, f.used_up) for f in findings if f.kind == "prohibited"),
                             ((points, item.item.weight) for item in items for f, points in item.charges if f.kind == "missing"),
                             (f.owed for f in findings))
        grade = (self.bands.capped_as(chosen.bands) if self.bands else chosen.bands).grade(score, severities)
        return ScoreCard(exchange, chosen, choice.how, score, grade, items, findings, self.words, choice.clues)


    def _said_by_someone(self, views: list[TurnView]) -> list[CardFinding]:
        """The prohibited expressions in turns no one is known to have said (speech recognition without speakers): not
        scored, and costing nothing, but listed, so that a supervisor sees them in a call that cannot be scored."""
        unknown = [index for index, view in enumerate(views) if view.role == "unknown"]
        found = self.matcher.find_each([views[index].normal for index in unknown]) if unknown else []
        return [CardFinding.of(finding, index) for index, findings in zip(unknown, found)
                for finding in findings if finding.kind == "prohibited"]

def _merged(items: list[ItemScore], lexicon_findings: list[CardFinding]) -> list[CardFinding]:
    """Every finding once (the same place found by two items is one finding), in transcript order."""
    merged: dict[tuple, CardFinding] = {}
    copied: set[tuple] = set()
    for finding in [f for item in items for f in item.evidence] + lexicon_findings:
        key = finding.key
        if key not in merged:
            merged[key] = finding
            continue
        if not finding.points:  # the same place found again, at no cost: nothing to add
            continue
        if key not in copied:  # copy before adding up, so the items' own findings keep their points
            merged[key] = merged[key].copy()
            copied.add(key)
        merged[key].points += finding.points
    return sorted(merged.values(), key=transcript_order)


def _said_for(findings: list[CardFinding], script: Script, clauses: Clauses, exchange: Exchange) -> None:
    """Each suggestion in the script's own wording for it (the channel's, on the phone no 请坐; a site's), else in the
    wording of the office, when the exchange names one of another kind or its speakers' labels say one (别的同志 at a bank
    or to a 纳税人, not 其他社工), then of the script's channel."""
    office = script.office
    elsewhere = office.suggestions if office and _elsewhere(office, clauses, exchange) else {}
    if elsewhere or script.suggestions:
        for finding in findings:
            said = finding.suggestion if finding.suggestion in script.suggestions else \
                elsewhere.get(finding.suggestion, finding.suggestion)
            finding.suggestion = script.suggestions.get(said, said)


def _elsewhere(office: Office, clauses: Clauses, exchange: Exchange) -> bool:
    """Whether the exchange is at an office of another kind than the script's wordings name, and names none of that kind."""
    if clauses.turns(office.own):
        return False
    labels = office.other_labels
    return bool(clauses.turns(office.other)) or bool(labels and any(
        labels.search(speaker) for speaker in {turn.speaker for turn in exchange.turns if turn.speaker}))


def _score(items: list[ItemScore]) -> float:
    """Earned points as a share of the script's total weight, 0–100."""
    total = sum(item.item.weight for item in items)
    return round(100 * sum(item.earned for item in items) / total, 1) if total else 100.0

