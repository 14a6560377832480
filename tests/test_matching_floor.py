"""The floor the default lexicon reaches on the utterances it may be tuned on (dev and train halves
of tests/heldout/matching); the held-out half is measured by benchmarks/matching_quality.py only."""

import json
from pathlib import Path

import pytest

from phrasecheck.lexicon.load import load_lexicon
from phrasecheck.matching import Matcher

SETS = Path(__file__).parent / "heldout" / "matching"


@pytest.fixture(scope="module")
def matcher():
    return Matcher(load_lexicon())


@pytest.mark.parametrize("name", ["dev", "train"])
def test_prohibited_paraphrases_are_found_without_false_alarms(matcher, name):
    rows = [json.loads(line) for line in (SETS / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()]
    flagged = [any(f.kind == "prohibited" for f in matcher.find(row["text"])) for row in rows]
    positives = [hit for hit, row in zip(flagged, rows) if row["label"] == "prohibited"]
    alarms = sum(hit for hit, row in zip(flagged, rows) if row["label"] != "prohibited")
    precision, recall = sum(positives) / (sum(positives) + alarms), sum(positives) / len(positives)
    assert precision >= 0.99 and recall >= 0.98, (name, precision, recall)
