"""What the scorecard reporters share: transcript segments to colour, finding notes and their words."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..i18n import pick, tr
from ..scoring import CardFinding, ItemScore, ScoreCard
from ..scoring.catalogue import Catalogue
from ..scoring.card import item_name
from ..scoring.grade import MISSED_REPLY, MISSED_STEP, MISSED_STEPS, OVER_LIMIT, REPLY_POINTS

#: When spans overlap, the first kind in this order colours the text.
PRIORITY: tuple[str, ...] = ("prohibited", "informal", "trigger", "courtesy")

_WORDS: dict[str, tuple[str, str]] = {
    "title": ("服务用语评分", "Service language scorecard"),
    "score": ("得分", "score"),
    "grade": ("等级", "grade"),
    "item": ("项目", "item"),
    "max": ("满分", "max"),
    "earned": ("得分", "earned"),
    "evidence": ("依据", "evidence"),
    "total": ("合计", "total"),
    "script": ("话术", "script"),
    "informal": ("不当用语", "Informal wording"),
    "trigger": ("情景", "cue"),
    "veto": ("一票否决", "veto"),
    "vetoes": ("一票否决：此句使本次服务评为不合格", "veto: this sentence fails the exchange"),
    "capped": ("因{severity}禁语封顶", "capped by a {severity} prohibited expression"),
    "missing_here": ("此处缺", "missing here"),
    "no_evidence": ("—", "—"),
    "input_problems": ("输入问题", "Input problems"),
    "staff_id": ("工号", "staff id"),
    "date": ("日期", "date"),
    "no_staff_speech": ("没有工作人员的发言，不评分", "no staff speech: not scored"),
    "roles_unknown": ("说话人未知，无法分辨工作人员，不评分", "speakers unknown, so no turn is known to be staff's: not scored"),
    "covered": ("同一句已因更重的问题扣分，不重复扣", "already charged in this turn for a heavier fault"),
    "repeated": ("同一句中同一问题已扣过分，不重复扣", "the same fault in one sentence is charged once"),
    "repeated_unanswered": ("同一情形此前已因未应答扣分，之后已无工作人员发言，不重复扣",
                            "the same matter was charged as unanswered before, and no staff turn follows: charged once"),
    "used_up": ("本项分数已扣完，此处不再扣分", "the item's points are used up: nothing more is charged here"),
    "used_up_partly": ("本项仅剩这些分数，扣完为止", "all the item had left: its points are now used up"),
    "over_limit": ("服务禁语扣分超过本项满分，等级封顶", "capped: the prohibited expressions cost more than their item is worth"),
    "missed_step": ("漏了整个必备环节{steps}，等级封顶", "capped: a mandated step was missed entirely{steps}"),
    "missed_steps": ("漏了两个以上必备环节{steps}，等级封顶", "capped: two or more mandated steps were missed entirely{steps}"),
    "missed_reply": ("漏了应有的应答{steps}，等级封顶", "capped: a reply the resident's words called for was left out{steps}"),
}


def uncharged_note(finding: CardFinding, lang: str) -> str:
    """That a finding vetoes the exchange (a trainee must see which sentence failed it, whatever points were left);
    else why it costs less than its points: its turn was charged already for a heavier fault, it repeats one in its
    sentence (see scoring/charges.py), or its item's points are used up; '' otherwise."""
    if finding.kind == "prohibited" and finding.severity == "critical":
        return bracket(word("vetoes", lang), lang).strip()
    if finding.covered_by:
        same = "repeated_unanswered" if finding.kind == "missing" else "repeated"
        return bracket(word(same if finding.covered_by == finding.rule else "covered", lang), lang).strip()
    if not finding.used_up:
        return ""
    return bracket(word("used_up_partly" if finding.points else "used_up", lang), lang).strip()


def cited_note(finding: CardFinding, words: Catalogue, lang: str) -> str:
    """The regulations a finding that cost points comes from (（依据：000 第三条 5）); '' otherwise."""
    cited = words.cited(finding.rule) if finding.points else ""
    return f"（{word('cited', lang)}{colon(lang)}{cited}）" if cited else ""


def word(key: str, lang: str = "zh", **values: str) -> str:
    """A scorecard word in ``lang``; falls back to :func:`phrasecheck.i18n.tr`."""
    return pick(_WORDS.get(key, (tr(key, "zh"), tr(key, "en"))), lang).format(**values)


def exchange_title(card: ScoreCard) -> str:
    """The source, and the exchange id when it says more than the file name."""
    source, exchange_id = card.exchange.source, card.exchange.id
    return source if exchange_id in (Path(source).name, Path(source).stem) else f"{source} · {exchange_id}"


def colon(lang: str) -> str:
    return ": " if lang == "en" else "："


def bracket(text: str, lang: str) -> str:
    """（text） in Chinese, (text) in English."""
    return f" ({text})" if lang == "en" else f"（{text}）"


def turn_label(index: int, lang: str) -> str:
    """A turn as people count them: 第3句 / turn 3 (1-based)."""
    return f"turn {index + 1}" if lang == "en" else f"第{index + 1}句"


def points_text(points: float) -> str:
    """Points with their sign, and a real minus: −5."""
    return f"{points:+g}".replace("-", "−")


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of a turn's text, the finding that colours it, or a marker where something was due."""

    text: str
    finding: CardFinding | None = None
    marker: bool = False


def segments(text: str, findings: list[CardFinding], lang: str, category_of: Callable[[CardFinding], str]) -> list[Segment]:
    """``text`` cut at every finding boundary; missing elements become markers at their offset, named
    by ``category_of``.

    One sweep over the cuts: the spans covering each piece are kept as the sweep passes their
    starts and ends, so a turn with many findings costs no more than their number (times the few
    that overlap), not pieces × findings.
    """
    spans = [f for f in findings if f.end > f.start]  # in the findings' order, which decides between equals
    markers: dict[int, list[CardFinding]] = defaultdict(list)
    for finding in findings:
        if finding.kind == "missing":
            markers[finding.start].append(finding)
    starting: dict[int, list[tuple[int, CardFinding]]] = defaultdict(list)
    for order, span in enumerate(spans):
        starting[span.start].append((order, span))
    cuts = sorted({0, len(text), *starting, *(f.end for f in spans), *markers})
    pieces: list[Segment] = []
    covering: list[tuple[int, CardFinding]] = []
    for start, end in zip(cuts, cuts[1:] + [None]):
        covering = sorted([(order, f) for order, f in covering if f.end > start] + starting.get(start, []))
        pieces += [Segment(f"⟨{word('missing_here', lang)}{colon(lang)}{category_of(f)}⟩", f, True)
                   for f in markers.get(start, ())]
        if end is not None and end > start:
            pieces.append(Segment(text[start:end], _top([f for _, f in covering])))
    return pieces


def by_turn(card: ScoreCard) -> list[list[CardFinding]]:
    """The card's findings of each turn, in the card's order (one pass, not one per turn)."""
    found: list[list[CardFinding]] = [[] for _ in card.exchange.turns]
    for finding in card.findings:
        found[finding.turn].append(finding)
    return found


def notes(findings: list[CardFinding]) -> list[CardFinding]:
    """The findings worth a line of explanation under their turn: all but courtesy spans."""
    return [f for f in findings if f.kind != "courtesy"]


def evidence_lines(score: ItemScore, words: Catalogue, lang: str) -> list[str]:
    """Where an item's points were lost (第3句 “不知道” −5), or what earned them (第1句 “您好”)."""
    shown = [f for f in score.evidence if f.points] if score.lost else score.evidence[:2]
    return [_evidence(finding, words, lang) for finding in sorted(shown, key=lambda f: (f.turn, f.start))]


def _evidence(finding: CardFinding, words: Catalogue, lang: str) -> str:
    parts = [turn_label(finding.turn, lang)]
    if finding.text:
        parts.append(f"“{finding.text}”")
    if finding.points:
        parts.append(points_text(finding.points))
    if finding.kind == "missing" or (finding.kind == "trigger" and not finding.text):   # a situation no words show
        parts.append(words.of(finding, lang)[1])
    if note := uncharged_note(finding, lang):
        parts.append(note)
    return " ".join(parts)


def channel_note(card: ScoreCard, lang: str) -> str:
    """How the script was chosen, with the clues that chose it: 自动识别：说话人“来电人”、“喂”."""
    how = word(card.channel_by, lang)
    clues = [_clue(clue.kind, clue.value, lang) for clue in card.clues if clue.kind != "given" and clue.value]
    if not clues:
        return how
    return f"{how}: {', '.join(clues)}" if lang == "en" else f"{how}：{'、'.join(clues)}"


def _clue(kind: str, value: str, lang: str) -> str:
    if kind == "label":
        return f"speaker “{value}”" if lang == "en" else f"说话人“{value}”"
    if kind == "format":
        return f"format {value}" if lang == "en" else f"格式 {value}"
    if kind == "tracks":
        return f"{value} audio tracks" if lang == "en" else f"{value} 个音轨"
    return f"“{value}”"


def score_text(card: ScoreCard) -> str:
    """The score as shown (60, 87.5), or — for an exchange the script does not apply to."""
    return "—" if card.score is None else f"{card.score:g}"


def grade_note(card: ScoreCard, lang: str) -> str:
    """Why the grade is lower than the score alone would give (a cap), that a critical finding vetoes the call
    (一票否决, whatever the score), why there is no score (no staff speech), or ''."""
    if card.not_applicable:
        return word(card.not_applicable, lang)
    capped_by = card.grade.capped_by
    steps = _missed_steps(card, lang) if capped_by in (MISSED_STEP, MISSED_STEPS) else \
        _missed_replies(card, lang) if capped_by == MISSED_REPLY else ""
    return cap_note(capped_by, card.veto, lang, steps)


def cap_note(capped_by: str | None, veto: bool, lang: str, steps: str = "") -> str:
    """What capped a grade (a scorecard's ``capped_by``: a severity, over_limit, missed_step(s)), or 一票否决 for a
    veto however low the points already are (a trainer wants it seen); ``steps`` names the steps missed, if known."""
    if veto or capped_by == "critical":
        return word("veto", lang)
    if capped_by in (MISSED_STEP, MISSED_STEPS, MISSED_REPLY):
        return word(capped_by, lang, steps=bracket(steps, lang) if steps else "")
    if capped_by == OVER_LIMIT:
        return word(capped_by, lang)
    return word("capped", lang, severity=tr(capped_by, lang)) if capped_by else ""


def _missed_steps(card: ScoreCard, lang: str) -> str:
    """The steps a card missed entirely (a missing finding that cost its item's whole weight), by name."""
    names = [item_name(score, card.script.name, card.words, lang) for score in card.items
             if any(f.kind == "missing" and 0 < score.item.weight <= points for f, points in score.charges)]
    return _listed(names, lang)


def _missed_replies(card: ScoreCard, lang: str) -> str:
    """The replies a card left out that cap its grade, by name (each once)."""
    return _listed(dict.fromkeys(card.words.of(f, lang)[0] for f in card.findings if f.owed >= REPLY_POINTS), lang)


def _listed(names: Iterable[str], lang: str) -> str:
    return ("、" if lang != "en" else ", ").join(names)


def _top(findings: list[CardFinding]) -> CardFinding | None:
    ranked = [f for kind in PRIORITY for f in findings if f.kind == kind]
    return ranked[0] if ranked else None
