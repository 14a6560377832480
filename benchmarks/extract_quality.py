"""How well `lexicon extract` finds the phrases of the seed regulation documents.

    python benchmarks/extract_quality.py                 # ../shared/seeds against tests/data/seed_quotes.tsv
    python benchmarks/extract_quality.py --seeds DIR --golden FILE.tsv

For every document and kind (courtesy / prohibited): precision and recall against the hand-made
golden list (a phrase counts when its line and normalised text agree), then each miss and each
extra with its line, so that a maintainer can read why. Ends with the totals per kind.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from phrasecheck.lexicon.extract import KINDS, extract  # noqa: E402
from phrasecheck.normalize import normalize  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
GOLDEN = ROOT / "tests" / "data" / "seed_quotes.tsv"

Found = dict[tuple[int, str], str]   # (line, normalised text) → text as written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=SEEDS, help="directory of regulation documents (*.txt, *.docx)")
    parser.add_argument("--golden", type=Path, default=GOLDEN, help="TSV with columns doc, line, kind, text")
    args = parser.parse_args()
    golden = read_golden(args.golden)
    totals = {kind: [0, 0, 0] for kind in KINDS}      # hits, found, expected
    for path in sorted(p for p in args.seeds.iterdir() if p.suffix.lower() in (".txt", ".docx")):
        extraction = extract(path)
        print(f"\n== {path.name}")
        for kind in KINDS:
            found = {(p.line, key(p.text)): p.text for p in extraction.of_kind(kind)}
            expected = golden[path.name, kind]
            report(kind, found, expected)
            hits = len(found.keys() & expected.keys())
            totals[kind] = [a + b for a, b in zip(totals[kind], (hits, len(found), len(expected)))]
    print("\n== 合计 / total")
    for kind, (hits, found, expected) in totals.items():
        print(f"  {kind:<10} 精确率 / precision {ratio(hits, found)}  召回率 / recall {ratio(hits, expected)}"
              f"  ({hits} / {found} 找到 found, {expected} 应有 expected)")


def read_golden(path: Path) -> dict[tuple[str, str], Found]:
    golden: dict[tuple[str, str], Found] = defaultdict(dict)
    with path.open(encoding="utf-8") as stream:
        for row in csv.DictReader(stream, delimiter="\t"):
            golden[row["doc"], row["kind"]][int(row["line"]), key(row["text"])] = row["text"]
    return golden


def report(kind: str, found: Found, expected: Found) -> None:
    hits = len(found.keys() & expected.keys())
    print(f"  {kind:<10} 精确率 / precision {ratio(hits, len(found))}  召回率 / recall {ratio(hits, len(expected))}")
    for label, missing in (("漏 / miss ", expected.keys() - found.keys()), ("多 / extra", found.keys() - expected.keys())):
        for line, text in sorted(missing):
            print(f"    {label} 第{line}行 / line {line}: {(expected | found)[line, text]}")


def ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "  -  "


def key(text: str) -> str:
    return normalize(text).text


if __name__ == "__main__":
    main()
