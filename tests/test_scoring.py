"""Scoring against the standard scripts: who is judged, contextual replies, minimal edits, grades."""

import json
from functools import cache
from pathlib import Path

import pytest

from phrasecheck.lexicon.load import load_lexicon
from phrasecheck.matching import Matcher
from phrasecheck.models import Exchange, Turn
from phrasecheck.report.annotate import grade_note
from phrasecheck.scoring import Bands, Scorer, load_scripts, scorecard_json
from phrasecheck.scoring.scripts import default_script_files
from phrasecheck.transcripts import read_text_exchange

SMALL_LEXICON = """
[[rule]]
id = "c.hello"
kind = "courtesy"
category = "问候"
phrase = "您好"
sources = [{ doc = "000_8e94659fa9675679.txt", article = "第三条 1" }]

[[rule]]
id = "c.bye"
kind = "courtesy"
category = "告别"
phrase = "再见"
variants = ["您慢走，再见", "您慢走"]
sources = [{ doc = "000_8e94659fa9675679.txt", article = "第三条 2" }]

[[rule]]
id = "c.wait"
kind = "courtesy"
category = "等候"
phrase = "请稍等"
variants = ["请您稍等"]
sources = [{ doc = "000_8e94659fa9675679.txt", article = "第三条 1" }]

[[rule]]
id = "c.our-duty"
kind = "courtesy"
category = "答谢"
phrase = "谢谢，这是我们应该做的"
sources = [{ doc = "000_8e94659fa9675679.txt", article = "第三条 4" }]

[[rule]]
id = "c.phone-open"
kind = "courtesy"
category = "电话开场"
phrase = "您好，这里是хх社区居委会"
sources = [{ doc = "000_8e94659fa9675679.txt", article = "第四条 2" }]

[[rule]]
id = "p.dunno"
kind = "prohibited"
category = "搪塞"
severity = "low"
phrase = "不知道"
suggestion = "请稍等，我帮您问一下"
not_after = ["您"]
sources = [{ doc = "000_8e94659fa9675679.txt", article = "第三条 5" }]

[[rule]]
id = "p.stupid"
kind = "prohibited"
category = "侮辱/贬低"
severity = "critical"
phrase = "你这人真笨"
suggestion = "我再给您解释一遍"
sources = [{ doc = "000_8e94659fa9675679.txt", article = "第三条 5" }]

[[rule]]
id = "informal.address.ni"  # the reception script's courtesy item charges its findings
kind = "informal"
category = "称呼"
match = { pattern = "你(?!们)" }
suggestion = "您"
sources = [{ doc = "000_8e94659fa9675679.txt", article = "第三条 1" }]
"""

GOOD_VISIT = """
工作人员：您好，请问您办什么事情？
居民：你好，我想办居住证，需要带什么材料？
工作人员：请您带上身份证、户口本和两张照片，材料清单我给您一份。
居民：好的，你们服务真热情，谢谢。
工作人员：谢谢，这是我们应该做的。
居民：那我明天再来，再见。
工作人员：好的，您慢走，再见。
"""

GOOD_CALL = """
工作人员：您好，这里是阳光社区居委会，请讲。
居民：你好，请问王主任在吗？
工作人员：对不起，王主任不在，请您留下电话号码，让她给您回话。
居民：好的，我的电话是13800000000。
工作人员：好的，我记下了。请问还有其他事吗？
居民：没有了，谢谢，再见。
工作人员：不客气，再见。
"""

#: One defect each: (name, script, edit of the good conversation, the item that must lose points).
DEFECTS = [
    ("prohibited phrase", GOOD_VISIT, ("请您带上身份证", "不知道，请您带上身份证"), "prohibited"),
    ("no greeting", GOOD_VISIT, ("您好，请问您办什么事情？", "请问您办什么事情？"), "greeting"),
    ("no farewell", GOOD_VISIT, ("好的，您慢走，再见。", "好的。"), "farewell"),
    ("praise not acknowledged", GOOD_VISIT, ("谢谢，这是我们应该做的。", "好的。"), "responses"),
    ("你 instead of 您", GOOD_VISIT, ("您", "你"), "courtesy"),
    ("office not named on the phone", GOOD_CALL, ("您好，这里是阳光社区居委会，请讲。", "您好，请讲。"), "org_identified"),
    ("no message taken for an absent colleague", GOOD_CALL, ("请您留下电话号码，让她给您回话。", "您晚点再说吧。"), "responses"),
]


def exchange(text: str, exchange_id: str = "t1", channel: str | None = None) -> Exchange:
    """An exchange from ``工作人员：…`` / ``居民：…`` lines."""
    turns = []
    for index, line in enumerate(line for line in text.strip().splitlines() if line.strip()):
        speaker, _, said = line.partition("：")
        turns.append(Turn(index, speaker, "staff" if speaker == "工作人员" else "resident", said, index + 1))
    return Exchange(exchange_id, "test.txt", turns, channel=channel)


@pytest.fixture(scope="module", params=["small", "default"])
def scorer(request, tmp_path_factory):
    """A scorer with the default scripts, on a small test lexicon and on the shipped one."""
    if request.param == "default":
        return _shipped()
    path = tmp_path_factory.mktemp("lexicon") / "small.toml"
    path.write_text(SMALL_LEXICON, encoding="utf-8")
    return Scorer(Matcher(load_lexicon([path], defaults=False)), load_scripts())


def lost(card) -> dict:
    return {item.item.key: item.lost for item in card.items if item.lost}


def test_a_good_visit_and_a_good_call_earn_full_marks(scorer):
    visit, call = scorer.score(exchange(GOOD_VISIT)), scorer.score(exchange(GOOD_CALL))
    assert (visit.script.name, call.script.name) == ("reception", "phone")
    assert (visit.score, call.score) == (100, 100)
    assert visit.grade.band.name == call.grade.band.name == "优秀"


@pytest.mark.parametrize(("name", "good", "edit", "item"), DEFECTS, ids=[d[0] for d in DEFECTS])
def test_one_defect_scores_strictly_lower_and_says_which_item(scorer, name, good, edit, item):
    bad = good.replace(*edit)
    assert bad != good
    good_card = scorer.score(exchange(good))
    bad_card = scorer.score(exchange(bad), good_card.script.name)
    assert bad_card.score < good_card.score
    assert item in lost(bad_card)


def test_resident_speech_never_counts_against_staff(scorer):
    rude_resident = GOOD_VISIT.replace("居民：那我明天再来，再见。", "居民：你这人真笨，不知道你在说啥，你快点！")
    card = scorer.score(exchange(rude_resident))
    assert card.score == 100 and not card.veto
    resident_turns = {i for i, turn in enumerate(card.exchange.turns) if turn.role == "resident"}
    assert all(f.kind == "trigger" and f.points == 0 for f in card.findings if f.turn in resident_turns)


@pytest.mark.parametrize(
    ("said", "good_reply", "bad_reply", "trigger"),
    [
        ("你们服务态度真好，太感谢了！", "谢谢，这是我们应该做的。", "嗯。", "praise"),
        ("我提个意见，你们这儿排队太慢了。", "谢谢您的监督和帮助，我们一定改进。", "嗯。", "suggestion"),
        ("请问办护照是在你们这儿办吗？", "护照要到区出入境窗口办，地址在人民路。", "嗯。", "out_of_remit"),
        ("我都等了半天了！", "让您久等了，马上给您办。", "嗯，下一个。", "waited"),
        ("你这什么态度？", "对不起，是我刚才说话急了，请您谅解。", "下一位。", "suggestion"),
        ("你们态度怎么这么差！", "实在抱歉，让您受委屈了。", "嗯。", "suggestion"),
        ("你们社区怎么回事？停水一点通知都没有！", "非常对不起，停水没有提前通知到您。", "请问您住几号楼？", "suggestion"),
        ("我这是第三次来了，你们能不能一次说清楚？", "非常抱歉让您多跑了，这次我一次性给您核对清楚。", "材料给我。", "suggestion"),
    ],
)
def test_a_resident_cue_calls_for_the_mandated_reply(scorer, said, good_reply, bad_reply, trigger):
    visit = "工作人员：您好，请坐。\n居民：{said}\n工作人员：{reply}\n工作人员：您慢走，再见。"
    met = scorer.score(exchange(visit.format(said=said, reply=good_reply)))
    missed = scorer.score(exchange(visit.format(said=said, reply=bad_reply)))
    assert "responses" not in lost(met)
    [missing] = [f for f in missed.findings if f.kind == "missing" and f.rule.endswith(trigger)]
    assert (missing.turn, missing.start, missing.end) == (2, 0, 0)     # due at the start of the next staff turn
    assert missing.points == -lost(missed)["responses"]
    resident_turn = [f for f in missed.findings if f.turn == 1]
    assert resident_turn and all(f.kind == "trigger" and f.points == 0 for f in resident_turn)


@pytest.mark.parametrize(
    ("staff_says", "trigger"),
    [
        ("这个不归我们管。", "referral"),
        ("您的材料不符合规定，不能办理。", "refusal"),
        ("您的材料不全。", "missing_materials"),
        ("我去给您查一下。", "wait_before"),
        ("居民的联系方式属于个人信息，按规定我们不能对外提供。", "refusal_sorry"),
    ],
)
def test_a_staff_cue_calls_for_its_companion_phrase_in_the_same_turn(scorer, staff_says, trigger):
    card = scorer.score(exchange(f"工作人员：您好，请坐。\n居民：我想办点事。\n工作人员：{staff_says}\n工作人员：您慢走，再见。"))
    [cue] = [f for f in card.findings if f.kind == "trigger" and f.rule.endswith(trigger)]
    [missing] = [f for f in card.findings if f.kind == "missing" and f.rule.endswith(trigger)]
    text = card.exchange.turns[2].text
    assert cue.turn == missing.turn == 2 and missing.start == missing.end >= cue.end
    assert text[missing.start] in "，。" and not any(mark in text[cue.end:missing.start] for mark in "，。")  # at the end of the cue's clause


@pytest.mark.parametrize(
    ("staff_says", "trigger"),
    [
        ("这个不归我们管，您需要到派出所办理。", "referral"),
        ("对不起，根据居住证管理规定，您的申请不能办理，请原谅。", "refusal"),
        ("您还缺户口本复印件和照片，我现在把材料清单给您。", "missing_materials"),
        ("要带户口本、身份证、收入证明，家里有人残疾的还要带残疾证。", "missing_materials"),  # the list itself
        ("请您稍等，我去给您查一下。", "wait_before"),
    ],
)
def test_the_companion_phrase_satisfies_a_staff_cue(scorer, staff_says, trigger):
    card = scorer.score(exchange(f"工作人员：您好，请坐。\n居民：我想办点事。\n工作人员：{staff_says}\n工作人员：您慢走，再见。"))
    assert any(f.kind == "trigger" and f.rule.endswith(trigger) for f in card.findings)
    assert not any(f.kind == "missing" and f.rule.endswith(trigger) for f in card.findings)


@pytest.mark.parametrize(("then", "charged"), [("好的，我们马上联系物业的维修师傅上门。", False), ("好的。", True)])
def test_a_question_asked_back_passes_the_reply_to_the_next_staff_turn(scorer, then, charged):
    card = scorer.score(exchange("工作人员：您好，请讲。\n居民：楼上漏水漏到我家了，我该找谁？\n"
                                 f"工作人员：您别着急，请问您住哪个小区？\n居民：和平小区三号楼。\n工作人员：{then}\n"
                                 "工作人员：您慢走，再见。"), "reception")
    missing = [f for f in card.findings if f.kind == "missing" and f.rule.endswith("out_of_remit")]
    assert [f.turn for f in missing] == ([2] if charged else [])


@pytest.mark.parametrize(("asked", "charged"), [("请您告诉我您的身份证号，我查一下。", False), ("请问您的姓名？我查一下进度。", False),
                                              ("好的，我查一下。", True)])
def test_asking_for_what_a_lookup_needs_passes_the_wait_on(scorer, asked, charged):
    card = scorer.score(exchange(f"工作人员：您好，请讲。\n居民：我的补贴怎么停了？\n工作人员：{asked}\n"
                                 "居民：好的。\n工作人员：请您稍等。查到了，是年审没做，您带身份证来补一下就行。"), "reception")
    missing = [f for f in card.findings if f.kind == "missing" and f.rule.endswith("wait_before")]
    assert [f.turn for f in missing] == ([2] if charged else [])


def test_saying_how_little_asks_nothing(scorer):
    card = scorer.score(exchange("工作人员：您好，请坐。\n居民：他爹娘出去打工，也没往家拿多少钱。\n"
                                 "工作人员：好的，我按实际情况给您填上。\n工作人员：您慢走，再见。"), "reception")
    assert "answers" not in lost(card)


@pytest.mark.parametrize(("turns", "key", "charged"), [
    # what the regulations ask for in reply: reassurance for distress, an apology with a refusal, a time for
    # a later answer (001 三（一）1（2）)
    (["居民：我实在是没办法了，房租都交不上了。", "工作人员：您说具体什么事吧。", "居民：好的。"], "distress", True),
    (["居民：我实在是没办法了，房租都交不上了。", "工作人员：您别着急，慢慢说，我们一起想办法。", "居民：好的。"], "distress", False),
    (["居民：我爸七十九了，能申请高龄补贴吗？", "工作人员：根据规定，年满八十周岁才能申请，您父亲现在还不能办理。", "居民：好的。"], "refusal_sorry", True),
    (["居民：我爸七十九了，能申请高龄补贴吗？", "工作人员：对不起，根据规定，年满八十周岁才能申请，您父亲现在还不能办理，请您谅解。", "居民：好的。"], "refusal_sorry", False),
    (["居民：加装电梯有补贴吗？", "工作人员：有补贴，具体金额我需要跟街道城建科核实一下，回头再说吧。", "居民：好的。"], "reply_later", True),
    (["居民：加装电梯有补贴吗？", "工作人员：有补贴，具体金额我需要跟街道城建科核实一下，明天下午五点前给您回电话。", "居民：好的。"], "reply_later", False),
    # asking whether there is more, or whether it was understood, passes nothing on
    (["居民：上次的事你们办得真快，服务真好！", "工作人员：还有事吗？", "居民：没了。", "工作人员：谢谢，再见。"], "praise", True),
    (["居民：上次的事你们办得真快，服务真好！", "工作人员：您还有其它事吗？", "居民：没了。", "工作人员：谢谢，再见。"], "praise", True),
    # nor does a question before the turn's last sentence
    (["居民：上次的事你们办得真快，服务真好！", "工作人员：哪件事？算了，下一位。", "居民：好吧。", "工作人员：谢谢，再见。"],
     "praise", True),
    # a refusal owes its reason when it is made, whatever the turn asks
    (["居民：我想帮我妈代领补贴。", "工作人员：这个不能办理，听明白了吗？", "居民：凭什么不能办？",
      "工作人员：因为规定必须本人来，对不起啊。"], "refusal", True),
    # "we will let them know" names no one
    (["居民：楼上漏水漏到我家了，我该找谁？", "工作人员：我们会通知的。"], "out_of_remit", True),
    (["居民：楼上漏水漏到我家了，我该找谁？", "工作人员：我们马上联系物业的维修师傅上门。"], "out_of_remit", False),
    # confirming with the resident, advising them to check, or saying when it will be known defers nothing
    (["居民：门口路灯坏了。", "工作人员：好的，我再跟您确认一下，是和平路三号楼门口的路灯，对吗？", "居民：对。",
      "工作人员：好的，已经登记了。"], "reply_later", False),
    (["居民：车位能装充电桩吗？", "工作人员：您得先跟物业确认一下车位能不能装，物业同意就能申请。"], "reply_later", False),
    (["居民：什么时候来水？", "工作人员：目前还不能确定具体时间，预计今天晚上八点前恢复。"], "reply_later", False),
    # an outcome accepted is no distress; 甭着急 reassures
    (["居民：那真没办法了，我下周二再来吧。", "工作人员：好的，下周二见。"], "distress", False),
    (["居民：我实在是没办法了，房租都交不上了。", "工作人员：您甭着急，慢慢说。"], "distress", False),
    (["居民：我实在是没办法了，房租都交不上了。", "工作人员：你别哭了，哭也没用，有什么事直接说。"], "distress", True),
    (["居民：楼上天天砸墙，孩子要高考了，我都快崩溃了！", "工作人员：请问是哪个小区？"], "distress", True),  # dev8 875
    # an outside trial's: criticism of a late notice owes thanks or an apology, not 那您现在知道了
    (["居民：你们之前通知得太晚了，好多人都不知道。", "工作人员：嗯，那您现在知道了。"], "suggestion", True),
    (["居民：你们之前通知得太晚了，好多人都不知道。", "工作人员：抱歉，是我们通知晚了，下次一定提前。"], "suggestion", False),
    (["居民：不好意思，我来得太晚了。", "工作人员：没关系，您坐。"], "suggestion", False),
    # how many households is no question of money; who decides the amount answers one (an outside trial)
    (["居民：加装电梯需要多少户同意？", "工作人员：三分之二以上业主同意就可以。"], "answers", False),
    (["居民：补缴要多少钱？", "工作人员：按缴费基数的百分之二十，具体金额由社保局核定。"], "answers", False),
    (["居民：补缴要多少钱？", "工作人员：这个不好说。"], "answers", True),
    # two trials: a line's name is no complaint; 办不办 asks; an approximate date answers; waits in other words; 所以 gives a reason
    (["居民：我朋友让我打你们这个投诉热线问问，停车费是谁定的？", "工作人员：停车费由业主大会和物业协商确定。"], "suggestion", False),
    (["居民：我来交医保，这个月的能交吗？", "工作人员：你到底办不办？把身份证给我。", "居民：办。", "工作人员：交好了，这是回执。"],
     "refusal", False),
    (["居民：我想表扬一下你们的刘老师。", "工作人员：谢谢您的表扬。请问您是哪天办理的？", "居民：好像是九月二十几号。",
      "工作人员：好的，我记录下来了，会转达给她。"], "answers", False),
    (["居民：等了这么半天。我的证明开好了吗？", "工作人员：开好了，请您收好。"], "waited", True),
    (["居民：你们这儿就开两个窗口，排队排死了。", "工作人员：身份证给我。"], "waited", True),
    (["居民：为啥在那个药店报不了？", "工作人员：那是普通定点药店，不是门特定点的，所以门特的药在那里报不了。离您最近的是康泰大药房。"],
     "refusal", False),
    # whether it is needed, the second half of a two-part question (a dev round; an independent set of 65 conversations)
    (["居民：大概几点能来水？晚上还要不要存点水？", "工作人员：预计下午四点左右恢复供水，刚来水可能有点黄，放几分钟就好了。"], "answers", True),
    (["居民：大概几点能来水？晚上还要不要存点水？", "工作人员：预计下午四点左右恢复供水，晚上不用特意存水。"], "answers", False),
    (["居民：需不需要到大厅来办？", "工作人员：在App上自己就能办，不会操作的话也可以来大厅。"], "answers", False),
    (["居民：补办要不要交钱？", "工作人员：补办收二十块钱工本费，带着身份证来就能办。"], "answers", False),
    (["居民：要不要先来这边交税？", "工作人员：对，先在这里缴契税。"], "answers", False),
    (["居民：我真是受够了，三天两头停水！", "工作人员：您先别着急，我马上帮您查。"], "distress", False),
    # no refusal: a worry set at rest, a question whether it can be done
    (["居民：我怕我不符合条件。", "工作人员：您不用担心不符合条件，您家的情况是够的。"], "refusal_sorry", False),
    (["居民：外地户口能办吗？", "工作人员：我帮您查一下外地户口能不能办理，请您稍等。"], "refusal", False),
    # a second review: asking back what the answer needs passes it on; so does a request for it
    (["居民：低保要交多少钱？", "工作人员：您家里还有几口人？", "居民：三口。", "工作人员：不收钱，免费的。"], "answers", False),
    (["居民：低保要交多少钱？", "工作人员：您有其他收入吗？", "居民：没有。", "工作人员：不收钱，免费的。"], "answers", False),
    (["居民：补贴什么时候到账？", "工作人员：请您提供一下身份证号。", "居民：好的。", "工作人员：下个月十号到账。"], "answers", False),
    (["居民：表格在哪里拿？", "工作人员：就在前面架子上。"], "answers", False),
    (["居民：去哪儿申请？", "工作人员：这个在网上就能申请。"], "out_of_remit", False),
    # not here is a referral; a refusal with a condition or a maybe is still one; a past time is no promise
    (["居民：我想办老年证。", "工作人员：这个我们办不了，您得去区政务服务中心办。"], "refusal_sorry", False),
    (["居民：我想办产权证明。", "工作人员：您这房子没翻修之前不能办理，因为政策规定危房不发证。"], "refusal_sorry", True),
    (["居民：我想办产权证明。", "工作人员：您这种情况可能没法办理，因为政策规定危房不发证。"], "refusal_sorry", True),
    (["居民：我的申请怎么样了？", "工作人员：您的申请三天前就交上去了，我们还得跟街道核实一下。"], "reply_later", True),
    (["居民：加装电梯有补贴吗？", "工作人员：这个需要跟街道核实一下。"], "reply_later", True),
    (["居民：我真的是没办法了，您帮帮我吧。", "工作人员：您说吧，什么事？"], "distress", True),
    # a statement tagged 知道吗 is no question (speech recognition: one clause)
    (["居民：我帮我妈领补贴。", "工作人员：代领不能办理知道吗"], "refusal_sorry", True),
    (["居民：我帮我妈领补贴。", "工作人员：您是想代领吗"], "refusal_sorry", False),
    # dev pairs' compliant conversations: an alternative under a condition is no refusal (dev6 655); whose it is
    # gives the reason and 社区这边不能办 is not here (dev5 589); 您不用掏钱 answers 要花钱不 (dev7 734)
    (["居民：老人签不了字怎么办？", "工作人员：老人不能签字的话，按手印也可以。"], "refusal", False),
    (["居民：老人签不了字怎么办？", "工作人员：老人不能签字，您回去吧。"], "refusal", True),
    # refused in other words: 没办法给您查询, 弄不成, 不给办; a condition is none (dev 010: 弄不成的话，您打这个电话预约)
    (["居民：帮我查查我家的水费。", "工作人员：电话里没办法给您查询。"], "refusal", True),
    (["居民：帮我查查我家的水费。", "工作人员：电话里没办法给您查询，因为要核实户主身份，您带身份证到营业厅查。"], "refusal", False),
    (["居民：这个能帮我改一下吗？", "工作人员：这个弄不成。"], "refusal", True),
    (["居民：这个能帮我改一下吗？", "工作人员：弄不成的话，您打这个电话预约，我们安排人上门。"], "refusal", False),
    (["居民：养狗登记在社区办吗？", "工作人员：养犬登记是公安部门负责的，社区这边不能办，不过我们可以把网上办理的步骤发给您。"],
     "refusal", False),
    (["居民：养狗登记在社区办吗？", "工作人员：养犬登记是公安部门负责的，社区这边不能办，不过我们可以把网上办理的步骤发给您。"],
     "refusal_sorry", False),
    (["居民：评定要花钱不？", "工作人员：评定费用是残联出的，您不用掏钱。"], "answers", False),
    (["居民：评定要花钱不？", "工作人员：您先填这张表。"], "answers", True),
    # looking over the papers handed over is no leaving to check (dev 047, dev3 325); looking something up is
    (["居民：材料都在这个袋子里。", "工作人员：好的，我看一下。", "居民：身份证、残疾证都有。"], "wait_before", False),
    (["居民：我的补贴到了没有？", "工作人员：我帮您查一下。", "居民：好。"], "wait_before", True),
    (["居民：我的补贴到了没有？", "工作人员：我这边马上帮您查一下。", "居民：好。"], "wait_before", True),   # on the phone
    (["居民：我的工单办到哪了？", "工作人员：好的，我这边查询一下工单的办理进度。", "居民：好。"], "wait_before", True),
    (["居民：能开证明吗？", "工作人员：我到档案室把原来的户籍底册调出来核对一下。", "居民：好。"], "wait_before", True),
    (["居民：能开证明吗？", "工作人员：能开，我到时候再给您看。", "居民：好。"], "wait_before", False),
    (["居民：汇算能延期吗？", "工作人员：这个延不了。"], "refusal", True),
    (["居民：能在这儿交电费吗？", "工作人员：我们这里不提供这项服务。"], "refusal", True),
    # refused in the staff's own words (dev12 1219, 1221, 1223, 1227)
    (["居民：我帮邻居领优待证。", "工作人员：不行，代领不了。"], "refusal", True),
    (["居民：医生能上门输液吗？", "工作人员：上门输液我们不做的。"], "refusal", True),
    (["居民：能把检查结果念给我听吗？", "工作人员：检查结果电话里不给念。"], "refusal", True),
    (["居民：能把检查结果念给我听吗？", "工作人员：检查结果电话里不给念，这是隐私保护的规定，您儿子可以在公众号上查。"], "refusal", False),
    # refused in other words (dev13 1309, 1341, 1367); the papers taken elsewhere to be signed is leaving (dev13 1331)
    (["居民：我替我儿子开居住证明行吗？", "工作人员：这个不能代开。"], "refusal", True),
    (["居民：你们能收吗？", "工作人员：很抱歉，这种情况我们收不了。"], "refusal", True),
    (["居民：能帮我开一下门吗？", "工作人员：对不起，这个我们做不到。"], "refusal", True),
    (["居民：能帮我开一下门吗？", "工作人员：对不起，物业不能替业主开锁，这是安全管理规定，我把备案的开锁公司电话给您。"], "refusal", False),
    (["居民：这个要书记签字吗？", "工作人员：可以，需要书记签字，我拿去隔壁办公室给书记签一下。", "居民：好。"], "wait_before", True),
    (["居民：这个要书记签字吗？", "工作人员：需要书记签字，请您稍等，我拿去隔壁办公室给书记签一下。", "居民：好。"], "wait_before", False),
    # dev pairs whose copy without 请稍等 scored as well as the one with it: a look-up with 帮您 first, a check at the
    # back, a printout fetched, a colleague rung over, a long thing looked up, the system checked on the person's record
    (["居民：审核到哪一步了？", "工作人员：好的，我帮您在系统里查询。", "居民：好。"], "wait_before", True),
    (["居民：契税交多少？", "工作人员：我到后面跟评估岗核一下这套房的计税价格。", "居民：好。"], "wait_before", True),
    (["居民：能开证明吗？", "工作人员：好的，打印机在后面，我去打出来盖章。", "居民：好。"], "wait_before", True),
    (["居民：这设备谁管？", "工作人员：这个设备是我们社区的小陈负责的，我打个电话叫她过来。", "居民：好。"], "wait_before", True),
    (["居民：为什么停电了？", "工作人员：好的，我查询一下这个区域有没有停电计划或者故障信息。", "居民：好。"], "wait_before", True),
    (["居民：能办吗？", "工作人员：好的，我先在系统里核对一下您的户籍信息和房产信息。", "居民：好。"], "wait_before", True),
    (["居民：回执忘带了。", "工作人员：没关系，您报一下身份证号，我在系统里核对一下也可以领。", "居民：好。"], "wait_before", False),
    # not ours, then the resident's own next question: the reply to it is no referral (dev12 1255); where to go is a
    # follow-up, and the reply to it is
    (["居民：营业执照在社区办吗？", "工作人员：营业执照不归社区办理。", "居民：那我开店社区这边要办啥手续？",
      "工作人员：社区这边不用办手续，开业以后请您到社区登记一下联系方式。"], "referral", True),
    (["居民：营业执照在社区办吗？", "工作人员：营业执照不归社区办理。", "居民：那我该去哪儿办？",
      "工作人员：您到区政务服务中心的市场监管窗口办。"], "referral", False),
    (["居民：医保能在这儿报销吗？", "工作人员：不好意思，医保报销不是我们公积金的事。"], "referral", True),   # dev13 1337
    # a counter-question is not itself the answer (dev11 1107); the answer after it is
    (["居民：换了单位能贷款吗？", "工作人员：请问您在原单位缴了多长时间？", "居民：三年多。",
      "工作人员：具体条件以我们网站上公布的为准，您可以上网看一下。"], "answers", True),
    (["居民：换了单位能贷款吗？", "工作人员：请问您在原单位缴了多长时间？", "居民：三年多。",
      "工作人员：那没有影响，缴存时间是连续计算的，您现在就可以申请。"], "answers", False),
    (["居民：换了单位能贷款吗？", "工作人员：可以贷，请问您在原单位缴了多长时间？", "居民：三年多。", "工作人员：好的。"],
     "answers", False),
    # an independent review's cases: a yes before the counter-question answers, so does an answer before it in the same
    # clause, and "whichever"; a when-question is not answered by 现在可以先登记; a pointer to the app answers where
    (["居民：得他本人来，对吧？", "工作人员：对，请问老人家今年多大岁数了？", "居民：八十二了。", "工作人员：好的，我先给您登记。"],
     "answers", False),
    (["居民：今天能开吗？", "工作人员：行，请您把户口本给我。", "居民：给。", "工作人员：好的。"], "answers", False),
    (["居民：要带什么材料？", "工作人员：什么材料都不用带，请问您的身份证号是多少？", "居民：1234。", "工作人员：好的。"],
     "answers", False),
    (["居民：多久能拿到？", "工作人员：十个工作日左右您留个电话号码是多少？", "居民：138。", "工作人员：好的，记下了。"],
     "answers", False),
    (["居民：补贴什么时候能发下来？", "工作人员：现在可以先给您登记上。"], "answers", True),
    (["居民：余额在哪儿能查到？", "工作人员：您可以在我们公众号上查询。"], "answers", False),
    (["居民：周末能办吗？", "工作人员：周六上午有值班，周日不办理。"], "answers", False),   # the outside trial's P12_long
    # a second review's cases: a yes-or-no question answered by naming a thing, a place, a person or a time answers
    # (a yes-or-no answer kind that wanted yes / no words charged them, and was dropped); a counter-question with 多大
    # passes the question on; 您需要…还是…？ and 您家里都有谁？ are counter-questions, not answers
    (["居民：还需要别的材料吗？", "工作人员：租房合同。"], "answers", False),
    (["居民：办社保卡需要照片吗？", "工作人员：蓝底证件照。"], "answers", False),
    (["居民：需要本人来吗？", "工作人员：本人或者直系亲属。"], "answers", False),
    (["居民：今天能拿到吗？", "工作人员：明天下午。"], "answers", False),
    (["居民：孩子打疫苗要不要预约？", "工作人员：您孩子多大了？", "居民：两岁。", "工作人员：两岁的话小程序上预约，周二周四上午。"],
     "answers", False),
    (["居民：社保卡丢了怎么办？", "工作人员：您需要补办还是挂失？", "居民：补办。", "工作人员：嗯。"], "answers", True),
    (["居民：我能申请低保吗？", "工作人员：您家里都有谁？", "居民：我和老伴。", "工作人员：嗯。"], "answers", True),
    (["居民：证什么时候能拿？", "工作人员：现在就能拿。"], "answers", False),
    (["居民：补贴什么时候发？", "工作人员：已经发到您卡上了。"], "answers", False),
    (["居民：上回她说帮我问问物业 能不能换一个", "工作人员：好的 水表更换的事 您贵姓 电话多少", "居民：我姓吴",
      "工作人员：我记下了 等她回来让她今天给您回电话"], "answers", False),
    (["居民：能收到验证码吗？", "工作人员：您手机是不是收不了验证码？"], "refusal", False),
    (["居民：这个能办吗？", "工作人员：您放心，只要材料齐全，我们这儿没有办不到的。"], "refusal", False),
    (["居民：表格怎么弄？", "工作人员：打印出来我拿给您确认一下。", "居民：好的。"], "wait_before", False),
    (["居民：能代办吗？", "工作人员：可以，不过不是本人的业务需要带委托书和双方身份证。"], "referral", False),
    (["居民：我替老陈来领米面油。", "工作人员：老陈今天没来，您带他的身份证了吗？"], "absent", False),
    # not ours, then what to do, whether it is another office, or pushing back: the reply after is still the referral
    (["居民：医保报销在这儿办吗？", "工作人员：不好意思，医保报销不是我们公积金的事。", "居民：那咋办啊？",
      "工作人员：您到市医保局服务大厅办，就在人民路十二号。"], "referral", False),
    (["居民：医保报销在这儿办吗？", "工作人员：不好意思，医保报销不是我们公积金的事。", "居民：凭什么不归你们管？",
      "工作人员：您别着急，这是市医保局负责的，电话12393。"], "referral", False),
    (["居民：医保报销在这儿办吗？", "工作人员：不好意思，医保报销不是我们公积金的事。", "居民：那这边附近哪儿能办？",
      "工作人员：您到市医保局服务大厅办，就在人民路十二号。"], "referral", False),   # 这边 in a question of where
    (["居民：营业执照在社区办吗？", "工作人员：营业执照不归社区办理。", "居民：那你们社区管什么？",
      "工作人员：社区管居民的事，开业以后请您到社区登记一下。"], "referral", True),   # this office's own business
    # an amount says nothing of whether it can be had the same day (dev13 1329); a pointer to the website's calculator is
    # no answer (dev13 1351)
    (["居民：补办要多少钱？当天能拿到吗？", "工作人员：补卡工本费是二十元。"], "answers", True),
    (["居民：补办要多少钱？当天能拿到吗？", "工作人员：补卡工本费是二十元，可以即时制卡，大概二十分钟就能拿到。"], "answers", False),
    (["居民：最多能贷多少？", "工作人员：您可以先到我们官网上用贷款计算器试算一下。"], "answers", True),
    (["居民：最多能贷多少？", "工作人员：最高八十万元，您也可以到我们官网上用贷款计算器试算一下。"], "answers", False),
    # at the window, a colleague called 小陈 / 小王 away (dev13 1345, 1379)
    (["居民：我找一下管家小陈。", "工作人员：小陈这会儿不在。"], "absent", True),
    (["居民：我找小王。", "工作人员：小王今天没来。"], "absent", True),
    (["居民：我找小王。", "工作人员：小王今天没来，您的事我先帮您记下来，明天交给她办。"], "absent", False),
    # an address asked back is no time of day (dev12 1207); 已经制好了 says when (dev2 242)
    (["居民：师傅什么时候能来？", "工作人员：我先给您登记，请问您家地址是？", "居民：东湖小区十二号楼。",
      "工作人员：好的，登记好了，师傅上门前会先给您打电话。"], "answers", True),
    (["居民：新证什么时候能拿到？", "工作人员：您的新证已经制好了，带上旧证就能来领。"], "answers", False),
    # a complaint about a clerk's manner (dev12 1251); a later look-up promised is no answer (dev12 1203)
    (["居民：那个窗口的小伙子爱搭不理的，你们就这个服务态度啊？", "工作人员：请问您是几点去的？"], "suggestion", True),
    (["居民：最低档能选吗？", "工作人员：嗯 这个我回头帮您问问"], "answers", True),
    (["居民：能在这儿交电费吗？", "工作人员：我们这里不提供这项服务，您可以到营业厅或者在手机上交。"], "refusal", False),
    (["居民：能退吗？", "工作人员：系统不支持这个操作，退款办理不了。"], "refusal", True),
    (["居民：管子是不是在抢修？", "工作人员：我们这边查不到管网的情况，您打自来水公司的热线。"], "wait_before", False),
    # the place named with 在 is guidance (dev4 455, 469); it is done here (dev2 224)
    (["居民：申请表在哪里领？", "工作人员：表格在居委会领，工作日都有人。"], "out_of_remit", False),
    (["居民：这个在哪里申请？", "工作人员：可以在我们这儿申请，带上身份证。"], "out_of_remit", False),
    (["居民：公司要我开发票，在这儿能开吗？", "工作人员：可以的，个人出租房屋可以在我们这里代开发票。"], "out_of_remit", False),
    (["居民：这个在哪里申请？", "工作人员：这个不能在这儿办。"], "out_of_remit", True),
    # more to ask: announced at the clause's end, or asked at once (speech recognition: one clause, dev5 545)
    (["居民：好的 那个 我还想问一下 电瓶车能不能推到楼道里充电啊", "工作人员：这个不行 楼道充电容易引发火灾 请您到车棚充"],
     "more_to_ask", False),
    (["居民：好的。哎，还有个事儿我想问问。", "工作人员：今天就先这样吧。"], "more_to_ask", True),
    (["居民：我还有一个问题要问您。", "工作人员：今天就先这样吧。"], "more_to_ask", True),
    # the matter said at once, with no question mark (dev8 871)
    (["居民：哦，还有个事，我家楼下那个垃圾桶好几天没人收了，味儿挺大的。", "工作人员：实在抱歉，我马上联系物业和环卫。"],
     "more_to_ask", False),
    # 还要带 after the list is still charged: a second notice cannot be told apart from a proxy's extra papers
    (["居民：补卡要带什么？", "工作人员：还要带您自己的身份证。"], "missing_materials", True),
    # the answer after a reading checked, an either-or question, or a request for the ID card (dev 008, dev7 765,
    # dev5 581); an amount a month answers 多少钱 (dev4 413)
    (["居民：下周的免费体检是哪天？", "工作人员：是六十五岁以上老人的那个体检吗？", "居民：对对。", "工作人员：是下周三上午。"],
     "answers", False),
    (["居民：断交的社保现在能补吗？", "工作人员：您断交的是职工养老保险，还是城乡居民养老保险？", "居民：职工的。",
      "工作人员：职工养老保险可以补缴，需要原单位来办。"], "answers", False),
    (["居民：我在外地看病能报销吗？", "工作人员：好的，先帮您缴费。请出示身份证。", "居民：给你。",
      "工作人员：在外地看病是可以报销的，先做异地就医备案。"], "answers", False),
    (["居民：我在外地看病能报销吗？", "工作人员：好的，先帮您缴费。", "居民：好。", "工作人员：您慢走。"], "answers", True),
    (["居民：包月停车多少钱？", "工作人员：现在是一百五一个月，按年交的话一千五。"], "answers", False),
    # an independent review of those changes: what they must not excuse
    (["居民：社保卡挂失找谁？", "工作人员：现在所有业务都合并了，您打听打听。"], "out_of_remit", True),
    (["居民：残疾证去哪儿办？", "工作人员：我在社区干了五年了，没听说过这个。"], "out_of_remit", True),
    (["居民：对了，还有个事要麻烦您。", "工作人员：好的，您慢走。"], "more_to_ask", True),
    (["居民：我还想问一下公租房的事", "工作人员：好的，您慢走。"], "more_to_ask", True),
    (["居民：我想给我妈申请低保。", "工作人员：您家的收入超过标准了，按规定我们不能办理。"], "refusal_sorry", True),
    (["居民：我的补贴批了没有？", "工作人员：我去后屋问一下主任或者副主任。", "工作人员：批下来了。"], "wait_before", True),
    (["居民：那个窗口藏在最里头，我转了三圈都找不着了。", "工作人员：哦，您办什么？"], "suggestion", True),
    (["居民：我要开个证明。", "工作人员：这个证明我们开不了，但是能不能开也不是我说了算。"], "refusal", True),
    (["居民：我要开个证明", "工作人员：这个开不了 你听我的话 回去吧"], "refusal", True),
    (["居民：换个门禁卡要多少钱？", "工作人员：费用这块我也说不出来。"], "answers", True),
    # an outside trial: 不太方便 is no praise; directions or an office answer 在哪; asking to wait again is no apology
    (["居民：我行动不太方便，能让家属代办吗？", "工作人员：可以的，家属带齐材料就行。"], "praise", False),
    (["居民：照片在哪能拍？", "工作人员：出门右转五十米有个照相馆。"], "answers", False),
    (["居民：证明在哪里开？", "工作人员：在您单位人事部门开。"], "answers", False),
    # a water company's trial: a place on a document answers where (户号在哪里看 — on the bill, top left)
    (["居民：户号在哪里看？", "工作人员：在水费单上。"], "answers", False),
    (["居民：户号在哪里看？", "工作人员：在水费单的右上角印着。"], "answers", False),
    (["居民：我排了一个多小时了，你们怎么就开一个窗口？", "工作人员：请您稍等，我先把这份录完。"], "waited", True),
    (["居民：那问谁呢？", "工作人员：我也说不好，你自己打听打听。"], "out_of_remit", True),
    (["居民：我的补贴到账了吗？", "工作人员：我看一下系统里。", "工作人员：已经到账了。"], "wait_before", True),
    # the papers asked for in a long request first, then 请您稍等 once they are handed over (a trainer's trial, ASR)
    (["居民：我来注销个体户。", "工作人员：好的请您把营业执照正本副本和经营者身份证给我我先帮您查一下有没有未申报的记录",
      "居民：好的给你", "工作人员：请您稍等", "工作人员：让您久等了，可以直接办理。"], "wait_before", False),
    (["居民：公交站牌坏了找谁？", "工作人员：公交站牌归市公交集团管理，我给您生成一个工单派给他们。"], "out_of_remit", False),
    # a yes to "is it yours?" says it is ours; a "maybe" does not
    (["居民：楼道里有人拉线充电，你们管不管？", "工作人员：管的，大爷，楼道里充电有火灾隐患，不允许。"],
     "out_of_remit", False),
    (["居民：楼上天天早上装修，你们能管吗？", "工作人员：能的，我们今天下午就联系物业上门。"], "out_of_remit", False),
    (["居民：楼道里有人拉线充电，你们管不管？", "工作人员：管不管的，回头再说吧。"], "out_of_remit", True),
    # a request for papers, or to be told what it is about, passes the 请稍等 on to the turn after the answer
    (["居民：我想查查养老保险交了几年。", "工作人员：好的，请把身份证给我，我帮您查一下缴费记录。", "居民：给。",
      "工作人员：请您稍等。"], "wait_before", False),
    (["居民：我想查查养老保险交了几年。", "工作人员：好的，请把身份证给我，我帮您查一下缴费记录。", "居民：给。",
      "工作人员：交了十二年了。"], "wait_before", True),
    # a question speech recognition left without its mark does too
    (["居民：我前天交了材料 想问问好了没有", "工作人员：请问您贵姓 这个是同事小李负责的 我去帮您问一下", "居民：我姓陈",
      "工作人员：好的 陈先生 您稍等"], "wait_before", False),
    (["居民：我们小区路边停车位包月 是在哪办的", "工作人员：您是哪个小区的", "居民：湖滨新村",
      "工作人员：湖滨新村的是在湖滨社区居委会办"], "out_of_remit", False),
    # with its marks, a sentence with a question word is no question: 您什么时候有事都可以来
    (["居民：上次的事你们办得真快，服务真好！", "工作人员：您什么时候有事都可以来找我们。", "居民：好。",
      "工作人员：谢谢，再见。"], "praise", True),
    (["居民：我想在车位上装个充电桩 要找谁", "工作人员：需要先跟物业申请 然后再找供电公司报装"], "out_of_remit", False),
    # what is no request, no question, no yes and no place (an independent review's cases)
    (["居民：我想查查补贴。", "工作人员：您跟我说的这个情况我知道了，我去帮您查一下。", "居民：好的。", "工作人员：让您久等了，查到了。"],
     "wait_before", True),
    (["居民：我想查查补贴", "工作人员：您几点来都行 我去帮您查一下", "居民：好", "工作人员：查到了"], "wait_before", True),
    (["居民：楼道里堆满了杂物，你们管不管？", "工作人员：管？我们哪管得过来。"], "out_of_remit", True),
    (["居民：楼道灯坏了该找谁？", "工作人员：我们上午联系了物业，物业说不归他们管，这事就这样了。"], "out_of_remit", True),
    (["居民：充电桩找谁装？", "工作人员：你自己去跟哪个公司申请一下吧。"], "out_of_remit", True),
    (["居民：路灯坏了找谁？", "工作人员：我们尽快通知有关部门。"], "out_of_remit", True),
    # a refusal owes its reason: 请您谅解 apologises (refusal_sorry), it gives none (dev8 857)
    (["居民：能给我开个买房出资的证明吗？", "工作人员：对不起，这个证明社区不能开，请您谅解。"], "refusal", True),
    (["居民：能给我开个买房出资的证明吗？", "工作人员：对不起，社区只能证明我们掌握的事实，出资情况无法核实，所以这个证明不能开，请您谅解。"],
     "refusal", False),
    # compliant copies of the dev pairs charged before the thirty-ninth session: here said mid-clause (dev14 1479), a place
    # with 的 and letters in its name (dev14 1430), who must do it (dev13 1370) — but not an office no one can find (dev17
    # 1735's defect)
    (["居民：失业登记在哪里办", "工作人员：失业登记也是在我们这个窗口 带上身份证就行"], "out_of_remit", False),
    (["居民：老年人免费乘车卡在哪里办？", "工作人员：可以到各区的公交IC卡服务网点办理。"], "out_of_remit", False),
    (["居民：降压药能直接在您这儿开吗？", "工作人员：对不起，处方药必须由医生接诊后开具，请您理解。"], "out_of_remit", False),
    (["居民：残疾证在哪办？", "工作人员：不在我们这办，得去专门的部门办。"], "out_of_remit", True),
    # a refusal's reason in other words: what must be checked (dev16 1632), done instead (dev18 1830); a machine that cannot
    # print refuses nothing (dev18 1872); a lookup before the refusal is no reason for it (dev16 1629's defect)
    (["居民：电话里能直接改户名吗？", "工作人员：很抱歉，电话里没法办理过户，过户要核验身份证原件。"], "refusal", False),
    (["居民：开错了能改吗？", "工作人员：开错了不能直接修改，需要开一张红字发票冲掉。"], "refusal", False),
    (["居民：自助机上打不出来。", "工作人员：病理报告有时候自助机打不了，请您把就诊卡给我，我查一下。"], "refusal", False),
    (["居民：开错了能改吗？", "工作人员：开错了不能直接修改。"], "refusal", True),
    (["居民：我想把户口落到这套房子。", "工作人员：我看一下……您这套房子落不了户。"], "refusal", True),
    # compliant tuned conversations charged for nothing before the fifteenth session
    # dev10's odd half: bereaved and lost (1071), praise of a person (1051), 糊弄人 (1057), a look-up of what is left (1045),
    # the rest of the materials put off (1067)
    (["居民：（哭）我老伴前天走了……我什么都不懂，都不知道上哪儿办……", "工作人员：说吧，办哪样？"], "distress", True),
    (["居民：我老伴前天走了，我什么都不懂。", "工作人员：请您节哀。销户在派出所办，丧葬补助在我们这儿办。"], "distress", False),
    (["居民：上礼拜你们小刘帮我把报销的事跑下来了，小伙子人太好了", "工作人员：哦 好的 我转告给小刘"], "praise", True),
    (["居民：房东她人挺好的，就是一直没修。", "工作人员：好的，您说说是哪里漏水。"], "praise", False),
    (["居民：你们给我回个已办结，可那个坑还在那，你们这是糊弄人嘛", "工作人员：请您提供一下工单号"], "suggestion", True),
    (["居民：我可没糊弄您，这是单位直接给我开的。", "工作人员：好的，我看一下。"], "suggestion", False),
    (["居民：我妈刚走了，她让我在这儿等着取。", "工作人员：好的，您稍等。"], "distress", False),
    (["居民：给我家老爷子预约一个", "工作人员：好的 我看一下这个月还有没有名额", "居民：嗯", "工作人员：还有名额，给您约上了"],
     "wait_before", True),
    (["居民：申请要带什么？", "工作人员：您先带老人的身份证和户口本过来，别的到时候再跟您说。"], "materials_later", True),
    (["居民：申请要带什么？", "工作人员：老人的身份证和户口本，一共就这两样。"], "materials_later", False),
    (["居民：我孙子今年考上大学了。", "工作人员：阿姨，咱们先把养老保险交了，别的回头再说。"], "materials_later", False),
    (["居民：我想报书法班。", "工作人员：书法班明天就截止报名了，我马上去后台帮您问一下还有没有名额。"], "wait_before", True),
    (["居民：表填好了。", "工作人员：好的，我看一下表格还有没有漏填的地方。"], "wait_before", False),
    (["居民：我想办低保。", "工作人员：您要办低保的话，材料还不齐，您回去准备一下吧。"], "missing_materials", True),
    (["居民：还有个事，就是那个，嗯，我想问问。", "工作人员：好的，您慢走，再见。"], "more_to_ask", True),
    (["居民：还有个事，楼道灯坏了。", "工作人员：好的，我们今天下午就联系物业来修。"], "more_to_ask", False),
    # 啥 asks (dev8 819), but not as a filler or "any" (an independent review's cases)
    (["居民：八二六三五五零一是吧 那个 报名是啥时候开始", "工作人员：对 是八二六三五五零一"], "answers", True),
    (["居民：八二六三五五零一是吧 那个 报名是啥时候开始", "工作人员：对 七月十号开始网上报名"], "answers", False),
    (["居民：那啥，谢谢你啊姑娘。", "工作人员：不客气。"], "answers", False),
    (["居民：好嘞，有啥不明白的我再来问您。", "工作人员：好的。"], "answers", False),
    (["居民：我想预约上门评估，我啥时候都行", "工作人员：好的，我给您登记上。"], "answers", False),
    # a condition in the clause before: what one case adds, nothing missing (dev3 329, dev4 409)
    (["居民：补卡要带什么？", "工作人员：带上您母亲的身份证就行，如果您代办，还要带您自己的身份证。"], "missing_materials", False),
    (["居民：领证要带什么？", "工作人员：带上受理回执和本人身份证 如果委托别人领 还要带委托书"], "missing_materials", False),
    (["居民：补卡要带什么？", "工作人员：您还要带户口本。"], "missing_materials", True),
    # an offer, or a look-up on a later visit (dev 045, dev2 263)
    (["居民：小陈在吗？", "工作人员：小陈今天不在。或者您有什么事，我先帮您看看。"], "wait_before", False),
    (["居民：我不会看短信。", "工作人员：那您下个月初来社区，我给您查，或者让家里人帮您看看存折。"], "wait_before", False),
    (["居民：我的补贴到了没有？", "工作人员：我帮您查一下。"], "wait_before", True),
    # 不辛苦 answers 辛苦了; 那太方便了 welcomes the news, not the staff (dev7 747, dev9 919)
    (["居民：那好，辛苦了。", "工作人员：不辛苦，您还有别的事吗？"], "praise", False),
    (["居民：我明天再来，辛苦了。", "工作人员：嗯。"], "praise", True),
    (["居民：那太方便了。多久能拿到？", "工作人员：一般五个工作日。"], "praise", False),
    (["居民：你们这服务真方便。", "工作人员：嗯。"], "praise", True),
    # a complaint heard out (您慢慢说) or felt for (让您家老人受累了) is acknowledged (dev4 417, dev7 777)
    (["居民：我们小区那个物业，真是太不像话了。", "工作人员：您慢慢说，我都记着呢。您是哪个小区的？"], "suggestion", False),
    (["居民：电梯坏了一个礼拜没人修，这个物业到底有没有人管？", "工作人员：明白了，让您家老人受累了，您反映的我记下了。"], "suggestion", False),
    (["居民：我们小区那个物业，真是太不像话了。", "工作人员：您是哪个小区的？"], "suggestion", True),
    # the office got it wrong: mischarged, a wrong text message, a trip for nothing (dev11 1127, 1129)
    (["居民：上个月收了我三百多，你们这是乱收费。", "工作人员：请您提供一下用户号。"], "suggestion", True),
    (["居民：你们发的预约短信时间是错的！孩子白折腾一趟。", "工作人员：请问孩子叫什么名字？"], "suggestion", True),
    (["居民：你们发的预约短信时间是错的！", "工作人员：非常抱歉，我马上核查。"], "suggestion", False),
    # opening hours asked for is a suggestion (dev11 1161); 不在物业的维修范围内 says it is not theirs (dev11 1163)
    (["居民：你们社区能不能周六也开门？", "工作人员：现在每周三晚上开放到七点半。"], "suggestion", True),
    # a request is no suggestion (a second review: 你们能不能把他家电话给我 was charged −6 for no thanks or apology)
    (["居民：你们能不能把他家电话给我？", "工作人员：他家的电话我们不能给，我帮您联系他。"], "suggestion", False),
    (["居民：你们可不可以多给我两张表？", "工作人员：可以，给您。"], "suggestion", False),
    # not complaints: a trip saved, a question about fees, one's own trouble (an independent review)
    (["居民：幸好我先打电话问了，不然就白跑一趟了。", "工作人员：是的，您带齐材料再来。"], "suggestion", False),
    (["居民：你们这里不会乱收费吧？办居住证要钱吗？", "工作人员：不收费。"], "suggestion", False),
    (["居民：我问了好几次才搞明白流程，现在材料都齐了。", "工作人员：好的，我看一下。"], "suggestion", False),
    # a fee explained is no referral owed; 查不了 said of a system now back is no refusal
    (["居民：水龙头能修吗？", "工作人员：能修，不过水龙头不属于免费维修范围，需要收五十元材料费。"], "referral", False),
    (["居民：现在能查了吗？", "工作人员：能，系统刚恢复，刚才是查不了，现在好了。"], "refusal", False),
    (["居民：你们社区能不能周六也开门？", "工作人员：谢谢您的建议，我们会在例会上研究。"], "suggestion", False),
    (["居民：门外的路灯坏了，你们能修吗？", "工作人员：路灯不在物业的维修范围内。"], "referral", True),
    (["居民：门外的路灯坏了，你们能修吗？", "工作人员：路灯不在物业的维修范围内，您可以打12345反映。"], "referral", False),
    # places named: two, either will do; 就在我们这个窗口 run on; reported on; "yes, here" (dev8 817, dev2 258, 841, dev9 977)
    (["居民：健康证去哪儿办？", "工作人员：健康证在区疾控中心或者指定的体检医院办理。"], "out_of_remit", False),
    (["居民：健康证去哪儿办？", "工作人员：不清楚。"], "out_of_remit", True),
    (["居民：那补缴在哪办", "工作人员：就在我们这个窗口 到时候您带身份证过来 我们给您算好金额"], "out_of_remit", False),
    (["居民：楼道灯不亮了，这个找谁？", "工作人员：楼道灯属于物业维修的范围，我这边帮您报给物业。"], "out_of_remit", False),
    (["居民：这事应该找谁啊？", "工作人员：是的。"], "out_of_remit", True),   # a bare yes refers nowhere
    # an outside trial: the place alone answers 在哪办, as people answer on the phone; not here is no place (dev14 1429)
    (["居民：残疾证在哪里办？", "工作人员：社区服务中心二楼民政窗口。"], "out_of_remit", False),
    (["居民：护照在这儿办吗？", "工作人员：不好意思，办护照不在我们派出所户籍窗口。"], "out_of_remit", True),
    # gone to look somewhere without 请稍等: back again, the wait is owed its apology too (outside trial rp4, rp12)
    (["居民：我的申请审到哪了？", "工作人员：我去系统里查一下。", "居民：好。", "工作人员：已经报到街道了。"], "wait_after", True),
    (["居民：我的申请审到哪了？", "工作人员：我去系统里查一下。", "居民：好。", "工作人员：让您久等了，已经报到街道了。"],
     "wait_after", False),
    # dev14's odd half: the look-up under way or records pulled out is a wait (1415, 1469); 谢谢您提的意见 thanks (1451);
    # 给老百姓办实事 is praise (1437); not done here, by name, owes a referral (1409, 1477); 申请不了 refuses (1449);
    # how long, answered with what to bring and 现场拍照, is unanswered (1419), 当场就能改好 answers it (dev4 487)
    (["居民：报销款到了没有？", "工作人员：好的，系统有点慢，正在给您调记录。", "居民：好。"], "wait_before", True),
    (["居民：能开接种证明吗？", "工作人员：我在系统里把孩子的接种记录调出来核对。", "居民：好。"], "wait_before", True),
    (["居民：你们大厅连个指示牌都没有。", "工作人员：谢谢您提的意见，我马上反馈给负责人。"], "suggestion", False),
    (["居民：你们真是给老百姓办实事啊！", "工作人员：您今天过来还有什么事吗？"], "praise", True),
    (["居民：理赔要怎么办？", "工作人员：学生平安保险的理赔不是学校这边办的。"], "referral", True),
    (["居民：住院的钱咋报销？", "工作人员：大爷，异地住院报销不是在社区办的。"], "referral", True),
    (["居民：我能申请低保吗？", "工作人员：大爷 低保这块 嗯 您家申请不了"], "refusal", True),
    (["居民：换新的身份证要多长时间才能拿到？", "工作人员：带上旧的身份证就行，我们这里现场拍照。"], "answers", True),
    (["居民：户口页错了要多久能改？", "工作人员：当场就能改好，您稍等一下。"], "answers", False),
    # an independent review: a consequence or a condition is no refusal; a look-up with a call-back promised is no wait
    (["居民：高龄补贴怎么领？", "工作人员：您满八十周岁就可以，要是不来登记，到时候就享受不了了，带身份证来登记就行。"], "refusal", False),
    (["居民：能申请护理补贴吗？", "工作人员：您要先办残疾证，没有残疾证的话申请不了，残疾证在区残联办。"], "refusal", False),
    (["居民：我想查老档案。", "工作人员：我去后面档案室找一下，找到了给您打电话，您留个电话吧。", "居民：好的。"], "wait_before", False),
    (["居民：我想查老档案。", "工作人员：我去后面档案室找一下，找到了给您打电话，您留个电话吧。", "居民：好的。"], "wait_after", False),
    # the call-back two clauses on is a call-back too; one only if the look-up fails is a wait; sent home is no wait
    (["居民：我来领老年证。", "工作人员：我去档案室找一下，找到了，给您打电话。", "居民：好。"], "wait_before", False),
    (["居民：我来领老年证。", "工作人员：我去后面档案室调一下，调不出来再给您打电话。", "居民：好。"], "wait_before", True),
    (["居民：我来领老年证。", "工作人员：我去系统里查一下，您先回去等电话通知。", "居民：好。"], "wait_after", False),
    # a refusal of what was asked is one, with a condition or a consequence in it (an independent review)
    (["居民：我七十五了，申请高龄津贴。", "工作人员：您不满八十周岁，这个津贴就申请不了了。"], "refusal", True),
    (["居民：我能代我爸领吗？", "工作人员：代领的话办不了。"], "refusal", True),
    # a fourth outside trial (speech recognition on a hotline): not ours to decide is a refusal unless the next words
    # say why; the staff's manner objected to calls for an apology
    (["居民：我能让我儿子代办吗？", "工作人员：这个我们决定不了。"], "refusal", True),
    (["居民：我能让我儿子代办吗？", "工作人员：这个我们决定不了，要报街道审批，我帮您把材料报上去。"], "refusal", False),
    (["居民：你这个人咋这样", "工作人员：您还有别的事吗？"], "suggestion", True),
    (["居民：你怎么说话的", "工作人员：您还有别的事吗？"], "suggestion", True),
    # a third outside trial: a wait to come is no wait had (行，再等三天); 什么事都推 is a complaint, not a question
    (["居民：我反映的噪音怎么还没处理？", "工作人员：已经转给城管了，三天内答复您。", "居民：行，再等三天。",
      "工作人员：好的，有进展我们通知您。"], "waited", False),
    (["居民：你们社区什么事都推。", "工作人员：谢谢您的批评，我们一定改进。"], "answers", False),
    # a fifth outside trial: worries and sighs criticise no one (a father who got lost, the neighbours' complaint about him,
    # an old man's eyes); dragging feet and a word not kept do, and so does 你这孩子咋说话呢
    (["居民：上个礼拜他自己出门找不着家了。", "工作人员：老人走失确实让人担心，我们先给他登记防走失手环。"], "suggestion", False),
    (["居民：这么麻烦啊。", "工作人员：是有点麻烦，我一项项跟您说。"], "suggestion", False),
    (["居民：邻居那边对他有意见。", "工作人员：邻居那边我们去做做工作。"], "suggestion", False),
    (["居民：我眼睛不好，这上面的字看不清。", "工作人员：我念给您听。"], "suggestion", False),
    (["居民：你们这手续怎么这么麻烦？", "工作人员：材料是区里定的。"], "suggestion", True),
    (["居民：你们办事也太拖拉了，说好的时间不算数。", "工作人员：材料还在区里审。"], "suggestion", True),
    (["居民：你这孩子咋说话呢", "工作人员：您还有别的事吗？"], "suggestion", True),
    (["居民：我的社保断过吗？", "工作人员：好，我去后面档案室把您的社保缴费记录调出来看看。", "工作人员：找到了，没有断。"],
     "wait_after", True),    # the same trial's compliant calls: 能开 answers 你们这能开吗; the matter taken on (我们街道会联系社区和物业…) answers
    # 你们管不管, after a question back; 您家老人是咱们社区的吧 asks back; 好的，您说 lets the resident go on
    (["居民：入学要开居住证明，你们这能开吗？", "工作人员：能开，你带户口本和房产证过来。"], "out_of_remit", False),
    (["居民：楼道里有人私拉电线充电，这个你们管不管？", "工作人员：谢谢您。请问您是哪个小区几号楼？", "居民：锦华苑十二号楼。",
      "工作人员：好的，我们街道会联系社区和物业一起去现场劝导，今天下午就安排。"], "out_of_remit", False),
    (["居民：六十五岁以上老人免费体检是啥时候啊", "工作人员：好的阿姨 您家老人是咱们幸福里社区的吧", "居民：对对 就住三号楼",
      "工作人员：今年的体检是十一月二十号到二十二号"], "answers", False),
    (["居民：那我总结一下，我看我记得对不对？", "工作人员：好的，您说。", "居民：身份证、户口本、照片，对吧？", "工作人员：对的。"],
     "answers", False),
    # dev pairs whose copy without the reply scored as well as the one with it: a colleague not in, at a meeting, away
    # all day; praise of a person or of the service getting better (no criticism); what the office could put in; a
    # reader's own eyes are no complaint about small print
    (["居民：张科长在吗？", "工作人员：张科长今天没来。", "居民：哦。"], "absent", True),
    (["居民：我找王主任。", "工作人员：王主任今天在区里开会，一天都不在社区。", "居民：哦。"], "absent", True),
    (["居民：我找王主任。", "工作人员：王主任今天在区里开会，您有什么事跟我说，我帮您登记转给她。", "居民：好。"], "absent", False),
    (["居民：小刘这孩子真不错，耐心得很。", "工作人员：嗯，那是他的工作。"], "praise", True),
    (["居民：你们现在服务真是越来越好了。", "工作人员：谢谢您的夸奖，这是我们应该做的。"], "praise", False),
    (["居民：你们现在服务真是越来越好了。", "工作人员：谢谢您的夸奖，这是我们应该做的。"], "suggestion", False),
    (["居民：我说你们窗口可以放几副老花镜。", "工作人员：我们这周就去买几副。"], "suggestion", True),
    (["居民：这表上的字太小了，我没戴眼镜，看不清。", "工作人员：没关系，我帮您念。"], "suggestion", False),
    # refusals the dev pairs' authors wrote without a reason: not copied for anyone, not lent out, not for her, not to be
    # fitted, not bookable yet, not adjusted by phone; the reason as the rule's 制度 or a law's title explains
    (["居民：能把监控拷给我吗？", "工作人员：监控录像不能拷贝给个人。"], "refusal", True),
    (["居民：活动室能借我办个生日宴吗？", "工作人员：那个活动室不外借。"], "refusal", True),
    (["居民：我替邻居领津贴。", "工作人员：大爷，这次没法替她领。"], "refusal", True),
    (["居民：我想装个外挑的防盗窗。", "工作人员：外挑式的防盗窗是不能装的。"], "refusal", True),
    (["居民：能约下个月十五号吗？", "工作人员：不好意思，下个月十五号的号现在还约不了。"], "refusal", True),
    (["居民：活动室能借我办个生日宴吗？", "工作人员：实在抱歉，根据社区场地管理制度，活动室不能用来办私人聚会。"], "refusal", False),
    (["居民：养老保险能退吗？", "工作人员：对不起，这个不能办理。根据《社会保险法》的规定，退休前不能取出。"], "refusal", False),
    # materials said to be short without saying which (dev pairs): 还差好几样呢, 这几样还不够, 材料还有点问题
    (["居民：年审带了户口本、身份证。", "工作人员：您这还差好几样呢，回去都准备好了再来吧。"], "missing_materials", True),
    (["居民：我带了身份证和户口本，够了吗？", "工作人员：这几样还不够，还得补点材料，您到时候来了再说。"], "missing_materials", True),
    (["居民：我的申请怎么样了？", "工作人员：材料还有点问题，您抽空过来一趟，我们当面跟您说。"], "missing_materials", True),
    (["居民：我带了身份证和户口本，够了吗？", "工作人员：这两样还不够，还缺一份收入证明和一张照片，一共就这两样。"], "missing_materials", False),
    # replies that only point to a notice or to later, or say it changes (dev pairs): no answer; the same with the answer in
    (["居民：灵活就业养老保险今年最低交多少？", "工作人员：这个标准每年都在变的，您到时候关注一下我们发的通知吧。"], "answers", True),
    (["居民：死亡证明丢了能补办吗？", "工作人员：您可以到门口的公示栏看一下补办须知。"], "answers", True),
    (["居民：外地孩子能在这儿上学吗？", "工作人员：这个要看今年的招生政策，等区里文件下来再说吧。"], "answers", True),
    (["居民：死亡证明丢了能补办吗？", "工作人员：可以补办，带上火化证明到区民政局办，公示栏也贴了须知。"], "answers", False),
    # nearly an hour and a half in the queue (dev pairs)
    (["居民：我排了快一个半小时了，办社保登记。", "工作人员：请您出示一下身份证。"], "waited", True),
    (["居民：我这号拿了快一个半小时了。", "工作人员：实在抱歉，让您久等了，请问办什么业务？"], "waited", False),
])
def test_what_a_reply_owes_and_what_passes_it_on(scorer, turns, key, charged):
    card = scorer.score(exchange("\n".join(["工作人员：您好，请坐。", *turns, "工作人员：您慢走，再见。"])), "reception")
    assert any(f.kind == "missing" and f.rule.endswith(f".{key}") for f in card.findings) is charged



@pytest.mark.parametrize(("opening", "full"), [
    ("阿姨您好，来，这边坐。您今天办点什么事？", True),  # dev7 708
    ("您好，能办，您别着急。办什么业务？", True),  # dev4 418
    ("您好。", False),
    ("你好，办什么都得先取号，去那边取。", False),
    # a counter asking what of its own service is wanted offers help (an independent review: 挂号, 缴费)
    ("您好请问您挂哪个科", True), ("您好，请问您交什么费？", True), ("您好，请问您来办什么？", True), ("您好，您找哪位？", True),
    ("您好，查什么都要排队。", False),
    ("您好，您是来交水费还是电费？", True),   # a choice of the counter's services (an independent review)
    # a bank trainer's trial: colloquial offers (有啥需要我帮您的, 来办啥业务啊) lost half the greeting
    ("您好，有啥需要我帮您的？", True), ("大姐您好，来办啥业务啊？", True), ("您好，来了啊。", False),
])
def test_a_greeting_is_full_with_a_welcome_or_an_offer_of_help(scorer, opening, full):
    card = scorer.score(exchange(f"工作人员：{opening}\n居民：我办低保。\n工作人员：好的，您慢走，再见。"), "reception")
    assert ("greeting" not in lost(card)) is full


@pytest.mark.parametrize(("reply", "absent"), [
    ("好的，来之前可以先打这个电话，确认一下经办的同志在不在。", False),  # a question (dev7 763)
    ("好的，我们明天上门提醒他们管好宠物，晚上别影响邻居休息。", False),
    ("小陈今天不在。", True),
    ("小李现在不在呢。", True),
    ("他们科室的人现在都不在。", True),
    ("小陈今天去街道参加培训了，不在社区。", True),  # a name, when and where (dev8 863)
    ("您好 小陈今天请假了不在", True),  # as speech recognition writes it (dev8 865)
    ("王敏今天上午去街道参加培训了，不在。", True),  # the time of day said too (dev11 1121)
    ("周敏今天外出办事，不在所里。", True),  # 外出 without 了 (dev11 1123)
    ("周敏今天外出吗？", False),
    ("张调解员去村里办案了，今天不在所里。", True),  # a title and where they are not (dev12 1249)
    ("张律师这两天在外地出差。", True),  # a second review's: a title, then where they went, ending the clause
    ("所长今天在区里开会。", True),
    ("医生交代了这两周要多休息。", False),  # an independent review's cases: a title that is not away, a place not a post
    ("所长开会专门强调过，这种情况能办。", False),
    ("您家虽然不在中心城区，也在补贴范围内。", False),
    ("营业执照现在不在局里办了，统一到区政务服务中心。", False),
    ("张华今天开会讨论了您的材料，已经通过了。", False),  # an independent review's cases: at work, or back
    ("刘丽今天上午出差回来了，下午就给您审批。", False),
    ("小陈今天来参加培训了吗？", False),
    ("志愿者这周培训了，下周一开始上门服务。", False),  # no name (an independent review's cases)
    ("居委会今天开会了，定了下个月开工。", False),
])
def test_someone_absent_is_said_of_a_person_not_asked_or_of_others(scorer, reply, absent):
    card = scorer.score(read(f"客服：您好，这里是阳光社区居委会，请讲。\n来电人：我找一下小陈。\n客服：{reply}\n"
                             "来电人：好的。\n客服：感谢您的来电，再见。\n"))
    assert card.script.name == "phone"
    assert any(f.kind == "missing" and f.rule == "phone.absent" for f in card.findings) is absent


def test_not_ours_here_is_no_refusal_to_apologise_for(scorer):
    card = scorer.score(exchange("工作人员：您好，请坐。\n居民：我想开无犯罪证明。\n"
                                 "工作人员：这个我们这边办不了，您得去派出所户籍窗口开。\n工作人员：您慢走，再见。"), "reception")
    assert not any(f.rule.endswith("refusal_sorry") for f in card.findings)


def test_asking_leave_passes_nothing_on(scorer):
    card = scorer.score(exchange("工作人员：您好，这里是滨江热线。\n居民：修好了，你们效率真高！\n"
                                 "工作人员：那这个工单就给您办结了，好吗？\n居民：好的。\n工作人员：感谢您的配合，再见。"), "phone")
    assert [f.turn for f in card.findings if f.kind == "missing" and f.rule.endswith("praise")] == [2]


def test_coming_back_from_a_wait_calls_for_sorry_to_keep_you_waiting(scorer):
    visit = "工作人员：您好，请坐。\n居民：我想办点事。\n工作人员：请您稍等，我去给您查一下。\n工作人员：{back}您慢走，再见。"
    assert "responses" in lost(scorer.score(exchange(visit.format(back="查到了，"))))
    assert "responses" not in lost(scorer.score(exchange(visit.format(back="让您久等了，"))))


def test_an_unanswered_question_points_after_the_question(scorer):
    card = scorer.score(exchange("工作人员：您好，请讲。\n居民：你们几点下班？"), "reception")
    [missing] = [f for f in card.findings if f.rule == "reception.answers"]
    assert (missing.kind, missing.turn, missing.start) == ("missing", 1, len("你们几点下班？"))


def test_a_criticism_said_again_after_the_last_staff_turn_is_charged_once(scorer):
    """An outside trial: 你这什么态度啊！ left unanswered was charged, and so was the resident's 行，我去投诉。 after the
    staff's last turn (−6 twice for one matter); nobody was left to answer the second. Said again with a staff turn
    after it, it is a fault again."""
    rude = ("工作人员：您好，请问您办什么事情？\n居民：我问过三次了，你这什么态度啊！\n工作人员：材料不全就是办不了。\n"
            "居民：行，我去投诉。\n")
    card = scorer.score(exchange(rude), "reception")
    missed = [f for f in card.findings if f.kind == "missing" and f.rule == "reception.suggestion"]
    assert [(f.turn, f.points, f.covered_by) for f in missed] == [(2, -6, None), (3, 0, "reception.suggestion")]
    again = scorer.score(exchange(rude + "工作人员：随便。\n"), "reception")
    assert [f.points for f in again.findings if f.kind == "missing" and f.rule == "reception.suggestion"] == [-6, -6]


def test_a_third_partys_line_not_answering_is_no_complaint_about_the_office(scorer):
    """An outside trial: 物业电话打不通啊 owed 很抱歉，如果我工作中有失误 (read as criticism of the office); the office's own
    line not answering is one."""
    def cues(said):
        card = scorer.score(exchange(f"工作人员：您好，请讲。\n居民：{said}\n工作人员：好的，我帮您联系。\n"), "reception")
        return [f.text for f in card.findings if f.kind == "trigger" and f.rule == "reception.suggestion"]
    assert cues("物业电话打不通啊。") == [] and cues("他们那边电话打不通。") == []
    assert cues("你们电话怎么老是打不通？") and cues("电话一直打不通。") == ["打不通"]


def test_not_today_is_a_refusal_that_owes_its_reason_and_an_apology(scorer):
    """An outside trial's clerk at 16:40: 注销流程很长，今天办不完。 — no apology, no way it can be done — cost nothing."""
    card = scorer.score(exchange("工作人员：您好，请问您办理什么业务？\n居民：我想注销个体户的税务登记。\n"
                                 "工作人员：注销流程很长，今天办不完。\n居民：那好吧。\n工作人员：再见。\n"), "reception")
    assert {f.text for f in card.findings if f.kind == "trigger" and f.rule == "reception.refusal"} == {"今天办不完"}
    assert any(f.kind == "missing" and f.rule == "reception.refusal" and f.points < 0 for f in card.findings)


def test_giving_in_after_a_snort_asks_nothing(scorer):
    """An outside trial: the caller's 哼 行吧 was read as a question, and the agent's farewell charged as no answer."""
    said = "工作人员：您好，请讲。\n居民：楼道灯什么时候修？\n工作人员：明天上午修。\n居民：{}\n工作人员：感谢您的来电，再见。\n"
    for giving_in in ("哼 行吧", "唉，行吧", "那行吧"):
        card = scorer.score(exchange(said.format(giving_in)), "reception")
        assert not [f for f in card.findings if f.rule == "reception.answers.question" and f.turn == 3]


def test_a_brush_off_is_not_an_answer_and_the_fault_is_charged_once(scorer):
    card = scorer.score(exchange("工作人员：您好。\n居民：居住证要带什么？\n工作人员：不知道。\n工作人员：再见。"))
    [unanswered] = [f for f in card.findings if f.rule.endswith(".answers") and f.kind == "missing"]
    [brush_off] = [f for f in card.findings if f.kind == "prohibited"]
    assert unanswered.turn == 2 and unanswered.points == 0 and unanswered.covered_by == brush_off.rule
    assert "prohibited" in lost(card) and "answers" not in lost(card)


def test_a_reply_that_is_only_a_prohibited_expression_does_not_answer(scorer):
    answered = scorer.score(exchange("工作人员：您好。\n居民：居住证要带什么？\n工作人员：你这人真笨，带身份证和照片。\n工作人员：再见。"))
    brushed = scorer.score(exchange("工作人员：您好。\n居民：居住证要带什么？\n工作人员：你这人真笨啊！\n工作人员：再见。"))
    assert not [f for f in answered.findings if f.rule.endswith(".answers") and f.kind == "missing"]
    assert [f.turn for f in brushed.findings if f.rule.endswith(".answers") and f.kind == "missing"] == [2]


def test_an_exclamation_is_not_a_question(scorer):
    card = scorer.score(exchange("工作人员：您好，请坐。\n居民：你怎么说话的！\n工作人员：对不起，是我态度不好。\n"
                                 "居民：那你怎么办？\n工作人员：嗯。\n工作人员：再见。"))
    [question] = [f for f in card.findings if f.rule.endswith(".answers.question")]
    assert question.turn == 3


def test_a_critical_expression_vetoes_the_grade(scorer):
    card = scorer.score(exchange(GOOD_VISIT.replace("请您带上身份证", "你这人真笨，请您带上身份证")))
    assert card.score >= 60 and card.veto
    assert card.grade.band.name == "不合格" and card.grade.capped_by == "critical"


#: An outside trial's hotline call (kept as its tester wrote it): every step done, but the office never named.
UNNAMED_OFFICE = ("话务员：您好，请问有什么可以帮您？\n"
                  "市民：你好，我想问一下我们小区的垃圾分类督导员什么时候上岗？现在垃圾桶旁边乱七八糟的。\n"
                  "话务员：感谢您的反映。垃圾分类督导员每天早上七点到九点、晚上六点到八点在各投放点值守，请问您是哪个小区？\n"
                  "市民：阳光花园。\n话务员：好的，阳光花园我记下了，我们今天就通知物业和督导员加强值守，三个工作日内给您回复处理情况。\n"
                  "市民：好的，谢谢。\n话务员：不客气，感谢您对我们工作的支持，再见。\n")


def test_a_call_that_never_names_the_office_is_good_not_excellent():
    """90 points, but a mandated step missed entirely: 良好 (caps.missed_step), as the trial's trainer graded it."""
    card = _shipped().score(read(UNNAMED_OFFICE, "c05.txt"))
    assert (card.script.name, card.score) == ("phone", 90)
    assert (card.grade.band.name, card.grade.capped_by) == ("良好", "missed_step")
    named = read(UNNAMED_OFFICE.replace("您好，请问", "您好，这里是阳光社区居委会，请问"), "c05.txt")
    assert _shipped().score(named).grade.band.name == "优秀"
    assert scorecard_json(card)["capped_by"] == "missed_step"


QUEUED = ("居民：我排了一个多小时了。\n工作人员：{apology}您好，请问办理什么业务？\n居民：补办社保卡。\n"
          "工作人员：好的，请出示身份证，这就给您办。\n居民：好了吗？\n工作人员：办好了，{reply}您慢走，再见。\n")


def test_a_reply_left_out_leaves_a_visit_good_not_excellent():
    """Four blind trials' trainers and supervisors graded one wholly missed reply 良好 (an hour's queue not apologised
    for: 92 on points): caps.missed_reply, named in the note; a smaller courtesy owed costs its points only."""
    card = _card(QUEUED.format(apology="", reply=""))
    assert card.score == 92 and (card.grade.band.name, card.grade.capped_by) == ("良好", "missed_reply")
    assert "群众久等 → 致歉" in grade_note(card, "zh") and "等级封顶" in grade_note(card, "zh")
    assert scorecard_json(card)["capped_by"] == "missed_reply"
    apologised = _card(QUEUED.format(apology="让您久等了。", reply=""))
    assert (apologised.score, apologised.grade.band.name, apologised.grade.capped_by) == (100, "优秀", None)
    back = ("居民：你好，我的社保卡办好了吗？\n工作人员：您好，请坐，请您稍等，我查一下。\n居民：好。\n"
            "工作人员：查到了，您的卡明天可以领。\n居民：好的，谢谢。\n工作人员：不客气，您慢走，再见。\n")
    assert _missing(back) == {"wait_after"}   # back from a look-up without 让您久等了: 4 points
    assert (_card(back).score, _card(back).grade.band.name, _card(back).grade.capped_by) == (96, "优秀", None)


def test_a_reply_left_out_caps_by_what_it_owes_not_by_what_one_fault_charged_once_left():
    """An independent review: 不知道。 (low severity, which caps nothing) for an answer covered the missing answer at no
    cost, so it graded 优秀 where a plain 嗯。 graded 良好; a reply charged less because its item ran out still caps too."""
    visit = "工作人员：您好，请坐。\n居民：社保卡怎么补办？\n工作人员：{reply}\n居民：哦。\n工作人员：您慢走，再见。\n"
    brushed, silent = _card(visit.format(reply="不知道。")), _card(visit.format(reply="嗯。"))
    [owed] = [f for f in brushed.findings if f.kind == "missing" and f.rule.endswith("answers")]
    assert (owed.points, owed.owed, owed.covered_by) == (0, 5, "prohibited.evade.dont-know")
    assert brushed.grade.capped_by == silent.grade.capped_by == "missed_reply"
    assert "答声" in grade_note(brushed, "zh")   # the note names the reply that caps, charged or covered
    assert scorecard_json(brushed)["findings"][brushed.findings.index(owed)]["owed"] == 5


@pytest.mark.parametrize(("reply", "owed"), [
    ("不好意思，这个不太方便说。", {"refusal"}), ("查不了的，请您理解。", {"refusal"}),   # the answer it left out: charged once
    ("您看看墙上的公示吧。", {"answers"}), ("年利率是百分之三点一，按月付息。", set()),
])
def test_a_polite_brush_off_neither_answers_nor_refuses_as_the_rules_ask(reply, owed):
    """A bank and hospital trainer's trial: polite is not helpful — 不太方便说 answered nothing and refused without a reason,
    and the role-play scored 100 优秀."""
    call = f"大堂经理：您好，请问办理什么业务？\n客户：你们这个理财利率是多少？\n大堂经理：{reply}\n客户：好吧。\n大堂经理：您慢走，再见。\n"
    assert _missing(call) == owed


def test_an_unanswered_question_caps_and_a_question_told_of_another_day_asks_nothing():
    call = ("坐席：您好，12366纳税服务热线，请问有什么可以帮您？\n来电人：{said}\n坐席：谢谢您的认可，这是我们应该做的。\n"
            "来电人：好的。\n坐席：感谢您的来电，再见。\n")
    asked = _card(call.format(said="退休金要不要交个税？"))
    assert "answers" in _missing(call.format(said="退休金要不要交个税？")) and asked.grade.capped_by == "missed_reply"
    told = call.format(said="我上礼拜打过来问退休金要不要交个税，小姑娘讲得特别清楚，今天特地打来谢谢她。")
    assert "answers" not in _missing(told) and _card(told).grade.band.name == "优秀"


def test_a_wait_apologised_for_once_is_answered_and_a_question_of_how_long_is_no_wait():
    """A bank trainer's trial: a second grumble after 让您久等了 is owed no second apology; 要排好久哦？ (Sichuan) asks."""
    again = ("客户：我排了四十多分钟了！\n大堂经理：您好，真是对不起，让您久等了，请问您办理什么业务？\n"
             "客户：我就是存个钱，这点事还要等这么久。\n大堂经理：我带您去那边的机器存，不用排队。\n客户：好。\n大堂经理：您慢走，再见。\n")
    assert "waited" not in _missing(again)
    assert "waited" in _missing(again.replace("真是对不起，让您久等了，", ""))
    how_long = "患者：骨科在哪点哦？\n导诊：您好，骨科在二楼。\n患者：要排好久哦？\n导诊：今天人不多，二三十分钟。\n患者：要得。\n导诊：您慢慢走，再见。\n"
    assert "waited" not in _missing(how_long)


@pytest.mark.parametrize("office", ["城关派出所户籍室", "市医保局", "人民医院预约挂号处", "自来水公司客服", "幸福里物业", "东城税务所",
                                    "市妇幼保健院预约挂号中心", "省立医院预约挂号中心", "城南街道司法所",  # dev11 1129, 1147; dev12 1249
                                    "春华社区卫生服务中心预防接种门诊", "滨江派出所值班室",  # dev18 1843, 1871
                                    "仁和医院门诊部", "市二院住院部", "人民医院急诊科", "仁和医院体检中心",  # a hospital trial
                                    "江城自来水", "江城水务", "江城供水", "江城自来水96116", "江城自来水公司96116",  # a water company's trial
                                    "12366", "96116", "95598", "幺二三六六", "您拨打的是96116"])  # a tax hotline's and a water company's
def test_an_office_of_another_kind_named_on_the_phone_is_named(office):
    """An independent review: offices other than a community's were not recognised, so the call lost the step and its grade."""
    call = UNNAMED_OFFICE.replace("您好，请问", f"您好，{office}，请问")
    card = _shipped().score(read(call, "c.txt"))
    assert (card.score, card.grade.band.name, card.grade.capped_by) == (100, "优秀", None)


@pytest.mark.parametrize("opening", ["您好，请问有什么可以帮您？", "您好，请问您的户号是多少？", "您好，您可以打12366问问，请问还有别的事吗？"])
def test_a_number_or_a_question_is_no_office_named(opening):
    """Only the line's own number said as its name counts (您好，12366), not a number given to ring, nor any opening."""
    card = _shipped().score(read(UNNAMED_OFFICE.replace("您好，请问有什么可以帮您？", opening), "c.txt"))
    assert "org_identified" in lost(card)


def test_the_office_named_late_costs_half_and_caps_nothing():
    late = ("坐席：您好，请讲。\n来电人：你好，请问是城关社区吗？\n坐席：是的，这里是城关社区居委会，请问有什么可以帮您？\n"
            "来电人：我想问问老年证怎么办。\n坐席：带上身份证和一张照片到社区服务大厅就能办，当场出证。\n来电人：好的谢谢。\n坐席：不客气，再见。\n")
    card = _shipped().score(read(late, "c.txt"))
    assert (card.score, card.grade.capped_by) == (95, None)
    assert [f.rule for f in card.findings if f.points] == ["phone.org_identified.late"]


@pytest.mark.parametrize("closing", ["不客气，欢迎您随时来电咨询。", "好的，不客气，您慢走。"])
def test_a_closing_that_invites_back_or_sees_off_is_a_farewell_on_the_phone(closing):
    call = UNNAMED_OFFICE.replace("您好，请问", "您好，阳光社区居委会，请问").replace("不客气，感谢您对我们工作的支持，再见。", closing)
    card = _shipped().score(read(call, "c.txt"))
    assert not [f for f in card.findings if f.kind == "missing"] and card.grade.capped_by is None


def test_a_step_done_in_part_caps_nothing(scorer):
    card = scorer.score(exchange(GOOD_VISIT.replace("您好，请问您办什么事情？", "请问您办什么事情？")))
    assert card.score >= 90 and card.grade.capped_by is None and card.grade.band.name == "优秀"


def test_a_medium_prohibited_expression_leaves_an_excellent_visit_good():
    card = _shipped().score(exchange(GOOD_VISIT.replace("请您带上身份证", "别啰嗦，快点讲。请您带上身份证")))
    [rude] = [f for f in card.findings if f.kind == "prohibited"]
    assert rude.severity == "medium" and card.score >= 90
    assert (card.grade.band.name, card.grade.capped_by) == ("良好", "medium")


MANY_FAULTS = ("工作人员：您好，请坐，请问您办什么业务？\n居民：我来开个证明。\n工作人员：别啰嗦，快点讲。\n居民：就是开证明。\n"
               "工作人员：这是规定，你懂不懂？\n居民：那要带什么？\n工作人员：我要下班了，你快点。\n居民：那我找谁？\n"
               "工作人员：这事不归我管，你问别人去。\n居民：好吧。\n工作人员：您慢走，再见。")


def test_prohibited_expressions_past_their_items_points_fail_the_visit_and_free_no_reply():
    """Once the prohibited item's 25 points are used up, a further expression costs nothing (said so),
    the reply it stands in is charged as if it were not there, and the grade is capped (over_limit)."""
    card = _shipped().score(exchange(MANY_FAULTS))
    prohibited = [f for f in card.findings if f.kind == "prohibited"]
    assert len(prohibited) >= 4 and sum(f.points for f in prohibited) == -25
    uncharged = [f for f in prohibited if f.used_up]
    assert uncharged and all(f.points > -10 for f in uncharged)
    free_turns = {f.turn for f in uncharged if f.points == 0}
    missing = [f for f in card.findings if f.kind == "missing" and f.turn in free_turns]
    assert missing and all(f.points < 0 or f.covered_by for f in missing)
    assert not any(f.covered_by for f in missing if f.covered_by in {p.rule for p in uncharged})
    assert (card.grade.band.name, card.grade.capped_by) == ("不合格", "over_limit") and card.score >= 60
    found = scorecard_json(card)["findings"]
    assert {f["rule"] for f in found if f["used_up"]} == {f.rule for f in uncharged}
    assert all("covered_by" in f for f in found)


def test_lost_points_add_up_to_the_findings_that_cost_them(scorer):
    messy = GOOD_VISIT.replace("您", "你").replace("谢谢，这是我们应该做的。", "不知道。").replace("您慢走，再见", "嗯")
    card = scorer.score(exchange(messy))
    assert sum(f.points for f in card.findings) == pytest.approx(-sum(item.lost for item in card.items))
    assert all(f.points < 0 or f.covered_by == f.rule
               for item in card.items if item.lost for f in item.evidence if f.kind in ("missing", "informal"))


def test_the_script_is_forced_given_or_detected(scorer):
    call_without_cues = "工作人员：您好，阳光社区。\n居民：你好。\n工作人员：再见。"
    assert scorer.score(exchange(GOOD_CALL)).channel_by == "detected"
    assert scorer.score(exchange(call_without_cues)).script.name == "reception"
    assert scorer.score(exchange(call_without_cues, channel="电话")).script.name == "phone"
    named = scorer.score(exchange(call_without_cues, channel="12345热线"))   # an alias inside a work order's 受理渠道
    assert (named.script.name, named.channel_by) == ("phone", "given")
    assert scorer.score(exchange(call_without_cues, channel="电话预约来访")).channel_by != "given"   # both: the evidence decides
    assert scorer.score(exchange(call_without_cues, channel="revisit")).channel_by != "given"   # not the word visit
    assert scorer.score(exchange(call_without_cues, channel="Hotline call")).script.name == "phone"
    forced = scorer.score(exchange(GOOD_VISIT), "phone")
    assert (forced.script.name, forced.channel_by) == ("phone", "forced")
    assert "org_identified" in lost(forced)


def test_an_exchange_without_staff_speech_is_not_applicable(scorer):
    """A resident's voicemail is kept as an exchange with no score and the grade 不适用 (N/A)."""
    card = scorer.score(exchange("居民：喂？有人吗？我想问一下低保的事，麻烦回个电话。"))
    assert card.score is None and card.grade.band.name == "不适用" and card.grade.band.label("en") == "N/A"
    assert card.not_applicable == "no_staff_speech" and card.items == []
    document = scorecard_json(card)
    assert (document["score"], document["grade"], document["applicable"]) == (None, "不适用", False)


def test_a_lone_speaker_who_speaks_as_a_resident_is_a_voicemail_not_the_staffs_call():
    """A water company's trial: a caller's voicemail alone on channel 0 was read as the agent's call (55 不合格, the caller's
    待会儿再打 charged to the agent); a lone speaker who speaks as staff is still the staff."""
    def mono(*sentences):
        said = [{"sentence_id": n, "begin_time": n * 1000, "end_time": n * 1000 + 900, "text": text}
                for n, text in enumerate(sentences, 1)]
        return json.dumps({"transcripts": [{"channel_id": 0, "text": "".join(sentences), "sentences": said}]}, ensure_ascii=False)
    voicemail = read(mono("喂？喂？怎么没人接啊。", "我是光明小区十二栋的，我们这个楼道里的水表箱一直在滴水。",
                          "麻烦你们派人来看一下，我待会儿再打吧。"), "voicemail.json")
    card = _shipped().score(voicemail)
    assert (card.score, card.not_applicable) == (None, "no_staff_speech")
    assert [f for f in card.findings if f.kind == "prohibited"] == []
    agent = read(mono("您好，江城自来水，请问有什么可以帮您？", "好的，我帮您登记，师傅下午上门。"), "agent.json")
    assert _shipped().score(agent).score is not None


def test_bands_can_be_replaced():
    scorer = Scorer.default(bands={"通过": 70, "不通过": 0})
    card = scorer.score(exchange(GOOD_VISIT.replace("您慢走，再见", "好")))
    assert card.grade.band.name == "通过"
    assert Bands.from_mapping({"A": 90, "B": 0}).grade(95, ["critical"]).band.name == "B"


def test_high_severity_caps_the_grade_at_pass():
    bands = load_scripts()["reception"].bands
    assert bands.grade(95).band.name == "优秀"
    assert bands.grade(95, ["high"]).band.name == "合格"
    assert bands.grade(50, ["high"]).capped_by is None


def test_two_steps_missed_entirely_fail_the_visit(scorer):
    """An outside trial's trainer failed a visit with no greeting and no farewell (every answer given, 你 throughout:
    60 points); one step missed leaves it at best 良好."""
    both = scorer.score(exchange(GOOD_VISIT.replace("您好，请问您办什么事情？", "身份证拿来。").replace("您慢走，再见", "好")))
    one = scorer.score(exchange(GOOD_VISIT.replace("您慢走，再见", "好")))
    assert (both.grade.band.name, both.grade.capped_by) == ("不合格", "missed_steps")
    assert grade_note(both, "zh") == "漏了两个以上必备环节（迎声：主动问候、送声：礼貌道别），等级封顶"   # the steps missed, by name
    assert one.grade.band.name == "良好" and one.grade.capped_by == "missed_step"
    # a configuration's own [grades] of the same names keep the script's caps (an independent review)
    configured = Scorer.default(bands={"优秀": 90, "良好": 80, "合格": 60, "不合格": 0})
    assert configured.score(exchange(GOOD_VISIT.replace("您好，请问您办什么事情？", "身份证拿来。").replace(
        "您慢走，再见", "好"))).grade.capped_by == "missed_steps"


def read(text: str, name: str = "call.txt", **options):
    """The exchange phrasecheck reads from a labelled text file called ``name``."""
    from phrasecheck.transcripts import ReadOptions, read_text_exchange

    [exchange], _ = read_text_exchange(text, name, ReadOptions(**options))
    return exchange


HOTLINE_WITHOUT_OFFICE = "客服：您好，请讲。\n来电人：你好，我想问一下居住证怎么办？\n客服：带身份证和租房合同到社区窗口办。\n来电人：好的，谢谢。\n客服：不客气，再见。\n"


def test_a_call_labelled_as_one_is_scored_as_a_call_even_without_the_office_name(scorer):
    """The office's name is what the phone script scores, so it cannot be what makes the call a call:
    the speaker labels 客服 and 来电人 do, and the missing name costs the org_identified item."""
    card = scorer.score(read(HOTLINE_WITHOUT_OFFICE))
    assert (card.script.name, card.channel_by) == ("phone", "detected")
    assert [(clue.kind, clue.value) for clue in card.clues] == [("label", "客服"), ("label", "来电人")]
    assert "org_identified" in lost(card)


def test_the_channel_comes_from_the_source_format_cues_or_the_file_name(scorer):
    asr = read(HOTLINE_WITHOUT_OFFICE.replace("客服", "工作人员").replace("来电人", "居民"))
    asr.meta["format"] = "alibaba-filetrans"
    assert scorer.score(asr).script.name == "phone"
    said = "工作人员：您好。\n居民：喂，听得见吗？我明天上午过去办可以吗？\n工作人员：可以的，再见。\n"
    assert scorer.score(read(said)).script.name == "phone"
    filler = "说话人1：就是喂你好。\n说话人2：你好我问一下低保的事。\n说话人1：您说，再见。\n"   # speech recognition's filler
    assert scorer.score(read(filler, staff_speaker=["说话人1"])).script.name == "phone"
    fed = read("工作人员：您好，请问您办什么？\n居民：问问补贴。\n工作人员：这个喂养补贴带户口本来办。\n工作人员：再见。\n")
    assert scorer.score(fed).script.name == "reception"   # 喂养 is no 喂
    visit = read("工作人员：您好，这里是阳光社区。\n居民：你好。\n工作人员：再见。\n")  # what phone scores decides nothing
    assert scorer.score(visit).script.name == "reception"
    named = read("工作人员：您好。\n居民：你好。\n工作人员：再见。\n", "phone_A1023.txt", staff_from=r"(?P<channel>\w+?)_(?P<staff>A\d+)")
    assert (scorer.score(named).script.name, scorer.score(named).channel_by) == ("phone", "given")


def test_turns_on_two_audio_tracks_are_a_call_recorded_a_side_a_track(scorer):
    """A call-centre export with a 声道 column (L/R) and nothing said that only a call says (an outside trial's file: it
    was scored as a visit); the same export without the column is no call, and one track is none either."""
    rows = [("L", "您好，城关镇便民服务中心。"), ("R", "我想问一下农村医保今年交多少"), ("L", "今年是三百八十块，可以微信交。"),
            ("R", "好，谢谢"), ("L", "不客气，再见。")]
    tracked = "声道,识别结果\n" + "".join(f"{track},{text}\n" for track, text in rows)
    card = scorer.score(read(tracked, "calls.csv", staff_channel="L"))
    assert (card.script.name, card.channel_by) == ("phone", "detected")
    assert [(clue.kind, clue.value) for clue in card.clues] == [("format", "csv"), ("tracks", "2")]
    from phrasecheck.report.annotate import channel_note

    assert channel_note(card, "zh").endswith("格式 csv、2 个音轨") and channel_note(card, "en").endswith("2 audio tracks")
    spoken = "说话人,识别结果\n" + "".join(f"{'坐席' if track == 'L' else '客户'},{text}\n" for track, text in rows)
    assert scorer.score(read(spoken.replace("坐席", "工作人员").replace("客户", "居民"), "calls.csv")).script.name == "reception"
    one = "声道,说话人,识别结果\n" + "".join(f"L,{'工作人员' if track == 'L' else '居民'},{text}\n" for track, text in rows)
    assert scorer.score(read(one, "calls.csv")).script.name == "reception"


def test_a_channel_the_source_gives_that_names_no_script_is_warned_of(scorer):
    """A channel column saying fax (or a typo) was put aside without a word; the card now says so and how to fix it."""
    call = read(HOTLINE_WITHOUT_OFFICE)
    call.channel = "fax"
    card = scorer.score(call)
    assert card.channel_by == "detected" and any("“fax”" in warning.message for warning in card.warnings)
    call.channel = "phone"
    assert not any("“phone”" in warning.message for warning in scorer.score(call).warnings)


@pytest.mark.parametrize(("first_turn", "earned"), [
    ("您好，请坐，请问您办什么事情？", 15), ("请坐。", 7.5), ("您好。", 7.5), ("嗯。", 0),
    # a hospital trial: an offer of help is the welcome at a guide desk
    ("您好，请问您哪里不舒服？需要我帮您吗？", 15), ("您好，需要帮忙吗？", 15)])
def test_a_full_greeting_is_a_greeting_and_a_welcome_or_offer(scorer, first_turn, earned):
    card = scorer.score(read(f"工作人员：{first_turn}\n居民：我来交材料。\n工作人员：好的，收下了，您慢走，再见。\n"))
    [greeting] = [item for item in card.items if item.item.key == "greeting"]
    assert greeting.earned == earned


@pytest.mark.parametrize(("pickup", "earned"), [
    ("您好，这里是阳光社区居委会，请讲。", 10),
    ("您好，这里是阳光社区居委会，有什么需要帮助的吗？", 10),
    ("您好，这里是阳光社区居委会。", 5),  # every seed asks for an offer too: the name earns org_identified
    ("您好，阳光社区居委会，您讲。", 10), ("您好，阳光社区，有啥事您说。", 10), ("您好，这里是阳光社区居委会，您找哪位？", 10),
    ("您好，12345政务服务热线，您要咨询什么？", 10), ("侬好，阳光社区居委会，侬讲。", 10),
    ("您好，阳光社区居委会，有什么事吗？", 10),
    # a bare 什么事？ is curt, no offer (an outside trial had 喂，什么事？ earn as much as 您好。)
    ("喂，阳光社区居委会，什么事？", 0), ("喂，阳光社区居委会，啥事？", 0), ("喂，阳光社区居委会，你啥事？", 0),
    ("喂，阳光社区居委会，有事？", 0),
    ("您好，12345政务服务便民热线，工号三七二为您服务。", 10),   # a hotline's standard opening (an outside trial)
])
def test_a_full_phone_greeting_is_a_greeting_and_an_offer_the_office_s_name_is_scored_apart(scorer, pickup, earned):
    card = scorer.score(read(f"客服：{pickup}\n来电人：我想问问公租房排到哪儿了。\n客服：排在第三百号。\n"
                             "来电人：好的。\n客服：感谢您的来电，再见。\n"))
    assert {item.item.key: item.earned for item in card.items}["greeting"] == earned
    assert "org_identified" not in lost(card)


def test_a_late_greeting_without_its_offer_by_then_earns_half_of_half(scorer):
    late = scorer.score(read("客服：阳光社区居委会。\n来电人：喂，你好，体检是哪天？\n客服：哦，您好您好。是下周三上午。\n"
                             "来电人：好的。\n客服：感谢您的来电，再见。\n"))
    offered = scorer.score(read("客服：阳光社区居委会。\n来电人：喂，你好，我想问个事。\n客服：您好，请讲。\n"
                                "来电人：体检是哪天？\n客服：下周三上午。感谢您的来电，再见。\n"))
    assert {item.item.key: item.earned for item in late.items}["greeting"] == 2.5
    assert {item.item.key: item.earned for item in offered.items}["greeting"] == 5
    assert {f.rule for f in late.findings if f.kind == "missing"} >= {"phone.greeting.late", "phone.greeting.partial"}


def test_a_late_greeting_and_an_early_farewell_earn_half(scorer):
    late = scorer.score(read("工作人员：交什么材料？\n居民：低保的。\n工作人员：您好，请坐，给我吧。\n居民：好。\n工作人员：您慢走，再见。\n"))
    early = scorer.score(read("工作人员：您好，请坐，办什么？\n居民：交材料。\n工作人员：好的，您慢走，再见。\n居民：等等，还有一份。\n"
                              "工作人员：好，给我吧。\n"))
    assert {item.item.key: item.earned for item in late.items}["greeting"] == 7.5
    assert {item.item.key: item.earned for item in early.items}["farewell"] == 5
    assert any(f.rule.endswith("greeting.late") for f in late.findings)
    assert any(f.rule.endswith("farewell.early") for f in early.findings)


def test_a_referral_to_a_number_is_a_referral_and_the_phone_suggests_in_its_own_words(scorer):
    asked = "客服：您好，阳光社区，请讲。\n来电人：小区路灯坏了归谁管？\n客服：{reply}\n来电人：好的。\n客服：感谢您的来电，再见。\n"
    referred = scorer.score(read(asked.format(reply="这个您打12345市民热线反映，他们会派人修。")))
    # 这个我们这儿管不了 is the prohibited 这事我们管不了 in other words, charged as such; a bare remit
    # statement is not prohibited, only short of the referral
    brushed = scorer.score(read(asked.format(reply="这个我们社区没有这个权限。")))
    assert "responses" not in lost(referred) and "responses" in lost(brushed)
    suggestions = {f.suggestion for f in brushed.findings if f.suggestion}
    assert suggestions and not any("社工" in s or "请坐" in s for s in suggestions)


@pytest.mark.parametrize("opening", [
    "您好，这里是城南供电营业厅，请问办理什么业务？", "您好，欢迎来到市民政务服务中心，请问办理什么业务？",
    "您好，这里是阳光社区居委会，请问办什么？", "您好，请坐，请问办什么？", "您好，仁和医院门诊部，请问办什么？",
])
@pytest.mark.parametrize(("staff", "resident"), [("工作人员", "居民"), ("导税员", "纳税人"), ("甲", "乙")])
def test_the_shipped_suggestions_fit_any_office(opening, staff, resident):
    """Three trials (a hospital and a bank desk, a tax hall, a 12345 line) were told to ask 其他社工 or to answer as a
    社区居委会 wherever their office went unnamed: the shipped wording is 002's 别的同志, whatever the office."""
    visit = (f"{staff}：{opening}\n{resident}：宽带老掉线，你们能修吗？\n{staff}：这事不归我管，你问别人去，派出所也行。\n"
             f"{resident}：好吧。\n{staff}：再见。\n")
    card = _shipped().score(read(visit), "reception")
    assert {f.suggestion for f in card.findings if f.kind == "prohibited"} == {"请稍等，我帮您问一下别的同志"}


def test_the_phones_pick_up_is_suggested_for_any_office():
    call = "坐席：您好，请讲。\n来电人：停水了。\n坐席：我们{}不管水，您打自来水公司热线96116。\n来电人：好。\n坐席：感谢您的来电，再见。\n"
    for office in ("供电营业厅", "社区居委会"):
        card = _shipped().score(read(call.format(office)))
        assert {f.suggestion for f in card.findings if f.rule == "phone.org_identified"} == {"您好，这里是хх（单位全称），请讲"}


COMMUNITY_WORDING = """[script]
name = "reception"
title = "社区窗口接待"
extends = "reception"

[office]
own = "(这里是|我们|本)[\u4e00-\u9fff]{0,10}?(银行|医院)"
other = "(这里是|我们|本)[\u4e00-\u9fff]{0,10}?(社区|居委会)"
other_labels = "社工|网格员"
suggestions = { "请稍等，我帮您问一下别的同志" = "请稍等，我帮您问一下其他社工" }
"""


@pytest.mark.parametrize(("opening", "staff", "suggested"), [
    ("您好，这里是阳光社区居委会，请问办什么？", "工作人员", "请稍等，我帮您问一下其他社工"),
    ("您好，请问办什么？", "社工", "请稍等，我帮您问一下其他社工"),
    ("您好，请问办什么？", "工作人员", "请稍等，我帮您问一下别的同志"),
    ("您好，这里是阳光社区，我们银行网点在隔壁，请问办什么？", "社工", "请稍等，我帮您问一下别的同志"),
])
def test_a_site_words_the_suggestions_for_its_kind_of_office(tmp_path, opening, staff, suggested):
    """A community office's own script says 其他社工 (000) where its office or its speakers' labels say so; an exchange
    naming the other kind as its own (own) keeps the shipped wording."""
    (tmp_path / "community.toml").write_text(COMMUNITY_WORDING, encoding="utf-8")
    visit = f"{staff}：{opening}\n居民：社保卡丢了怎么补办？\n{staff}：这个不归我们管。\n居民：好吧。\n{staff}：您慢走。\n"
    card = Scorer.default(script_paths=[tmp_path]).score(read(visit), "reception")
    assert {f.suggestion for f in card.findings if f.kind == "prohibited"} == {suggested}


@pytest.mark.parametrize("waited", ["排了四十分钟了，终于轮到我", "我从早上等到现在", "等了好长时间了", "我一直在排队"])
def test_a_resident_who_says_they_queued_long_is_owed_an_apology(scorer, waited):
    visit = f"居民：{waited}。\n工作人员：{{reply}}您好，请坐，办什么？\n居民：交材料。\n工作人员：好的，您慢走，再见。\n"
    assert "responses" in lost(scorer.score(read(visit.format(reply=""))))
    assert "responses" not in lost(scorer.score(read(visit.format(reply="让您久等了。"))))


@pytest.mark.parametrize("waited", ["你们这电话一直说坐席忙", "我打了好几次转人工都转不过来", "每次都说线路繁忙", "前面那个人磨叽了快一个钟头"])
def test_a_caller_who_could_not_get_through_is_owed_an_apology(waited):
    call = f"坐席：您好，燃气公司客服，请讲。\n来电人：{waited}。\n坐席：{{reply}}请问您遇到什么问题了？\n来电人：燃气表不走字。\n坐席：我给您登记报修，感谢您的来电，再见。\n"
    assert "waited" in _missing(call.format(reply=""))
    assert "waited" not in _missing(call.format(reply="让您久等了。"))


@pytest.mark.parametrize(("said", "owed"), [
    ("你们收垃圾的车天天早上五点就来，吵死人了。", True), ("等候区的座位太少，很多人只能站着。", True),
    ("你们网站的办事指南好多都是过期的，误导人。", True), ("你们能不能一次给办完啊，老让人跑。", True),
    ("无障碍通道被车堵住了。", True),
    # calls about the matter, the resident's own home: no wait on this line, nothing of the office's
    ("我家宽带断了两天了，打了好几次电话都没人来修。", False), ("我家暖气去年就不太热。", False),
    ("老人家门口那个台阶太高了，听说能免费改造？", False),
])
def test_the_place_found_wanting_is_a_criticism_owed_thanks_or_an_apology(said, owed):
    visit = f"工作人员：您好，请坐，请问您办什么事情？\n居民：{said}\n工作人员：好的，这个我们记下了，您先说您要办的事。\n居民：好。\n工作人员：您慢走，再见。"
    assert ("suggestion" in _missing(visit)) is owed


@pytest.mark.parametrize(("resident", "staff", "key"), [
    ("我想咨询离婚财产分割的问题。", "这种问题我们民政窗口没法答复您。", "referral"),
    ("我的低保是你们银行停的？", "低保停发不是我们银行整的，我们就是代发。", "referral"),
    ("我想查一下土地确权信息。", "土地确权的事情不在我们这个窗口的职责范围内，请您谅解。", "referral"),
    ("我来办公积金提取。", "材料还差着呢，补齐了再过来吧。", "missing_materials"),
])
def test_a_situation_in_the_staffs_everyday_words_owes_its_reply(resident, staff, key):
    """Situations of the dev trigger sets said in words the scripts missed: each owes its reply."""
    visit = f"工作人员：您好，请坐。\n居民：{resident}\n工作人员：{staff}\n居民：好吧。\n工作人员：您慢走，再见。"
    assert key in _missing(visit)


@pytest.mark.parametrize(("said", "key"), [("恁这小伙子杠好，办事儿利索！", "praise"), ("你们社区这几年变化真大，干得好。", "praise"),
                                           ("你们硬是要得，冇得话说。", "praise"),   # a rule writer's trial: it was a criticism
                                           ("恁这儿啥都好，就是一到中午就没人了，俺白等一个钟头。", "suggestion")])
def test_praise_and_criticism_in_the_residents_own_words_owe_their_reply(said, key):
    """Each is owed its reply (the criticism beside an hour's wait, at no cost of its own: the apology owed is larger)."""
    visit = f"工作人员：您的事儿办好了。\n居民：{said}\n工作人员：{{reply}}您拿好。\n居民：好。\n工作人员：您慢走，再见。"
    assert key in {f.rule.split(".", 1)[1] for f in _card(visit.format(reply="")).findings if f.kind == "missing"}
    assert key not in _missing(visit.format(reply="谢谢您，我们会改进。"))


RESIDENT_RULE = '''
[[rule]]
id = "resident.praise.dialect"
kind = "courtesy"
category = "表扬"
role = "resident"
match = { all = ["你们|这儿|办事", "巴适|得劲|好得很|没得说"] }
sources = [{ doc = "本所规范.txt", article = "第二条" }]
flag = ["你们办事巴适得很"]
'''


def test_rules_about_resident_speech_are_triggers_never_charges(tmp_path):
    lexicon_path = tmp_path / "resident.toml"
    lexicon_path.write_text(RESIDENT_RULE, encoding="utf-8")
    reception = next(path for path in default_script_files() if path.name == "reception.toml").read_text(encoding="utf-8")
    script = tmp_path / "reception.toml"
    script.write_text(reception.replace('key = "praise"\n', 'key = "praise"\nrules = ["resident.praise.dialect"]\n', 1),
                      encoding="utf-8")
    lexicon = load_lexicon([lexicon_path])
    assert Matcher(lexicon).find("你们办事巴适得很") == []  # drafts and staff turns: staff rules only
    scorer = Scorer(Matcher(lexicon), load_scripts([script]))
    visit = "工作人员：您好，请坐。\n居民：你们办事巴适得很！\n工作人员：{reply}\n工作人员：您慢走，再见。"
    thanked = scorer.score(exchange(visit.format(reply="谢谢，这是我们应该做的。")))
    ignored = scorer.score(exchange(visit.format(reply="嗯。")))
    assert "responses" not in lost(thanked) and "responses" in lost(ignored)
    assert [f.rule for f in ignored.findings if f.kind == "missing"] == ["reception.praise"]
    assert not any(f.rule == "resident.praise.dialect" for f in ignored.findings)


def test_check_and_score_report_the_same_informal_words(tmp_path):
    """The 你 that ``check`` suggests changing is the 你 that costs points in ``score``."""
    import json

    from typer.testing import CliRunner

    from phrasecheck.cli.app import app

    staff = ["你好，你先坐一下，你们几位一起的吗？", "请你把材料给我，你的表填好了。"]
    draft, call = tmp_path / "draft.txt", tmp_path / "call.txt"
    draft.write_text("\n".join(staff) + "\n", encoding="utf-8")
    call.write_text(f"工作人员：{staff[0]}\n居民：好的。\n工作人员：{staff[1]}\n居民：谢谢。\n工作人员：您慢走。\n",
                    encoding="utf-8")
    runner = CliRunner()
    checked = json.loads(runner.invoke(app, ["check", "--format", "json", str(draft)]).stdout)["findings"]
    scored = json.loads(runner.invoke(app, ["score", "--format", "json", str(call)]).stdout)["exchanges"][0]
    said = {(f["line"] - 1, f["column"] - 1) for f in checked if f["kind"] == "informal"}
    charged = {(f["turn"] // 2, f["start"]) for f in scored["findings"] if f["kind"] == "informal"}
    assert said == charged == {(0, 0), (0, 3), (1, 1), (1, 8)}
    # one charge a sentence: 你好，你先坐一下，你们几位一起的吗？ is one sentence, the second line another
    assert [(f["turn"], f["points"]) for f in scored["findings"] if f["kind"] == "informal"] == [(0, -2), (0, 0), (2, -2), (2, 0)]


@pytest.mark.parametrize(("question", "answer", "answered"), [
    ("批下来要多久？", "一般一个月内出结果，批下来会短信通知您。", True),
    ("批下来要多久？", "好的，下午来的时候记得把医保卡带上。", False),  # when to come, not how long
    ("批下来要多久？", "下午就能批好。", True),
    ("批下来要多久？", "很快的。", False),  # how long, said (001 三（一）1（2）: the time a reply takes)
    ("那补发要多久？", "认证通过后下个发放日就一起补发。", True),  # a day named by what happens on it (dev8 815)
    ("那装的钱谁出？", "线路费用自己承担，大概一两千块。", True),
    ("那装的钱谁出？", "装好以后记得到物业登记一下。", False),
    ("那费用谁出？", "政府每台补贴一部分，剩下的由业主分摊。", True),  # who pays, not how much
    ("一次多少钱？", "一次一百二，补贴以后您家出六十。", True),          # an amount without 元
    ("一次多少钱？", "好的，我给您登记上。", False),
    ("什么时候去拿？", "工作日到一楼综合窗口领取。", True),
    ("签在哪？", "签在最下面经营者签字这一栏。", True),
    ("签在哪？", "好的，您签吧。", False),
    ("流感疫苗是不是也免费啊？", "六十五岁以上的老人免费，在社区卫生服务中心打。", True),  # asking whether it is free is asking the cost
    ("流感疫苗是不是也免费啊？", "新冠疫苗周二周四上午接种，带身份证就行。", False),
    ("我四十八岁了，有没有年龄限制？", "大部分企业招到五十岁，您可以放心来。", True),
    ("我四十八岁了，有没有年龄限制？", "招聘会是免费入场的。", False),
    ("我爸妈岁数大了，我能帮他们交吗？", "可以代缴，在小程序里添加他们的身份证号就行。", True),  # 岁数大了 tells, it asks no age
    ("流感疫苗是不是也免费啊？", "是的，您直接去卫生服务中心打就行。", True),  # a yes answers it (an independent review)
    ("有没有年龄限制？", "没有，谁都可以报名。", True),
    ("公租房面积多大的能申请？", "人均住房面积低于十五平方米的家庭可以申请。", True),  # 多大 of a flat asks no age
    ("这个登记办了有什么用啊？", "我现在给您录入信息，请您稍候。", False),  # what it is for: the next step is no use (dev10 1025)
    ("这个登记办了有什么用啊？", "办了以后产检和分娩可以享受生育保险待遇。", True),
    # put off, pointed elsewhere, or seated: still unanswered (dev11 1103, 1105, 1107)
    ("满八十岁当月就开始发吗？", "这个您来了以后我们再跟您详细说。", False),
    ("换了单位还能贷款吗？", "贷款的具体条件以我们网站上公布的为准，您可以上网看一下。", False),
    ("换了单位还能贷款吗？", "能贷，缴存时间连续计算，具体以网站公布的为准。", True),
    ("今天能拿到户口本上的那一页吗？", "您先到旁边椅子上坐着，好了我叫您。", False),
    # an independent review: the answer before a seat offered or a rule of thumb is still an answer
    ("外地户口能办吗？", "能办，您先坐一下。", True),
    ("办居住证要钱吗？", "免费的，您先坐会儿，好了我叫您。", True),
    ("复印一份多少钱？", "二十元，具体以收费公示为准。", True),
    # a plain yes or no answers a question asked only yes-or-no (dev14 1474), not one asking where (您知道…在哪…吗)
    ("公积金能用来付电梯维修的分摊费用吗？", "可以的，在公积金APP上申请提取就行。", True),
    ("您知道在哪盖章吗？", "可以。", False),
    # what was asked about is not needed (dev11 1172); not needed, but something else
    ("收入说明要到哪里盖章？", "不用盖章，您本人签字就行。", True),
    ("收入说明要到哪里盖章？", "不用着急，您先填表。", False),
    # a time told by what comes first (dev15 1556); "wherever … there" tells the place (dev17 1750)
    ("工伤的伤残鉴定什么时候能做？", "一般是伤情稳定以后就可以申请，带上认定书来。", True),
    ("那个凭证在哪开？", "您在哪个社区登记的就去那个社区居委会开。", True),
    # what others do not know asks nothing of its kind (dev17 1716); the resident's own 不知道 still asks
    ("你们能不能发短信通知大家？好多老人不知道哪天试压。", "谢谢您的建议，我会反映给客服部，争取发短信提醒。", True),
    ("我不知道几点关门。", "您先坐一下。", False),
])
def test_a_question_of_a_known_kind_needs_a_reply_that_says_what_was_asked(scorer, question, answer, answered):
    card = scorer.score(exchange(f"工作人员：您好，请坐，请问您办什么事情？\n居民：我来问问。{question}\n"
                                 f"工作人员：{answer}\n居民：好的。\n工作人员：您慢走，再见。"))
    assert ("answers" not in lost(card)) is answered


def test_a_script_chosen_with_no_sign_of_a_call_or_a_visit_says_so(scorer):
    """An outside trial: a typed phone call labelled 工作人员/居民 that never names the office has nothing to tell a
    call from a visit; it is scored as a visit, and the card says so and how to score it as a call."""
    card = scorer.score(read("工作人员：您好，请问有什么需要帮助的吗？\n居民：高龄补贴怎么申请？\n"
                             "工作人员：带老人的身份证和户口本来社区申请。\n居民：好的。\n工作人员：再见。\n"))
    assert card.channel_by == "default"
    assert [w.level for w in card.warnings] == ["warning"] and "--script phone" in card.warnings[0].message
    assert scorecard_json(card)["warnings"][0]["message"] == card.warnings[0].message
    called = scorer.score(read("坐席：您好，这里是阳光社区居委会。\n来电人：高龄补贴怎么申请？\n坐席：带身份证来社区申请。\n"))
    assert called.channel_by == "detected" and called.warnings == []


@pytest.mark.parametrize(("pickup", "named"), [
    ("您好，城关街道政务服务中心住房保障窗口，很高兴为您服务。", True),  # a long name on its own
    ("您好，很高兴为您服务。", False),
    ("您好，请您到三号窗口。", False),  # a direction names no office
    ("您好，市不动产登记中心咨询电话，请问有什么可以帮您？", True),  # the office's line (dev4 483)
    ("您好 12345政务服务便民热线 请问有什么可以帮您", True),  # a hotline by its number, as speech recognition writes it
    ("您好，请拨打咨询电话。", False),
    ("喂，稍等，我接个街道电话。", False),
    # a generic role names no office; a centre's or a hotline's own name does (dev14 1403, 1443, 1413)
    ("您好，这边是客服，请问有什么可以帮您？", False),
    ("您好，这里是人工客服，请问有什么可以帮您？", False), ("喂，您好，这边是客服中心，请问有什么可以帮您？", False),
    ("您好，客服，请讲。", False),   # a generic role on its own in its clause (a supervisor's trial)
    ("您好，这里是热线中心，请问有什么可以帮您？", False), ("您好，这里是12345热线，请讲。", True),
    ("您好，住房公积金管理中心，请问您要咨询什么业务？", True),
    ("您好 滨江供电服务热线 工号三七二为您服务 请问有什么可以帮您", True),
])
def test_the_office_named_on_its_own_when_the_phone_is_picked_up(scorer, pickup, named):
    card = scorer.score(read(f"客服：{pickup}\n来电人：我想问问公租房排到哪儿了。\n客服：排在第三百号，明年能轮到。\n"
                             "来电人：好的。\n客服：感谢您的来电，再见。\n"))
    assert card.script.name == "phone"
    assert ("org_identified" not in lost(card)) is named


def test_turning_a_caller_away_is_answered_in_the_phones_words():
    """你明天再打吧 on the phone: the suggestion is what will be done for the caller, not a visit's 办手续."""
    card = _shipped().score(read("坐席：您好，这里是阳光社区居委会，请讲。\n来电人：王主任在吗？\n坐席：不在，你明天再打吧。\n"
                                       "来电人：好吧。\n坐席：再见。\n"))
    [away] = [f for f in card.findings if f.rule == "prohibited.curt.closed-come-tomorrow"]
    assert card.script.name == "phone" and away.suggestion == "我马上帮您处理；今天处理不完的，请您留下电话，我们一上班就给您回复"


def test_not_here_is_charged_as_no_referral_not_as_a_refusal():
    """是在你们这开吗？ → 我们这开不了: what is missing is where to go (the user trial's P09)."""
    card = _shipped().score(read("工作人员：您好，请问您办什么？\n居民：无犯罪记录证明是在你们这开吗？\n"
                                       "工作人员：我们这开不了。\n居民：好吧。\n工作人员：您慢走。\n"))
    charged = {f.rule for f in card.findings if f.points < 0}
    assert "reception.out_of_remit" in charged and "reception.refusal" not in charged


def test_not_ours_with_a_qualifier_still_calls_for_a_referral(scorer):
    said = "工作人员：您好，请坐，请问您办什么事情？\n居民：我想提取住房公积金。\n工作人员：{reply}\n居民：好。\n工作人员：您慢走，再见。"
    bare = scorer.score(exchange(said.format(reply="公积金提取不在我们民政窗口办。")))
    referred = scorer.score(exchange(said.format(reply="公积金提取不在我们民政窗口办，是在二楼的公积金窗口办。")))
    assert "responses" in lost(bare) and "responses" not in lost(referred)


def test_promising_to_call_back_and_an_empty_flat_are_not_cues(scorer):
    visit = ("工作人员：您好，请坐，请问您办什么事情？\n居民：那两年家里根本没人住，也要交物业费吗？\n"
             "工作人员：空置房一般也要交，具体看合同。我联系物业以后给您打电话，您留个电话。\n居民：好的。\n工作人员：您慢走，再见。")
    card = scorer.score(read(visit))
    assert card.script.name == "reception"  # 给您打电话 is said at the window too
    assert not any(f.rule.endswith("suggestion") for f in card.findings)  # 根本没人住 is no complaint



def visit(*middle: str, last: str = "您慢走，再见。") -> str:
    """A visit to a window: the staff's full greeting, ``middle`` (the resident and the staff by turns, the
    resident first and last), and the staff's ``last`` words."""
    speakers = ("居民", "工作人员") * len(middle)
    return "".join(["工作人员：您好，请坐，请问办什么？\n", *(f"{who}：{said}\n" for who, said in zip(speakers, middle)),
                    f"工作人员：{last}\n"])


@pytest.mark.parametrize("outburst", ["我这都第三趟了！你们到底会不会办事！", "凭什么把我家低保停了？你们还讲不讲理！"])
def test_an_outburst_is_owed_calm_words_not_a_curt_reply(scorer, outburst):
    """002 第13条: 群众过于激动时耐心解释, 不能与群众发生争执. The outburst used to be an unanswered question at most."""
    def replied(calm):
        return visit(outburst, f"{calm}材料给我看一下。", "给。", last="好的，您慢走，再见。")
    assert "responses" in lost(scorer.score(read(replied(""))))
    for calm in ("您先别着急，", "实在抱歉，", "您先消消气，"):
        assert "responses" not in lost(scorer.score(read(replied(calm)))), calm


@pytest.mark.parametrize("praise", ["你们社区真是想得周到", "有你们在，我们这些老人放心多了"])
def test_praise_in_other_words_is_thanked(scorer, praise):
    def replied(thanks):
        return visit("报名义务理发。", "好的，给您登记上了。", f"{praise}。", last=f"{thanks}您慢走，再见。")
    assert "responses" in lost(scorer.score(read(replied(""))))
    assert "responses" not in lost(scorer.score(read(replied("谢谢，这是我们应该做的。"))))


@pytest.mark.parametrize("vague", ["材料还不全，您回去再准备准备吧。", "您的材料不齐，还少几样东西，您回去准备齐了再来吧。"])
def test_materials_said_to_be_incomplete_without_naming_them_is_not_telling_all_at_once(scorer, vague):
    assert "responses" in lost(scorer.score(read(visit("办营业执照，材料都在这。", vague, "好的。"))))
    told = "您还缺少两样：健康证和平面图，我现在把材料清单给您。"
    assert "responses" not in lost(scorer.score(read(visit("办营业执照，材料都在这。", told, "好的。"))))


#: Courteous visits in words a blind tester chose, each of which lost points before (issue 14: scores a trainer would sign).
COURTEOUS = {
    "farewell 回头见": visit("交材料。", "好的，收到了。", "谢谢。", last="好嘞，您慢点，回头见。"),
    "farewell 路上注意安全": visit("交材料。", "好的，收到了。", "谢谢。", last="不客气，您路上注意安全，明天见。"),
    "praise thanked 太感谢您了": visit("你们小刘服务真热情。", "太感谢您了，我们一定转告她。", "好。"),
    "apology 对不住": visit("凭什么让我们老年人站着等？", "真对不住，让您站了这么久，我马上给您办。", "好。"),
    "refusal with a referral": visit("我要开无犯罪记录证明。",
                                     "这个证明得去派出所开，我们社区开不了。城南派出所在建设路18号，电话是81234567。", "好的。"),
    "a condition is no refusal": visit("有线电视收费不对。", "这个您可以打广电客服96335反映，要是他们那边处理不了，您再来找我们。", "好。"),
    "it is ours": visit("楼上漏水，你们能管吗？", "能管，这事我们社区负责，我现在就给您登记。", "好。"),
    "the question asked at once": visit("交材料。", "好的，收到了。", "那顺便问一下，垃圾分类点能不能多设一个？",
                                        "这个建议很好，谢谢您，我们开会商量。", "好。"),
    "a form at the desk": visit("要一张申请表。", "模板我这儿有，我给您拿一张。", "谢谢。", last="不客气，您慢走，再见。"),
    "a wait ended in the same turn": visit("我的申请到哪一步了？", "您稍等，我查一下进度……让您久等了，下个月十五号前办好。", "好。"),
}


@pytest.mark.parametrize("name", sorted(COURTEOUS))
def test_courteous_words_of_one_s_own_lose_nothing(scorer, name):
    card = scorer.score(read(COURTEOUS[name]))
    assert card.script.name == "reception" and not lost(card), (name, lost(card))


def test_a_seat_offered_is_a_visit_whatever_phones_are_mentioned(scorer):
    call = ("社工：大爷您好，您坐这儿，慢慢说。\n居民：老房子什么时候拆迁？我打电话问过，打不通。\n"
            "社工：我帮您打一下试试……接通了，他们说还在评估。您留个电话，有消息我打电话告诉您。\n居民：好。\n社工：您慢走，再见。\n")
    assert scorer.score(read(call)).script.name == "reception"


@pytest.mark.parametrize("vague", ["这个我们社区办不了，您得去有关部门问问。", "这个不归我们社区管，您去相关的部门问问。"])
def test_the_relevant_department_is_no_referral(scorer, vague):
    # charged as a referral not made, or (不归我们管，您去相关的部门问问) as the shirking it is
    assert {"responses", "prohibited"} & set(lost(scorer.score(read(visit("护照去哪办？", vague, "好。")))))
    named = "这个我们社区办不了，您得去区出入境接待大厅办，地址在人民路8号。"
    assert "responses" not in lost(scorer.score(read(visit("护照去哪办？", named, "好。"))))


@pytest.mark.parametrize("reply, referred", [
    ("不好意思，宽带网络不归我们供电公司管。如果是家里停电，您随时打我们电话。", False),   # our own line again (dev pair 1354)
    ("房屋维修资金不是公积金中心管理的。", False),   # not this office's doing (dev pair 1474)
    ("很抱歉，电费我们这里交不了。", False),   # not paid here (dev pair 1767)
    ("追讨工资不属于社区的职权，社区不能直接处理。", False),   # not its powers (dev pair 952)
    ("电动自行车上牌社区这边办不了，需要到公安交警的车管所或者指定的电动车登记点办。", True),   # an office with 的 in its name
    ("宽带网络不归我们管，您需要联系您办宽带的运营商，比如电信是10000。", True),   # the company to contact, its number
])
def test_not_ours_wants_somewhere_else_named_and_our_own_number_is_not_one(scorer, reply, referred):
    """Dev pairs whose copy without a referral scored as well as the one with it: charged as a referral not made, or
    (不归我们供电公司管) as the shirking it is."""
    charged = set(lost(scorer.score(read(visit("这事能在你们这儿办吗？", reply, "好吧。")))))
    assert ("responses" not in charged) if referred else ({"responses", "prohibited"} & charged)


@pytest.mark.parametrize("asked, reply", [
    ("老房子什么时候拆迁？", "拆迁的事是区征收办负责的，社区这边没有具体时间表。区征收办在区政府大楼三楼，电话 8234 5678，您可以直接打电话问。"),
    ("这下我可以多玩几天了，知道日坛公园的电话是多少吗？", "电话是010-85616301。"),   # CrossWOZ
])
def test_naming_who_can_answer_answers_the_question(scorer, asked, reply):
    assert "answers" not in lost(scorer.score(read(visit(asked, reply, "好的。"))))


#: Defective visits a review wrote against the wordings above: each must still lose points under ``item``.
DEFECTIVE = {
    "慢点儿说 is no goodbye": (visit("我来反映楼道灯的事。", "好的，我记下了。", "好的。", last="您慢点儿说，我记一下。"), "farewell"),
    "明天见到 is no goodbye": (visit("我来反映楼道灯的事。", "好的，我记下了。", "好的。", last="我明天见到王主任就跟他说。"), "farewell"),
    "not our fault is no apology": (visit("你们服务态度太差了，上次来没人理我。", "这又不是我们的失误。", "好的。"), "responses"),
    "别急着 is no calm word": (visit("你们服务态度太差了，上次来没人理我。", "您别急着下结论。", "好的。"), "responses"),
    "the bureau is no referral": (visit("我想办护照。", "护照我们这里不能办理，去局里问问。", "好的。"), "responses"),
    "call someone is no referral": (visit("我想办护照。", "护照我们这里不能办理，您打电话问问吧。", "好的。"), "responses"),
    "we cannot is not ours": (visit("我家暖气不热，你们能管吗？", "这事我们负责不了。", "好的。"), "responses"),
    "主要是 is no condition": (visit("我想开个证明。", "主要是这个现在办不了。", "好的。"), "responses"),
    "还少几样东西 names nothing": (visit("材料都在这。", "您还少几样东西，回去准备一下。", "好的。"), "responses"),
    "你们服务态度真该改改 wants thanks": (visit("你们服务态度真该改改。", "嗯。", "好的。"), "responses"),
}


@pytest.mark.parametrize("name", sorted(DEFECTIVE))
def test_a_defect_in_near_words_still_costs_points(scorer, name):
    said, item = DEFECTIVE[name]
    assert item in lost(scorer.score(read(said))), name


@pytest.mark.parametrize("said, reply", [
    ("我来领高龄补贴，凭什么证件领？", "凭身份证就可以领，请您出示一下。"),
    ("我是来复查的，这已经是第二回了。", "好的，我给您登记。"),
    ("周六上午有你们在吗？", "周六上午九点到十二点有人值班。"),
    ("我家灯坏了。", "旧的修不了了，我们直接给您换个新的，明天上午师傅上门。"),
])
def test_neutral_words_near_the_new_cues_charge_nothing(scorer, said, reply):
    assert not lost(scorer.score(read(visit(said, reply, "好的。"))))


def test_a_labelled_call_that_mentions_taking_a_seat_on_the_metro_stays_a_call(scorer):
    call = ("客服：您好，幸福里社区居委会，请讲。\n来电人：喂，请问社区服务中心怎么走？\n"
            "客服：您坐地铁2号线到人民广场站就到了。\n来电人：好的，谢谢。\n客服：不客气，感谢您的来电，再见。\n")
    assert scorer.score(read(call)).script.name == "phone"


def test_every_lost_point_cites_the_regulations_it_comes_from(scorer):
    """A trainer looks up why (a third outside trial: no card named a document or article)."""
    card = scorer.score(exchange(GOOD_VISIT.replace("您好，请问您办什么事情？", "身份证拿来。")))
    [greeting] = [f for f in card.findings if f.rule == "reception.greeting" and f.points]
    assert "000 第三条 1" in card.words.cited(greeting.rule)
    from phrasecheck.scoring.catalogue import _document
    assert _document("hall_rules_2024.txt") == "hall_rules_2024" and _document("002_255a84f1b752fd90.txt") == "002"
    cited = scorecard_json(card)["findings"][card.findings.index(greeting)]["sources"]
    assert {"doc": "000_8e94659fa9675679.txt", "article": "第三条 1", "line": 25} in cited


def test_a_transcript_that_does_not_tell_who_speaks_is_not_applicable_for_that_reason(scorer):
    """Baidu's sentences or unlabelled subtitles have no speaker at all: no turn is known to be staff's,
    which is not a voicemail, and the card says which."""
    [call], _ = read_text_exchange("1\n00:00:00,500 --> 00:00:03,200\n您好，这里是幸福里社区居委会，请讲。\n\n"
                                   "2\n00:00:03,600 --> 00:00:07,000\n我想问一下居住证明怎么开？\n", "call.srt")
    card = scorer.score(call)
    assert (card.score, card.not_applicable) == (None, "roles_unknown")
    assert "角色未知" in call.warnings[0].message and card.findings == []
    # a prohibited expression said in it is listed at no cost: a supervisor sees it in a call that cannot be scored
    [rude], _ = read_text_exchange("1\n00:00:00,500 --> 00:00:03,200\n您好，这里是幸福里社区居委会。\n\n"
                                   "2\n00:00:03,600 --> 00:00:07,000\n这个我不知道，你这人真笨\n", "call.srt")
    card = scorer.score(rude)
    assert {(f.kind, f.turn, f.points) for f in card.findings} == {("prohibited", 1, 0)} and len(card.findings) == 2


def test_the_same_fault_twice_in_one_sentence_is_charged_once_and_again_in_another():
    card = _shipped().score(exchange("工作人员：您好，请问您办什么？\n居民：我想问问低保。\n"
                                 "工作人员：快点说，后面还有人排队呢。你说你要办啥，你说清楚。后面还有人！\n"
                                 "居民：好吧。\n工作人员：您慢走，再见。"))
    charged = [(f.rule, f.text, f.points, f.covered_by) for f in card.findings if f.kind in ("prohibited", "informal")]
    nagging = "prohibited.impatient.stop-nagging"
    assert [(rule, text, points < 0, covered) for rule, text, points, covered in charged if rule == nagging] == [
        (nagging, "快点说", True, None), (nagging, "后面还有人", False, nagging), (nagging, "后面还有人", True, None)]
    informal = [(points < 0, covered is not None) for rule, text, points, covered in charged if text == "你"]
    assert informal == [(True, False), (False, True), (False, True)]


def test_speech_recognition_s_next_phrase_is_the_same_sentence_for_a_repeated_fault():
    """ASR spaces its phrases where a comma would be (a trial's hospital call: 快点说撒 后面还有人排起的 was −10 −10);
    the same rule two phrases on, or in the next turn, is charged again."""
    def nagging(turn):
        card = _shipped().score(exchange(f"工作人员：您好 请问您办什么\n居民：我想问问低保\n工作人员：{turn}\n"
                                         "居民：好吧\n工作人员：您慢走 再见"))
        return [f.points < 0 for f in card.findings if f.rule == "prohibited.impatient.stop-nagging"]

    assert nagging("你快点说 后面还有人排队呢") == nagging("你快点说，后面还有人排队呢") == [True, False]
    assert nagging("快点说 身份证给我 快点说") == [True, True]
    assert nagging("你烦不烦 别啰嗦了 快点说") == [True, False, True]   # two phrases after the one charged: again


@pytest.mark.parametrize("reply", ["下一位。", "我现在忙。", "好的，您慢走。", "嗯。"])
def test_calling_the_next_person_being_busy_or_seeing_them_off_answers_nothing(reply):
    visit = "工作人员：您好，请问您办什么？\n群众：我来开居住证明。\n工作人员：好的。\n群众：要带什么材料？\n工作人员：{}\n工作人员：您慢走，再见。"
    answered = _shipped().score(exchange(visit.format("带身份证和租房合同就行，下一位。")))
    unanswered = _shipped().score(exchange(visit.format(reply)))
    assert "answers" not in lost(answered) and lost(unanswered)["answers"] == 5


@pytest.mark.parametrize(("said", "asks"), [
    ("我想问一下廉租房的事。", True), ("我来咨询一下公租房申请。", True),
    ("行吧，总算办成了。", False), ("好的呢。", False), ("可以吧，那就这样。", False),
    ("那我现在能回去了吗？", False),  # taking leave, answered by 您慢走 (an independent review: 嗯，您先回去吧)
])
def test_asking_without_a_question_mark_wants_an_answer_and_giving_in_asks_nothing(said, asks):
    card = _shipped().score(exchange(f"工作人员：您好，请问您办什么？\n群众：{said}\n工作人员：好的，您慢走，再见。"))
    assert ("answers" in lost(card)) == asks


def test_hello_with_you_is_a_greeting_in_the_wrong_register_charged_once_and_better_than_none():
    visit = "工作人员：{}请问您办理什么业务？\n群众：我来交党费。\n工作人员：好的，已经交好了。您慢走，再见。"
    scores = [_shipped().score(exchange(visit.format(greeting))).score for greeting in ("您好，", "你好，", "")]
    assert scores == [100, 98, 92.5]


@pytest.mark.parametrize(("back", "charged"), [
    ("喂，还在吗？查到了，预计下午四点恢复供水。", True), ("您还在线吗？查到了，下午四点恢复。", True),
    ("喂，还在吗？让您久等了，查到了，下午四点恢复。", False), ("查到了，您家老人还在吗？下午四点恢复。", False),
])
def test_coming_back_asking_whether_the_caller_is_still_there_owes_an_apology(back, charged):
    call = (f"坐席：您好，自来水热线，请讲。\n来电人：停水了。\n坐席：请您稍等，我查一下。\n坐席：{back}\n来电人：好。\n"
            "坐席：再见。\n")
    card = _shipped().score(read(call))
    assert any(f.kind == "missing" and f.rule.endswith(".held_asked") for f in card.findings) is charged
    # after 请稍等 the apology is owed anyway (wait_after): one missing apology, charged once
    assert sum(f.points for f in card.findings if f.rule.endswith((".held_asked", ".wait_after"))) == (0 if "久等" in back else -4)


@pytest.mark.parametrize("call", [
    # a bad line, a caller gone quiet after the greeting, a caller gone to fetch their ID: no hold by the staff
    "坐席：您好，自来水热线，请讲。\n来电人：我家……\n坐席：喂，您好，还在吗？刚才没听清。\n来电人：停水了。\n坐席：好的，已经登记。再见。\n",
    "坐席：您好，自来水热线，请讲。\n坐席：喂，您好，您还在线吗？\n来电人：在，停水了。\n坐席：好的，已经登记。再见。\n",
    "坐席：您好，自来水热线，请讲。\n来电人：停水了，你等我一下我去拿身份证。\n坐席：喂，您好，您还在线吗？\n来电人：在，号码是123。\n"
    "坐席：好的，已经登记。再见。\n",
])
def test_asking_whether_the_caller_is_still_there_owes_nothing_when_the_staff_made_no_one_wait(call):
    card = _shipped().score(read(call))
    assert not any(f.rule.endswith(".held_asked") for f in card.findings)


def test_an_informal_you_in_a_sentence_already_charged_as_prohibited_is_covered_by_it():
    """An independent trainer's review: 不是跟你说过了吗师傅下午过去你怎么又打来问 (speech recognition, one sentence) lost 10 for
    the impatience and 2 more for the second 你 in the same outburst."""
    call = "说话人1：您好，这里是物业客服，请讲。\n说话人2：师傅什么时候来？\n说话人1：{}\n说话人2：好吧。\n说话人1：再见。\n"
    one = _shipped().score(read(call.format("上午不是跟你说过了吗师傅下午过去你怎么又打来问"), staff_speaker=["说话人1"]))
    two = _shipped().score(read(call.format("上午不是跟你说过了吗。师傅下午过去，你等着吧。"), staff_speaker=["说话人1"]))
    [covered] = [f for f in one.findings if f.kind == "informal" and f.start > 10]
    assert covered.points == 0 and covered.covered_by == "prohibited.impatient.already-said"
    assert [f.points for f in two.findings if f.kind == "informal" and f.start > 10] == [-2]   # another sentence: charged
    # a clause of its own asks on (an independent review): its 你 is charged
    three = _shipped().score(read(call.format("别啰嗦，快点讲，你的身份证带了没有？"), staff_speaker=["说话人1"]))
    assert [f.points for f in three.findings if f.kind == "informal" and f.start > 6] == [-2]


@pytest.mark.parametrize(("text", "channel"), [
    # a window recorded through speech recognition (format evidence for a call) is told by what is said there
    ('{"TaskId": "t1", "StatusText": "SUCCESS", "Result": {"Sentences": ['
     '{"ChannelId": 0, "BeginTime": 0, "EndTime": 900, "Text": "您好，请问您办什么？"}, '
     '{"ChannelId": 1, "BeginTime": 1000, "EndTime": 1900, "Text": "我排了一个多小时队了，办居住证。"}, '
     '{"ChannelId": 0, "BeginTime": 2000, "EndTime": 2900, "Text": "身份证给我，我帮您录入。"}, '
     '{"ChannelId": 1, "BeginTime": 3000, "EndTime": 3900, "Text": "给你。"}, '
     '{"ChannelId": 0, "BeginTime": 4000, "EndTime": 4900, "Text": "办好了，您慢走。"}]}}', "reception"),
    ("客服：您好，请问有什么可以帮您？\n客户：我想问一下公租房排到哪儿了？\n客服：请您报一下身份证后四位。\n", "phone"),
    # a caller asking about the queue again and again is one topic, not more evidence of a visit (outside trial, X1/P12)
    ("坐席：您好，请讲。\n来电人：办居住证要排队吗？\n坐席：上午人多要排队，下午不用排队。\n来电人：排队要排多久？\n"
     "坐席：一般排队半小时，到了直接去二号窗口。\n来电人：好的。\n坐席：感谢您的来电，再见。\n", "phone"),
    # a visitor asking at the door whether this is the office is at the window (an independent review)
    ("工作人员：您好，请坐。\n居民：请问这里是幸福里社区居委会吗？\n工作人员：是的，您办什么？\n居民：开个证明。\n"
     "工作人员：好的，开好了，您慢走。\n", "reception"),
    # a visitor recalling an earlier call, and being told to come back tomorrow, is still at the window
    ("工作人员：您好，请问办什么？\n居民：我昨天打电话来问过，今天来交材料。\n工作人员：好的，材料齐了，您明天过来拿吧。\n"
     "居民：好。\n工作人员：再见。\n", "reception"),
    # a caller saying why they call, under labels of the window (工作人员 / 居民)
    ("工作人员：您好，请问有什么可以帮您？\n居民：我打电话是想问一下低保的事。\n工作人员：您说。\n居民：什么时候到账？\n"
     "工作人员：每月十号发放。\n居民：好的，谢谢。\n工作人员：不客气，再见。\n", "phone"),
    # thanked for the call, under labels of the window and with a visit planned and its queue spoken of (dev11 1173)
    ("工作人员：您好，这里是西关派出所户籍室，请问有什么可以帮您？\n居民：迁户口要带什么？\n"
     "工作人员：户口本原件和结婚证。来之前可以先打电话预约，不用排队。\n居民：好的。\n工作人员：感谢您的来电，再见。\n", "phone"),
    # a caller saying why they call, with no 我 before it (dev12 1269)
    ("工作人员：您好，请问有什么可以帮您？\n居民：我是九号楼的老吴，打电话就是想表扬一下你们的网格员小刘。\n"
     "工作人员：谢谢您的表扬，我们一定继续努力。\n居民：好。\n工作人员：再见。\n", "phone"),
    # how to wait for one's turn at the hall, told a caller, offers no seat (an independent supervisor's review)
    ("坐席：您好，请讲。\n来电人：老年优待证在哪儿办？\n坐席：您带上身份证到服务大厅，取了号请坐着等叫号就行。\n"
     "来电人：好的，谢谢。\n坐席：不客气，再见。\n", "phone"),
    ("工作人员：您好，请问办什么？\n居民：办优待证。\n工作人员：先取号，请坐那边等叫号。身份证原件给我看一下。\n"
     "居民：给你。\n工作人员：好了，您慢走。\n", "reception"),
    # handing over the number at the window, with an invitation to call (an independent review)
    ("工作人员：您好，请问办什么？\n居民：问问廉租房。\n工作人员：这是我们的咨询电话，有问题欢迎再次来电咨询。\n"
     "居民：好。\n工作人员：您慢走，再见。\n", "reception"),
    # thanks for coming is no call
    ("工作人员：您好，请坐，请问办什么？\n居民：开个证明。\n工作人员：开好了，感谢您的来访，您慢走。\n", "reception"),
])
def test_the_channel_comes_from_what_the_exchange_is(text, channel):
    [call], _ = read_text_exchange(text, "call.json" if text.startswith("{") else "call.txt")
    assert call.meta["format"] in ("alibaba-filetrans", "labelled-text")
    assert _shipped().score(call).script.channel == channel


@pytest.mark.parametrize("text", ["辅警：干啥的？\n群众：我来换身份证。\n辅警：能照，那边机器，自个儿整去。后边一堆人等着呢。\n",
                                  "民警：户口本。\n群众：给。\n民警：站线外面去，别趴窗口上。\n"])
def test_a_window_said_in_passing_is_a_visit_found_not_assumed(text):
    """A trainer's trial: visits with the line on the floor, the machine over there and the queue behind were scored as
    visits only by default, with a warning suggesting --script phone."""
    card = _shipped().score(read(text))
    assert (card.script.channel, card.channel_by) == ("reception", "detected")


def test_a_call_told_to_be_made_elsewhere_is_no_phone_call():
    """A trainer's trial: 您打电话问问他们吧 and 派出所几点上班 made a counter visit a phone call (office not named, no
    phone farewell: 61 不合格)."""
    card = _shipped().score(read("工作人员：您好，请问有什么可以帮您？\n居民：您好，我家门牌掉了，哪里能补？\n"
                                 "工作人员：门牌由派出所户籍室补办，您带上房产证和身份证去就可以。\n居民：派出所几点上班？\n"
                                 "工作人员：您打电话问问他们吧。\n居民：哦，好吧。\n"))
    assert card.script.channel == "reception"


@pytest.mark.parametrize(("pickup", "named"), [("坐席：喂，12333。", True), ("坐席：您好，市第一人民医院内分泌科，请问有什么可以帮您？", True)])
def test_a_line_named_by_its_number_or_a_hospital_department(pickup, named):
    """Two trials: 12333 had read 1233 (its 333 taken for a stutter); a hospital department named no office."""
    card = _card(f"{pickup}\n来电人：社保卡怎么补办？\n坐席：带上身份证到合作银行网点就能补办。\n来电人：好，谢谢。\n坐席：不客气，再见。\n", "phone")
    assert ("phone.org_identified" not in {f.rule for f in card.findings if f.kind == "missing"}) is named


@pytest.mark.parametrize(("asked", "reply", "unanswered"), [
    # 到哪天 asks a day, not a place (an independent trainer's review: it was listed as unanswered beside the real one)
    ("申报期到哪天？", "到4月18日。", []), ("申报期到哪天？逾期罚多少钱？", "到4月18日。", ["多少钱"]),
    ("办事大厅在哪？", "到4月18日。", ["在哪"]),
    ("这个补贴报名到哪号？", "在二楼办。", ["哪号"]),   # 到哪号 asks a day too (an independent review)
])
def test_a_question_of_when_is_answered_by_a_date_not_a_place(asked, reply, unanswered):
    card = _shipped().score(exchange(f"工作人员：您好，请问您办什么？\n群众：{asked}\n工作人员：{reply}\n工作人员：您慢走，再见。"))
    assert ("answers" in lost(card)) == bool(unanswered)
    assert [f.text for f in card.findings if f.rule.endswith("answers.question")] == unanswered


@pytest.mark.parametrize(("reply", "answered"), [
    ("等通知吧。", False), ("审核通过后我们会短信通知您。", True), ("大概三个工作日。", True)])
def test_waiting_for_a_notice_is_no_time(reply, answered):
    card = _shipped().score(exchange(f"工作人员：您好，请问您办什么？\n群众：我报的路灯维修什么时候能处理？\n"
                                           f"工作人员：{reply}\n工作人员：您慢走，再见。"))
    assert ("answers" not in lost(card)) == answered


@pytest.mark.parametrize(("reply", "answered"), [
    ("我们这里可以即时制卡 大概十分钟 请您在旁边稍等一下", True),   # the time said, then a wait (dev9 903, as ASR writes it)
    ("好的 请您在旁边稍等一下", False),                                # only a wait: the next reply must answer
])
def test_a_reply_that_says_the_time_asked_answers_though_it_ends_asking_to_wait(reply, answered):
    card = _shipped().score(exchange(f"工作人员：您好，请问您办什么？\n群众：补办社保卡，多久能拿到新卡？\n"
                                           f"工作人员：{reply}\n群众：好\n工作人员：让您久等了，卡好了，您收好。\n"
                                           "群众：谢谢。\n工作人员：不客气，您慢走，再见。"))
    assert ("answers" not in lost(card)) == answered


def test_the_card_points_at_the_questions_left_unanswered_not_the_one_answered():
    visit = ("工作人员：您好，请问您办什么？\n群众：我想办居住证。要带什么材料？多久能拿到？收费吗？\n"
             "工作人员：{}\n工作人员：您慢走，再见。")
    partly = _shipped().score(exchange(visit.format("带身份证和租房合同就可以。")))
    nothing = _shipped().score(exchange(visit.format("嗯。")))
    marked = lambda card: [f.text for f in card.findings if f.rule == "reception.answers.question"]  # noqa: E731
    assert marked(partly) == ["多久", "收费"] and marked(nothing) == ["什么", "多久", "收费"]
    assert lost(partly)["answers"] == lost(nothing)["answers"] == 5    # one reply, one charge (scoring/charges.py)


REVIEWED = Path(__file__).parent / "fixtures" / "reviewed"


@pytest.mark.parametrize("name", ["r4_leave.txt", "r6_understood.txt", "r7_give_in.txt", "c1_attitude_neutral.txt",
                                  "c2_whathappened_neutral.txt", "f4_cannot_with_reason.txt", "p1_not_caused.txt"])
def test_compliant_visits_an_independent_review_wrote_lose_nothing(name):
    """Taking leave (那我可以走了吗？→ 行，您慢走), giving in (那行吧), 我想了解的都清楚了, a neutral 什么态度 or
    怎么回事 question, advice with 不能, and 不是我们造成的 said with what is being done: no charge."""
    [visit], _ = read_text_exchange((REVIEWED / name).read_text(encoding="utf-8"), name)
    assert _shipped().score(visit).score == 100


def test_an_apology_does_not_excuse_a_retort():
    [visit], _ = read_text_exchange((REVIEWED / "p3_sorry_retort.txt").read_text(encoding="utf-8"), "p3.txt")
    rules = {f.rule for f in _shipped().score(visit).findings if f.kind == "prohibited"}
    assert "prohibited.confront.dont-apply-then" in rules


@pytest.mark.parametrize(("said", "charges"), [("你…你先坐，我看一下。", 1), ("你先坐 你把身份证给我 我看一下", 2),
                                               ("你先坐。你把身份证给我。", 2)])
def test_a_sentence_is_told_by_its_stops_or_in_speech_recognition_text_by_its_spaces(said, charges):
    card = _shipped().score(exchange(f"工作人员：您好，请坐。\n居民：我来办居住证。\n工作人员：{said}\n工作人员：您慢走，再见。"))
    assert sum(1 for f in card.findings if f.kind == "informal" and f.points < 0) == charges


# --- dev9's odd half (twelfth session): each a minimal case of what was read wrongly -----------------------------------

@cache
def _shipped() -> Scorer:
    """The default scorer, built once for this module's tests (scoring changes nothing in it)."""
    return Scorer.default()


def _card(text: str, script: str | None = None):
    return _shipped().score(read(text, "r.txt"), script)


def _missing(text: str, script: str | None = None) -> set[str]:
    """The keys of the items and triggers whose missing step costs ``text`` points."""
    return {f.rule.split(".", 1)[1] for f in _card(text, script).findings if f.kind == "missing" and f.points}


def test_a_bracketed_note_on_its_own_line_is_no_utterance():
    """（电话保持约三分钟） labelled as the agent's is what happened on the call, not a turn that owed 让您久等了."""
    call = ("坐席：您好，这里是阳光社区居委会，请讲。\n来电人：我想问问低保审批到哪一步了。\n"
            "坐席：好的，我需要跟业务科确认一下，请您稍等，不要挂机。\n坐席：（电话保持约三分钟）\n"
            "坐席：让您久等了，已经在街道审核，下周出结果。\n来电人：好的，谢谢。\n坐席：不客气，再见。\n")
    held = read(call, "c.txt")
    assert "（电话保持约三分钟）" not in [turn.text for turn in held.turns]
    card = _shipped().score(held)
    assert card.score == 100  # the hold answers 当场不能答复 (the answer comes now) and 让您久等了 follows it


@pytest.mark.parametrize("text, owed, said", [
    # praise in other words: 讲得真清楚, 态度也好
    ("工作人员：您好，请坐，请问您办什么事情？\n居民：小姑娘你讲得真清楚，态度也好。\n工作人员：您慢走，再见。", "praise", False),
    # the office's failing: 你们这上班时间怎么回事, 一个人都没有
    ("工作人员：您好，请坐，请问您办什么事情？\n居民：昨天下午门关着，一个人都没有，你们这上班时间怎么回事啊？\n"
     "工作人员：昨天下午我们都去入户了。\n居民：好吧。\n工作人员：您慢走，再见。", "suggestion", False),
    # not ours in longer words: 不在我们街道便民服务中心办理 (its own 在我们街 is no address)
    ("工作人员：您好，请坐，请问您办什么事情？\n居民：我要办护照。\n工作人员：很抱歉，护照不在我们街道便民服务中心办理。\n"
     "居民：哦。\n工作人员：您慢走，再见。", "referral", False),
    ("工作人员：您好，请坐，请问您办什么事情？\n居民：我要办护照。\n工作人员：很抱歉，护照不在我们街道便民服务中心办理，"
     "需要到公安局出入境接待大厅，就在市民中心三楼。\n居民：好。\n工作人员：您慢走，再见。", "referral", True),
    # someone asked for is away at the window too: a message or help is owed
    ("工作人员：您好，请坐，请问您办什么事情？\n居民：我找刘主任。\n工作人员：对不起，刘主任今天去区里开会了，不在社区。\n"
     "居民：那我改天再来吧。\n工作人员：您慢走，再见。", "absent", False),
    ("工作人员：您好，请坐，请问您办什么事情？\n居民：我找陈姐签字。\n工作人员：不好意思，陈姐今天下乡去了，签字我这就能给您办。\n"
     "居民：好。\n工作人员：您慢走，再见。", "absent", True),
    # a choice asked, met only with goodbye: 是交给社区还是交给停车场
    ("工作人员：您好，请坐，请问您办什么事情？\n居民：月租是交给社区还是交给停车场？\n工作人员：感谢您的来电，再见。", "answers", False),
])
def test_what_dev9s_odd_half_taught(text, owed, said):
    assert (owed not in _missing(text)) is said


@pytest.mark.parametrize("reply, owed", [
    ("我问一下，孩子的户口现在在哪里？", False),        # a question put to the resident: no one leaves, no 请稍等 owed
    ("我问一下后台审核的同事。", True),
])
def test_asking_the_resident_is_not_leaving_to_ask(reply, owed):
    text = f"工作人员：您好，请坐，请问您办什么事情？\n居民：孩子上学的户口问题。\n工作人员：{reply}\n居民：嗯。\n工作人员：您慢走，再见。"
    assert ("wait_before" in _missing(text)) is owed


def test_a_list_that_one_case_adds_to_is_no_missing_material():
    text = ("工作人员：您好，请坐，请问您办什么事情？\n居民：办护照要带什么材料？\n"
            "工作人员：成年人带身份证就行。孩子办的话还要带户口本，由一位监护人陪同。\n居民：好。\n工作人员：您慢走，再见。")
    assert "missing_materials" not in _missing(text)


def test_sorry_to_keep_you_waiting_in_other_words_is_said():
    text = ("工作人员：您好，请坐，请问您办什么事情？\n居民：办低保。\n工作人员：复印机在隔壁，您稍等我一下。\n居民：好。\n"
            "工作人员：不好意思，让您多等了几分钟，原件还给您。\n居民：谢谢。\n工作人员：您慢走，再见。")
    assert "wait_after" not in _missing(text)


# --- a second independent review of the twelfth session's scoring (its minimal cases) -------------------------------

@pytest.mark.parametrize("pickup, later", [
    ("坐席：您好，请讲。", "坐席：这个您得找区医保局。"),           # a referral is no late naming of one's office
    ("坐席：喂，你好，我在医院，你说。", "坐席：您得去社保中心补。"),   # where one is is no office's name
    ("说话人1：喂您好我是替小王接的电话她不在办公室", "说话人1：您去医保窗口补就行"),
    # the nearest clinic, where the staff are (a review of the twenty-sixth session's office words)
    ("话务员：您好，请讲。", "话务员：晚上有人，都在一楼值班室。"),
    ("话务员：您好，请讲。", "话务员：离您最近的是人民医院门诊。"),
    ("话务员：喂 你好 我 这边 在 门诊", "话务员：早上 七点半 开始"),
    # a later office passed on to, or an answer, names no office late (two trials: it earned half the step)
    ("坐席：喂，说吧。", "坐席：知道了，会通知物业。"),
    ("坐席：您好，请问有什么可以帮您？", "坐席：好的，马上转给锦绣花园物业服务中心，今天下午有师傅上门。"),
    ("坐席：您好，请讲。", "坐席：建设银行。"),
])
def test_an_office_named_in_passing_is_not_the_office_named(pickup, later):
    card = _card(f"{pickup}\n来电人：医保卡丢了怎么补？\n{later}\n来电人：好的，谢谢。\n坐席：不客气，再见。\n", "phone")
    assert [f.points for f in card.findings if f.rule == "phone.org_identified" and f.kind == "missing"] == [-10]


def test_a_process_gone_through_is_no_farewell():
    card = _card("坐席：您好，幸福里社区居委会，请讲。\n来电人：高龄补贴什么时候发？\n坐席：流程走好了我们会短信通知您。\n", "phone")
    assert "phone.farewell" in {f.rule for f in card.findings if f.kind == "missing"} and card.grade.capped_by == "missed_step"


@pytest.mark.parametrize("said", [
    "居民：你再说得清楚点，我没听明白要带什么。",        # a request, not praise
    "居民：我想申请居家养老服务，白天家里一个人都没有。",  # a home, not the office's failing
    "居民：上门核查时如果我不在家怎么办？",
    "居民：我本来想去银行办的还是觉得这里方便",          # 还是 = still: no choice asked
])
def test_what_is_no_praise_criticism_or_question_owes_nothing(said):
    text = f"工作人员：您好，请坐，请问您办什么事情？\n{said}\n工作人员：好的，带上身份证就能办，上门核查前我们会打电话约时间。\n居民：好。\n工作人员：您慢走，再见。"
    assert _missing(text) == set()


@pytest.mark.parametrize("reply", ["您老公出差了的话，带上他的身份证和委托书就能办。", "小孩这几天先在家多休息，证明我们下周给您开。",
                                   "上门核查时如果您不在家，我们会打电话跟您约时间。"])
def test_someone_away_who_is_no_colleague_owes_no_message(reply):
    text = f"工作人员：您好，请坐，请问您办什么事情？\n居民：我来办居住证明。\n工作人员：{reply}\n居民：好的。\n工作人员：您慢走，再见。"
    assert "absent" not in _missing(text)


def test_leaving_to_ask_a_colleague_owes_a_wait():
    text = ("工作人员：您好，请坐，请问您办什么事情？\n居民：我的补贴批了没有？\n工作人员：我问一下后台同事有没有结果。\n"
            "工作人员：批了，下个月发。\n居民：好。\n工作人员：您慢走，再见。")
    assert "wait_before" in _missing(text)


def test_waiting_for_news_is_no_hold_and_a_notice_after_such_a_case_is_one():
    later = ("坐席：您好，阳光社区居委会，请讲。\n来电人：廉租房什么时候批？\n坐席：这个需要跟街道住保办核实，暂时没法答复，您稍等消息吧。\n"
             "来电人：好吧。\n坐席：感谢您的来电，再见。\n")
    assert "reply_later" in {f.rule.split(".", 1)[1] for f in _card(later).findings if f.kind == "missing"}
    notice = ("工作人员：您好，请坐，请问您办什么事情？\n居民：我来办居住登记。\n工作人员：您是外地户口，这样的话还得补一份居住证明。\n"
              "居民：好。\n工作人员：您慢走，再见。")
    assert "missing_materials" in _missing(notice)


def test_two_bracketed_notes_on_a_line_are_no_utterance():
    call = read("坐席：您好，阳光社区居委会，请讲。\n来电人：谢谢，没事了。\n坐席：不客气，再见。\n坐席：（挂断）（忙音）\n", "c.txt")
    assert [turn.text for turn in call.turns][-1] == "不客气，再见。"


def test_a_hotline_named_with_its_number_is_a_referral():
    text = "工作人员：您好，请坐，请问您办什么事情？\n居民：我家门口乱摆摊谁管？\n工作人员：这个归城管，城管热线是12319。\n居民：好的。\n工作人员：您慢走，再见。"
    assert _missing(text) == set()


# --- dev9's odd half (fifteenth session): leaving without a word costs more than no apology on return -----------------

DEV9_PAIRS = Path(__file__).parent / "heldout" / "scoring" / "dev9"


@pytest.mark.parametrize("pair", ["931", "933"])
def test_leaving_to_check_without_please_wait_scores_below_an_unapologised_return(pair):
    """931: 我在系统里查一下 on its own; 933: 我到后面核对一下 (speech recognition, no marks). The compliant copy asks
    the resident to wait and comes back with no 让您久等了: that costs less than going off without a word."""
    good, bad = (_shipped().score(read((DEV9_PAIRS / f"{pair}-{kind}.txt").read_text(encoding="utf-8")))
                 for kind in ("good", "bad"))
    missing = {f.rule.rsplit(".", 1)[1]: f.points for f in bad.findings if f.kind == "missing"}
    assert missing.get("wait_before") == -5
    assert bad.score < good.score


def _timed(*lines: tuple[str, str, str]) -> Exchange:
    """A phone call in speech recognition's ``[hh:mm:ss] 坐席：…`` lines, read as a user's file is."""
    [call], _ = read_text_exchange("".join(f"[{at}] {speaker}：{said}\n" for at, speaker, said in lines), "call.txt")
    return call


def _responses(card) -> tuple[int, dict[str, float]]:
    """The points the responses item lost, and each missing reply's points by its trigger."""
    lost = next(line.lost for line in card.items if line.item.key == "responses")
    missing = {f.rule.rpartition(".")[2]: f.points for f in card.findings if f.kind == "missing" and f.points is not None}
    return lost, missing


OPENING = ("00:00:00", "坐席", "您好，这里是东湖社区居委会，请问有什么可以帮您？")
ASKED = ("00:00:04", "市民", "残疾证年审什么时候？")
ANSWER_AT = "00:02:30"
CLOSING = (("00:02:35", "市民", "好的，谢谢。"), ("00:02:36", "坐席", "不客气，再见。"))


def _closing(at: str) -> tuple[tuple[str, str, str], ...]:
    """The call's end said at once after the answer given at ``at`` (a minute and seconds)."""
    minute, second = map(int, at.split(":"))
    return tuple((f"00:{minute + (second + n) // 60:02d}:{(second + n) % 60:02d}", speaker, said)
                 for n, (_, speaker, said) in zip((5, 6), CLOSING))


def test_a_silent_hold_read_from_the_timestamps_owes_an_apology():
    """An outside trial's supervisor: two and a half minutes of silence after 我查一下 cost nothing but the missing
    请稍等; the caller waited, and 让您久等了 is owed when the staff come back."""
    card = _shipped().score(_timed(OPENING, ASKED, ("00:00:06", "坐席", "我查一下。"),
                                         (ANSWER_AT, "坐席", "年审在每年三月到五月，在社区服务站办理。"), *CLOSING))
    assert _responses(card) == (9, {"wait_before": -5, "held": -4})
    apologised = _shipped().score(_timed(OPENING, ASKED, ("00:00:06", "坐席", "请稍等，我查一下。"),
                                               (ANSWER_AT, "坐席", "让您久等了，年审在每年三月到五月。"), *CLOSING))
    assert _responses(apologised) == (0, {})
    # as speech recognition writes them (an outside trial's c02): 请您烧等 asks to wait, 让您九等了 apologises
    misheard = _shipped().score(_timed(OPENING, ASKED, ("00:00:06", "坐席", "好的请您烧等我帮您查询一下"),
                                             (ANSWER_AT, "坐席", "王阿姨让您九等了年审在每年三月到五月"), *CLOSING))
    assert _responses(misheard) == (0, {})
    assert {f.rule.rpartition(".")[2] for f in misheard.findings if f.kind == "trigger"} >= {"wait_after", "held"}


def test_a_hold_after_please_wait_is_charged_once_and_a_quick_return_owes_nothing():
    waited = _shipped().score(_timed(OPENING, ASKED, ("00:00:06", "坐席", "请稍等，我查一下。"),
                                           (ANSWER_AT, "坐席", "年审在每年三月到五月。"), *CLOSING))
    assert _responses(waited) == (4, {"wait_after": -4, "held": 0})
    held = next(f for f in waited.findings if f.rule.endswith(".held") and f.kind == "missing")
    assert held.covered_by.endswith(".wait_after")
    quick = _shipped().score(_timed(OPENING, ASKED, ("00:00:06", "坐席", "请稍等。"),
                                          ("00:00:08", "坐席", "年审在每年三月到五月。"), *_closing("00:08")))
    assert _responses(quick) == (0, {})
    # without timestamps nothing says how long the wait was: the apology is owed as the rules write it
    untimed = _shipped().score(exchange("工作人员：您好，请坐。\n居民：残疾证年审什么时候？\n工作人员：请稍等。\n"
                                              "工作人员：年审在每年三月到五月。\n工作人员：您慢走，再见。"))
    assert _responses(untimed)[1] == {"wait_after": -4}


def test_a_hold_is_the_silence_added_up_and_a_callers_long_story_is_none():
    """A caller's 喂？ in the middle does not end the hold; a story told with pauses of a few seconds is no silence;
    a line with a start time only lasts as long as its words take to say."""
    split = _shipped().score(_timed(OPENING, ASKED, ("00:00:06", "坐席", "我查一下。"), ("00:00:26", "市民", "喂？"),
                                          ("00:00:47", "坐席", "年审在每年三月到五月。"), *_closing("00:47")))
    assert "held" in _responses(split)[1]
    story = [(f"00:00:{10 + 4 * n:02d}", "市民", "我家老人腿脚不好") for n in range(12)]
    told = _shipped().score(_timed(OPENING, ASKED, *story, ("00:01:00", "坐席", "年审在每年三月到五月，可以上门办。"),
                                         *_closing("01:00")))
    assert "held" not in _responses(told)[1]
    said_slowly = ("00:00:06", "坐席", "我在系统里查一下您家老人的残疾证登记信息和今年的年审时间安排情况" * 3)
    spoken = _shipped().score(_timed(OPENING, ASKED, said_slowly, ("00:00:40", "坐席", "年审在每年三月到五月。"),
                                           *_closing("00:40")))
    assert "held" not in _responses(spoken)[1]
    # the resident's own silence is no wait: filling in a form for half a minute, then 写好了 (dev6 647)
    writing = _shipped().score(_timed(OPENING, ("00:00:04", "市民", "我来申请补贴。"),
                                            ("00:00:06", "坐席", "好的，这里写姓名，这里签字，您慢慢写。"),
                                            ("00:00:50", "市民", "写好了。"), ("00:00:52", "坐席", "好的，材料我收下了。"),
                                            *_closing("00:52")))
    assert "held" not in _responses(writing)[1]


def test_a_pause_the_resident_takes_is_no_hold_and_an_aside_does_not_shorten_one():
    """An independent review: the caller fetching a pen (你等一下，我去拿个笔) or an ID card keeps the staff waiting, not
    the other way round; a caller's aside during the staff's hold (老头子，把电视关小点) does not make it short."""
    own = _shipped().score(_timed(OPENING, ASKED, ("00:00:06", "坐席", "您说的是哪一年的？"),
                                        ("00:00:09", "市民", "你等一下，我去拿个笔。"),
                                        ("00:00:50", "市民", "喂，好了，你说吧。"), ("00:00:52", "坐席", "年审在每年三月到五月。"),
                                        *_closing("00:52")))
    assert "held" not in _responses(own)[1]
    aside = _shipped().score(_timed(OPENING, ASKED, ("00:00:06", "坐席", "请您稍等。"), ("00:00:08", "市民", "好的，不着急。"),
                                          ("00:00:48", "市民", "老头子，你把电视声音关小点。"),
                                          ("00:00:52", "坐席", "年审在每年三月到五月。"), *_closing("00:52")))
    assert "wait_after" in _responses(aside)[1]


def test_a_trigger_answered_in_its_own_turn_is_not_dropped_as_back_soon(tmp_path):
    """unless_back_within looks at the next staff turn: a site's trigger answered in its own turn (same_turn) still
    occurs, timestamps or not (an independent review found it never did)."""
    site = tmp_path / "site.toml"
    site.write_text('[script]\nname = "phone"\nextends = "phone"\nchannel = "phone"\ntitle = "站点"\nversion = "s"\n'
                    '[[trigger]]\nkey = "look_up"\nname = "查询"\nfrom = "staff"\npatterns = ["查一下"]\n'
                    'expect = { patterns = ["久等了"] }\nwithin = 0\nunless_back_within = 10\npoints = 3\nmessage = "m"\n'
                    'sources = [{ doc = "000_8e94659fa9675679.txt", article = "第三条 1" }]\n', encoding="utf-8")
    scorer = Scorer(Matcher(load_lexicon()), load_scripts([site]))
    card = scorer.score(exchange("工作人员：您好，幸福里社区居委会。\n居民：低保审核到哪了？\n工作人员：好的，我帮您查一下。\n"
                                 "工作人员：材料已经报到街道了。\n工作人员：感谢您的来电，再见。", channel="phone"))
    assert any(f.kind == "trigger" and f.rule.endswith(".look_up") for f in card.findings)


def test_a_silence_trigger_is_for_staff_turns(tmp_path):
    script = tmp_path / "s.toml"
    script.write_text(
        '[script]\nname = "s"\ntitle = "s"\n[[item]]\nkey = "responses"\nname = "r"\ncheck = "responses"\nweight = 10\n'
        '[[trigger]]\nkey = "held"\nname = "h"\nfrom = "resident"\nsilence = 30\nexpect = { patterns = ["久等"] }\n'
        'within = 1\npoints = 2\nmessage = "m"\n', encoding="utf-8")
    with pytest.raises(Exception, match="silence"):
        load_scripts([script])


def test_a_veto_is_named_however_low_the_points_already_are():
    """An outside trial's trainer: a role-play with a critical insult that the points already failed said only
    “46.5 不合格”; the veto is the lesson, so the card names it."""
    card = _shipped().score(exchange("居民：我来交养老保险。\n工作人员：你这个人脑壳咋个恁个笨，表都填错了。\n"
                                           "居民：那咋办？\n工作人员：不归我管，问别人去。\n居民：算了。"))
    assert card.veto and card.grade.lowest and grade_note(card, "zh") == "一票否决"


def test_a_greeting_to_two_people_is_a_greeting():
    """你们好 to two residents at once is the plural of 您好 (an outside trial's mediation, charged −7.5)."""
    card = _shipped().score(exchange("工作人员：李大姐、赵师傅，你们好，请坐，请喝水。\n居民：我先说。\n工作人员：您慢走，再见。"))
    assert not any(f.kind == "missing" and ".greeting" in f.rule for f in card.findings)


_HALL = "工作人员：您好，请坐，请问您办什么事情？\n"
_LINE = "客服：您好，市自来水公司客服热线，请问有什么可以帮您？\n"


@pytest.mark.parametrize("text, owed, said", [
    # a suggestion is thanked; an apology answers the criticism with it, not the suggestion (dev15 1541)
    (_LINE + "来电人：我就是想提个建议，你们停水的时候能不能发个短信通知？上回停水我一点都不知道。\n"
     "客服：谢谢您的建议，也很抱歉上次给您带来了不便。我们已经开通了停水短信提醒。\n来电人：好的。\n客服：感谢您的来电，再见。",
     "suggestion_thanks", True),
    (_LINE + "来电人：我就是想提个建议，你们停水的时候能不能发个短信通知？上回停水我一点都不知道。\n"
     "客服：很抱歉上次给您带来了不便。我们已经开通了停水短信提醒。\n来电人：好的。\n客服：感谢您的来电，再见。",
     "suggestion_thanks", False),
    # not told beforehand is a complaint (1525)
    (_LINE + "来电人：你们今天上午停水怎么也不提前通知一声？\n客服：这次是计划检修，提前三天在小区公告栏发了通知。\n"
     "来电人：好吧。\n客服：感谢您的来电，再见。", "suggestion", False),
    # what the matter needs is the reason the phone cannot do it (1529)
    (_LINE + "来电人：我想在电话里直接把户名改成我的。\n客服：不过水表过户需要核对房产证明和身份证原件，电话里没法办理，请您谅解。\n"
     "来电人：好吧。\n客服：感谢您的来电，再见。", "refusal", True),
    (_LINE + "来电人：我想在电话里直接把户名改成我的。\n客服：不过电话里没法办理。\n来电人：好吧。\n客服：感谢您的来电，再见。",
     "refusal", False),
    # no authority here, and the matter taken on another way: a referral (1569)
    (_HALL + "患者：能不能给我加一个号？\n工作人员：实在抱歉，今天已经全部约满，我这里没有权限加号。或者我帮您约张主任后天上午的号。\n"
     "患者：好。\n工作人员：您慢走，再见。", "referral", True),
    # 帮我看看填得对不对 asks for the form checked, and checking it answers (1565)
    (_HALL + "群众：表格在网上打印了，你帮我看看填得对不对。\n工作人员：好的，我帮您看看。这里监护人一栏要填您子女的名字，您填成自己的了。\n"
     "群众：哦。\n工作人员：您慢走，再见。", "answers", True),
    # 我这边 is the agent, not a place (1577)
    ("坐席：您好 这里是华润燃气客服热线 请问有什么可以帮您\n客户：哦 那圈存机在哪有啊\n"
     "坐席：嗯 您充值的记录我这边是能看到的 钱已经到账了 您放心\n客户：行\n坐席：感谢您的来电 再见", "answers", False),
    # compliant copies: the office and its number run on in speech recognition (1531); 就全额退给您 says yes (1533);
    # two matters said at once, the first taken first (1561); a copy made when the resident comes back owes no wait (1567)
    ("A：您好 国网东湖供电公司 九五五九八供电服务热线 请问有什么可以帮您\nB：喂 你好 我们家停电了\nA：感谢您的来电 再见",
     "org_identified", True),
    ("spk0：您好 请坐 请问办理什么业务\nspk1：押金多少啊 装完能退吗\nspk0：押金是两千块 装修完成以后 我们验收没有破坏公共设施 就全额退给您\n"
     "spk1：好\nspk0：您慢走 再见", "answers", True),
    (_HALL + "群众：我来领一下光荣牌，再问问优待证的事。\n工作人员：好的，请出示您的退役证，我先帮您登记领光荣牌。\n"
     "群众：优待证现在能办了吗？\n工作人员：可以办的，在小程序上申请。\n群众：好。\n工作人员：您慢走，再见。", "more_to_ask", True),
    (_HALL + "居民：出院小结要原件吗？\n工作人员：复印件就可以，我们这里能免费复印，您带原件来我帮您复印。\n居民：好。\n"
     "工作人员：您慢走，再见。", "wait_before", True),
    # the same as before? (1579): a wait and the card handed over say nothing of the PIN
    (_HALL + "办事人：新卡的密码还是原来的吗？\n工作人员：您请稍等，卡做好了我叫您。\n办事人：好的。\n"
     "工作人员：让您久等了，卡已经做好了，这是您的新卡，请您收好。\n办事人：谢谢。\n工作人员：您慢走，再见。", "answers", False),
    (_HALL + "办事人：新卡的密码还是原来的吗？\n工作人员：新卡需要重新设置密码。您请稍等，卡做好了我叫您。\n办事人：好的。\n"
     "工作人员：让您久等了，这是您的新卡，请您收好。\n办事人：谢谢。\n工作人员：您慢走，再见。", "answers", True),
    # compliant copies of earlier sets: the nearest office of a kind is a place (dev12 1213); an objection supposed
    # (如果对分的学校有意见，可以申请调整吗) is a question, not a criticism (dev13 1347)
    ("话务员：您好，12345政务服务便民热线，请问有什么可以帮您？\n市民：我妈六十六了，在哪办？\n"
     "话务员：带上老人的身份证，到就近的公交IC卡服务网点办理。\n市民：好。\n话务员：感谢您的来电，再见。", "out_of_remit", True),
    ("接线员：您好，这里是区教育局招生咨询电话，请问您想了解什么？\n来电人：如果对分的学校有意见，可以申请调整吗？\n"
     "接线员：有特殊情况的，可以在公布后五个工作日内向区教育局基础教育科提出书面申请。\n来电人：好。\n接线员：感谢您的来电，再见。",
     "suggestion", True),
])
def test_what_dev15s_odd_half_taught(text, owed, said):
    assert (owed not in _missing(text)) is said


@pytest.mark.parametrize("text, owed, said", [
    # a reply that only notes the question down, or only hedges, says nothing (1617, 1613)
    (_LINE + "来电人：我们楼的网格员是谁啊？我想留个电话。\n客服：嗯，好的，这个我记下了。\n来电人：行。\n客服：感谢您的来电，再见。",
     "answers", False),
    (_LINE + "来电人：灵活就业一个月要交多少钱啊？\n客服：嗯 这个每个人情况都不一样 看您自己怎么选 不好说具体数\n来电人：哦。\n"
     "客服：感谢您的来电，再见。", "answers", False),
    # what was asked for cannot be used or granted: a refusal, owed its reason (1625, 1629)
    (_HALL + "群众：店名想叫中华优选便利店。\n工作人员：不好意思，这个名称不能用，您换一个吧。\n群众：好吧。\n工作人员：您慢走，再见。",
     "refusal", False),
    (_HALL + "群众：店名想叫中华优选便利店。\n工作人员：不好意思，这个名称不能用。按照企业名称登记的规定，“中华”字样个体户不能用，"
     "您换一个就可以。\n群众：好吧。\n工作人员：您慢走，再见。", "refusal", True),
    (_HALL + "群众：都在这儿。\n工作人员：我看一下……您这套房子落不了户。\n群众：啊？\n工作人员：您慢走，再见。", "refusal", False),
    # the rest left for when the resident comes back; materials not all there, and no list (1637, 1639)
    ("说话人1：您好 请坐 请问办理什么业务\n说话人2：我来申请生育津贴 这是我的材料\n说话人1：好的 我看一下 嗯 还缺结婚证原件 "
     "您先把这个补来 别的等您来了再看\n说话人2：哦\n说话人1：您慢走 再见", "materials_later", False),
    (_LINE + "来电人：孩子的报名审核没通过。\n客服：您这边材料确实不全，您再对照招生简章看一下，缺的补传上去就行。\n来电人：好吧。\n"
     "客服：感谢您的来电，再见。", "missing_materials", False),
    # not paid or done at this kind of office, and nowhere else named (1645)
    (_HALL + "群众：我收到一张违章罚单，想在这儿把罚款交了。\n工作人员：不好意思，交通违法罚款不在税务局缴纳。\n群众：哦。\n"
     "工作人员：您慢走，再见。", "referral", False),
    # 受不了了 is distress; 消消气 and 换谁都受不了 calm it (1661)
    (_LINE + "来电人：我实在受不了了！对面工地天天晚上干到一两点，孩子明天还要考试。\n客服：这个事我们一定管，请问工地的具体位置是哪里？\n"
     "来电人：滨河路口。\n客服：感谢您的来电，再见。", "distress", False),
    (_LINE + "来电人：我实在受不了了！对面工地天天晚上干到一两点，孩子明天还要考试。\n客服：您先消消气，天天半夜被吵得睡不着，换谁都受不了。"
     "这个事我们一定管，请问工地的具体位置是哪里？\n来电人：滨河路口。\n客服：感谢您的来电，再见。", "distress", True),
    # compliant replies an independent review wrote against these: advice is no refusal, a requirement is a reason;
    # done here or online instead is no decline; records still to look up are no materials; a plain no answers; a
    # note taken and then the answer answers
    (_HALL + "居民：用这个笔行吗？\n工作人员：这一栏不能用铅笔填，要用黑色签字笔，我这里有。\n居民：好。\n工作人员：您慢走，再见。",
     "refusal", True),
    (_HALL + "居民：照片行吗？\n工作人员：这张照片不能用，证件照得是白底的，楼下照相馆就能拍。\n居民：好。\n工作人员：您慢走，再见。",
     "refusal", True),
    (_HALL + "居民：这个卡是不是去银行领？\n工作人员：这个不是银行办的，是我们社保中心直接发的，在我这登记就行。\n居民：好。\n"
     "工作人员：您慢走，再见。", "referral", True),
    (_HALL + "居民：补卡去营业厅吗？\n工作人员：补卡不在营业厅办理，您在手机上下载我们的App就能办。\n居民：好。\n"
     "工作人员：您慢走，再见。", "referral", True),
    (_HALL + "居民：以前的记录呢？\n工作人员：剩下的回头再查，系统那几年的数据还在迁移。\n居民：好。\n工作人员：您慢走，再见。",
     "materials_later", True),
    (_HALL + "居民：条件一样吗？\n工作人员：情况不太一样。\n居民：好。\n工作人员：您慢走，再见。", "answers", True),
    (_HALL + "居民：这个多少钱？\n工作人员：好的，我记下了。\n工作人员：一共是三十元。\n居民：好。\n工作人员：您慢走，再见。",
     "answers", True),
])
def test_what_dev16s_odd_half_taught(text, owed, said):
    assert (owed not in _missing(text)) is said


@pytest.mark.parametrize("text, owed, said", [
    # a colleague rung to ask for the caller is going off to check
    (_LINE + "来电人：我的包落在公交车上了。\n客服：好的我联系一下二十六路车队帮您问问\n来电人：好。\n客服：感谢您的来电，再见。",
     "wait_before", False),
    # the office named without 我们 is still saying the matter is not theirs
    (_LINE + "来电人：暖气不热怎么办？\n客服：暖气不归燃气公司管，我们这边没法处理。\n来电人：哦。\n客服：感谢您的来电，再见。",
     "referral", False),
    # "not here" is no address for where it is done (not 在我们街道窗口 from 不在我们街道窗口办)
    ("工作人员：您好，请问办什么？\n居民：残疾证是在这里办吗？\n工作人员：残疾证的申请不在我们街道窗口办，得去专门的部门办。\n"
     "居民：好。\n工作人员：您慢走，再见。", "out_of_remit", False),
    # asking how to complain is no complaint; 改进 is not going into the system
    ("坐席：您好，这里是12348热线，请问有什么可以帮您？\n来电人：投诉要带什么证据？\n坐席：带上身份证和工资条。\n"
     "来电人：那去哪儿投诉？\n坐席：劳动保障监察大队，在创业路18号。\n来电人：好。\n坐席：感谢您的来电，再见。", "suggestion", True),
    (_HALL + "居民：上回电脑坏了让我改天再来，你们这效率也太低了。\n工作人员：真是对不起，谢谢您提出来，我们以后一定改进，"
     "今天系统是正常的，马上给您办。\n居民：好。\n工作人员：您慢走，再见。", "wait_before", True),
])
def test_what_pairs_dev17s_odd_half_taught(text, owed, said):
    assert (owed not in _missing(text)) is said


@pytest.mark.parametrize("text, owed, said", [
    # a look-up in the system said as under way, the turn ending there, is going off to check
    (_LINE + "来电人：我的养老保险断缴了几个月？\n话务员：好的，我在系统里帮您查询。\n话务员：一共断缴了三个月。\n来电人：好。\n"
     "话务员：感谢您的来电，再见。", "wait_before", False),
    # … but not an offer for later, made once the result is given (an independent review)
    (_HALL + "居民：我的居住证办好了吗？\n工作人员：办好了，这是您的证。以后忘了有效期也不要紧，打个电话过来，我在系统里帮您核实\n"
     "居民：好的。\n工作人员：您慢走，再见。", "wait_before", True),
    (_HALL + "居民：钱到账了吗？\n工作人员：已经到账了。您要是还想看看往年的记录，我在电脑上给您查。\n居民：好的。\n"
     "工作人员：您慢走，再见。", "wait_before", True),
])
def test_what_pairs_dev18s_odd_half_taught(text, owed, said):
    assert (owed not in _missing(text)) is said


@pytest.mark.parametrize("asked, reply, owed", [
    # an independent review's courteous replies that this session's new cues first charged: a no to a question of fact,
    # a yes read as a no, no wonder, a look at the form on the desk, a promise for later, advice to the resident, the
    # resident's own trouble, a second visit that went well, third-party praise or complaints
    ("明天抽血，早上能不能吃早饭？", "不能吃，要空腹来。", "refusal"),
    ("能不能今天就给我办了？", "肯定不能让您白跑，今天下午就好。", "refusal"),
    ("我这个表这样填可以吗？", "不可以更好了，填得很清楚。", "refusal"),
    ("你们这个自行车棚晚上锁吗？", "锁的，晚上十点以后进不了。", "refusal"),
    ("这是我填好的表。", "好，我帮您看看有没有漏填的。", "wait_before"),
    ("这个我想问问能不能分期。", "好的，我到时候让同事给您打电话。", "wait_before"),
    ("我已经交过钱了。", "那您把缴费截图发给我确认一下。", "wait_before"),
    ("我家热水器坏了。", "好的，我这边联系一下维修师傅，明天上午给您上门。", "wait_before"),
    ("量血压要钱吗？", "不要钱，我们不收的。", "referral"),
    ("能帮我打印一份吗？", "不好意思，我们这打印机今天开不了机，我手写一份给您。", "referral"),
    ("我们楼的材料都交齐了吗？", "您家交齐了，楼里还有几个没交。", "missing_materials"),
    ("我材料可能没带全。", "材料不太齐也没关系，先交上来，我们容缺受理。", "missing_materials"),
    # a second review's
    ("我带的材料够吗？", "我给您看看材料有没有带全。", "wait_before"),
    ("我血压好像有点高。", "来，我给您把血压测一下。", "wait_before"),
    ("家里水管漏了。", "我联系一下物业维修，让他们下午过去看看。", "wait_before"),
    ("我可以把车停在门口吗？", "不可以哦，门口是消防通道，您停到对面停车场，免费的。", "refusal"),
    ("水怎么停了？", "水不是我们停的，是自来水公司在抢修，预计下午三点恢复。", "referral"),
    ("能交现金吗？", "这边交不了现金，您扫这个码或者刷卡都行。", "referral"),
    ("活动室还要什么吗？", "活动室还缺些东西，桌椅和书柜都行。", "missing_materials"),
])
def test_an_independent_reviews_courteous_replies_cost_nothing(asked, reply, owed):
    assert owed not in _missing(_HALL + f"居民：{asked}\n工作人员：{reply}\n居民：好。\n工作人员：您慢走，再见。")


@pytest.mark.parametrize("said", ["医生说我恢复得挺好。", "您看我孙子长得太快了。", "社区门口那家超市挺不错。",
                                  "我儿子在外地干得挺不错。", "我这都第二次来了，上回小李帮我办的，特别顺。",
                                  "我打了三天吊瓶了，医生让我来复查。", "我家猫跑了一整天都没回家。",
                                  "我想预约燃气上门检查，就是白天家里没人。", "哎呀，孩子把你们地上弄脏了，真不好意思。",
                                  "我家卫生间老脏了，想问问社区有没有家政服务。",
                                  "我孙子真是好样儿的，考上清华了。", "太极拳从六十岁打到现在。", "女儿改成钟点工了。",
                                  "我每次量了血压才知道高。", "我儿子的电话好难打通。", "这里以前环境很脏，现在变干净了。"])
def test_a_residents_words_about_others_or_their_own_day_call_for_nothing(said):
    assert not {"praise", "waited", "suggestion"} & _missing(_HALL + f"居民：{said}\n工作人员：好的，您说。\n"
                                                            "居民：好。\n工作人员：您慢走，再见。")


def test_a_configuration_s_own_grade_bands_are_part_of_the_scoring_version():
    """Stored grades are reused only under the same bands: a rerun after [grades] changed grades every call again
    (an independent review: its --html page had shown the failing calls of the old bands)."""
    plain = _shipped().version
    strict, lenient = (Scorer.default(bands={"合格": floor, "不合格": 0}).version for floor in (90, 60))
    assert len({plain, strict, lenient}) == 3 and Scorer.default(bands={"合格": 90, "不合格": 0}).version == strict


def test_here_with_me_is_a_place_but_my_side_on_the_phone_is_not():
    """在我这里就可以补办 names where (an independent review); 我这边是能看到的 (a call centre's "on my side") does not."""
    asked = "工作人员：您好，请坐，请问您办什么事情？\n居民：社保卡在哪补办？\n工作人员：{}\n居民：好。\n工作人员：您慢走，再见。"
    assert "answers" not in _missing(asked.format("在我这里就可以补办，带上身份证。"))
    assert "answers" in _missing(asked.format("您的记录我这边是能看到的，您放心。"))


# --- a black-box trial's speech-recognition calls (twenty-eighth session): each a minimal case ------------------------

def _read(text: str):
    [call], _ = read_text_exchange(text, "trial.txt")
    return _shipped().score(call)


@pytest.mark.parametrize("opening", ["您好 热力公司客服热线 工号一二五 很高兴为您服务", "您好 市中医院预约挂号 请讲",
                                     "您好，市中医院预约挂号，请讲", "您好，江城市中医院门诊咨询电话，请问有什么可以帮您？"])
def test_a_line_answered_in_its_own_name_names_the_office(opening):
    card = _read(f"坐席：{opening}\n来电人：我家暖气不热\n坐席：好的 我给您派师傅 感谢您的来电 再见\n")
    assert card.script.name == "phone" and "org_identified" not in lost(card)


def test_a_line_to_ring_named_in_the_reply_does_not_name_the_office():
    """An independent review: 这个得打物业报修电话 counted as naming the office late."""
    card = _read("坐席：您好，请讲。\n来电人：我家水管爆了\n坐席：这个得打物业报修电话。\n来电人：好\n坐席：感谢您的来电，再见。\n")
    assert lost(card)["org_identified"] == 10


@pytest.mark.parametrize("opening", ["您好 热线 请讲", "您好 预约挂号 请讲", "您好 客户服务热线 请问有什么可以帮您",
                                     "您好 网上预约挂号 请问有什么可以帮您", "您好 医院预约挂号 请讲"])
def test_a_generic_line_names_no_office(opening):
    card = _read(f"坐席：{opening}\n来电人：我家暖气不热\n坐席：好的 我给您派师傅 感谢您的来电 再见\n")
    assert lost(card)["org_identified"] == 10


def test_a_hotline_answered_by_its_name_is_a_call_and_a_number_to_ring_is_not():
    said = "A：{}\nB：你好 我想问一下新生儿医保怎么办\nA：在医保服务平台小程序上点参保登记\nB：好 谢谢\nA：不客气 再见\n"
    for opening in ("您好 12345热线 请问有什么可以帮您", "您好 12345热线 为您服务", "您好 12345热线 您请讲"):
        assert _read(said.format(opening)).script.name == "phone", opening
    for said_at_a_window in ("您好 您可以打12345热线问问", "您好，这是我们社区的服务热线", "您说的是客服热线？"):
        assert _read(said.format(said_at_a_window)).script.name == "reception", said_at_a_window


def test_a_visit_where_someone_is_to_be_brought_or_the_hotline_is_mentioned_stays_a_visit():
    """An independent review of the first version of these cues: 带孩子来社区… / 那我周三带孩子过去 and a first staff turn
    pointing to the hotline (有问题也可以打我们的服务热线) made window visits calls (−10 for no office named)."""
    bring = ("工作人员：您好，请问办什么业务？\n居民：我想问问孩子打疫苗的事。\n工作人员：带孩子来社区卫生服务站就行，每周三上午。\n"
             "居民：那我周三带孩子过去。\n工作人员：好的，这是宣传单，您拿着。\n居民：谢谢。\n工作人员：不客气，再见。\n")
    hotline = ("工作人员：您好，有问题也可以打我们的服务热线。\n居民：好，我是来交物业费的。\n工作人员：好的，这是收据，您收好。\n"
               "居民：谢谢。\n工作人员：不客气，慢走。\n")
    assert _read(bring).script.name == _read(hotline).script.name == "reception"


@pytest.mark.parametrize(("reply", "answered"), [("材料齐的话 当场就能开", True), ("这个当场开不了，得等领导签字", False),
                                                ("现场开会研究一下", False)])
def test_done_on_the_spot_answers_how_long(reply, answered):
    card = _read(f"坐席：您好 这里是桃园社区居委会 请讲\n来电人：开居住证明要多长时间\n坐席：{reply}\n"
                 "来电人：好 谢谢\n坐席：不客气 再见\n")
    assert ("answers" not in lost(card)) == answered


@pytest.mark.parametrize(("held", "owed"), [("请稍等 嗯 已经给您挂失了 新卡十五个工作日", False),
                                            ("请稍等 我看一下 您是哪个支部的", False),
                                            ("请稍等 我帮您查一下", True), ("请稍等 嗯 我看一下", True),
                                            ("您稍后 我帮您看一下今年的通知", True), ("请 稍等 我 帮 您 查 一下 记录", True),
                                            ("请稍等 我帮您确认一下", True), ("请稍等 我帮您联系一下物业", True),
                                            ("请稍等 系统有点慢", True), ("请稍等 我帮您转接物业科 您别挂机", True),
                                            ("请稍等 查询到了", False), ("请稍等 您看一下短信收到没有", False),
                                            ("请稍等 已经给您登记了", False), ("请稍等 登记完毕", False),
                                            ("请稍等 您的信息我核实一下", True)])
def test_a_hold_said_with_its_result_or_a_question_in_one_breath_leaves_no_one_waiting(held, owed):
    """Speech recognition spaced by phrase has no sentence marks: the hold is owed 让您久等了 only when what follows it in
    the turn still holds the resident (a lookup announced), not when the result or a question follows."""
    card = _read(f"工作人员：您好 请问办什么业务\n居民：补办社保卡\n工作人员：{held}\n居民：好\n"
                 "工作人员：已经给您挂失了 新卡十五个工作日\n居民：好\n工作人员：好的 您慢走 再见\n")
    missed = [f.rule for f in card.findings if f.kind == "missing"]
    assert ("reception.wait_after" in missed) == owed


def test_not_this_office_s_business_is_a_reason_and_where_to_ask_wants_a_referral():
    card = _read("坐席：您好 自来水客服热线 请问有什么可以帮您\n来电人：我退休金这个月怎么还没到账\n"
                 "坐席：这个我们是自来水公司 办不了\n来电人：那我该问哪\n坐席：这个我们也不清楚 您还有用水方面的问题吗\n"
                 "来电人：没有了\n坐席：好 再见\n")
    missed = {f.rule for f in card.findings if f.kind == "missing"}
    assert "phone.refusal" not in missed and "reception.refusal" not in missed
    assert {"phone.out_of_remit", "reception.out_of_remit"} & missed
    assert "prohibited.evade.dont-know" in {f.rule for f in card.findings if f.kind == "prohibited"}


def test_where_to_ask_answered_by_refusing_still_wants_a_referral():
    """A second review: 我给您办不了 read as taking the matter on."""
    card = _read("坐席：您好，幸福里社区居委会，请讲。\n来电人：我的退休金这个月没到，这种事我该问哪呢？\n"
                 "坐席：这个我给您办不了。\n来电人：好吧。\n坐席：感谢您的来电，再见。\n")
    assert "phone.out_of_remit" in {f.rule for f in card.findings if f.kind == "missing"} | {
        f.rule.replace("reception.", "phone.") for f in card.findings if f.kind == "missing"}


def test_where_to_ask_answered_by_taking_it_on_is_no_missing_referral():
    """The review: 这种事我该问哪呢？ answered 您跟我说就行，我给您登记 — this office handles it — lost 6 points."""
    card = _read("坐席：您好，幸福里社区居委会，请讲。\n来电人：我家门口路灯坏了，这种事我该问哪呢？\n"
                 "坐席：您跟我说就行，我给您登记，明天派人去修。\n来电人：好的，谢谢。\n坐席：不客气，感谢您的来电，再见。\n")
    assert card.score == 100


def test_the_office_named_is_shown_as_its_evidence_not_the_greeting_inside_it():
    """The trial's scorecard credited 报出单位名称 with “您好”: a pattern hit reused the courtesy finding it began with."""
    card = _read("坐席：您好 自来水客服热线 请问有什么可以帮您\n来电人：水费怎么交\n坐席：在营业厅或者支付宝都能交 感谢您的来电 再见\n")
    [office] = [item for item in card.items if item.item.key == "org_identified"]
    assert [finding.text for finding in office.evidence] == ["您好 自来水客服热线"]


def test_a_referral_given_after_a_hold_is_a_referral():
    """A supervisor's trial: 2,566 calls (8.6 %) lost 6 points for no referral when the agent asked the caller to wait
    while looking it up and then named the window (the same call without the hold scored 100)."""
    held = ("坐席：您好，12345热线，工号1312为您服务，请问有什么可以帮您？\n来电人：我想开个小饭馆，营业执照要在哪里办？\n"
            "坐席：好的，请您稍等，我帮您查询一下。\n坐席：让您久等了。营业执照在区政务服务中心二楼市场监管窗口办理。\n"
            "来电人：好的，谢谢。\n坐席：感谢您的来电，再见。\n")
    assert lost(_read(held)) == {}
    named = held.replace("营业执照在区政务服务中心二楼市场监管窗口办理。", "营业执照在户籍所在社区的居委会就能办。")
    assert lost(_read(named)) == {}
    never_told = held.replace("营业执照在区政务服务中心二楼市场监管窗口办理。", "营业执照要带身份证和租赁合同。")
    assert lost(_read(never_told)) == {"responses": 6}


def test_a_later_holds_apology_does_not_answer_an_earlier_complaint_of_waiting():
    said = ("窗口：您好，请坐，请问您办什么业务？\n群众：我排了一个半钟头才轮到。我来办退休登记。\n"
            "窗口：退休登记，请您出示一下身份证和退休证。\n群众：给。\n窗口：好的，请您稍等。\n"
            "窗口：让您久等了，登记好了。\n群众：行。\n窗口：您慢走，再见！\n")
    assert lost(_read(said)) == {"responses": 8}


def test_overlapping_prohibited_expressions_are_one_outburst_charged_for_the_gravest():
    """A supervisor's trial: 你这人怎么听不懂人话呢 was charged as impatience (怎么听不懂, found first) and the insult
    over the same words was dropped, so the call kept 良好 instead of its veto."""
    card = _read("坐席：您好，12345热线，请问有什么可以帮您？\n来电人：我想问一下补贴怎么领\n坐席：你这人怎么听不懂人话呢？\n"
                 "来电人：好吧\n坐席：再见\n")
    charged = {f.rule: (points, f.covered_by) for score in card.items if score.item.check == "prohibited"
               for f, points in score.charges}
    assert charged["prohibited.insult.stupid"][0] > 0 and charged["prohibited.insult.stupid"][1] is None
    # the impatience in the same words (怎么听不懂) costs nothing beside it: dropped inside the insult, or charged as covered
    assert all((points, by) == (0.0, "prohibited.insult.stupid") for rule, (points, by) in charged.items()
               if rule != "prohibited.insult.stupid")
    assert card.grade.band.name == "不合格"


def test_a_hedge_that_puts_the_question_off_answers_nothing():
    """A trainer's trial: 要不要空腹啊？ answered 这个嘛，每个人不一样，到了再说吧 scored as its compliant copy (100)."""
    said = "导医：您好，请问有什么可以帮您？\n患者：要不要空腹啊？我早上吃了东西。\n导医：{}\n患者：好的。\n导医：您慢走。\n"
    for hedge in ("这个嘛，每个人不一样，到了再说吧。", "这个嘛，因人而异，到时候再看吧。", "这个不好讲，来了再说吧。",
                  # the dev pairs' deferrals: asked to ask later, told it will be known later, told it is complicated
                  "这个您到时候问医生吧。", "这个不好说，等核定了就知道了。", "这个要看具体情况，得审核了才知道。",
                  "这个情况比较复杂，每个家庭不一样，您到时候就知道了。"):
        assert lost(_read(said.format(hedge))) == {"answers": 5}, hedge
    assert lost(_read(said.format("要空腹，抽血前八小时别吃东西，您今天得改天再来。"))) == {}


@pytest.mark.parametrize("office", ["招商银行信用卡中心", "市一医院体检部"])
def test_a_centre_inside_a_named_office_names_it_on_the_phone(office):
    """A hotline and bank trial: 您好，招商银行信用卡中心，请问… lost the step (−10) and the grade; 您好，这里是… did not."""
    card = _shipped().score(read(UNNAMED_OFFICE.replace("您好，请问", f"您好，{office}，请问"), "c.txt"))
    assert (card.score, card.grade.capped_by) == (100, None)


def test_a_hotline_answered_by_its_number_names_itself_and_is_not_a_community_office():
    """The same trial: 喂，12345。 named no office; a 12345 call without its offer was suggested 这里是хх社区居委会."""
    card = _shipped().score(read(UNNAMED_OFFICE.replace("您好，请问有什么可以帮您？", "您好，12345。"), "c.txt"))
    assert "org_identified" not in lost(card)
    assert not any("社区" in (f.suggestion or "") for f in card.findings)


@pytest.mark.parametrize(("said", "reply", "owed"), [
    ("我不是来投诉的，就是想表扬一下小李。", "谢谢您的表扬，我们一定转达。", None),   # no complaint denied: praise
    ("我都排了一个多小时了。", "给您添麻烦了，我马上给您办。", None),               # an apology in other words
    ("打热力公司电话一直占线，只好打你们这儿。", "好的，我帮您记下来。", None),     # another company's line: no wait here
    ("打你们电话一直占线。", "好的，我帮您记下来。", "waited"),                     # this office's line: owed
])
def test_what_a_resident_says_of_complaints_and_waits_is_read_for_whose_it_is(scorer, said, reply, owed):
    """A hotline and bank trial's false charges: a denied complaint taken for one, 给您添麻烦了 not an apology, a third
    party's busy line taken for a wait at this office."""
    charged = {f.rule.rsplit(".", 1)[-1] for f in scorer.score(read(visit(said, reply, "好的谢谢。"))).findings if f.points}
    assert charged == ({owed} if owed else set())


@pytest.mark.parametrize(("reply", "owed"), [("五万以上要提前一天预约，没预约取不了。", False), ("没预约取不了。", True)])
def test_a_threshold_and_the_booking_it_needs_are_a_refusal_s_reason(scorer, reply, owed):
    """A bank trial: 五万以上要提前一天预约，没预约取不了 was charged as a refusal with neither reason nor apology."""
    charged = {f.rule for f in scorer.score(read(visit("我想取五万块钱现金。", reply, "好吧。"))).findings if f.points}
    assert any("refusal" in rule for rule in charged) is owed


def test_an_unanswered_question_says_what_its_answer_owed():
    """A trainer's trial: the card said a question went unanswered, not what the answer had to say (a time)."""
    card = _card("工作人员：您好，请坐，请问您办什么？\n居民：补办身份证多久能拿到？在哪个窗口交照片？\n工作人员：好的。\n"
                 "居民：哦。\n工作人员：您慢走，再见。\n", "reception")
    [missing] = [f for f in card.findings if f.rule == "reception.answers" and f.kind == "missing"]
    assert missing.suggestion == "请直接答复：说明所需时间（多少个工作日、多久）；说明具体地点（窗口、楼层、网上入口）"


def test_an_insult_inside_a_longer_impatience_keeps_its_veto():
    """A gas hotline's trial: 你是不是傻 赶紧出去啊 was one impatience finding (medium), the insult inside it lost, and a call
    with it scored 90 良好 instead of its veto."""
    card = _read("坐席：您好，燃气热线，请问有什么可以帮您？\n来电人：我家闻到一股煤气味\n坐席：燃气泄漏你还在屋里打这个电话 你是不是傻 赶紧出去啊\n"
                 "来电人：好好\n坐席：再见\n")
    assert "prohibited.insult.stupid" in {f.rule for f in card.findings} and card.grade.band.name == "不合格"


@pytest.mark.parametrize(("ending", "gone"), [
    ("来电人：行了知道了。\n坐席：（对方已挂机）\n", True),   # a note after the last words (a supervisor's trial)
    ("来电人：行了行了我知道了\n坐席：喂先生您还在吗喂\n", True),   # the agent calling after a caller who has gone
    ("来电人：行了知道了。\n坐席：（挂断）\n", False),   # who hung up is not said
    ("坐席：（对方已挂机）\n来电人：喂？刚才断了。\n坐席：您说。\n", False),   # the call went on after it
    ("坐席：喂，您还在吗？\n来电人：在呢，没事了。\n", False),   # the caller answered: still there
])
def test_a_caller_who_hung_up_is_owed_no_goodbye(ending, gone):
    card = _shipped().score(read("坐席：您好，临江水务客服热线，请问有什么可以帮您？\n来电人：水费户名怎么改？\n"
                                 "坐席：带上房产证和身份证到营业厅就能办。\n" + ending, "call.txt"))
    assert ("farewell" not in lost(card)) is gone
    assert any(f.rule == "phone.farewell.gone" for f in card.findings) is gone


def test_a_wait_not_apologised_for_and_grumbled_about_next_is_one_fault():
    """A supervisor's trial: back on the line without 让您久等了 (−4), then the caller's 我等了快一分钟了 answered without it
    (−8) — one wait, one apology missed: charged once, for the larger. A second wait, later, is a fault of its own."""
    call = ("坐席：您好，水务燃气客服热线，请问有什么可以帮您？\n来电人：路口井盖冒燃气味。\n"
            "坐席：我马上为您转接抢修调度，请您稍等，不要挂机。\n来电人：好。\n坐席：您好，抢修调度中心，请讲。\n"
            "来电人：怎么转了这么久，我等了快一分钟了。\n坐席：请您说一下具体位置。\n来电人：人民路口工商银行门口。\n"
            "坐席：抢修车已经派出，十五分钟到。谢谢您的报告，再见。\n")
    card = _shipped().score(read(call, "call.txt"))
    charged = {f.rule.split(".", 1)[1]: f for f in card.findings if f.kind == "missing" and f.points}
    covered = {f.rule.split(".", 1)[1]: f.covered_by for f in card.findings if f.kind == "missing" and f.covered_by}
    assert list(charged) == ["waited"] and charged["waited"].points == -8
    assert covered["wait_after"] == "phone.waited"
