"""Human review of scored calls: confirm or reject what the machine found, add what it missed,
override a score or grade — each action a row of an append-only audit trail (``reviews``).

A review belongs to a call by its file and position (``path``, ``ordinal``), not by the row's id,
so it stays with the call when a batch scores the call again after a rule change. Each reviewed
call's result — the reviewed score and grade, and whether the machine's result changed since
the last review — is kept in ``reviewed`` and worked out again from the whole trail whenever a
review is added or the call is scored again; nothing in the trail is ever changed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from ..jsontext import compact
from ..scoring.grade import DEFAULT_BANDS, Bands, capping
from .labels import Labels
from .store import JOIN_REVIEWED, VIOLATIONS, Scope, Store, _now

#: What a reviewer can do.
ACTIONS: tuple[str, ...] = ("confirm", "reject", "add", "override")
#: The actions that decide on a finding of the machine.
DECISIONS: tuple[str, ...] = ("confirm", "reject")
#: Longest reason or reviewer name kept.
MAX_TEXT = 2000

#: The grade bands of a script, by the script's name.
BandsOf = Callable[[str | None], Bands]


class ReviewError(ValueError):
    """A review that cannot be recorded: an unknown finding, a span outside the turn, no reason …"""


@dataclass(frozen=True, slots=True)
class Action:
    """One reviewer's action on one call, as the audit trail keeps it."""

    action: str
    reviewer: str
    reason: str = ""
    finding: str | None = None
    rule: str | None = None
    turn: int | None = None
    start: int | None = None
    end: int | None = None
    text: str | None = None
    points: float | None = None
    score: float | None = None
    grade: str | None = None
    created_at: str = ""
    machine: str = ""
    id: int = 0


_ACTION_COLUMNS = ("action", "reviewer", "reason", "finding", "rule", "turn", "start", "end", "text", "points", "score",
                   "grade", "created_at", "machine", "id")
_SELECT_ACTION = ", ".join(f'"{column}"' for column in _ACTION_COLUMNS)


@dataclass(slots=True)
class Reviewed:
    """A call's result after review: score and grade, each machine finding's decision, what was added."""

    score: float | None
    grade: str
    decisions: dict[str, Action] = field(default_factory=dict)
    added: list[Action] = field(default_factory=list)
    override: Action | None = None
    changed: bool = False
    #: Added findings the machine now finds too (a rule was added since): charged once, by the machine.
    covered: list[Action] = field(default_factory=list)


def finding_key(finding: dict) -> str:
    """A machine finding named by what it is and where: ``kind:rule:turn:start:end``."""
    return f"{finding['kind']}:{finding['rule']}:{finding['turn']}:{finding['start']}:{finding['end']}"


def violations_of(card: dict) -> dict[str, dict]:
    """The findings of a score-v1 card that can be confirmed or rejected, by key."""
    return {finding_key(f): f for f in card["findings"] if f["kind"] in VIOLATIONS}


def fingerprint(card: dict) -> str:
    """What the machine decided about a call (score, grade, findings), in a few characters."""
    score = card.get("score")  # 100 and 100.0 are one score (score-v1 wrote whole scores as floats before)
    decided = [None if score is None else float(score), card.get("grade"), sorted(violations_of(card))]
    return hashlib.blake2b(json.dumps(decided, ensure_ascii=False).encode(), digest_size=8).hexdigest()


def review_result(card: dict, actions: Iterable[Action], bands: Bands) -> Reviewed:
    """The call's result after every action of the trail, oldest first: the latest decision on a finding
    counts, rejected findings give their points back, added ones cost theirs, and the latest override of
    the score, and of the grade, wins."""
    result = Reviewed(card.get("score"), card["grade"])
    machine = violations_of(card)
    score_override = grade_override = last = None
    for action in actions:
        last = action
        if action.action in DECISIONS and action.finding in machine:
            result.decisions[action.finding] = action
        elif action.action == "add":
            result.added.append(action)
        elif action.action == "override":
            score_override = action if action.score is not None else score_override
            grade_override = action if action.grade else grade_override
    result.override = grade_override or score_override
    result.changed = last is not None and last.machine != fingerprint(card)
    rejected = {key for key, action in result.decisions.items() if action.action == "reject"}
    found = [f for key, f in machine.items() if key not in rejected]
    result.covered = [added for added in result.added if any(_overlap(added, f) for f in found)]
    if result.score is not None and (rejected or result.added):
        given_back = -sum(machine[key].get("points") or 0 for key in rejected)
        taken = sum(a.points or 0 for a in result.added if a not in result.covered)
        result.score = round(min(100.0, max(0.0, result.score + given_back - taken)), 2)
    if score_override:
        result.score = score_override.score
    if score_override or rejected or result.added:
        # a rejected prohibited finding gives its points back, so the item is no longer known to be over its limit
        over = not any(machine[key]["kind"] == "prohibited" for key in rejected)
        # a score override replaces the machine's points, missed steps among them; what was said still caps
        missed = () if score_override else _missing_costs(card, machine, rejected)
        replies = () if score_override else _reply_costs(machine, rejected)
        kept = capping(((f["severity"], over and f.get("used_up", False)) for key, f in machine.items()
                        if f["kind"] == "prohibited" and key not in rejected), missed, replies)
        result.grade = bands.grade(result.score, kept).band.name if result.score is not None else result.grade
    if grade_override:
        result.grade = grade_override.grade
    return result


def _missing_costs(card: dict, machine: dict[str, dict], rejected: set[str]) -> Iterator[tuple[float, float]]:
    """What each missing step the reviewer kept cost, and its item's weight (its rule is the script's name and the item's key)."""
    weights = {line["item"]: line["max"] for line in card.get("breakdown", [])}
    for key, finding in machine.items():
        if finding["kind"] == "missing" and key not in rejected:
            yield -(finding.get("points") or 0), weights.get(finding["rule"].partition(".")[2], 0)


def _reply_costs(machine: dict[str, dict], rejected: set[str]) -> Iterator[float]:
    """What each missing reply the reviewer kept owes (``owed``; a card stored before findings said so owes nothing: its
    grade was given without this cap)."""
    return (finding.get("owed", 0) for key, finding in machine.items() if key not in rejected)


def _overlap(added: Action, finding: dict) -> bool:
    """Whether a finding a reviewer added lies on words a machine finding covers (in the same turn; a
    missing step marks a place, not words)."""
    return (finding["kind"] != "missing" and added.turn == finding["turn"]
            and added.start < finding["end"] and finding["start"] < added.end)


def record(store: Store, path: str, ordinal: int, action: Action, bands_of: BandsOf) -> Reviewed:
    """Check ``action`` against the call as stored now, append it to the trail and update the call's
    reviewed result, in one short transaction (concurrent reviewers queue for it, nobody's action is lost)."""
    with _immediate(store):
        card = _card(store, path, ordinal)
        checked = _checked(action, card, bands_of(card.get("script")))
        store.db.execute(
            'INSERT INTO reviews (path, ordinal, action, finding, rule, turn, start, "end", text, points, score, grade, '
            "reason, reviewer, created_at, machine) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (path, ordinal, checked.action, checked.finding, checked.rule, checked.turn, checked.start, checked.end,
             checked.text, checked.points, checked.score, checked.grade, checked.reason, checked.reviewer, _now(),
             fingerprint(card)))
        return _update(store, path, ordinal, card, bands_of)


def trail(store: Store, path: str, ordinal: int) -> list[Action]:
    """Every action on a call, oldest first."""
    rows = store.query(f"SELECT {_SELECT_ACTION} FROM reviews "
                       "WHERE path = ? AND ordinal = ? ORDER BY id", (path, ordinal))
    return [Action(*row) for row in rows]


def current(store: Store, path: str, ordinal: int, card: dict, bands_of: BandsOf) -> Reviewed | None:
    """The call's reviewed result, or None when nobody reviewed it."""
    actions = trail(store, path, ordinal)
    return review_result(card, actions, bands_of(card.get("script"))) if actions else None


def refresh(store: Store, run_id: int, bands_of: BandsOf) -> int:
    """Work out again the reviewed result of every reviewed call that ``run_id`` read (scored again,
    perhaps with other rules); returns how many of them the machine now judges differently."""
    rows = list(store.query("SELECT r.path, r.ordinal FROM reviewed r JOIN calls c ON c.path = r.path "
                            "AND c.ordinal = r.ordinal WHERE c.run_id = ?", (run_id,)))
    changed = 0
    for row in rows:
        with _immediate(store):
            changed += _update(store, row["path"], row["ordinal"], _card(store, row["path"], row["ordinal"]), bands_of).changed
    return changed


def _update(store: Store, path: str, ordinal: int, card: dict, bands_of: BandsOf) -> Reviewed:
    actions = trail(store, path, ordinal)
    result = review_result(card, actions, bands_of(card.get("script")))
    store.db.execute("INSERT OR REPLACE INTO reviewed (path, ordinal, score, grade, reviews, reviewer, reviewed_at, changed) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (path, ordinal, result.score, result.grade, len(actions),
                                                         actions[-1].reviewer, actions[-1].created_at, int(result.changed)))
    return result


def _checked(action: Action, card: dict, bands: Bands) -> Action:
    """``action`` as it will be kept (the span's text filled in), or ReviewError saying what is wrong."""
    if action.action not in ACTIONS:
        raise ReviewError(f"未知操作 / unknown action: {action.action}")
    if not action.reviewer.strip() or len(action.reviewer) > MAX_TEXT or len(action.reason) > MAX_TEXT:
        raise ReviewError("需要复核人（不超过 2000 字） / a reviewer is needed (at most 2000 characters)")
    if action.action != "confirm" and not action.reason.strip():
        raise ReviewError("请填写理由 / a reason is needed")
    if action.action in DECISIONS:
        found = violations_of(card).get(action.finding or "")
        if found is None:
            raise ReviewError(f"这通电话没有这条结果 / no such finding in this call: {action.finding}")
        return _with(action, rule=found["rule"], turn=found["turn"], start=found["start"], end=found["end"],
                     text=found["text"])
    if action.action == "add":
        return _checked_addition(action, card)
    return _checked_override(action, bands)


def _checked_addition(action: Action, card: dict) -> Action:
    turns = card["turns"]
    if not action.rule or not action.rule.strip():
        raise ReviewError("请选择规则 / choose a rule")
    if action.turn is None or not 0 <= action.turn < len(turns):
        raise ReviewError("没有这一句 / no such turn")
    text = turns[action.turn]["text"]
    start, end = action.start or 0, len(text) if action.end is None else action.end
    if not 0 <= start < end <= len(text):
        raise ReviewError(f"所选范围不在这一句内 / the span is not within the turn (0–{len(text)})")
    if action.points is None or not 0 <= action.points <= 100:
        raise ReviewError("扣分应在 0 到 100 之间 / points must be between 0 and 100")
    return _with(action, start=start, end=end, text=text[start:end])


def _checked_override(action: Action, bands: Bands) -> Action:
    if action.score is None and not action.grade:
        raise ReviewError("请填写分数或等级 / give a score or a grade")
    if action.score is not None and not 0 <= action.score <= 100:
        raise ReviewError("分数应在 0 到 100 之间 / the score must be between 0 and 100")
    if action.grade and action.grade not in {band.name for band in bands.bands}:
        raise ReviewError(f"没有这个等级 / no such grade: {action.grade}")
    return action


def _with(action: Action, **changes) -> Action:
    values = {name: getattr(action, name) for name in _ACTION_COLUMNS} | changes
    return Action(**values)


def _card(store: Store, path: str, ordinal: int) -> dict:
    row = store.db.execute("SELECT card FROM calls WHERE path = ? AND ordinal = ?", (path, ordinal)).fetchone()
    if row is None:
        raise ReviewError("结果库中没有这通电话 / no such call in the store")
    return json.loads(row[0])


class _immediate:
    """A short write transaction that takes the store's write lock at once (BEGIN IMMEDIATE), so that
    what it reads is still true when it writes."""

    def __init__(self, store: Store):
        self.store = store

    def __enter__(self) -> None:
        self.store.commit()
        self.store.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind, *exc_info) -> None:
        self.store.db.execute("ROLLBACK" if kind else "COMMIT")


def scripts_bands(scripts: dict, configured: Bands | None = None) -> BandsOf:
    """The bands of each script in ``scripts`` (name → Script), the default ones for others; a configuration's own
    ``[grades]`` (``configured``) instead, keeping the script's caps that name its grades, as scoring does."""
    shipped = lambda name: scripts[name].bands if name in scripts else DEFAULT_BANDS   # noqa: E731
    return (lambda name: configured.capped_as(shipped(name))) if configured else shipped


@dataclass(slots=True)
class RuleQuality:
    """What reviewers said of one rule's findings: confirmed, rejected (false alarms), added (missed)."""

    rule: str
    confirmed: int = 0
    rejected: int = 0
    added: int = 0
    examples: list[dict] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        """Confirmed among the decided findings; None before any decision."""
        decided = self.confirmed + self.rejected
        return round(self.confirmed / decided, 3) if decided else None


def rule_quality(store: Store, examples: int = 3) -> list[RuleQuality]:
    """Per rule, the latest decision on each finding reviewers looked at, and what they added; the rules
    with the most false alarms first, each with its latest rejected examples and reasons."""
    found: dict[str, RuleQuality] = {}
    for row in store.query(_LATEST_DECISIONS):
        quality = found.setdefault(row["rule"], RuleQuality(row["rule"]))
        if row["action"] == "confirm":
            quality.confirmed += 1
        else:
            quality.rejected += 1
            if len(quality.examples) < examples:
                quality.examples.append(dict(row))
    for row in store.query("SELECT rule, count(*) AS n FROM reviews WHERE action = 'add' GROUP BY rule"):
        found.setdefault(row["rule"], RuleQuality(row["rule"])).added = row["n"]
    return sorted(found.values(), key=lambda q: (-q.rejected, q.precision or 0, q.rule))


_LATEST_DECISIONS = (
    "SELECT r.rule, r.action, r.text, r.reason, r.reviewer, r.created_at, c.id AS call_id, c.source, c.exchange_id "
    "FROM reviews r LEFT JOIN calls c ON c.path = r.path AND c.ordinal = r.ordinal "
    f"WHERE r.action IN ({', '.join(repr(a) for a in DECISIONS)}) AND r.id = (SELECT max(id) FROM reviews l "
    f"WHERE l.path = r.path AND l.ordinal = r.ordinal AND l.finding = r.finding AND l.action IN "
    f"({', '.join(repr(a) for a in DECISIONS)})) ORDER BY r.id DESC")


def cards_with_reviews(store: Store, scope: Scope, lang: str, labels: Labels) -> Iterator[str]:
    """Each stored card in ``scope`` as JSON text (a line of the batch's JSONL), with ``review`` (the reviewed
    score and grade, how many actions, the last reviewer and time, whether the machine's result changed since)
    added to the cards of reviewed calls. Each card gets its words in ``lang`` from ``labels`` (the store
    keeps none)."""
    where, parameters = scope.where()
    for row in store.query(f"SELECT calls.card, r.score, r.grade, r.reviews, r.reviewer, r.reviewed_at, "
                           f"r.changed FROM calls {JOIN_REVIEWED} WHERE {where} ORDER BY calls.path, calls.ordinal",
                           parameters):
        card = compact(labels.card(json.loads(row["card"]), lang)).decode()
        if row["reviews"] is None:
            yield card
            continue
        review = {"score": row["score"], "grade": row["grade"], "actions": row["reviews"], "reviewer": row["reviewer"],
                  "reviewed_at": row["reviewed_at"], "machine_changed": bool(row["changed"])}
        yield card[:-1] + ', "review": ' + json.dumps(review, ensure_ascii=False) + "}"
