"""Engine speed, measured side by side with jieba in one run.

Prints:
  1. scan throughput of the matcher vs plain ``jieba.lcut`` over the same real text
     (target: the engine at least 5x faster), on at least 10 MB of text;
  2. wall time of a one-page ``phrasecheck check`` vs ``python -c "import jieba; jieba.initialize()"``
     (target: within 1.5x).

Run: ``python benchmarks/engine_bench.py [--mb 10]`` from a checkout with phrasecheck installed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
sys.path.insert(0, str(ROOT / "src"))


def corpus_dialogues() -> list[list[str]]:
    """The turns of every dialogue of both shared corpora, in file order."""
    dialogues = []
    for path in sorted(CORPORA.glob("*/dialogues.jsonl")):
        with path.open(encoding="utf-8") as stream:
            dialogues += [[turn["text"] for turn in json.loads(line)["turns"]] for line in stream]
    return dialogues


def time_pass(function, items: list) -> float:
    start = time.perf_counter()
    for item in items:
        function(item)
    return time.perf_counter() - start


def scan_benchmark(megabytes: float) -> None:
    import jieba

    from phrasecheck.lexicon.load import load_lexicon
    from phrasecheck.matching import Matcher
    from phrasecheck.matching import confirm

    jieba.setLogLevel(60)
    jieba.initialize()
    dialogues = corpus_dialogues()
    texts = ["\n".join(turns) for turns in dialogues]
    size = sum(len(t.encode("utf-8")) for t in texts)
    repeats = max(1, round(megabytes * 1e6 / size + 0.5))
    matcher = Matcher(load_lexicon())
    matcher.find("您好，请稍等")
    engine = jieba_time = 0.0
    for _ in range(repeats):
        confirm.crosses_edges.cache_clear()
        engine += time_pass(matcher.find_many, dialogues)
        jieba_time += time_pass(jieba.lcut, texts)
    findings = sum(len(found) for turns in dialogues for found in matcher.find_many(turns))
    total_mb = size * repeats / 1e6
    print(f"text: {len(dialogues):,} real dialogues ({sum(map(len, dialogues)):,} turns), {size / 1e6:.2f} MB, "
          f"x{repeats} passes = {total_mb:.1f} MB (jieba boundary cache cleared before each pass)")
    print("  each dialogue as a scorer sees it: the engine matches its turns (find_many), jieba cuts its text")
    print(f"  engine (normalise+match+confirm): {engine:7.2f} s  {total_mb / engine:6.2f} MB/s  "
          f"({findings:,} findings per pass)")
    print(f"  jieba.lcut only:                  {jieba_time:7.2f} s  {total_mb / jieba_time:6.2f} MB/s")
    print(f"  ratio engine/jieba speed: {jieba_time / engine:.2f}x  (target >= 5x)")


def startup_benchmark(runs: int) -> None:
    draft = ROOT / "examples" / "draft.txt"
    check = [sys.executable, str(ROOT / "cli.py"), "check", str(draft), "--fail-on", "never"]
    baseline = [sys.executable, "-c", "import jieba; jieba.setLogLevel(60); jieba.initialize()"]
    subprocess.run(check, capture_output=True, check=True)
    subprocess.run(baseline, capture_output=True, check=True)
    ours = statistics.median(_wall(check) for _ in range(runs))
    theirs = statistics.median(_wall(baseline) for _ in range(runs))
    print(f"one-page draft check: {ours:.3f} s vs jieba import+initialize {theirs:.3f} s "
          f"(median of {runs}) -> ratio {ours / theirs:.2f}x (target <= 1.5x)")


def _wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, capture_output=True, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0, help="megabytes of text to scan (default 10)")
    parser.add_argument("--runs", type=int, default=7, help="start-up timing runs (default 7)")
    args = parser.parse_args()
    scan_benchmark(args.mb)
    startup_benchmark(args.runs)


if __name__ == "__main__":
    main()
