"""Check the hand-written gold lists against the documents and print counts.

Every gold item's text must occur on its stated line of the document, or,
for a phrase broken across lines, start on that line (whitespace ignored).
Run: python3 tests/data/regdocs/check_gold.py
"""
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
WS = re.compile(r"\s+")
CATS = ("courtesy", "prohibited", "uncertain")


def norm(s):
    return WS.sub("", s)


def on_line(lines, text, line):
    if not 1 <= line <= len(lines):
        return False
    cur = norm(lines[line - 1])
    if not cur:
        return False
    t = norm(text)
    if t in cur:
        return True
    joined = cur + "".join(norm(x) for x in lines[line:line + 4])
    k = joined.find(t)
    return k != -1 and k < len(cur)


def main():
    sources = [json.loads(x) for x in (HERE / "sources.jsonl").read_text("utf-8").splitlines() if x.strip()]
    errors = 0
    totals = {}
    print(f"{'id':<4}{'sector':<12}{'split':<9}{'lines':>6}{'court.':>8}{'prohib.':>8}{'uncert.':>8}")
    for s in sources:
        doc = HERE / s["file"]
        gold = HERE / "gold" / (Path(s["file"]).stem + ".json")
        lines = doc.read_text("utf-8").split("\n")
        g = json.loads(gold.read_text("utf-8"))
        n = {c: len(g.get(c, [])) for c in CATS}
        for c in CATS:
            for item in g.get(c, []):
                if not on_line(lines, item["text"], item["line"]):
                    errors += 1
                    print(f"  MISMATCH {s['id']} {c} line {item['line']}: {item['text']}")
        t = totals.setdefault(s["split"], Counter())
        t["docs"] += 1
        t.update(n)
        print(f"{s['id']:<4}{s['sector']:<12}{s['split']:<9}{len(lines):>6}{n['courtesy']:>8}{n['prohibited']:>8}{n['uncertain']:>8}")
    print()
    for split, t in sorted(totals.items()):
        print(f"{split:<8} docs={t['docs']:<3} courtesy={t['courtesy']:<4} prohibited={t['prohibited']:<4} uncertain={t['uncertain']}")
    sectors = Counter(s["sector"] for s in sources)
    print("sectors:", dict(sorted(sectors.items())))
    print("errors:", errors)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
