"""How the paraphrase model does on an author it has not read: trained without one labelled set, measured on it.

    pip install -e ".[train]"
    python benchmarks/paraphrase_cross_author.py                      # every set left out in turn
    python benchmarks/paraphrase_cross_author.py --only dev6 --thresholds 0.7 0.73 0.8

Each set of ``tests/heldout/matching`` that the model learns from was written by another author. For
each, the model is trained as ``python -m phrasecheck.ruletools.train`` trains it, but without that set
(nor lexicon examples it repeats), and ``check --paraphrase`` is measured on it: rules and model, as staff
run them. The rules were tuned on every set (on the odd ids of dev3–dev6 only: the even ids are shown
too), so the rules' share of the figure is flattered; the model's is not. The held-out set is never read. The last
line pools the even ids of the sets whose rules were tuned on their odd ids only (dev6 on): neither the rules nor
the model measured there learnt from them, the fairest figure for an author nobody has read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from matching_quality import rates  # noqa: E402

from phrasecheck.lexicon.load import load_lexicon  # noqa: E402
from phrasecheck.matching import Matcher, MatchSettings  # noqa: E402
from phrasecheck.matching.paraphrase import ParaphraseModel  # noqa: E402
from phrasecheck.normalize import normalize  # noqa: E402
from phrasecheck.ruletools.train import (ODD_IDS_ONLY, TRAINED_ON, THRESHOLD, fit, labelled, lexicon_examples,  # noqa: E402
                                         model_data, read_set, real_turns)


#: The sets whose rules were tuned on their odd ids only (from dev6 on, as ``matching_quality.py`` says).
RULES_TUNED_ON_ODD_IDS = ("dev6", "dev7", *ODD_IDS_ONLY)


def left_out_model(name: str, real: list[str]) -> ParaphraseModel:
    """The model trained on every set but ``name``, and on no lexicon example that ``name`` has."""
    left = {normalize(row["text"]).text for row in read_set(name)}
    rows = [row for row in labelled(tuple(n for n in TRAINED_ON if n != name)) if normalize(row["text"]).text not in left]
    return ParaphraseModel(model_data(*fit(rows, lexicon_examples(left), real)))


def flagged(rows: list[dict], model: ParaphraseModel, threshold: float) -> set[int]:
    """The rows with a prohibited finding of the rules and ``model`` (from ``threshold`` on)."""
    matcher = Matcher(load_lexicon(), MatchSettings(paraphrase=True, paraphrase_threshold=threshold))
    matcher.paraphrase = model
    return {i for i, row in enumerate(rows) if any(f.kind == "prohibited" for f in matcher.find(row["text"]))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=TRAINED_ON, nargs="+", default=TRAINED_ON, help="the sets to leave out in turn")
    parser.add_argument("--thresholds", type=float, nargs="+", default=[THRESHOLD])
    args = parser.parse_args()
    real = real_turns()
    pooled: dict[float, tuple[list[dict], set[int]]] = {t: ([], set()) for t in args.thresholds}
    untuned: dict[float, tuple[list[dict], set[int]]] = {t: ([], set()) for t in args.thresholds}
    for name in args.only:
        rows, model = read_set(name), left_out_model(name, real)
        even = [i for i, row in enumerate(rows) if int(row["id"][-1]) % 2 == 0]
        for threshold in args.thresholds:
            found = flagged(rows, model, threshold)
            p, r, *_ = rates(rows, found)["all"]
            even_p, even_r, *_ = rates([rows[i] for i in even], {k for k, i in enumerate(even) if i in found})["all"]
            print(f"{name:<6} t={threshold:.2f}  P {p:.3f}  R {r:.3f}   even ids: P {even_p:.3f}  R {even_r:.3f}", flush=True)
            _pool(pooled[threshold], rows, found)
            if name in RULES_TUNED_ON_ODD_IDS:
                _pool(untuned[threshold], [rows[i] for i in even], {k for k, i in enumerate(even) if i in found})
    for label, pool in (("pooled", pooled), ("pooled even ids, dev6 on", untuned)):
        for threshold, (seen, hits) in pool.items():
            if seen:
                p, r, positives, negatives = rates(seen, hits)["all"]
                print(f"{label} t={threshold:.2f}  P {p:.3f}  R {r:.3f}  ({positives} prohibited, {negatives} ok)")


def _pool(pool: tuple[list[dict], set[int]], rows: list[dict], found: set[int]) -> None:
    """Add ``rows`` and those of them ``found`` to a pool of measured rows."""
    seen, hits = pool
    hits.update(len(seen) + i for i in found)
    seen.extend(rows)


if __name__ == "__main__":
    main()
