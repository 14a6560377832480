"""Role attribution: alias tables, options, inference."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from phrasecheck.resources import data_path
from phrasecheck.transcripts import ReadOptions, read_text_exchange
from phrasecheck.transcripts.records import RawExchange, RawTurn
from phrasecheck.transcripts.roles import assign_roles, role_table

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"


@pytest.mark.parametrize(
    ("label", "role"),
    [
        ("工作人员", "staff"), ("社工", "staff"), ("坐席", "staff"), ("客服", "staff"), ("接线员", "staff"),
        ("窗口", "staff"), ("话务员", "staff"), ("Agent", "staff"), ("AGENT", "staff"), ("helpdesk", "staff"),
        ("sys", "staff"), ("坐席1", "staff"), ("坐席A", "staff"), ("客服（工号1023）", "staff"), ("Agent 2", "staff"),
        ("3号窗口", "staff"), ("社区工作人员", "staff"), ("专家坐席", "staff"), ("ｓｔａｆｆ", "staff"),
        ("居民", "resident"), ("群众", "resident"), ("来电人", "resident"), ("市民", "resident"), ("办事群众", "resident"),
        ("客户", "resident"), ("customer", "resident"), ("CUSTOMER", "resident"), ("usr", "resident"), ("caller", "resident"),
        ("客户B", "resident"), ("VIP客户", "resident"), ("工作人員", "staff"), ("民眾", "resident"), ("來電人", "resident"),
        ("0", "unknown"), ("spk_1", "unknown"), ("说话人1", "unknown"), ("张阿姨", "resident"), ("", "unknown"),
        ("窗口人员", "staff"), ("户籍民警", "staff"),   # a police window's log (a supervisor's trial)
    ],
)
def test_role_of_label(label, role):
    assert role_table().role_of(label) == role


def test_only_whole_aliases_are_aliases():
    table = role_table()
    assert table.is_alias("坐席2") and table.is_alias("客户")
    assert not table.is_alias("服务窗口") and not table.is_alias("地址")


def test_extra_labels_extend_and_override_the_tables():
    table = role_table(ReadOptions(staff_labels=("网格长",), resident_labels=("窗口",)))
    assert table.role_of("网格长") == "staff" and table.role_of("窗口") == "resident"
    assert role_table().role_of("窗口") == "staff"


def test_roles_file_is_found_through_data_path():
    assert data_path("roles", "roles.toml").is_file()


def exchange(*turns):
    return RawExchange("c", "c.txt", 1, "test", [RawTurn(speaker, text, line) for line, (speaker, text) in enumerate(turns, 1)])


def test_inference_prefers_the_side_with_service_language():
    raw = exchange(("B", "喂，我想问一下低保怎么申请"), ("A", "您好，这里是民政局，请您稍等，我为您查询"), ("B", "好的谢谢"))
    result = assign_roles(raw, role_table(), ReadOptions())
    assert [(t.speaker, t.role, t.role_inferred) for t in result.turns] == [("B", "resident", True), ("A", "staff", True), ("B", "resident", True)]
    [warning] = result.warnings
    assert (warning.level, warning.line) == ("warning", 1) and "“A”为工作人员" in warning.message


def test_inference_tie_goes_to_the_first_speaker():
    result = assign_roles(exchange(("X", "嗯"), ("Y", "嗯")), role_table(), ReadOptions())
    assert [t.role for t in result.turns] == ["staff", "resident"]


def test_unknown_speaker_next_to_known_staff_is_a_resident():
    result = assign_roles(exchange(("坐席", "您好"), ("王小明", "我替我儿子问")), role_table(), ReadOptions())
    assert [(t.role, t.role_inferred) for t in result.turns] == [("staff", False), ("resident", True)]
    assert "王小明" in result.warnings[0].message
    # how role-plays name older residents (王大爷, 张阿姨) is a resident's label: no guess, no warning
    named = assign_roles(exchange(("坐席", "您好"), ("王大爷", "我替我儿子问")), role_table(), ReadOptions())
    assert [(t.role, t.role_inferred) for t in named.turns] == [("staff", False), ("resident", False)] and not named.warnings


def test_role_field_wins_over_speaker_label():
    raw = RawExchange("c", "c.json", 1, "test", [RawTurn("客户", "您好", 1, role_hint="agent")])
    assert assign_roles(raw, role_table(), ReadOptions()).turns[0].role == "staff"


def test_staff_speaker_option():
    text = "说话人1：喂？\n说话人2：您好，请讲。\n说话人1：我要投诉。\n"
    [result], _ = read_text_exchange(text, "a.txt", ReadOptions(staff_speaker=["说话人2"]))
    assert [(t.role, t.role_inferred) for t in result.turns] == [("resident", False), ("staff", False), ("resident", False)]
    assert result.warnings == []


def test_numbered_labels_count_even_when_used_once():
    [result], _ = read_text_exchange("说话人1：喂？\n说话人2：您好，请讲。\n说话人1：我要投诉。\n", "a.txt")
    assert [t.speaker for t in result.turns] == ["说话人1", "说话人2", "说话人1"]
    assert [t.role for t in result.turns] == ["resident", "staff", "resident"]


def test_options_are_validated():
    with pytest.raises(ValueError, match="input format"):
        ReadOptions(input_format="docx")
    with pytest.raises(ValueError, match="column role"):
        ReadOptions(columns={"texts": "内容"})
    with pytest.raises(ValueError, match="staff"):
        ReadOptions(staff_from=r"(?P<id>\d+)")
    with pytest.raises(ValueError, match="regular expression"):
        ReadOptions(staff_from="(")


@pytest.mark.parametrize(("corpus", "at_least"), [("crosswoz", 0.95), ("stc3-weibo-helpdesk", 0.93)])
def test_inference_finds_the_agent_in_the_corpora_with_roles_hidden(corpus, at_least):
    path = CORPORA / corpus / "dialogues.jsonl"
    if not path.exists():
        pytest.skip("shared corpora absent")
    right = total = 0
    table, options = role_table(), ReadOptions()
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            turns = json.loads(line)["turns"]
            if len({turn["role"] for turn in turns}) < 2:
                continue
            raw = exchange(*((turn["role"][0], turn["text"]) for turn in turns))
            result = assign_roles(raw, table, options)
            right += {t.speaker for t in result.turns if t.role == "staff"} == {"a"}
            total += 1
    assert right / total >= at_least


def labelled(turns, staff_label="客服", resident_label="客户"):
    return "".join(f"{staff_label if staff else resident_label}：{text}\n" for staff, text in turns)


def test_a_role_play_labelled_the_wrong_way_round_is_scored_with_the_roles_swapped_and_says_so():
    play = [(False, "您好，请坐，请问您办理什么业务？"), (True, "我想办居住证，要带什么？"),
            (False, "请您稍等，我帮您查一下。让您久等了，需要身份证和租房合同，我为您登记。"), (True, "好的谢谢"),
            (False, "不客气，您慢走，再见。")]
    [result], problems = read_text_exchange(labelled(play, "工作人员", "居民"), "play.txt")
    assert [turn.role for turn in result.turns] == ["staff", "resident", "staff", "resident", "staff"]
    assert all(turn.role_inferred for turn in result.turns)
    [warning] = result.warnings
    assert warning.level == "warning" and "标签似乎反了" in warning.message and "--staff-label 工作人员" in warning.message
    [trusted], _ = read_text_exchange(labelled(play, "工作人员", "居民"), "play.txt", ReadOptions(staff_labels=("工作人员",)))
    assert [turn.role for turn in trusted.turns] == ["resident", "staff", "resident", "staff", "resident"]
    assert trusted.warnings == []


def test_a_polite_resident_beside_a_curt_trainee_keeps_the_labels():
    """The role-play trainers write to practise faults: the resident is courteous (您好，麻烦您了，谢谢您),
    the trainee curt; the resident's own words (我想, 帮我, 谢谢) say who they are (an outside trial)."""
    play = [(False, "您好，打扰您一下，我想给孩子办医保，请问需要什么材料？麻烦您了。"), (True, "户口本。"),
            (False, "好的，请问您这里可以帮我办理吗？"), (True, "等着。"), (False, "好的，谢谢您，您辛苦了。"),
            (True, "好了，拿走。")]
    [result], _ = read_text_exchange(labelled(play, "工作人员", "居民"), "play.txt")
    assert [turn.role for turn in result.turns] == ["resident", "staff"] * 3
    assert result.meta["roles_by"] == "given" and result.warnings == []


def test_a_swapped_role_play_whose_staff_thanks_and_explains_how_is_still_swapped():
    """谢谢您 and 怎么 are said by staff too (谢谢您的耐心, 我教您怎么填): only what residents alone say keeps a label."""
    play = [(False, "您好，请坐，请问您办理什么业务？"), (True, "我想办居住证。"), (False, "好的，请您稍等，我教您怎么填这张表。"),
            (True, "好。"), (False, "填好了，谢谢您的耐心，请您慢走。")]
    [result], _ = read_text_exchange(labelled(play, "工作人员", "居民"), "play.txt")
    assert result.meta["roles_by"] == "swapped"
    assert [turn.role for turn in result.turns] == ["staff", "resident", "staff", "resident", "staff"]


@pytest.mark.parametrize(("corpus", "found_at_least"), [("crosswoz", 0.10), ("stc3-weibo-helpdesk", 0.30)])
def test_swapped_labels_are_never_seen_in_correctly_labelled_corpora_and_often_when_swapped(corpus, found_at_least):
    """Real dialogues written as 客服/客户 transcripts: labelled right, no call is taken as swapped
    (0 of 600 in each corpus when measured); labelled the wrong way round, the clear ones are
    (17% of CrossWOZ, 46% of the Weibo helpdesk), the rest keep their labels."""
    path = CORPORA / corpus / "dialogues.jsonl"
    if not path.exists():
        pytest.skip("shared corpora absent")
    with path.open(encoding="utf-8") as stream:
        dialogues = [json.loads(line)["turns"] for line, _ in zip(stream, range(600))]
    for swap in (False, True):
        found = 0
        for turns in dialogues:
            text = labelled([(turn["role"] == "agent") != swap, turn["text"].replace("\n", " ")] for turn in turns)
            [result], _ = read_text_exchange(text, "call.txt")
            found += any("标签似乎反了" in warning.message for warning in result.warnings)
        assert found == 0 if not swap else found >= found_at_least * len(dialogues)


def test_the_cue_count_counts_as_str_count_on_real_turns():
    """One automaton pass scores a turn exactly as counting each cue with ``str.count`` (overlapping
    cues each counted, a cue's own overlaps not), on every turn of the shared corpora."""
    if not CORPORA.is_dir():
        pytest.skip("shared/corpora not present")
    table = role_table()
    texts = ["谢谢谢谢谢", "请问有什么可以帮您请问有什么可以帮您", "我想我想想", ""]
    for path in sorted(CORPORA.glob("*/dialogues.jsonl")):
        with path.open(encoding="utf-8") as stream:
            texts += [turn["text"] for line in stream for turn in json.loads(line)["turns"]]
    counted = [sum(points * text.count(cue) for cue, points in table.cues) for text in texts]
    assert [table.service_score(text) for text in texts] == counted
    assert any(counted) and len(texts) > 30000


def test_a_turn_with_a_lone_surrogate_is_still_read():
    """A cut UTF-16 pair in a hand-typed transcript does not stop reading it (the cue count falls back); it is read
    as �, said once, as undecodable bytes in a file are."""
    from phrasecheck.api import Engine

    result = Engine().read("工作人员：您好\ud800，请问有什么可以帮您\n居民：我想办居住证，谢谢\n")
    assert [turn.role for turn in result.exchanges[0].turns] == ["staff", "resident"]
    assert [problem.line for problem in result.problems if "�" in problem.message] == [1]


def test_a_rude_agent_is_still_the_agent_and_a_caller_asking_for_the_office_is_the_caller():
    """An ASR call with numbered channels: the one who picks up with 喂 and sends the caller away is staff,
    though the caller is the polite one (a supervisor's worst case: the rude call scored as courteous)."""
    raw = exchange(("0", "喂。"), ("1", "您好，请问是社区居委会吗？我想咨询一下廉租房的申请。"),
                   ("0", "这个你得自己去街道问，我们这不办。"), ("1", "那街道在哪里呢？"),
                   ("0", "我不知道，你上网查吧。"), ("1", "好吧，谢谢您，再见。"))
    result = assign_roles(raw, role_table(), ReadOptions())
    assert [turn.role for turn in result.turns] == ["staff", "resident"] * 3


def test_the_way_to_say_the_other_speaker_is_staff_can_be_pasted_into_a_shell():
    """The warning names the command that fixes a wrong guess: the other speaker as staff (an outside trial followed a
    hint that named the speaker already taken, and nothing changed)."""
    text = "Speaker 1: 您好，请问您办理什么业务？\nSpeaker 2: 我想办居住证。\nSpeaker 1: 请您稍等，我帮您查一下。\n"
    [result], _ = read_text_exchange(text, "play.txt")
    [warning] = result.warnings
    assert "推断“Speaker 1”为工作人员" in warning.message and "如推断有误，请用 --staff-label 'Speaker 2' 指定" in warning.message
    assert warning.message.endswith("if that is wrong, use --staff-label 'Speaker 2'")


def test_a_curt_clerk_after_a_resident_who_speaks_first_is_the_clerk():
    """An outside trial's window recording: the resident opens with 你好 and pays; the clerk answers 没看见我这正忙着呢吗 …
    扫这个码付款。好了，下一个。 Both scored 0 and the resident was taken for staff."""
    text = ("说话人1：你好，我来交那个城乡居民养老保险，今年的。\n说话人2：没看见我这正忙着呢吗，你等会儿。\n"
            "说话人1：好，那我等一下。\n说话人2：行了，身份证。\n说话人1：给，今年交多少钱啊？\n"
            "说话人2：档次自己选，墙上贴着呢，自己看。\n说话人1：那就交五百吧。\n说话人2：扫这个码付款。好了，下一个。\n")
    [result], _ = read_text_exchange(text, "visit.txt")
    assert {turn.speaker for turn in result.turns if turn.role == "staff"} == {"说话人2"}


@pytest.mark.parametrize(("text", "roles_by"), [
    ("工作人员：您好，请坐。\n居民：我办居住证。\n", "given"),
    ("A：您好，这里是南湖社区，请问有什么可以帮您？\nB：我想问一下几点开门？\nA：早上八点半。\n", "inferred"),
    ("A：喂。\nB：喂，哪位？\nA：嗯，是我。\nB：嗯。\n", "inferred_unsure"),
    ("工作人员：我想办居住证，要带什么？\n居民：您好，请坐，请问您办理什么业务？请您稍等，我帮您查一下。\n"
     "工作人员：好的谢谢\n居民：让您久等了，需要身份证，我为您登记。不客气，您慢走，再见。\n", "swapped"),
])
def test_every_exchange_says_how_its_roles_were_decided(text, roles_by):
    [result], _ = read_text_exchange(text, "call.txt")
    assert result.meta["roles_by"] == roles_by


@pytest.mark.parametrize("text", [
    "说话人1：您好，请问是幸福里社区居委会吗？我想咨询一下办居住证的事情，麻烦您了。\n说话人2：嗯，说。\n"
    "说话人1：请问需要带哪些材料呢？\n说话人2：身份证，租房合同。\n说话人1：好的，谢谢您，再见。\n说话人2：嗯。\n",
    "说话人1：您好，请问这里是办居住证的地方吗？\n说话人2：嗯。\n说话人1：要带什么？\n说话人2：身份证。租房合同。\n"
    "说话人1：好的，谢谢您。\n说话人2：下一位。\n",
])
def test_a_polite_caller_asking_for_the_office_beside_a_curt_clerk_is_the_resident(text):
    """An outside trial's worst case: the courteous caller taken for staff, so the curt clerk went unscored (100 优秀)."""
    [result], _ = read_text_exchange(text, "call.txt")
    assert {turn.speaker for turn in result.turns if turn.role == "staff"} == {"说话人2"}


@pytest.mark.parametrize(("text", "clerk"), [
    ("A：您好，请问是这里办理老年优待证吗？麻烦您了。\nB：嗯。身份证。\nA：好的，给您，谢谢您啊。\nB：照片呢？没照片办不了。\n"
     "A：不好意思，我不知道要照片，请问附近哪里可以拍？\nB：自己找去，我哪知道。\nA：好吧，那我下次再来，再见。\n", "B"),
    ("甲：喂，您好，麻烦问一下，是民政办吗？\n乙：嗯，说。\n甲：不好意思打扰您了，我母亲的残疾证到期了，请问换证需要准备什么？\n"
     "乙：跟你说你也记不住，自己来一趟。\n甲：好的好的，谢谢您，那您几点下班？\n乙：五点。没别的事了吧。\n甲：没了，谢谢您，再见。\n", "乙"),
    ("说话人1 00:00:01 您好 请问这是社保咨询电话吧 打扰您一下\n说话人2 00:00:04 嗯 有事说事\n"
     "说话人1 00:00:06 我想问一下灵活就业的养老保险怎么交 麻烦您了\n说话人2 00:00:10 网上自己查 查不到再打\n"
     "说话人1 00:00:13 好的 谢谢您 再见\n", "说话人2"),
])
def test_a_courteous_resident_who_apologises_for_the_trouble_beside_a_curt_clerk_is_the_resident(text, clerk):
    """Another outside trial's three (an office asked after, 麻烦您了 / 打扰您, a mother's certificate, coming back another
    day; the clerk's 自己找去 / 有事说事 / 网上自己查): each courteous resident had been taken for staff (90, 85, 92.5)."""
    [result], _ = read_text_exchange(text, "call.txt")
    assert {turn.speaker for turn in result.turns if turn.role == "staff"} == {clerk}


def test_a_clerk_who_takes_the_matter_on_is_still_the_clerk():
    """A review's case: 这事我来办，我想办法联系 and 您说的漏水是这里吗 are a clerk's words, not a caller's."""
    text = ("说话人1：哎，我家楼上漏水，你们管不管？\n说话人2：您说的漏水是这里吗？\n说话人1：对。\n"
            "说话人2：好的，这事我来办，我想办法联系楼上住户。\n说话人1：那你快点。\n")
    [result], _ = read_text_exchange(text, "call.txt")
    assert {turn.speaker for turn in result.turns if turn.role == "staff"} == {"说话人2"}


def test_a_speaker_known_by_channel_only_is_named_with_staff_channel_and_naming_the_staff_settles_the_rest(tmp_path):
    text = ("call_id,channel,text\nK1,1,您好，请问是幸福里社区吗？我想问一下办居住证需要什么材料？\nK1,0,身份证。\n"
            "K1,1,还需要别的吗？\nK1,0,不知道，自己看公告。\nK1,1,好吧，谢谢您。\n")
    from phrasecheck.api import Engine

    (tmp_path / "calls.csv").write_text(text, encoding="utf-8")
    [call] = Engine().read(tmp_path / "calls.csv").exchanges
    assert [t.role for t in call.turns][:2] == ["resident", "staff"] and "--staff-channel 1" in call.warnings[0].message
    labelled = "说话人1：您好，请问办什么业务？\n说话人2：我想办居住证。\n说话人1：请您稍等。\n"
    [named], _ = read_text_exchange(labelled, "play.txt", ReadOptions(staff_labels=("说话人1",)))
    assert named.meta["roles_by"] == "given" and not named.warnings
    assert [t.role for t in named.turns] == ["staff", "resident", "staff"]


def test_the_hint_names_a_channel_only_when_it_is_the_staff_speakers_alone():
    """A Paraformer file has every speaker on channel 0: --staff-channel 0 would make everyone staff (an outside
    trial followed that hint), so the hint (for the other speaker, should the guess be wrong) is --staff-speaker; two
    channels, one a speaker's, name both."""
    said = [("0", "您好，这里是民政局，请您稍等，我为您查询"), ("1", "喂，我想问一下低保怎么申请"), ("0", "好的，再见")]
    one = RawExchange("c", "c.json", 1, "paraformer", [RawTurn(s, t, n, channel="0") for n, (s, t) in enumerate(said, 1)])
    message = assign_roles(one, role_table(), ReadOptions()).warnings[0].message
    assert "--staff-speaker 1" in message and "--staff-channel" not in message
    two = RawExchange("c", "c.json", 1, "paraformer", [RawTurn(s, t, n, channel=f"ch{s}") for n, (s, t) in enumerate(said, 1)])
    assert "--staff-speaker 1（或 --staff-channel ch1）" in assign_roles(two, role_table(), ReadOptions()).warnings[0].message


def test_the_one_speaker_the_labels_leave_beside_residents_speaking_as_staff_needs_no_warning():
    """小王 beside 张阿姨 (a resident's label), speaking as staff does: the staff, with no warning (an outside trial's batch
    warned of 18 files, most of them certain); one who does not speak so (a resident's grandson) keeps the warning."""
    text = "小王：您好，请问有什么可以帮您？\n张阿姨：我家楼上漏水。\n小王：请您稍等，我帮您问问物业。\n张阿姨：那好吧。\n"
    [result], _ = read_text_exchange(text, "play.txt")
    assert [turn.role for turn in result.turns] == ["staff", "resident"] * 2
    assert result.meta["roles_by"] == "inferred" and result.warnings == []
    [grandson], _ = read_text_exchange("居民：我来交养老保险。\n孙子：奶奶，我去排队。\n居民：好。\n孙子：排上了。\n", "play.txt")
    assert grandson.meta["roles_by"] == "inferred" and "唯一未标明的说话人“孙子”" in grandson.warnings[0].message
    assert "--resident-label 孙子" in grandson.warnings[0].message


def _alibaba(*sentences: str) -> str:
    return json.dumps({"TaskId": "t1", "StatusText": "SUCCESS", "Result": {"Sentences": [
        {"ChannelId": 1, "BeginTime": 500 + 5000 * i, "EndTime": 4000 + 5000 * i, "Text": text}
        for i, text in enumerate(sentences)]}}, ensure_ascii=False)


def test_the_one_speaker_of_a_recording_is_a_resident_when_the_staff_channel_named_is_not_theirs():
    """A supervisor's trial: with --staff-channel 0, a caller's message alone on channel 1 was scored 65 不合格 as the
    agent's. Without the option, a lone speaker who speaks as a resident (我是…小区的, 你们给回个电话吧: the caller's words
    outweigh any staff's) is one too, with a warning saying how to name them staff (a water company's trial: a voicemail
    scored 55 不合格 as the agent's); a curt agent alone, who says nothing either way, is still taken as staff (an independent
    review: too little to tell them from a caller)."""
    said = _alibaba("喂？喂？有人吗？我是和平里小区的，我家暖气不热已经三天了，你们给回个电话吧。", "喂？怎么没人说话啊。")
    [call], _ = read_text_exchange(said, "H101_20240319.json", ReadOptions(staff_channel="0"))
    assert {turn.role for turn in call.turns} == {"resident"} and "没有发言" in call.warnings[-1].message
    [guessed], _ = read_text_exchange(said, "H101_20240319.json")
    assert {turn.role for turn in guessed.turns} == {"resident"} and guessed.meta["roles_by"] == "inferred"
    assert "说的像居民" in guessed.warnings[-1].message and "--staff-channel 1" in guessed.warnings[-1].message
    [curt], _ = read_text_exchange(_alibaba("户号。", "地址说。", "等着。"), "H101_20240319.json")
    assert {turn.role for turn in curt.turns} == {"staff"}


def test_the_staff_channel_named_for_a_batch_leaves_files_it_does_not_fit_to_their_labels_and_speakers():
    """A tax hall's supervisor set --staff-channel 0 once for a batch: a hall CSV labelled 窗口人员 / 纳税人 (no channel)
    became 不适用 with the clerk read as a resident, and a mono export whose sentences all say channel 0, its speakers told
    apart by speaker_id, made the caller staff too (roles_by given, no warning)."""
    hall = [("窗口人员", "您好，欢迎来到办税服务厅，请问您办理什么业务？", None), ("纳税人", "我来报个税。", None),
            ("窗口人员", "好的，请您稍等。", None)]
    mono = [("0", "您好，12366纳税服务热线，请讲。", "0"), ("1", "你好，我想问一下个税。", "0"), ("0", "好的，您请说。", "0")]
    for said, staff in ((hall, {"窗口人员"}), (mono, {"0"})):
        raw = RawExchange("c", "c.json", 1, "csv", [RawTurn(s, t, n, channel=c) for n, (s, t, c) in enumerate(said, 1)])
        exchange = assign_roles(raw, role_table(), ReadOptions(staff_channel="0"))
        assert {turn.speaker for turn in exchange.turns if turn.role == "staff"} == staff
    assert any("同一声道" in warning.message for warning in exchange.warnings)
    stereo = [RawTurn(s, t, n, channel=s) for n, (s, t, _) in enumerate(mono, 1)]   # on two tracks the option decides
    named = assign_roles(RawExchange("c", "c.json", 1, "csv", stereo), role_table(), ReadOptions(staff_channel="1"))
    assert {turn.speaker for turn in named.turns if turn.role == "staff"} == {"1"} and named.meta["roles_by"] == "given"


def test_the_one_speaker_of_a_recording_who_speaks_like_staff_is_staff():
    said = _alibaba("您好，这里是和平里社区居委会，请问有什么可以帮您？", "好的，请您稍等，我帮您查一下。")
    [call], _ = read_text_exchange(said, "H101_20240319.json")
    assert {turn.role for turn in call.turns} == {"staff"}


def test_a_curt_agent_alone_on_a_channel_stays_staff():
    """An independent review: 有什么事快说 / 我要下班了你明天再打 alone was taken for a caller and dropped as 不适用."""
    said = _alibaba("喂", "有什么事快说", "你说的那个补贴我不知道", "我要下班了你明天再打")
    [call], _ = read_text_exchange(said, "H101_20240319.json")
    assert {turn.role for turn in call.turns} == {"staff"}


def test_a_speakers_turns_without_a_role_take_the_one_their_other_turns_give():
    """A review: A's role field on one line and none on the next read A's farewell as a resident's (85, not 100)."""
    from phrasecheck.transcripts import read_text_exchange

    text = ('{"id": "m", "turns": [{"speaker": "A", "role": "staff", "text": "您好，请问您办什么事情？"},'
            ' {"speaker": "B", "text": "我想问一下医保报销要带什么材料？"}, {"speaker": "A", "text": "需要身份证，您慢走，再见。"}]}')
    [exchange], _ = read_text_exchange(text, "m.json")
    assert [turn.role for turn in exchange.turns] == ["staff", "resident", "staff"]
    assert not exchange.turns[2].role_inferred


HELDOUT_ROLES = Path(__file__).parent / "heldout" / "roles" / "heldout"


def test_the_staff_member_is_found_in_the_held_out_dialogues_even_beside_a_courteous_resident():
    """The held-out set written blind (60 dialogues under neutral labels: 25 a courteous resident beside a curt clerk)
    is never tuned on; the floor is what the cues tuned on the dev set reached there (36/60 before, 2/25 of the hard
    case): benchmarks/role_quality.py prints it by kind."""
    right = 0
    for line in (HELDOUT_ROLES / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        [result], _ = read_text_exchange((HELDOUT_ROLES / gold["file"]).read_text(encoding="utf-8"), gold["file"])
        right += {turn.speaker for turn in result.turns if turn.role == "staff"} == {gold["staff"]}
    assert right >= 57


@pytest.mark.parametrize(("text", "staff"), [
    ("1：办什么？\n0：您好，我的社保卡丢了，想补办一张。\n1：身份证给我。\n0：好的好的，谢谢。\n", "1"),
    ("0：您好，这里是社保中心，请问有什么可以帮您？\n1：我想问一下社保卡怎么补办。\n0：带身份证来就行。\n1：好的。\n", "0"),
])
def test_speakers_numbered_by_diarisation_alone_are_labels(text, staff):
    """0：… / 1：… (a dev set's exports): two numbers, each more than once, are speakers; a numbered list is not."""
    [result], _ = read_text_exchange(text, "call.txt")
    assert {turn.speaker for turn in result.turns if turn.role == "staff"} == {staff}
    [listed], _ = read_text_exchange("1：先取号\n2：再填表\n3：最后签字\n", "steps.txt")
    assert {turn.speaker for turn in listed.turns} == {""} or all(not turn.speaker.isdigit() for turn in listed.turns)


def test_audio_tracks_are_counted_where_the_channel_is_a_track_not_a_diarised_speaker():
    """A CSV 声道 column or Paraformer's channel_id is an audio track (a call is recorded a side a track: channel evidence);
    Tencent's SpeakerId may be a speaker diarisation found in one track, so its two ids say nothing of a call."""
    said = [("0", "您好。"), ("1", "你好，我问一下。"), ("0", "您说。")]
    for source_format, tracks in (("csv", 2), ("paraformer", 2), ("tencent-asr", None)):
        raw = RawExchange("c", "c.json", 1, source_format, [RawTurn(s, t, n, channel=s) for n, (s, t) in enumerate(said, 1)])
        assert assign_roles(raw, role_table(), ReadOptions(staff_channel="0")).meta.get("tracks") == tracks


def test_a_recorded_voice_is_no_ones_turn():
    """A supervisor's trial: the machine greeting before a voicemail (系统：…请在提示音后留言) was taken for the staff, and the
    caller's message scored 不合格 against the agent; without it the voicemail is the caller's alone."""
    text = "系统：您好，现在是非工作时间，请在提示音后留言。\n来电人：喂，我是幸福家园的老李，退休金咋还没到账，麻烦给我回个电话。\n"
    [exchange], _ = read_text_exchange(text, "voicemail.txt", ReadOptions())
    assert [(turn.speaker, turn.role) for turn in exchange.turns] == [("来电人", "resident")]


def _tencent(*sentences: tuple[int, str]) -> str:
    detail = [{"FinalSentence": text, "StartMs": 1000 * i, "EndMs": 1000 * i + 900, "SpeakerId": speaker}
              for i, (speaker, text) in enumerate(sentences)]
    return json.dumps({"Response": {"Data": {"TaskId": 8, "Status": 2, "StatusStr": "success", "ResultDetail": detail}}},
                      ensure_ascii=False)


def test_a_staff_channel_that_makes_a_diarised_resident_staff_is_swapped_with_a_warning():
    """A supervisor's trial: --staff-channel 0, set for a month of stereo hotline calls, also read a mono window recording
    whose Tencent SpeakerId is a diarised speaker; the resident who spoke first became staff (65 不合格, roles_by given, no
    warning). Where the words say the opposite as clearly as swapped labels must, the roles are swapped and it is said."""
    window = _tencent((0, "我说你们怎么回事啊我排了一个多小时了"), (1, "人多没办法大家都在排您办什么业务"), (0, "办居住证签注"),
                      (1, "好的请您稍等我帮您办一下"), (1, "让您久等了签注已经办好了"), (0, "行吧"), (1, "您慢走"))
    [read], _ = read_text_exchange(window, "W06.json", ReadOptions(staff_channel="0"))
    assert [t.role for t in read.turns][:2] == ["resident", "staff"] and read.meta["roles_by"] == "swapped"
    assert "--staff-channel 0" in read.warnings[0].message and "对调" in read.warnings[0].message
    hotline = _tencent((0, "您好水务热线请问有什么可以帮您"), (1, "我家停水了"), (0, "请您稍等我帮您查一下"))
    [call], _ = read_text_exchange(hotline, "H01.json", ReadOptions(staff_channel="0"))
    assert [t.role for t in call.turns] == ["staff", "resident", "staff"] and not call.warnings
