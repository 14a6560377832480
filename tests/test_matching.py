"""Engine behaviour on a small fixed lexicon: how phrases match, where, and when they must not."""

from pathlib import Path

import pytest

from phrasecheck.lexicon.load import load_lexicon
from phrasecheck.matching import Matcher, MatchSettings

LEXICON = Path(__file__).parent / "data" / "engine_lexicon.toml"


@pytest.fixture(scope="module")
def matcher():
    return Matcher(load_lexicon([LEXICON], defaults=False))


def found(matcher, text):
    return [(f.rule, f.text, f.match) for f in matcher.find(text)]


def test_offsets_point_at_the_original_text_through_noise(matcher):
    text = "嗯，那个 這事 不歸我管，問別人去！"
    [finding] = [f for f in matcher.find(text) if f.kind == "prohibited"]
    assert finding.text == text[finding.start:finding.end] == "這事 不歸我管，問別人去"
    assert finding.match == "exact"


@pytest.mark.parametrize(
    ("text", "rule", "how"),
    [
        ("别罗嗦，快点讲", "p.luosuo", "homophone"),          # 罗嗦 for 啰嗦
        ("别 啰 嗦 快 点 讲", "p.luosuo", "exact"),           # ASR spacing, no punctuation
        ("好的在见", "c.bye", "homophone"),                   # 在见 for 再见
        ("我刚才都说过了你怎么还问", "p.repeat", "fuzzy"),     # a paraphrase of a long phrase
        ("我我我不知道", "p.dunno", "exact"),                  # stutter
    ],
)
def test_noisy_speech_still_matches(matcher, text, rule, how):
    assert (rule, how) in [(r, h) for r, _, h in found(matcher, text)]


def test_short_phrases_need_exact_or_homophone_matches(matcher):
    assert found(matcher, "我不知到") == [("p.dunno", "不知到", "homophone")]
    assert found(matcher, "我不晓道") == []           # one wrong character in 3 is not 不知道
    assert found(matcher, "再会") == []


def test_variants_are_reported_as_variants(matcher):
    assert found(matcher, "我不管，问别人去") == [("p.notmine", "我不管，问别人去", "variant")]


def test_slots_match_a_short_span_of_real_text_but_never_nothing(matcher):
    assert ("c.phone", "您好，这里是阳光里社区居委会", "exact") in found(matcher, "您好，这里是阳光里社区居委会")
    assert all(rule != "c.phone" for rule, _, _ in found(matcher, "您好，这里是社区居委会"))
    long_name = "您好，这里是一二三四五六七八九十社区居委会"
    assert all(rule != "c.phone" for rule, _, _ in found(matcher, long_name))
    assert ("c.refuse", "exact") in [(r, h) for r, _, h in found(matcher, "根据社保局的规定，您的申请不能办理，请原谅")]


@pytest.mark.parametrize(
    "text",
    [
        "您好像没带身份证",                     # 您好 inside 您好像
        "再见到他的时候请转告",                  # 再见 inside 再/见到
        "不知道您方便吗",                        # polite hedge
        "如果不知道可以随时问我们",
        "我们这儿规定不能说“不归我管”",           # quoting a rule
        "窗口禁止对群众说不知道",                 # mentioning, not using
        "他跟我说“别啰嗦，快点讲”，我没理他",      # quoted speech
    ],
)
def test_hard_negatives_are_not_findings(matcher, text):
    assert [f for f in matcher.find(text) if f.kind == "prohibited" or f.rule == "c.hello" or f.rule == "c.bye"] == []


def test_a_longer_wording_wins_over_its_own_shorter_variant(matcher):
    assert found(matcher, "这事不归我管，问别人去") == [("p.notmine", "这事不归我管，问别人去", "exact")]


def test_fuzzy_thresholds_are_configurable(matcher):
    strict = Matcher(matcher.lexicon, MatchSettings(fuzzy_min_length=99))
    assert found(strict, "我刚才都说过了你怎么还问") == []


def test_find_many_matches_each_text_on_its_own(matcher):
    texts = ["您好", "我不", "知道", "这事不归我管，问别人去", "别罗嗦", "快点讲"]
    many = matcher.find_many(texts)
    assert many == [matcher.find(text) for text in texts]
    assert [[f.rule for f in found] for found in many] == [["c.hello"], [], [], ["p.notmine"], [], []]


CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"


@pytest.mark.skipif(not CORPORA.is_dir(), reason="shared/corpora not present")
def test_a_window_jieba_need_not_cut_is_one_where_its_cut_crosses_no_edge():
    """The shortcut in the boundary check is exact: wherever it skips jieba, jieba's cut would
    have put no token across the candidate's edges (checked on every short span of real turns)."""
    import json
    from itertools import islice

    from phrasecheck.matching.confirm import cut_crosses, may_cross
    from phrasecheck.normalize import normalize

    windows = set()
    for path in sorted(CORPORA.glob("*/dialogues.jsonl")):
        with path.open(encoding="utf-8") as stream:
            for line in islice(stream, 60):
                for turn in json.loads(line)["turns"]:
                    text = normalize(turn.get("text") or "").text
                    for start in range(len(text)):
                        for end in range(start + 1, min(start + 4, len(text)) + 1):
                            low, high = max(0, start - 4), min(len(text), end + 4)
                            windows.add((text[low:high], start - low, end - low))
    skipped = 0
    for window, start, end in windows:
        if not may_cross(window, start, end):
            skipped += 1
            assert not cut_crosses(window, start, end), (window, start, end)
    assert len(windows) > 20_000 and skipped > len(windows) / 10


def _sample_texts() -> list[str]:
    """Real turns (raw and normalised) when the shared corpora are present, and text that exercises
    every branch of jieba's cut: letters and digits, spaces, punctuation, symbols, mixed scripts."""
    import json
    from itertools import islice

    from phrasecheck.normalize import normalize

    texts = ["您好像没带身份证", "iPhone12 和 Mate40 都可以，  谢谢！\r\n再见", "预约号A3-17#，请到3号窗口",
             "「不归我管」——去问别人 ok?", "100%满意 &amp; 5.5元", "請稍等，我幫您查一下"]
    for path in sorted(CORPORA.glob("*/dialogues.jsonl")):
        with path.open(encoding="utf-8") as stream:
            for line in islice(stream, 150):
                for turn in json.loads(line)["turns"]:
                    text = turn.get("text") or ""
                    texts += [text, normalize(text).text]
    return texts


@pytest.mark.skipif(not CORPORA.is_dir(), reason="shared/corpora not present")
def test_the_word_trie_cuts_exactly_as_jieba_does():
    """Words.cut replaces jieba.lcut(HMM=False) on the hot path; on real text (and tricky text) the tokens are the same."""
    import logging

    import jieba

    from phrasecheck.matching.words import words

    jieba.setLogLevel(logging.WARNING)
    texts = _sample_texts()
    differing = [text for text in texts if words().cut(text) != jieba.lcut(text, HMM=False)]
    assert not differing, differing[:5]
    assert len(texts) > 6


def test_of_two_rules_found_alike_at_one_place_the_same_one_is_kept_whatever_their_order(tmp_path):
    rule = '[[rule]]\nid = "{id}"\nkind = "prohibited"\ncategory = "推诿"\nseverity = "high"\nphrase = "不归我管"\n' \
           'suggestion = "请稍等，我帮您问一下"\n' \
           'sources = [{{doc = "000.txt", article = "第三条"}}]\n\n'
    kept = []
    for order in (("x.b", "x.a"), ("x.a", "x.b")):
        path = tmp_path / f"{order[0]}.toml"
        path.write_text("".join(rule.format(id=rule_id) for rule_id in order), encoding="utf-8")
        kept.append([f.rule for f in Matcher(load_lexicon([path], defaults=False)).find("这事不归我管")])
    assert kept == [["x.a"], ["x.a"]]



def test_words_inside_a_mentioned_phrase_are_mentioned_too():
    """A guard that reads 这个不归我管 as mentioned (不能说 just before it) makes the 不归我管 inside it, a shorter
    wording of the same rule, a mention too: it was flagged when a sentence end read in the unmarked run kept 不能说
    out of its sentence."""
    said = "培训的时候讲了不能说这个不归我管要给人家指清楚路"
    assert [f.rule for f in Matcher(load_lexicon()).find(said) if f.kind == "prohibited"] == []
    assert [f.rule for f in Matcher(load_lexicon()).find("这个不归我管要给人家指清楚路")] == ["prohibited.shirk.not-my-business"]


@pytest.mark.parametrize(("text", "flagged"), [
    # a metro/telecom trial: the greeting's 有什么可以帮您, in one unpunctuated ASR turn, excused the shirking after it
    ("您好这边是电信客服请问有什么可以帮您嗯嗯宽带断了那个不归我们这边管您自己去找物业吧我们这边处理不了的", True),
    ("这个不归我们管，但是我可以帮您问问", False),   # help offered still excuses it
])
def test_a_greetings_offer_of_help_does_not_excuse_what_follows(text, flagged):
    shipped = Matcher(load_lexicon())
    assert ("prohibited.shirk.not-my-business" in {f.rule for f in shipped.find(text)}) is flagged
