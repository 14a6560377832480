"""Score the agent side of the shared dialogue corpora and summarise where points are lost.

    python benchmarks/score_corpora.py                      # both corpora, script detected per dialogue
    python benchmarks/score_corpora.py --script reception --sample 5
    python benchmarks/score_corpora.py PATH.jsonl --lang en

For each corpus: the score distribution (quartiles, 10-point histogram, grades), how often
each scorecard item loses points and how many, the most common missed mandated replies and
prohibited expressions, and (``--sample``) a few scorecards' explanations to read by hand.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from phrasecheck import Engine  # noqa: E402
from phrasecheck.scoring import ScoreCard  # noqa: E402

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
DEFAULT_FILES = [CORPORA / "crosswoz" / "dialogues.jsonl", CORPORA / "stc3-weibo-helpdesk" / "dialogues.jsonl"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, default=DEFAULT_FILES, help="neutral JSONL corpora")
    parser.add_argument("--script", help="force a script (reception, phone …); default: detect per dialogue")
    parser.add_argument("--sample", type=int, default=3, help="print this many explained scorecards per corpus")
    parser.add_argument("--lang", default="zh", choices=("zh", "en"))
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    engine = Engine(lang=args.lang)
    print(f"scorer {engine.version}")
    for path in args.files:
        started = time.perf_counter()
        scored = engine.score(path, args.script)
        read, problems = scored.cards, scored.problems
        cards = [card for card in read if card.score is not None]
        print(f"\n=== {path.parent.name}/{path.name}: {len(cards)} scored, {len(read) - len(cards)} not applicable "
              f"(no agent turn), {len(problems)} unreadable, {time.perf_counter() - started:.1f}s")
        if cards:
            summarise(cards)
            show_samples(cards, args.sample, random.Random(args.seed), args.lang)


def summarise(cards: list[ScoreCard]) -> None:
    scores = sorted(card.score for card in cards)
    q1, median, q3 = statistics.quantiles(scores, n=4) if len(scores) > 1 else (scores[0],) * 3
    print(f"score: mean {statistics.fmean(scores):.1f}  min {scores[0]:g}  Q1 {q1:g}  median {median:g}  "
          f"Q3 {q3:g}  max {scores[-1]:g}")
    bins = Counter(min(int(score // 10) * 10, 90) for score in scores)
    print("histogram: " + "  ".join(f"{low}-{low + 9 if low < 90 else 100}: {bins[low]}" for low in range(0, 100, 10) if bins[low]))
    print("grades: " + "  ".join(f"{name} {count}" for name, count in Counter(c.grade.band.name for c in cards).most_common()))
    print("scripts: " + "  ".join(f"{name} {count}" for name, count in
                                    Counter(f"{c.script.name}/{c.channel_by}" for c in cards).most_common()))
    print_items(cards)
    print_findings(cards)


def print_items(cards: list[ScoreCard]) -> None:
    losing: Counter = Counter()
    lost_points: defaultdict[str, float] = defaultdict(float)
    for card in cards:
        for score in card.items:
            if score.lost:
                losing[score.item.key] += 1
                lost_points[score.item.key] += score.lost
    print("lost items (share of dialogues losing points · mean points lost when lost):")
    for key, count in losing.most_common():
        print(f"  {key:<16} {count / len(cards):6.1%}  {lost_points[key] / count:5.1f}")


def print_findings(cards: list[ScoreCard]) -> None:
    counts = Counter((f.kind, f.rule) for card in cards for f in card.findings if f.points < 0)
    for kind, title in (("missing", "missing elements / replies"), ("prohibited", "prohibited expressions"),
                        ("informal", "wordings to avoid")):
        top = [(rule, n) for (k, rule), n in counts.most_common() if k == kind][:8]
        if top:
            print(f"most common {title}: " + "  ".join(f"{rule} {n}" for rule, n in top))


def show_samples(cards: list[ScoreCard], count: int, rng: random.Random, lang: str) -> None:
    losers = [card for card in cards if card.score < 100]
    for card in rng.sample(losers, min(count, len(losers))):
        print(f"\n--- {card.exchange.id}: {card.score:g} {card.grade.band.name} ({card.script.name}/{card.channel_by})")
        for index, turn in enumerate(card.exchange.turns):
            print(f"  {index + 1:>2} {turn.role[:5]:<5} {turn.text[:90]}")
        for finding in (f for f in card.findings if f.points < 0):
            quote = f" “{finding.text}”" if finding.text else ""
            message = card.words.of(finding, lang)[1]
            print(f"     turn {finding.turn + 1}: {finding.kind} {finding.rule}{quote} {finding.points:g}  {message[:70]}")


if __name__ == "__main__":
    main()
