"""Spark (local[2]) against the local batch with 2 workers, on the same generated calls, in one run.

The calls are made from the shared corpora (CrossWOZ and STC-3 Weibo helpdesk dialogues) as in
``batch_bench.py``, written once as JSONL logs (one call per line, in 16 files) and read by both:

* ``phrasecheck batch LOGS --workers 2 --db …`` (SQLite store);
* ``phrasecheck batch --engine spark --master local[2] LOGS --out …`` (Parquet results, then the
  same summary, read back through a temporary store).

For each it prints the calls, the command's wall time, calls per second over that wall time, the
time the command itself reports for scoring (``elapsed_s`` of its summary: the local batch's
excludes loading the rules; Spark's includes starting the JVM and writing the Parquet, not the
summary), and peak memory: PSS summed over the command and all its descendants (the JVM and
Spark's Python workers, or the batch's worker processes), sampled every 50 ms. Then the ratios.

Run: ``python benchmarks/spark_bench.py`` (1,000,000 calls, a few hours on 2 cores) or
``--calls N``. Needs ``phrasecheck[spark]`` and Java 17.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from batch_bench import ROOT, TreeMemory, load_dialogues, make_call  # noqa: E402

LOG_FILES = 16


@dataclass
class Run:
    label: str
    calls: int
    wall: float
    reported: float
    peak_memory: int

    @property
    def rate(self) -> float:
        return self.calls / self.wall


def generate(folder: Path, calls: int, seed: int = 18) -> int:
    """``calls`` calls in JSONL logs; returns the bytes written."""
    dialogues = load_dialogues()
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    streams = [(folder / f"log-{number:02d}.jsonl").open("w", encoding="utf-8") for number in range(LOG_FILES)]
    for number in range(calls):
        streams[number % LOG_FILES].write(json.dumps(make_call(number, dialogues, rng), ensure_ascii=False) + "\n")
    for stream in streams:
        stream.close()
    return sum(path.stat().st_size for path in folder.iterdir())


def run(label: str, *args: str) -> Run:
    """One ``phrasecheck`` command, timed and sampled; its JSON summary gives the calls and its own time."""
    code = f"import sys; sys.path.insert(0, {str(ROOT / 'src')!r}); from phrasecheck.cli.app import main; main()"
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    memory = TreeMemory(process.pid)
    _, errors = process.communicate()
    wall = time.perf_counter() - started
    peak = memory.stop()
    try:
        summary = json.loads(errors.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        summary = {"exit": process.returncode}
    if summary.get("exit") not in (0, None):
        raise SystemExit(f"{label} failed (exit status {process.returncode}) after {wall:.0f} s:\n{errors[-4000:]}")
    found = Run(label, summary["scored"], wall, summary["elapsed_s"], peak)
    print(f"  {label}: {found.calls:,} calls in {wall:.1f} s", flush=True)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=1_000_000)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="spark-bench-") as temporary:
        folder = Path(temporary)
        size = generate(folder / "logs", arguments.calls)
        print(f"{arguments.calls:,} calls, {size / 1e6:,.0f} MB of JSONL in {LOG_FILES} files")
        runs = [run("local batch, 2 workers", "batch", str(folder / "logs"), "--workers", "2", "--db", str(folder / "local.db")),
                run("Spark local[2]", "batch", "--engine", "spark", "--master", "local[2]", str(folder / "logs"),
                    "--out", str(folder / "results"))]
    print(f"{'':24} {'calls':>10} {'wall s':>9} {'calls/s':>9} {'own s':>9} {'peak MB':>9}")
    for one in runs:
        print(f"{one.label:24} {one.calls:>10,} {one.wall:>9.1f} {one.rate:>9.1f} {one.reported:>9.1f} {one.peak_memory / 2**20:>9,.0f}")
    local, spark = runs
    print(f"Spark / local: throughput ×{spark.rate / local.rate:.2f}, peak memory ×{spark.peak_memory / local.peak_memory:.2f}")


if __name__ == "__main__":
    main()
