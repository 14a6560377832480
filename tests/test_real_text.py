"""Real helpdesk text nobody here wrote: prohibited findings must be rare and each one defensible."""

import json
from pathlib import Path

import pytest

from phrasecheck.lexicon.load import load_lexicon
from phrasecheck.matching import Matcher, MatchSettings
from phrasecheck.matching.explain import explain

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
pytestmark = pytest.mark.skipif(not CORPORA.is_dir(), reason="shared/corpora not present")


def agent_turns(corpus):
    with (CORPORA / corpus / "dialogues.jsonl").open(encoding="utf-8") as stream:
        for line in stream:
            dialogue = json.loads(line)
            yield from ((dialogue["id"], t["text"]) for t in dialogue["turns"] if t["role"] == "agent")


@pytest.fixture(scope="module")
def matcher():
    return Matcher(load_lexicon())


def prohibited(matcher, corpus):
    return [(dialogue, f.rule, f.text) for dialogue, text in agent_turns(corpus)
            for f in matcher.find(text) if f.kind == "prohibited"]


def test_stc3_helpdesk_replies_have_only_the_findings_we_read(matcher):
    # Read and judged: "这个！小U就不知道了." and "这个我也不清楚 没见过奖品 都在TV那边" are bare
    # don't-knows that close the customer's question without finding out.
    assert sorted(prohibited(matcher, "stc3-weibo-helpdesk")) == [
        ("stc3-train-3552554191819801", "prohibited.evade.dont-know", "不知道"),
        ("stc3-train-3718473576723593", "prohibited.evade.dont-know", "我也不清楚"),
    ]


def test_crosswoz_agents_hedge_politely_and_are_not_flagged(matcher):
    # 不知道你会不会喜欢 / 不知道你喜欢这种风格不 are indirect questions, not brush-offs; the one
    # finding, read and judged: "没有查到他家的价格啊，我也不清楚。" ends the answer with a bare don't-know
    # (the second reading, when turned on, drops it: the agent looked and found nothing).
    assert [(rule, text) for _, rule, text in prohibited(matcher, "crosswoz")] == [
        ("prohibited.evade.dont-know", "我也不清楚"),
    ]
    said = "没有查到他家的价格啊，我也不清楚。"
    reread = Matcher(matcher.lexicon, MatchSettings(second_reading=True))
    verdicts = [d.verdict for d in explain(reread, said).decisions if d.rule.id == "prohibited.evade.dont-know"]
    assert verdicts and all(v.startswith("second reading: ") for v in verdicts)


def test_helpdesk_greetings_are_found_in_real_replies(matcher):
    turns = list(agent_turns("stc3-weibo-helpdesk"))
    greetings = {rule.id for rule in matcher.lexicon.rules if matcher.lexicon.category_name(rule.category, "zh") == "问候"}
    greeted = sum(any(f.rule in greetings for f in matcher.find(text)) for _, text in turns)
    assert 0.45 < greeted / len(turns) < 0.65  # 您好 opens about half of the real replies


def test_crosswoz_travellers_requests_are_not_taken_for_rude_staff(matcher):
    """The travellers' own turns (their plans and wishes: 我特别想吃炒年糕, 我们全家想出去吃饭, 明天我休息，我要去…景点,
    那就这个景点吧，我还想问…, 你知道什么地方…吗) had 39 prohibited findings besides don't-knows: 别想 inside 特别想, eating and
    resting taken for an office closing, a question taken for scorn. Those left, read and judged: three of their own
    don't-knows, and 不用看了 said of a list they were shown."""
    found = []
    with (CORPORA / "crosswoz" / "dialogues.jsonl").open(encoding="utf-8") as stream:
        for line in stream:
            turns = json.loads(line)["turns"]
            found += [(f.rule, f.text) for turn in turns if turn["role"] == "customer"
                      for f in matcher.find(turn["text"]) if f.kind == "prohibited"]
    assert sorted(found) == [("prohibited.evade.dont-know", "不知道"), ("prohibited.evade.dont-know", "不知道"),
                             ("prohibited.evade.dont-know", "我确实没听过"), ("prohibited.impatient.stop-nagging", "不用看了")]
