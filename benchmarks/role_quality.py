"""Who is the staff member, when a transcript's labels do not say (A/B, 甲/乙, 说话人1/2, spk0/1)?

    python benchmarks/role_quality.py                   # the held-out set: measure only, never tune on it
    python benchmarks/role_quality.py --set dev --show  # the dev set, with each miss listed (tune on this one)

Each set (``tests/heldout/roles/<set>/``) holds dialogues written blind by a helper that never saw phrasecheck's
code or cues, with ``gold.jsonl`` naming the staff label and the kind of dialogue: ``polite_resident_curt_staff``
(the hard case: a courteous resident, 您好、麻烦您了, beside a curt clerk, 嗯。证件。自己上网查), ``rude_resident_polite_staff``
and ``ordinary``. All files go through ``phrasecheck score --format json`` in one process, as a supervisor runs it;
a dialogue is right when the turns scored as staff are exactly the gold speaker's.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETS = ROOT / "tests" / "heldout" / "roles"


def staff_by_file(folder: Path, names: list[str]) -> dict[str, set[str]]:
    """The speakers ``phrasecheck score`` takes for staff in each file."""
    run = subprocess.run([sys.executable, str(ROOT / "cli.py"), "score", "--format", "json",
                          *(str(folder / name) for name in names)], capture_output=True, text=True, encoding="utf-8")
    if not run.stdout.strip():
        raise SystemExit(f"phrasecheck score gave nothing: {run.stderr[-500:]}")
    found = {name: set() for name in names}
    for exchange in json.loads(run.stdout)["exchanges"]:
        found[Path(exchange["source"]).name] |= {turn["speaker"] for turn in exchange["turns"] if turn["role"] == "staff"}
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="heldout", choices=sorted(p.name for p in SETS.iterdir() if p.is_dir()))
    parser.add_argument("--show", action="store_true", help="list the misses (dev sets only)")
    args = parser.parse_args()
    if args.show and args.set.startswith("heldout"):
        raise SystemExit("--show lists misses to tune on: never the held-out set's")
    folder = SETS / args.set
    gold = [json.loads(line) for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    found = staff_by_file(folder, [entry["file"] for entry in gold])
    right, total = Counter(), Counter()
    for entry in gold:
        ok = found[entry["file"]] == {entry["staff"]}
        for key in (entry["kind"], f"{entry['kind']} · {entry['channel']}", "all"):
            right[key] += ok
            total[key] += 1
        if args.show and not ok:
            print(f"  miss {entry['file']} ({entry['kind']}, {entry['channel']}): staff {entry['staff']!r}, "
                  f"taken {sorted(found[entry['file']]) or 'none'}")
    print(f"== {args.set}: the staff member found / 找对工作人员")
    for key in sorted(total, key=lambda key: (key == "all", key)):
        print(f"  {key:44s} {right[key]:3d}/{total[key]:<3d} {right[key] / total[key]:.3f}")


if __name__ == "__main__":
    main()
