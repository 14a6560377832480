"""One fault, one charge: what a staff reply said or failed to say is not charged twice.

A staff turn can be found wanting by several items at once: "这事不归我管" is a prohibited
expression, the referral it should have been, and the answer to the question before it. The rule:

1. a staff turn with a prohibited expression is charged for that expression; the answers and
   mandated replies it failed to give are shown, at no cost, as covered by it — when the expression
   cost something: once the prohibited item's points are used up, a turn's missing replies are
   charged as if it had none (seven prohibited expressions do not make their turns free);
2. otherwise a staff turn that lacks several replies (an answer, a referral, thanks …) is
   charged for the largest: a reply is charged once for what it lacks.

Greeting, farewell and courtesy words are steps of their own and are always charged (a 你 in a sentence with a
prohibited expression is covered by it: see ``items.courtesy``).
"""

from __future__ import annotations

from .card import ItemScore
from .items import deduct

#: The items whose charges are about a staff reply.
REPLY_CHECKS = frozenset({"answers", "responses"})


def settle(items: list[ItemScore]) -> None:
    """Charge each item within its weight, applying the rule above to the replies' charges."""
    replies = [score for score in items if score.item.check in REPLY_CHECKS]
    for score in replies:   # their charges are replies left out: each owes its points before the rule below
        for finding, points in score.charges:
            finding.owed = points
    for score in items:
        if score.item.check not in REPLY_CHECKS:
            score.earned = deduct(score.item.weight, score.charges)
    prohibited = {}
    for score in items:
        if score.item.check == "prohibited":
            for finding, _ in score.charges:
                if finding.points < 0:
                    prohibited.setdefault(finding.turn, finding)
    kept: dict[int, tuple[ItemScore, int]] = {}
    for score in replies:
        for position, (finding, points) in enumerate(score.charges):
            if finding.turn in prohibited:
                score.charges[position] = (finding, 0.0)
                finding.covered_by = prohibited[finding.turn].rule
                continue
            _keep_larger(kept, score, position)
    for score in replies:
        score.earned = deduct(score.item.weight, score.charges)


def _keep_larger(kept: dict[int, tuple[ItemScore, int]], score: ItemScore, position: int) -> None:
    """Keep the larger of two charges for what one staff turn lacks; the other costs nothing."""
    finding, points = score.charges[position]
    key = finding.turn
    if key not in kept:
        kept[key] = (score, position)
        return
    other, other_position = kept[key]
    other_finding, other_points = other.charges[other_position]
    if points > other_points:
        other.charges[other_position] = (other_finding, 0.0)
        other_finding.covered_by = finding.rule
        kept[key] = (score, position)
    else:
        score.charges[position] = (finding, 0.0)
        finding.covered_by = other_finding.rule
