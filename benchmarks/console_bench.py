"""How fast the review console's call list is on a large store: every filter and sort, first and deep pages.

Builds a store of N generated calls (default 200,000; 60 staff, a year of dates, two channels, up to
three violations each, 1% of them reviewed) with the store's own ``save``, then times each list
query the console runs (the page and its count) and the staff summary page, in the process, as
the console runs them. Prints the measured figures; asserts nothing.

    python benchmarks/console_bench.py            # 200,000 calls (about two minutes to build)
    python benchmarks/console_bench.py --calls 20000
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from phrasecheck.batch.reviews import Action, finding_key, record  # noqa: E402
from phrasecheck.batch.store import CallRecord, Scope, Scoring, Store  # noqa: E402
from phrasecheck.batch.summary import summarize  # noqa: E402
from phrasecheck.console.queries import CallFilter, call_page, choices  # noqa: E402
from phrasecheck.scoring.grade import DEFAULT_BANDS  # noqa: E402

RULES = [("prohibited", f"prohibited.rule-{n}", "high") for n in range(12)] + [("missing", f"phone.item-{n}", None) for n in range(6)]
SCORING = Scoring("bench", "zh")


def card(number: int, rng: random.Random) -> dict:
    findings = []
    for kind, rule, severity in rng.sample(RULES, rng.randrange(4)):
        findings.append({"kind": kind, "rule": rule, "category": rule, "turn": 1, "start": 0, "end": 3, "text": "不知道",
                         "match": "exact", "similarity": 1.0, "severity": severity, "message": "m", "suggestion": None,
                         "points": -10})
    score = max(0, 100 - 10 * len(findings) - rng.randrange(20))
    return {"id": f"call-{number}", "source": f"logs/{number // 1000:04d}.jsonl", "staff_id": f"A{rng.randrange(60):03d}",
            "date": f"2024-{1 + rng.randrange(12):02d}-{1 + rng.randrange(28):02d}", "channel": rng.choice(["phone", "reception"]),
            "script": "phone", "score": score, "grade": DEFAULT_BANDS.grade(score).band.name,
            "turns": [{"index": 0, "line": 1, "speaker": "市民", "role": "resident", "text": "我想问一下"},
                      {"index": 1, "line": 2, "speaker": "坐席", "role": "staff", "text": "不知道，你问别人去"}],
            "findings": findings, "breakdown": []}


def build(path: Path, calls: int) -> None:
    rng = random.Random(17)
    with Store(path) as store:
        run = store.start_run(["bench"], SCORING, 1)
        for number in range(calls):
            made = card(number, rng)
            store.save(CallRecord.of(f"/bench/{number // 1000:04d}.jsonl", number % 1000, f"h{number}", made), SCORING, run)
        store.commit()
        for number in rng.sample(range(calls), calls // 100):
            made = card(number, random.Random(number))
            path_, ordinal = f"/bench/{number // 1000:04d}.jsonl", number % 1000
            stored = store.db.execute("SELECT card FROM calls WHERE path = ? AND ordinal = ?", (path_, ordinal)).fetchone()[0]
            import json

            findings = [f for f in json.loads(stored)["findings"] if f["kind"] == "prohibited"]
            action = (Action("reject", "bench", "误报", finding=finding_key(findings[0])) if findings
                      else Action("override", "bench", "复核", score=90))
            record(store, path_, ordinal, action, lambda _script: DEFAULT_BANDS)


def timed(run, repeats: int = 5) -> float:
    """The median of ``repeats`` runs, in milliseconds."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append(1000 * (time.perf_counter() - started))
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=200_000)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        started = time.perf_counter()
        build(path, arguments.calls)
        print(f"store of {arguments.calls:,} calls built in {time.perf_counter() - started:.0f} s "
              f"({path.stat().st_size / 2**20:.0f} MB)")
        failing = ("不合格",)
        cases = {
            "all, newest first, page 1": CallFilter(),
            "all, newest first, page 2,000": CallFilter(page=2000),
            "one staff member": CallFilter(staff="A007"),
            "date range (one month)": CallFilter(since="2024-03-01", until="2024-03-31"),
            "channel + grade": CallFilter(channel="phone", grade="良好"),
            "one rule": CallFilter(rule="prohibited.rule-3"),
            "reviewed only": CallFilter(reviewed="yes"),
            "not reviewed, failing only": CallFilter(reviewed="no", failing="1"),
            "failing only, lowest score first": CallFilter(failing="1", sort="score"),
            "staff + month + rule + failing": CallFilter(staff="A007", since="2024-03-01", until="2024-03-31",
                                                         rule="prohibited.rule-3", failing="1"),
            "all, sorted by score, page 500": CallFilter(sort="score_desc", page=500),
        }
        with Store(path) as store:
            print(f"{'call list query (page of 50 + count)':<44} {'ms':>8} {'matching':>10}")
            for name, chosen in cases.items():
                total = call_page(store, chosen, failing).total
                print(f"{name:<44} {timed(lambda: call_page(store, chosen, failing)):>8.1f} {total:>10,}")
            print(f"{'filter choices (distinct staff, rules …)':<44} {timed(lambda: choices(store, [], [])):>8.1f}")
            print(f"{'staff summary page (summarize by staff)':<44} {timed(lambda: summarize(store, 'staff', Scope()), 3):>8.1f}")
            print(f"{'one staff member by month':<44} {timed(lambda: summarize(store, 'month', Scope(staff='A007'))):>8.1f}")


if __name__ == "__main__":
    main()
