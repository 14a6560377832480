"""The scripts' triggers on the blind trigger sets (tests/heldout/triggers): the floor reached on the dev set, per half,
and on the held-out set, never tuned on."""

import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest

from phrasecheck import Engine

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("trigger_quality", ROOT / "benchmarks" / "trigger_quality.py")
quality = sys.modules.setdefault("trigger_quality", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(quality)

#: Turns scored right per set and half, as reached, and the most near misses or given replies that may be charged. dev:
#: before any tuning 363 and 362 right, 30 and 30 charged; tuned on the odd ids, the even ids read 381 and 35 (seeing more
#: situations, they also charged five more replies said in words the scripts did not know); then tuned on the even ids;
#: then the office addressed and found wanting became a criticism (452 / 14, 433 / 19); then sarcastic praise and praise
#: of someone else stopped being praise (even 438 / 14); then a long wait in more words (even 446 / 11); then dev2's
#: tuning (453 / 13, 448 / 11). dev2, by another author: before tuning 393 / 15 and 416 / 15; tuned on its odd ids,
#: 468 / 2, and the even ids, measured once, 426 / 13; then an independent review's courteous replies narrowed the new
#: cues (a no to a question of fact, a look at the form on the desk, a promise for later, others' praise), and a second
#: review's 97 more (family, small talk, one's own day, a machine's outage): dev 453 / 447, dev2 455 / 423 (charged
#: wrongly 2 / 11).
FLOORS = {("dev", "odd"): (453, 13), ("dev", "even"): (447, 11), ("dev2", "odd"): (455, 2), ("dev2", "even"): (423, 11)}


@pytest.fixture(scope="module")
def outcomes() -> dict[tuple[str, str], Counter]:
    engine = Engine().load()
    found: dict[tuple[str, str], Counter] = {key: Counter() for key in FLOORS}
    for name in ("dev", "dev2"):
        for row in quality.read(name):
            found[name, "odd" if int(row["id"][-1]) % 2 else "even"][quality.outcome(engine, row)] += 1
    return found


@pytest.mark.parametrize("key", list(FLOORS))
def test_the_triggers_score_the_blind_sets_at_least_as_well_as_they_did(outcomes, key):
    right, wrong = quality.tally(outcomes[key])
    assert right >= FLOORS[key][0] and wrong <= FLOORS[key][1]


@pytest.mark.parametrize("name, right, wrong", [("heldout", 685, 22), ("heldout2", 689, 36)])
def test_the_triggers_keep_the_held_out_figures_measured_once(name, right, wrong):
    """Written by other authors after the dev sets were tuned on, never tuned on. heldout: 603 right and 31 wrongly
    charged at the twenty-fourth session's start, 662 and 26 when it was written, 675 and 26 once a criticism was the
    office addressed and found wanting, 676 and 25 at that session's end, 684 and 23 at the twenty-fifth's, 685 and 22 at the twenty-sixth's. heldout2
    (840 turns, twenty-fifth session): 676 and 42 at the session's base, 689 and 36 at its end (unchanged at the twenty-sixth's)."""
    engine = Engine().load()
    found, charged = quality.tally(Counter(quality.outcome(engine, row) for row in quality.read(name)))
    assert found >= right and charged <= wrong
