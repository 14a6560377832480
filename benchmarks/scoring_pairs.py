"""Minimal pairs: does the copy with one defect score strictly lower than the compliant exchange?

    python benchmarks/scoring_pairs.py               # both halves, by defect and channel
    python benchmarks/scoring_pairs.py --show dev    # each failing pair's two scores (of dev3…dev10: odd ids only)
    python benchmarks/scoring_pairs.py --only dev2 --show dev2   # tuning: one dev half, no held-out figure

Each pair in ``tests/heldout/scoring/{dev,dev2,heldout}`` (written by people who never saw the scripts)
is a compliant exchange and a copy with exactly one defect. Both files are scored with
``phrasecheck score --format json`` — the command trainers run — in one process per half. Tune on
``dev`` only; ``heldout`` is reported, never read for tuning.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETS = ROOT / "tests" / "heldout" / "scoring"
#: The halves tuned on (dev2: 70 more pairs by a third author, added after the first round of tuning;
#: dev3 and dev4 by a fourth and a fifth author).
DEV = ("dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10", "dev11", "dev12", "dev13", "dev14", "dev15", "dev16", "dev17", "dev18")
#: Halves of which only the odd ids are tuned on: ``--show`` lists no even id's failure, which stay an untuned check.
ODD_ONLY = DEV[2:]


def scores(folder: Path, files: list[str], paraphrase: bool = False) -> dict[str, dict]:
    """The score-v1 exchange of each file, by file name (``paraphrase``: with the paraphrase model)."""
    run = subprocess.run([sys.executable, str(ROOT / "cli.py"), "score", "--format", "json",
                          *(["--paraphrase"] if paraphrase else []), *(str(folder / name) for name in files)],
                         capture_output=True, text=True, encoding="utf-8")
    document = json.loads(run.stdout)
    return {Path(exchange["source"]).name: exchange for exchange in document["exchanges"]}


def half(name: str, show: bool, paraphrase: bool = False) -> float:
    folder = SETS / name
    pairs = [json.loads(line) for line in (folder / "pairs.jsonl").read_text(encoding="utf-8").splitlines() if line]
    cards = scores(folder, [f for pair in pairs for f in (pair["good"], pair["bad"])], paraphrase)
    by: dict[str, list[bool]] = defaultdict(list)
    for pair in pairs:
        good, bad = cards.get(pair["good"]), cards.get(pair["bad"])
        ok = bool(good and bad and good.get("score") is not None and bad.get("score") is not None
                  and bad["score"] < good["score"])
        tuned = name not in ODD_ONLY or int(pair["id"]) % 2 == 1
        for key in ("all", f"defect:{pair['defect']}", f"channel:{pair['channel']}", f"ids:{_ids(name, tuned)}"):
            by[key].append(ok)
        if show and not ok and tuned:
            print(f"  FAIL {pair['id']} {pair['defect']:<28} good {_said(good)}  bad {_said(bad)}  — {pair['description']}")
    rate = sum(by["all"]) / len(by["all"])
    model = " (with the paraphrase model)" if paraphrase else ""
    print(f"\n== {name}{model}: {sum(by['all'])}/{len(by['all'])} pairs ordered ({rate:.1%})")
    for key in sorted(k for k in by if k != "all"):
        print(f"    {key:<40} {sum(by[key])}/{len(by[key])}")
    return rate


def _ids(name: str, tuned: bool) -> str:
    if name not in ODD_ONLY:
        return "all (tuned)" if name != "heldout" else "all (never tuned)"
    return "odd (tuned)" if tuned else "even (untuned)"


def _said(card: dict | None) -> str:
    if not card:
        return "(not scored)"
    return f"{card.get('score')} {card.get('grade')} [{card.get('channel')}/{card.get('script')}]"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", choices=DEV, help="list the failing pairs of a dev half (and measure only it)")
    parser.add_argument("--only", choices=("heldout", *DEV), help="measure one half only (tuning runs: a dev half)")
    parser.add_argument("--paraphrase", action="store_true", help="score with the paraphrase model too")
    args = parser.parse_args()
    only = args.show or args.only  # while tuning, the held-out figures are not even seen
    for name in [only] if only else ["heldout", *DEV]:
        half(name, args.show == name, args.paraphrase)


if __name__ == "__main__":
    main()
