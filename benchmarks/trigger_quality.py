"""Does the scorer see each situation the scripts name, and charge exactly the turns that leave its reply out?

    python benchmarks/trigger_quality.py                  # both halves of tests/heldout/triggers/dev.jsonl
    python benchmarks/trigger_quality.py --half odd --show refusal answered:charged   # tuning on the odd ids
    python benchmarks/trigger_quality.py --set dev2        # a second dev set, by another author (tuned on by odd ids)
    python benchmarks/trigger_quality.py --set heldout     # the held-out set: measure only, never tune on it
    python benchmarks/trigger_quality.py --set heldout2    # a second held-out set, by a fourth author: the same

The dev set (970 turns, written blind by a helper that read only the seed regulations) holds, for seven situations,
turns where it arises and the mandated reply is given, turns where the reply is left out, and near misses where
it does not arise: a member of staff going off to check (请稍等), refusing (a reason or the way it can be done),
saying a matter is not theirs (a referral), finding papers missing (naming what), and a resident saying they
waited long (让您久等了), praising (thanks) or criticising (thanks for the criticism). Each turn is scored as a
two- or three-turn reception exchange through :class:`phrasecheck.Engine`. A turn is scored right when a
left-out reply is charged, and nothing is charged for a given reply or a near miss. Outcomes per situation:
``answered:ok`` / ``answered:unseen`` (the reply given; the situation seen or not: both right),
``answered:charged`` (a reply the scripts do not know), ``unanswered:charged`` (right),
``unanswered:unseen`` (the situation not seen: the fault goes unpunished), ``nofire:…`` (a near miss;
``+charged`` when it cost points). The held-out set (805 turns, another helper, longer and messier turns that do
several things at once, the same seven situations) is never tuned on: ``--show`` refuses it.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

from phrasecheck import Engine
from phrasecheck.models import Exchange, Turn

SETS = Path(__file__).resolve().parents[1] / "tests" / "heldout" / "triggers"
SET = SETS / "dev.jsonl"
#: The scripts' triggers that stand for each situation of the set.
TRIGGERS = {"leaves_to_check": ("wait_before",), "refusal": ("refusal",), "not_ours": ("referral", "out_of_remit"),
            "missing_materials": ("missing_materials",), "waited_long": ("waited",), "praise": ("praise",),
            "criticism": ("suggestion", "suggestion_thanks")}
#: Situations a resident's turn raises (the staff reply follows it); the others are a staff turn after a resident's.
RESIDENT = {"waited_long", "praise", "criticism"}
RIGHT = {"answered:ok", "answered:unseen", "unanswered:charged", "nofire:ok", "nofire:fired"}


def read(name: str = "dev") -> list[dict]:
    """The turns of one set (``dev``, ``dev2``, ``heldout`` or ``heldout2``)."""
    return [json.loads(line) for line in (SETS / f"{name}.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


def tally(counts: Counter) -> tuple[int, int]:
    """Of a count of outcomes: the turns scored right, and those charged wrongly (a reply given, or a near miss)."""
    right = sum(count for key, count in counts.items() if key in RIGHT)
    wrong = sum(count for key, count in counts.items() if key == "answered:charged" or key.endswith("+charged"))
    return right, wrong


def exchange(row: dict) -> Exchange:
    """The row as a reception exchange: the turn before, the turn labelled (index 1), and the staff reply after."""
    if row["kind"] in RESIDENT:
        turns = [Turn(0, "工作人员", "staff", row["before"]), Turn(1, "居民", "resident", row["text"])]
        turns += [Turn(2, "工作人员", "staff", row["after"])] if row.get("after") else []
    else:
        turns = [Turn(0, "居民", "resident", row["before"]), Turn(1, "工作人员", "staff", row["text"])]
    return Exchange(id=row["id"], source=row["id"], turns=turns, channel="reception")


def outcome(engine: Engine, row: dict) -> str:
    keys = TRIGGERS[row["kind"]]
    findings = engine.score(exchange(row)).findings
    seen = any(f.kind == "trigger" and f.rule.rsplit(".", 1)[-1] in keys and f.turn == 1 for f in findings)
    charged = any(f.kind == "missing" and f.rule.rsplit(".", 1)[-1] in keys for f in findings)
    if not row["fires"]:
        return ("nofire:fired" if seen else "nofire:ok") + ("+charged" if charged else "")
    if row["answered"]:
        return "answered:charged" if charged else "answered:ok" if seen else "answered:unseen"
    return "unanswered:charged" if charged else "unanswered:fired-not-charged" if seen else "unanswered:unseen"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=("odd", "even"), help="only the turns with odd or even ids")
    parser.add_argument("--show", nargs=2, metavar=("SITUATION", "OUTCOME"), help="list the turns of one outcome (dev set)")
    parser.add_argument("--set", choices=("dev", "dev2", "heldout", "heldout2"), default="dev")
    args = parser.parse_args()
    if args.show and args.set.startswith("heldout"):
        parser.error("the held-out set is measured, never read turn by turn")
    engine = Engine().load()
    rows = read(args.set)
    halves = [args.half] if args.half else ["odd", "even"]
    for half in halves:
        by_kind: dict[str, Counter] = defaultdict(Counter)
        for row in rows:
            if int(row["id"][-1]) % 2 != (half == "odd"):
                continue
            result = outcome(engine, row)
            by_kind[row["kind"]][result] += 1
            if args.show and row["kind"] == args.show[0] and result == args.show[1]:
                print(f"  {row['id']} | {row['before']} | {row['text']} | {row.get('after') or ''}")
        right, wrong = tally(sum(by_kind.values(), Counter()))
        total = sum(sum(counts.values()) for counts in by_kind.values())
        print(f"\n== {half} ids: {right}/{total} turns scored right ({right / total:.1%}), {wrong} charged wrongly")
        for kind in TRIGGERS:
            counts = by_kind[kind]
            kind_right, _ = tally(counts)
            print(f"  {kind:<18} {kind_right:>3}/{sum(counts.values()):<3} "
                  + "  ".join(f"{key} {count}" for key, count in sorted(counts.items())))


if __name__ == "__main__":
    main()
