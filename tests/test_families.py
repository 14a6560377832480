"""Family rules: conditions on words and synonym classes, as users write them in a lexicon."""

import json
import random
from pathlib import Path

import pytest

from phrasecheck.api import Engine
from phrasecheck.lexicon.load import LexiconError, load_lexicon
from phrasecheck.matching import Matcher
from phrasecheck.normalize import normalize

HEADER = '''
[classes]
you = ["你", "您", "你们", "这人", "你这人"]
stupid = ["笨", "蠢", "傻", "没脑子", "缺心眼"]
know = ["知道", "晓得", "清楚"]
'''
RULE = '''
[[rule]]
id = "{id}"
kind = "prohibited"
category = "测试"
severity = "high"
suggestion = "请您再说一遍"
sources = [{{ doc = "x", article = "y" }}]
{body}
'''


def lexicon(tmp_path, *bodies: str, header: str = HEADER):
    path = tmp_path / "rules.toml"
    path.write_text(header + "".join(RULE.format(id=f"t.r{n}", body=body) for n, body in enumerate(bodies)),
                    encoding="utf-8")
    return path


def flagged(tmp_path, body: str, texts: list[str]) -> list[str]:
    matcher = Matcher(load_lexicon([lexicon(tmp_path, body)], defaults=False))
    return [text for text in texts if matcher.find(text)]


def test_all_in_order_with_classes_and_exclusions(tmp_path):
    body = 'match = { all = ["@you", "@stupid"], ordered = true }\nnone = ["我|一点也不|别说"]'
    texts = ["你这人真笨", "你们咋这么没脑子", "您也太傻了吧", "笨的是你", "我真笨", "你一点也不笨", "别说你笨"]
    assert flagged(tmp_path, body, texts) == ["你这人真笨", "你们咋这么没脑子", "您也太傻了吧"]


def test_unordered_any_and_at_least(tmp_path):
    assert flagged(tmp_path, 'match = { all = ["@you", "@stupid"] }', ["笨的是你", "你好"]) == ["笨的是你"]
    assert flagged(tmp_path, 'match = ["快点", { all = ["赶紧", "说"] }]', ["快点", "赶紧说", "赶紧"]) == ["快点", "赶紧说"]
    body = 'match = { at_least = 2, of = ["下班", "明天", "再来"] }'
    assert flagged(tmp_path, body, ["下班了明天再来", "明天再来取", "下班了"]) == ["下班了明天再来", "明天再来取"]


def test_a_family_stays_in_its_clause_or_within_its_characters(tmp_path):
    assert flagged(tmp_path, 'match = { all = ["@you", "@stupid"] }', ["你来了。真笨"]) == []
    body = 'match = { all = ["不", "@know"] }\nwithin = 4'  # characters of normalised text: punctuation does not count
    assert flagged(tmp_path, body, ["不晓得", "不，我晓得", "不是说了我已经晓得"]) == ["不晓得", "不，我晓得"]


def test_a_class_word_said_in_homophones_counts_and_a_longer_word_does_not(tmp_path):
    """Words of three characters or more count when speech recognition writes them with same-pinyin
    characters; a short word inside a longer one (笨 in 笨重) is not the word."""
    body = 'match = { all = ["@you", "@stupid"], ordered = true }'
    assert flagged(tmp_path, body, ["你是不是缺心演啊", "你这个太笨重了", "你傻眼了吧"]) == ["你是不是缺心演啊"]


def test_exclusions_cancel_a_match_anywhere_near_it_in_the_same_line(tmp_path):
    body = 'match = { all = ["不", "@know"] }\nnone = ["我问|帮您"]'
    assert flagged(tmp_path, body, ["这我还真不晓得，等我问问", "不晓得，你自己去查"]) == ["不晓得，你自己去查"]
    matcher = Matcher(load_lexicon([lexicon(tmp_path, body)], defaults=False))
    assert [bool(found) for found in matcher.find_many(["不晓得。", "我问问"])] == [True, False]  # lines apart


def test_exclusions_may_count_only_in_the_match_s_own_sentence(tmp_path):
    """none_within = "sentence": a reproach asked is not taken back by the next sentence's offer (dev5 pair 565);
    by default the next sentence takes it back only by what it offers or does (我给您写下来), not by a word said there
    of something else (没关系)."""
    body = 'phrase = "怎么还要问"\nnone = ["我给您|没关系"]\nnone_within = "{}"'
    texts = ["讲过了，怎么还要问？我给您写下来", "讲过了。怎么还要问", "没关系，怎么还要问我都给您讲", "怎么还要问。没关系",
             "怎么还要问。我给您写下来"]
    assert flagged(tmp_path, body.format("line"), texts) == ["讲过了。怎么还要问", "怎么还要问。没关系"]
    assert flagged(tmp_path, body.format("sentence"), texts) == ["讲过了，怎么还要问？我给您写下来", "讲过了。怎么还要问",
                                                                 "怎么还要问。没关系", "怎么还要问。我给您写下来"]


def test_beyond_its_sentence_a_match_is_taken_back_only_by_an_answer_or_an_act(tmp_path):
    """Past the match's sentence its ``none`` counts in the answer to a question (or to a few words exclaimed) and in
    sentences that offer or do something (我…, 给您…); a neighbouring sentence about something else takes nothing back."""
    body = 'phrase = "研究研究再说"\nnone = ["不用|可以|抱歉"]'
    texts = ["研究研究再说？不用，今天就定", "研究研究再说。不好意思，电话是12345", "研究研究再说。我可以先登记",
             "研究研究再说。很抱歉，系统没有查到", "研究研究再说？好。可以的话明天来", "这个事研究研究再说！不用，今天就定"]
    assert flagged(tmp_path, body, texts) == ["研究研究再说。不好意思，电话是12345", "研究研究再说。很抱歉，系统没有查到",
                                              "这个事研究研究再说！不用，今天就定"]  # five characters exclaimed at most
    assert flagged(tmp_path, body + '\nnone_within = "around"', ["我可以先登记。研究研究再说", "可以。研究研究再说"]) == [
        "可以。研究研究再说"]  # before it too, only what is done counts


def test_exclusions_may_count_in_the_answer_but_not_in_help_given_after(tmp_path):
    """none_within = "answer": scorn is taken back by the answer to it when it asks (穷讲究？不，这叫有生活品质) but not
    by help given after it (这么个机器都不会弄，真够呛。我来帮您操作: a dev pair's defect the default let pass)."""
    body = 'phrase = "真够呛"\nnone = ["没有|我来"]\nnone_within = "{}"'
    texts = ["机器都不会弄，真够呛。我来帮您操作", "真够呛？没有，挺好的", "真够呛。不过没有关系"]
    assert flagged(tmp_path, body.format("line"), texts) == ["真够呛。不过没有关系"]
    assert flagged(tmp_path, body.format("answer"), texts) == ["机器都不会弄，真够呛。我来帮您操作", "真够呛。不过没有关系"]
    assert flagged(tmp_path, body.format("sentence"), texts) == texts


def test_in_speech_recognition_spaced_by_phrase_a_pause_may_end_the_sentence(tmp_path):
    """Without marks, the match's sentence reaches past its phrase by at least ten characters, to the end of the
    phrase they reach; after that only what is offered or done counts."""
    body = 'phrase = "研究研究再说"\nnone = ["人太多|帮您"]'
    texts = ["研究研究再说 您先坐一会儿 人太多了", "研究研究再说 您先坐一会儿 这个时候办事的 实在是太多了 人太多",
             "研究研究再说 您先坐一会儿 这个时候办事的 实在是太多了 我帮您问问"]
    assert flagged(tmp_path, body, texts) == ["研究研究再说 您先坐一会儿 这个时候办事的 实在是太多了 人太多"]


def test_a_one_character_exclusion_counts_only_close_by_in_a_clause_without_marks(tmp_path):
    """Speech recognition without marks makes a whole turn one clause: a 您 eight characters or more away is another
    sentence's."""
    body = 'phrase = "研究研究再说"\nnone = ["您"]'
    texts = ["研究研究再说您先坐", "研究研究再说这个时候办事的人实在是太多了您先坐", "您看这个事研究研究再说"]
    assert flagged(tmp_path, body, texts) == ["研究研究再说这个时候办事的人实在是太多了您先坐"]


def test_in_a_clause_that_lost_its_marks_an_exclusion_before_the_match_counts_only_close_by(tmp_path):
    """A clause of more than 40 characters is speech recognition without marks: what was said 12 characters or more
    before the match is likely another sentence, and takes nothing back; what follows still may."""
    body = 'phrase = "你自己看着办"\nnone = ["抱歉"]'
    texts = ["真抱歉只能你自己看着办这个时候办事的人实在是太多了您先到旁边坐一会儿等一下我们马上叫号",
             "很抱歉没有查到您说的那家酒店的评分信息你自己看着办这个时候办事的人实在是太多了等着吧",
             "你自己看着办这个时候办事的人实在是太多了您先到旁边坐一会儿很抱歉等一下我们马上叫号",
             "很抱歉没有查到您说的那家酒店你自己看着办"]  # a short clause is read as before
    assert flagged(tmp_path, body, texts) == ["很抱歉没有查到您说的那家酒店的评分信息你自己看着办这个时候办事的人实在是太多了等着吧"]


@pytest.mark.xfail(strict=True, reason="the sentence-end model reads 很抱歉｜你自己看着办 as two sentences: an apology a comma "
                   "would have kept before the match is cut off (README, sentence ends where none were written)")
def test_an_apology_just_before_the_match_in_a_run_without_marks_still_counts(tmp_path):
    body = 'phrase = "你自己看着办"\nnone = ["抱歉"]'
    assert flagged(tmp_path, body, ["很抱歉你自己看着办这个时候办事的人实在是太多了您先到旁边坐一会儿等一下我们马上叫号"]) == []


def test_some_exclusions_count_line_wide_and_others_only_in_the_match_s_sentence(tmp_path):
    """none_in_sentence beside none: an offer excuses a reproach only in its own sentence (我刚讲过，怎么还要问？
    我给您写下来 is still one), a welcome anywhere near (又来问了？快请坐)."""
    body = 'phrase = "怎么还要问"\nnone = ["快请坐"]\nnone_in_sentence = ["我给您|俺再给|没关系"]'
    texts = ["没关系，怎么还要问我都给您讲", "讲过了，怎么还要问？我给您写下来", "怎么还要问？快请坐",
             "怎么还要问，俺再给您讲", "讲过了。怎么还要问。俺再给您讲"]
    assert flagged(tmp_path, body, texts) == ["讲过了，怎么还要问？我给您写下来", "讲过了。怎么还要问。俺再给您讲"]


def test_a_finding_quotes_from_the_first_word_to_the_last(tmp_path):
    matcher = Matcher(load_lexicon([lexicon(tmp_path, 'match = { all = ["@you", "@stupid"], ordered = true }')],
                                   defaults=False))
    [finding] = matcher.find("唉，你这人 怎么这么笨呢")
    assert (finding.text, finding.match, finding.rule) == ("你这人 怎么这么笨", "family", "t.r0")


def test_quotation_applies_to_families_and_guards_to_the_wording_inside_them(tmp_path):
    body = 'phrase = "不知道"\nmatch = { all = ["我|我也", "不晓得|不知道"] }\nnot_after = ["您", "能不能"]\nnot_before = ["你"]'
    texts = ["我不晓得", "我也不知道您家情况", "规定不能说“我不知道”", "你问我，我不晓得", "我不知道能不能办"]
    assert flagged(tmp_path, body, texts) == ["我不晓得", "你问我，我不晓得"]


@pytest.mark.parametrize(("body", "message"), [
    ('match = { all = ["@you", "@dumb"] }', "@dumb"),
    ('match = { not = "你" }', "belongs inside an all"),
    ('match = { all = [{ not = "你" }] }', "requires no word"),
    ('match = { any = [] }', "non-empty list"),
    ('match = { some = ["你"] }', "must be one"),
    ('match = { at_least = 3, of = ["你", "您"] }', "at_least"),
    ('match = "，。"', "nothing left to match"),
    ('match = "你"\nwithin = 0', "within"),
    ('match = "你"\nrole = "boss"', "role"),
    ('match = "你"\nnone = ["我"]\nnone_within = "clause"', "none_within"),
    ('match = { all = ["你", "笨"], gap = 2 }', "gap"),
    ('match = { all = ["你", "笨"], ordered = true, gap = -1 }', "gap"),
    ('phrase = "你好"\nnone = ["@nowhere"]', "@nowhere"),
    ('phrase = "你好"\nnone_in_sentence = ["@nowhere"]', "@nowhere"),
    ('phrase = "你好"\nnone_in_sentence = { some = ["我"] }', "must be one"),
])
def test_a_broken_family_is_reported_at_its_file_and_line(tmp_path, body, message):
    path = lexicon(tmp_path, 'phrase = "一句话"', body)
    with pytest.raises(LexiconError) as raised:
        load_lexicon([path], defaults=False)
    [problem] = raised.value.diagnostics
    assert problem.path == str(path) and problem.line > 10 and message in problem.message


ALTERNATIVES = ('match = [{ pattern = "去投诉" }, { pattern = "(吵|嚷)(什么|啥)(吵|嚷)", suggestion = "您别着急，慢慢说" }, '
                '{ pattern = "吵什么", suggestion = "请您坐下说" }]')


def test_an_alternative_of_a_family_may_suggest_its_own_reply(tmp_path):
    """吵什么吵 is no complaint to thank the resident for (an outside trial got 谢谢，欢迎您提宝贵意见): an alternative's own
    suggestion; where two find the same words, the first in the list's; the rule's for the others."""
    matcher = Matcher(load_lexicon([lexicon(tmp_path, ALTERNATIVES)], defaults=False))
    said = {finding.text: finding.suggestion for finding in matcher.find("你去投诉吧。你吵什么吵？")}
    assert said == {"去投诉": "请您再说一遍", "吵什么吵": "您别着急，慢慢说"}
    alone, joined = matcher.find("嚷什么嚷"), matcher.find_many(["吵什么", "好的", "嚷什么嚷"])
    assert [f.suggestion for f in alone] == [f.suggestion for f in joined[2]] == ["您别着急，慢慢说"]


def test_a_sites_suggestion_for_a_rule_replaces_its_alternatives_too(tmp_path):
    from phrasecheck.lexicon.load import with_overrides

    loaded = with_overrides(load_lexicon([lexicon(tmp_path, ALTERNATIVES)], defaults=False), suggestions={"t.r0": "请您讲"})
    assert {finding.suggestion for finding in Matcher(loaded).find("你去投诉吧。你吵什么吵？")} == {"请您讲"}


@pytest.mark.parametrize("suggestion", ['""', "3"])
def test_an_alternatives_suggestion_must_be_words(tmp_path, suggestion):
    path = lexicon(tmp_path, f'match = [{{ pattern = "去投诉" }}, {{ pattern = "吵什么吵", suggestion = {suggestion} }}]')
    with pytest.raises(LexiconError) as raised:
        load_lexicon([path], defaults=False)
    [problem] = raised.value.diagnostics
    assert problem.path == str(path) and problem.line > 10 and "suggestion" in problem.message


def test_a_phrase_rule_may_have_exclusions_too(tmp_path):
    assert flagged(tmp_path, 'phrase = "不知道"\nnone = ["我帮您|我问问"]', ["不知道", "不知道，我帮您问"]) == ["不知道"]


def test_classes_from_every_file_add_up(tmp_path):
    first = lexicon(tmp_path, 'match = { all = ["@you", "@stupid"] }')
    extra = tmp_path / "dialect.toml"
    extra.write_text('[classes]\nstupid = ["瓜娃子", "憨"]\n', encoding="utf-8")
    matcher = Matcher(load_lexicon([first, extra], defaults=False))
    assert [bool(matcher.find(text)) for text in ("你个瓜娃子", "你真憨", "你真笨")] == [True, True, True]


def test_the_parts_of_a_family_say_different_words(tmp_path):
    body = 'match = { all = ["你|快点|赶紧", "快点|赶紧|抓紧"] }'
    assert flagged(tmp_path, body, ["你快点", "快点快点赶紧", "快点", "赶紧给您反馈"]) == ["你快点", "快点快点赶紧"]


def test_a_short_word_inside_a_longer_word_is_not_said(tmp_path):
    body = 'match = { all = ["@you", "@stupid|瓜"] }'
    texts = ["你这人真笨", "你好蠢啊", "你这么瓜", "您要的拍黄瓜", "推荐您尝尝南瓜", "你这工具笨重"]
    assert flagged(tmp_path, body, texts) == ["你这人真笨", "你好蠢啊", "你这么瓜"]


def test_a_word_jieba_makes_of_the_family_s_own_words_is_said(tmp_path):
    """改天再来 is one jieba word made of the two parts 改天 + 再来; 黄瓜 is 瓜 with more."""
    body = 'match = { all = ["改天|明天", "再来|@stupid|瓜"], ordered = true }'
    assert flagged(tmp_path, body, ["你改天再来吧", "明天再来", "明天买点黄瓜"]) == ["你改天再来吧", "明天再来"]


def test_a_gap_keeps_ordered_parts_close_together(tmp_path):
    body = 'match = { all = ["@you", "记性", "差"], ordered = true, gap = 4 }'
    texts = ["你这记性真差", "您这个人记性也太差了", "你们上次说的那个地方记性差"]
    assert flagged(tmp_path, body, texts) == ["你这记性真差", "您这个人记性也太差了"]


def test_a_one_character_exclusion_counts_only_in_the_matchs_own_clauses(tmp_path):
    body = 'match = { all = ["@you", "@stupid"] }\nnone = ["我|我帮您"]'
    texts = ["你真笨，我不想说了", "我觉得你真笨", "你真笨，我帮您再看看", "你真笨，我要下班了"]
    assert flagged(tmp_path, body, texts) == ["你真笨，我不想说了", "你真笨，我要下班了"]


def test_an_alternative_is_evaluated_only_around_its_rarest_needed_words(tmp_path):
    """你 is said in almost every turn, 记性 seldom: 你 + 记性 + 差 is looked at where 记性 is
    said, and each alternative of a rule only around its own words."""
    body = ('match = [{ all = ["@you", "记性", "差|不好"], ordered = true }, { pattern = "对牛弹琴" },'
            ' { all = [{ not = "我" }, "缺心眼"] }]')
    matcher = Matcher(load_lexicon([lexicon(tmp_path, body)], defaults=False))
    [family] = matcher.families.families
    assert [anchors for _, anchors in family.branches] == [{"记性"}, {"对牛弹琴"}, {"缺心眼"}]
    text = normalize("你好，你看你这个表，你再填一下。您这记性真差。" * 50 + "真是对牛弹琴")
    windows = matcher.families.windows(text, matcher.families.hits(text))[family]
    assert len(windows) == 51 and sum(len(branches) for branches in windows.values()) == 51
    assert len(matcher.families.candidates(text)) == 51


def test_a_one_character_word_that_opens_no_window_is_looked_up_only_in_windows(tmp_path):
    """你, 您 and 我 open no window here (记性 and 缺心眼 do): the automaton does not look for them in the whole
    text, the windows that ask for them find them — the same findings, most of the automaton's hits spared."""
    body = ('match = [{ all = ["你|您", "记性", "差|不好"], ordered = true },'
            ' { all = [{ not = "我" }, "缺心眼"] }]')
    matcher = Matcher(load_lexicon([lexicon(tmp_path, body)], defaults=False))
    text = normalize("你好，你看你这个表，你再填一下。您这记性真差。" + "我缺心眼。他缺心眼。" + "你你你" * 20)
    hits = matcher.families.hits(text)
    assert "你" not in hits and "您" not in hits and "我" not in hits and "记性" in hits
    found = sorted((c.start, text.text[c.start:c.end]) for c in matcher.families.candidates(text))
    assert found == [(text.text.index("您这记性"), "您这记性真差"), (text.text.index("他缺心眼") + 1, "缺心眼")]


def test_a_negation_inside_an_a_not_a_question_excuses_nothing(tmp_path):
    """能不能说 holds no 不能说: an exclusion word for talk about banned phrases does not excuse 你能不能说重点 (an outside trial)."""
    body = 'match = "说重点|快点"\nnone = ["不能说"]'
    assert flagged(tmp_path, body, ["你能不能说重点，快点", "规定不能说快点"]) == ["你能不能说重点，快点"]


def test_help_denied_just_before_it_excuses_nothing(tmp_path):
    """帮你 offered excuses a brush-off; 不会帮你, 别指望我们帮你, 唔帮你 offer nothing (dev sets of four authors)."""
    body = 'match = "自己去查"\nnone = ["帮你"]\nwithin = 24'
    texts = ["你自己去查，我这边也不会帮你问", "你自己去查，别指望我们帮你弄", "你自己去查，唔帮你搞", "你自己去查吧，要不我帮你问问"]
    assert flagged(tmp_path, body, texts) == texts[:3]


def test_an_anchored_expression_holds_at_a_sentence_end_though_the_window_runs_on(tmp_path):
    """With ``within`` N the window crosses sentence ends; $ still holds where a sentence ends (你急什么。请您稍等一下),
    not where a comma goes on (你急什么，我这不是在办吗 reads on) nor inside a clause (你急什么事呀)."""
    body = 'match = [{ pattern = "(你|侬)急(什么|啥)$" }]\nwithin = 12'
    texts = ["你急什么。请您稍等一下。", "人多没办法，你急什么？请您稍等", "你急什么", "你急什么，我这不是在办吗", "你急什么事呀，慢慢说"]
    assert flagged(tmp_path, body, texts) == texts[:3]


CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"


def _default_matcher() -> Matcher:
    return Engine().matcher


def test_a_match_found_two_ways_stands_when_one_way_does_whatever_was_found_first():
    """Each way a family match is found (an alternative, a window) is checked on its own, and one that stands
    is enough: 别啰嗦 after the filler 那个 is a pattern's (别 + 啰嗦 alone would cross jieba's 个别). Which way
    came first had depended on the lines matched with it, so findings came and went with their neighbours."""
    matcher = _default_matcher()
    line = "你快点说吧后面还好多人呢别那个别啰嗦了"
    assert [f.text for f in matcher.find(line)] == ["你快点", "别啰嗦"]
    assert matcher.find_many(["请问您是户主本人吗？", line])[1] == matcher.find(line)


def test_a_word_of_the_stop_talking_class_is_no_finding_where_its_别_ends_another_word():
    """特别说了 (a CrossWOZ turn), 分别讲了: said of something, to nobody; 行了行了别说了 is a finding."""
    matcher = _default_matcher()
    assert matcher.find("记下了。我同学特别说了，想吃凯撒沙拉") == []
    assert matcher.find("两个方案我分别讲了，您挑一个") == []
    assert [f.text for f in matcher.find("行了行了别说了，我知道了")] == ["别说了"]


def test_a_fuzzy_match_at_the_very_start_of_a_text_is_looked_for_as_anywhere_else():
    """A phrase missing its first character at the start of a text has an estimated start of -1: that was taken
    for a place a candidate already covered, so 您再说一遍 was found after another line and not alone."""
    matcher = _default_matcher()
    line = "您再说一遍，刚才那个门牌号我没记清。"
    assert [f.rule for f in matcher.find(line)] == ["courtesy.ask.say-again"]
    assert matcher.find_many(["请问您是户主本人吗？", line])[1] == matcher.find(line)


@pytest.mark.skipif(not CORPORA.is_dir(), reason="shared/corpora not present")
def test_a_line_s_findings_do_not_depend_on_the_lines_matched_with_it():
    """Lines are matched in blocks (a file's, or many short files' together): each of 43,000 texts (the corpora's
    turns and every dev utterance) alone gives the same findings as amid 299 others, shuffled."""
    dev_sets = sorted(path for path in (Path(__file__).parent / "heldout" / "matching").glob("*.jsonl")
                      if path.name != "heldout.jsonl")
    texts = [json.loads(line)["text"] for path in dev_sets for line in path.open(encoding="utf-8") if line.strip()]
    texts += [turn["text"] for path in sorted(CORPORA.glob("*/dialogues.jsonl"))
              for line in path.open(encoding="utf-8") for turn in json.loads(line)["turns"] if turn.get("text")]
    random.Random(7).shuffle(texts)
    matcher = _default_matcher()
    together = [found for at in range(0, len(texts), 300) for found in matcher.find_many(texts[at:at + 300])]
    alone = [matcher.find(text) for text in texts]
    assert len(texts) > 40_000 and sum(map(bool, alone)) > 10_000
    assert together == alone
