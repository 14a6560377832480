"""What an outside trial found wrong, on its own transcripts (tests/fixtures/trial2, dev material): each
expectation is the tester's, written before they ran phrasecheck (EXPECT.md)."""

from pathlib import Path

import pytest

from phrasecheck.api import read
from phrasecheck.scoring import Scorer

TRIAL = Path(__file__).parent / "fixtures" / "trial2"


@pytest.fixture(scope="module")
def scorer():
    return Scorer.default()


def card_of(scorer, name: str):
    [exchange] = read(TRIAL / name).exchanges
    return scorer.score(exchange)


@pytest.mark.parametrize(("name", "channel"), [
    ("conv/P12_long.txt", "phone"), ("extra/X1_phone_queue.txt", "phone"), ("extra/X2_phone_queue_bad.txt", "phone"),
    ("extra/X4_verylong.txt", "phone"),                        # 坐席/来电人 calls about queues and windows
    ("conv/V21_visit_phonecues.txt", "reception"), ("conv/V23_window_paraformer.json", "reception"),  # visits
])
def test_the_channel_the_tester_expected(scorer, name, channel):
    assert card_of(scorer, name).script.channel == channel


@pytest.mark.parametrize("name", ["conv/V22_polite_resident.txt", "conv/V25_roleplay_mild.txt"])
def test_role_plays_of_a_polite_resident_and_a_curt_trainee_keep_their_labels(scorer, name):
    card = card_of(scorer, name)
    # the curt trainee never greets and never sees the resident off: two steps missed fail it (a third trial's trainer)
    assert card.exchange.meta["roles_by"] == "given" and card.score < 70
    assert (card.grade.band.name, card.grade.capped_by) == ("不合格", "missed_steps")


def test_seven_prohibited_expressions_fail_the_visit(scorer):
    card = card_of(scorer, "extra/X3_many_prohibited.txt")
    assert card.grade.band.name == "不合格"
    assert card.grade.capped_by == "over_limit" or card.score < 60  # capped, or failing on its score once 问谁 is asked


def test_what_is_missing_answered_with_go_home_costs_points(scorer):
    card = card_of(scorer, "extra/X11.txt")
    assert {f.rule for f in card.findings if f.points < 0} == {"reception.missing_materials", "reception.answers"}
