"""The default lexicon is data: test the data itself (codespell-style) and run its own examples."""

import csv
from pathlib import Path

import pytest

from phrasecheck.lexicon.load import default_lexicon_files, load_lexicon
from phrasecheck.lexicon.model import SLOT_PATTERN
from phrasecheck.matching import Matcher
from phrasecheck.normalize import normalize

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
QUOTES = Path(__file__).parent / "data" / "seed_quotes.tsv"
LEXICON = load_lexicon()
MATCHER = Matcher(LEXICON)
RULES = {rule.id: rule for rule in LEXICON.rules}
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/seeds not present")


def rule_ids(text, kind=None):
    return {f.rule for f in MATCHER.find(text) if kind is None or f.kind == kind}


def fill_slots(phrase):
    """A real sentence for a phrase with placeholders: each slot becomes a plausible name."""
    return SLOT_PATTERN.sub("社保", phrase)


def test_the_default_lexicon_is_shipped_and_substantial():
    names = {path.name for path in default_lexicon_files()}
    assert {"courtesy.toml", "prohibited.toml"} <= names
    assert len(LEXICON.of_kind("prohibited")) >= 15
    assert len(LEXICON.of_kind("courtesy")) >= 30


@pytest.mark.parametrize("rule", LEXICON.rules, ids=lambda r: r.id)
def test_every_rule_cites_a_source_and_prohibited_rules_have_severity_and_suggestion(rule):
    assert rule.sources and all(source.doc and source.article for source in rule.sources)
    if rule.kind == "prohibited":
        assert rule.severity in ("low", "medium", "high", "critical")
        assert rule.suggestion


@pytest.mark.parametrize("rule", LEXICON.rules, ids=lambda r: r.id)
def test_every_rule_has_examples_and_they_hold(rule):
    assert rule.flag, "each rule carries at least one must-flag example"
    for example in rule.flag:
        assert rule.id in rule_ids(example), f"not flagged: {example}"
    for example in rule.passes:
        assert rule.id not in rule_ids(example), f"wrongly flagged: {example}"


@pytest.mark.parametrize("rule", LEXICON.rules, ids=lambda r: r.id)
def test_every_wording_is_found_in_a_sentence_containing_it(rule):
    for form in rule.forms:
        sentence = f"同志，{fill_slots(form)}。"
        assert rule.id in rule_ids(sentence), f"{form!r} not found in {sentence!r}"


def test_no_suggestion_is_itself_prohibited():
    for rule in LEXICON.of_kind("prohibited"):
        assert not rule_ids(fill_slots(rule.suggestion), "prohibited"), rule.id


def test_no_courtesy_phrase_contains_a_prohibited_one_or_the_reverse():
    courtesy = {r.id: [normalize(SLOT_PATTERN.sub("", f)).text for f in r.forms] for r in LEXICON.of_kind("courtesy")}
    prohibited = {r.id: [normalize(SLOT_PATTERN.sub("", f)).text for f in r.forms] for r in LEXICON.of_kind("prohibited")}
    for good_id, goods in courtesy.items():
        for bad_id, bads in prohibited.items():
            for good in goods:
                for bad in bads:
                    assert bad not in good and good not in bad, (good_id, bad_id)


@needs_seeds
@pytest.mark.parametrize("rule", LEXICON.rules, ids=lambda r: r.id)
def test_source_lines_point_at_the_phrase_in_the_document(rule):
    for source in rule.sources:
        if not source.line:
            continue
        lines = (SEEDS / source.doc).read_text(encoding="utf-8").splitlines()
        line = lines[source.line - 1]
        if rule.forms:
            assert any(_core(form) in normalize(line).folded for form in rule.forms), (source, rule.forms)
        elif rule.kind == "informal":  # the article asking for the polite form (礼貌称呼, 您好 …)
            assert "称呼" in line and "您" in line, source
        else:  # a family-only rule cites the article that forbids that kind of talk
            assert any(word in line for word in ("禁止", "不得", "严禁", "杜绝")), source


def _core(form):
    """The longest literal piece of a wording, normalised (placeholders split it)."""
    return max((normalize(part).folded for part in SLOT_PATTERN.split(form)), key=len)


def seed_quotes():
    with QUOTES.open(encoding="utf-8") as stream:
        return list(csv.DictReader(stream, delimiter="\t"))


@pytest.mark.skipif(not QUOTES.exists(), reason="no golden list")
@pytest.mark.parametrize("quote", seed_quotes() if QUOTES.exists() else [], ids=lambda q: f"{q['doc'][:3]}:{q['line']}:{q['text']}")
def test_every_quoted_phrase_of_the_documents_is_found_with_its_kind(quote):
    sentence = f"好的，{fill_slots(quote['text'])}。"
    kinds = {f.kind for f in MATCHER.find(sentence)}
    assert quote["kind"] in kinds, sentence


#: Polite sentences that staff say beside a rude one in a real turn; none of them takes the rude one back.
POLITE_BESIDE = ("您好。{}", "不好意思。{}", "{}。请您带上身份证。", "{}。谢谢您的理解。", "{}。麻烦您填一下这张表。")


@pytest.mark.skipif(not QUOTES.exists(), reason="no golden list")
@pytest.mark.parametrize("quote", [q for q in seed_quotes() if q["kind"] == "prohibited"] if QUOTES.exists() else [],
                         ids=lambda q: f"{q['doc'][:3]}:{q['line']}:{q['text']}")
def test_a_polite_sentence_beside_a_prohibited_phrase_does_not_excuse_it(quote):
    """Polite words excuse a match only in its own sentence (none_in_sentence): 请您稍等。这事不归我管，问别人去
    is still a brush-off, 别啰嗦，快点讲。请您带上身份证 still impatient (each was passed before)."""
    phrase = fill_slots(quote["text"]).rstrip("。！？!?")
    for context in POLITE_BESIDE:
        assert "prohibited" in {f.kind for f in MATCHER.find(context.format(phrase))}, context.format(phrase)


@pytest.mark.parametrize("text, flagged", [
    ("请您稍等。这事不归我管，问别人去", True),        # a wait asked before a brush-off takes nothing back
    ("这个我不知道。请您稍等一下", False),             # asked after a don't-know, it is going to find out
    ("系统坏了，没办法。请您稍等，我们正在抢修", False),  # waiting out a repair, not shrugging
    ("领导开会去了，今天签不了。请您下午三点再来一趟", False),  # a time given
    ("这个我们管不了。我给您写个条子，您拿着去街道", False),  # something done
    ("今天号放完了，明天再来吧。给您登记上了，明早直接叫您", False),
    ("不客气，路上注意安全，下次有事再来找我们。", False),  # an invitation, not a sending away
    # a second review: farewell words, a word about nerves or a recovery to come take nothing back
    ("都下班了，明天再来吧，下次有事早点来", True), ("我们下班了，你明天再来，今天不登记了", True),
    ("下班了，明天再来，注意安全", True), ("下班了下班了，欢迎下次再来", True), ("别紧张，有话快说，后面还排着队呢", True),
    ("网断了我也没办法，等恢复了再说吧", True),
    # “I have told you” is no offer: 我给您说过了 reproaches (a second review)
    ("我给您讲过多少次了，材料没带齐是你自己的问题", True), ("你去投诉吧，我给您说过了不行就是不行", True),
    ("按规定就是这样。不好意思，我给您找找文件依据", False),
    # naming who does handle it, and where, is a referral
    ("这个归街道计生办管，不在我们这办理，计生办在幸福路十二号二楼", False),
    # between real staff turns of the shared corpora, as one turn of a call: the sentence before takes nothing back
    # (each was excused by it: 帮您, 可以 near enough)
    ("已经帮您催促核实了,您注意接听电话。条例上白纸黑字，听明白没有。您好,请您以私信的形式提供您遇到的具体问题,谢谢。", True),
    ("如您需要单宽带业务,可以到当地自有营业厅咨询办理哦。跟你说你也听不懂，算了。地址您记好了，北京市通州区觅西路路口西侧1千米(近天下第一城)。", True),
    # and an independent review's: a welcome before impatience, a stock closing after a brush-off
    ("您好，欢迎光临。别啰嗦了，直接说重点。请问您办理什么业务？", True), ("这事不归我管，别打了。请问还有什么可以帮您？", True),
    # but help already given takes a brush-off back (none_within = "around"), and a space beside a mark is no pause
    ("我刚帮您打听了一下。具体的我也不清楚，文件还没下来。", False), ("我刚帮您问了一下, 具体的我也不清楚, 文件还没下来.", False),
    # speech recognition writing its pauses as spaces: a pause may end a sentence, so what was said before it takes
    # nothing back (not even 您); what follows it still may
    ("已经帮您催促核实了 您注意接听电话 条例上白纸黑字 听明白没有", True), ("这俺也不知道 恁等会儿 俺去问问", False),
    # a second blind review's whole turns: a sentence that acts counts whole (its 慢慢讲 too); polite sentences
    # around a prohibited one, or another sentence's 抱歉, take nothing back
    ("您先别说了。您嗓子都哑了，先喝口水坐下，慢慢讲，我都记着。", False),
    ("烦死了。这系统一天卡八回，真不是冲您，您再等我一下，马上就好。", False),
    ("您好，这里是12345。这种鸡毛蒜皮的小事也打热线，你们是闲的吧。请问您的联系电话是？", True),
    ("这事不归我管。很抱歉，系统没有查到您的记录。", True),
])
def test_what_the_next_sentence_does_decides_whether_it_excuses(text, flagged):
    """An independent review's cases: polite words excuse only their own sentence, offers and actions the whole line."""
    assert bool(rule_ids(text, "prohibited")) is flagged


REAL_HEDGES = [
    "不知道您方便吗",
    "不知道您带身份证了没有",
    "不管怎样我们都会帮您办好",
    "我们想办法帮您解决",
    "我们这儿规定不能说“不归我管”",
    "您好像没带身份证",
]


@pytest.mark.parametrize("text", REAL_HEDGES)
def test_hard_negatives_from_the_issue_are_not_prohibited(text):
    assert not rule_ids(text, "prohibited")


@pytest.mark.parametrize(("quoted", "said"), [
    ("培训时讲过，“这是规定，你懂不懂”是典型的打官腔。", "这是规定，你懂不懂？"),       # a match running on past the quote
    ("我们说过不能跟居民讲“快点，我要下班了”，下班前也要办完。", "你讲快点，我要下班了。"),  # one word outside, one inside
    ("我们说过不能跟居民讲：“快点，我要下班了”。", "你讲快点，我要下班了。"),  # a colon before the quote
])
def test_a_match_partly_inside_quotation_marks_is_a_quotation(quoted, said):
    assert not rule_ids(quoted, "prohibited")
    assert rule_ids(said, "prohibited")


def test_the_you_of_a_quoted_phrase_is_not_said():
    """An outside trial's staff draft: the 你 inside a quoted prohibited phrase addresses no one."""
    assert not rule_ids("快下班的时候也不能说“我要下班了，你快点”，要耐心听完。", "informal")
    assert rule_ids("你要耐心听完。", "informal")


@pytest.mark.parametrize("text", [
    # named after it as an example not to follow, without quotation marks (a third review)
    "没看见这么多人排队吗？这是反面例子，正确说法是“今天人比较多，请您稍等”。",
    "不想跑就别来办了——这是典型的服务禁语，大家引以为戒。",
    "他没看见我在忙吗？——这是培训中列出的禁语，请大家不要这样说。",
])
def test_a_phrase_named_after_it_as_an_example_not_to_follow_is_a_mention(text):
    assert not rule_ids(text, "prohibited")


@pytest.mark.parametrize(("text", "flagged"), [
    ("不知道你们谁能帮这位大爷看一下？", False), ("不知道你们谁熟悉医保，帮这位大爷看一下", False),
    ("不知道，你们谁能帮就找谁去", True),   # a brush-off that only sounds like asking colleagues (a second review)
])
def test_asking_colleagues_for_help_is_no_brush_off(text, flagged):
    assert bool(rule_ids(text, "prohibited")) is flagged


@pytest.mark.parametrize(("text", "said"), [
    # one's own words in quotation marks are said (an independent staff review: every quote was skipped)
    ("我当时跟他说：“不知道，你问别人去。”", True), ("答复口径：“这是规定，你懂不懂？”", True),
    ("“别啰嗦，快点讲！”我冲他喊了一句。", True),
    # not told to me, not never said, not someone else of ours, not taken back
    ("居民跟我说：“你们这儿就是不归我管那一套。”", False), ("我从来不对居民说“不知道”。", False),
    ("哈哈，我们主任说，“不归我管”这几个字在我们这儿是要扣绩效的。", False),   # dev19 X19455
    ('我刚才跟您说"我已经讲过了，你怎么还问"，那句话很不礼貌，对不起，我重新跟您说。', False),   # dev21 X21921
    # a second review: someone else's words quoted inside one's own, and a take-back in other words
    ("我说：“他们那边的人跟我讲‘你问别人去’，我觉得这样不对。”", False),
    ("我跟他说：“不知道，你问别人去。”说完我就觉得不妥，马上向他道了歉。", False),
])
def test_ones_own_words_in_quotation_marks_are_said(text, said):
    assert bool(rule_ids(text, "prohibited")) is said


@pytest.mark.parametrize("text", ["不是早就跟你说了“带原件”了吗？", "早就告诉你了“要原件”，怎么还是没带？"])
def test_a_quoted_instruction_inside_ones_own_reproach_is_no_quotation(text):
    assert rule_ids(text, "prohibited")


@pytest.mark.parametrize("text", ["我们不能只说一句不知道，要帮群众问清楚。", "窗口禁止对群众说不知道。",
                                  # as speech recognition writes them, without quotation marks (dev9 10081, 9565, 9755)
                                  "院长开会说了 跟家属讲有意见找领导反映这种话是推卸 不能讲",
                                  "您反映的那句已经告诉你一遍了还不懂 确实是我们禁止的用语 我们会严肃处理",
                                  "新员工培训都要背禁语的 比如我不明白你去问别人 所以您问我 我一定给您答清楚",
                                  # another's words reported in a complaint's follow-up (dev11 11807, 11817)
                                  "您好关于您投诉的工作人员说你去找别人这个事我们已经调查了",
                                  "对于您反映的工作人员态度问题包括说别啰嗦快点讲我们深表歉意",
                                  # someone else's words reported and judged, as speech recognition writes them
                                  # (dev7 7410, dev8 8246, dev11 11637)
                                  "他那天说 怪你自己  太不应该了 我们已经批评他了",
                                  "刚才我的同事说 都说过了你还问  这个态度不对 我向您道歉",
                                  "您说他跟您讲 怕麻烦就别办 是吗 我记下来了"])
def test_a_rule_about_a_phrase_mentions_it(text):
    assert not rule_ids(text, "prohibited")


@pytest.mark.parametrize("text", ["有意见找领导反映去，这种话别跟我说", "不归我管，这是我们的规定", "这事不归我管，问别人去，这话我说过了",
                                  # an independent review: talk about one's words that does not judge them, or defies
                                  "你听不懂人话吗？这话是我说的，怎么了", "你这人真笨，这话算客气的了", "说了你也不懂 这话是事实",
                                  "你去投诉好了，是禁语又怎样，我不怕", "你去投诉好了，这就是我们禁止的用语吗？我不在乎",
                                  # the staff's own words, no one else's reported
                                  "我说你去找别人吧，这事我们管不了", "别啰嗦，快点讲",
                                  # a colleague cited to send the resident off, judged by no one
                                  "我同事说了 这事不归我们管 你去问社保局", "他说了 你自己搞错了怪谁 你找我也没用"])
def test_words_about_talk_after_a_phrase_that_judge_nothing_are_no_mention(text):
    assert rule_ids(text, "prohibited")


@pytest.mark.parametrize("text", ["这事不归我管，问别人去。开玩笑的刘姐，您坐，我这就给您查。",
                                  "您快点讲 逗您玩呢 您慢慢说 我听着",
                                  "别啰嗦了，跟您闹着玩的，大爷您接着说。"])
def test_a_phrase_taken_back_at_once_as_a_joke_is_not_said(text):
    assert not rule_ids(text, "prohibited")


@pytest.mark.parametrize("text", ["你开什么玩笑，这事不归我管，问别人去。", "别开玩笑了，快点讲，后面还有人。",
                                  "不归我管，问别人去，你跟我开玩笑呢？"])
def test_a_joke_told_off_takes_nothing_back(text):
    assert rule_ids(text, "prohibited")


@pytest.mark.parametrize("text", [
    # an independent review's lines: the excuse said, then the rudeness goes on
    "你是不是听不懂人话，开玩笑的，听不懂就回家让你儿子来。", "你咋这么笨呢，逗您玩呢，哈哈，不过笨成你这样的还真少见。",
    "不是您笨，是笨到家了，这么简单的表都填错三回。", "我可没说您傻，傻子都比您明白。",
    "我刚来的时候也笨手笨脚，可笨成这德行的，全大厅就这一位。",
    "唔使再嚟搞事，我哋已经收工，你企喺度都冇用。", "那个人说得对，你这种人就该滚出去，对吧。",
    "您反映我态度不好？没空，不办，有本事让领导处分我去。", "嗯 不归我们管 居委会负责 你找他们去 别杵这儿了 碍事",
    "不归我管，电话62718800，打过去问，问不明白也别回来找我。"])
def test_an_excuse_followed_by_more_rudeness_excuses_nothing(text):
    assert rule_ids(text, "prohibited")


@pytest.mark.parametrize("text", ["不是您笨，是字太小了，我给您放大一点您再看。", "我可没说您蠢，您问得很好，这条政策刚改。",
                                  "这块儿我们管不着，我给街道问问，有信儿了第一时间告诉您。",
                                  "不是我们的业务，您可以打电话八三二一六六〇八，那边有专人负责。",
                                  "额这脑子不够用，刚才把章盖反咧，对不住，额重新盖。"])
def test_a_denial_a_referral_or_ones_own_clumsiness_is_no_fault(text):
    assert not rule_ids(text, "prohibited")


def test_a_mention_is_read_in_its_own_line_only():
    """In a draft each line is an utterance: a judgement on the next line, or a 禁语有 on the one before, mentions nothing here."""
    lines = ["你去投诉好了", "这句话是我们新的服务口号，您的满意是我们的追求", "禁语有好几条", "不知道"]
    found = MATCHER.find_many(lines)
    assert [bool([f for f in line if f.kind == "prohibited"]) for line in found] == [True, False, False, True]


def test_a_word_that_merely_starts_like_a_greeting_is_not_one():
    assert not [f for f in MATCHER.find("您好像没带身份证") if f.text.startswith("您好")]
