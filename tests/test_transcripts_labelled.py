"""Labelled role-play texts and unlabelled staff drafts."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from phrasecheck.transcripts import ReadOptions, read_exchanges, read_text_exchange
from phrasecheck.transcripts.labelled import split_label

FIXTURES = Path(__file__).parent / "fixtures" / "transcripts"


def rows(exchange):
    return [(turn.line, turn.speaker, turn.role, turn.text) for turn in exchange.turns]


def test_service_hall_roleplay_keeps_colons_inside_text():
    [exchange], problems = read_exchanges(FIXTURES / "window_roleplay.txt")
    assert problems == []
    assert exchange.id == "window_roleplay.txt"
    assert exchange.meta["format"] == "labelled-text"
    assert rows(exchange) == [
        (3, "工作人员", "staff", "您好，欢迎来到阳光社区服务中心，请问您办理什么业务？"),
        (4, "居民", "resident", "你好，我想办居住证，需要带什么？"),
        (5, "工作人员", "staff", "请您稍等，我帮您查一下。需要以下材料："),
        (6, "工作人员", "staff", "身份证：原件和复印件各一份"),
        (7, "工作人员", "staff", "照片：近期一寸白底照片两张"),
        (8, "居民", "resident", "好的。那在哪里拍照？"),
        (9, "工作人员", "staff", "拍照在二楼，地址：二楼东侧自助拍照机。"),
        (10, "居民", "resident", "好，谢谢啊。"),
        (11, "工作人员", "staff", "不客气，您慢走。"),
    ]


def test_a_title_before_the_first_speaker_is_the_conversations_title_not_a_turn():
    """A role-play's 情景模拟：… line names the scene: it is kept as the title, and the roles stay as the labels give
    them (an outside trial's trainer was told to re-export from speech recognition when it was a turn)."""
    [exchange], _ = read_exchanges(FIXTURES / "window_roleplay.txt")
    assert exchange.meta["title"] == "情景模拟：社区服务中心窗口办理居住证" and exchange.warnings == []
    assert exchange.meta["roles_by"] == "given"
    [bracketed], _ = read_text_exchange("【角色扮演一】\n工作人员：您好。\n居民：你好。\n", "t.txt", ReadOptions())
    assert bracketed.meta["title"] == "【角色扮演一】" and [turn.line for turn in bracketed.turns] == [2, 3]
    [named_scene], _ = read_text_exchange("【演练三】便民服务中心社保窗口\n大爷：你好。\n工作人员：您好。\n", "t.txt", ReadOptions())
    assert named_scene.meta["title"] == "【演练三】便民服务中心社保窗口" and named_scene.warnings == []
    assert [turn.role for turn in named_scene.turns] == ["resident", "staff"]   # 大爷 as role-plays name the resident
    [timed], _ = read_text_exchange("【演练四】社区居委会接待，时间：上午十点\n工作人员：您好。\n居民：你好。\n", "t.txt", ReadOptions())
    assert timed.meta["title"].startswith("【演练四】") and len(timed.turns) == 2
    [unsaid], _ = read_text_exchange("请坐。\n工作人员：您好。\n居民：你好。\n", "t.txt", ReadOptions())
    assert "title" not in unsaid.meta and unsaid.turns[0].text == "请坐。"   # words said, not a title: kept as a turn
    # a speaker named once before the others is speech, not a title (an independent review)
    [named], _ = read_text_exchange("小李：您好，幸福里社区居委会，请讲。\n来电人：我想问问居住证。\n坐席：带身份证来。\n"
                                    "来电人：好的。\n坐席：再见。\n", "t.txt", ReadOptions())
    assert "title" not in named.meta and named.turns[0].text.endswith("请讲。") and named.warnings


@pytest.mark.parametrize(("header", "staff", "resident"), [
    ("角色：甲——社区工作人员；乙——来办事的老大爷", "甲", "乙"),
    ("考核题目：老年人优待证代办（学员扮演社区工作人员，考官扮演居民）", "学员", "考官"),
    ("人物：A：窗口工作人员，B：办事群众", "A", "B"),
    ("角色：甲——社区工作人员；乙——到窗口办事的老大爷", "甲", "乙"),   # the part's last label is whom they play
])
def test_a_role_plays_header_says_who_plays_staff(header, staff, resident):
    """An outside trial's trainer typed who plays whom above the lines: the header is the title, not a turn, and its
    cast gives the roles, the resident speaking first included (no guess, no warning)."""
    text = f"{header}\n{resident}：我来办老年优待证。\n{staff}：好的，请坐。\n{resident}：谢谢。\n{staff}：不客气。\n"
    [exchange], _ = read_text_exchange(text, "play.txt", ReadOptions())
    assert exchange.meta["title"] == header and exchange.meta["roles_by"] == "given" and exchange.warnings == []
    assert [(turn.speaker, turn.role) for turn in exchange.turns[:2]] == [(resident, "resident"), (staff, "staff")]


@pytest.mark.parametrize("header", ["备注：小王为居民办理居住证", "示范：小王演示如何接待来访居民",
                                    "情景：居民老李为社区工作人员送锦旗"])
def test_a_title_that_only_seems_to_cast_leaves_the_roles_to_the_other_clues(header):
    """An independent review: 为 (for) and 演示 cast no one; the clerk 小王 is still found by what she says."""
    text = f"{header}\n小王：您好，请问有什么可以帮您？\n老李：我来办居住证。\n小王：请您稍等，我帮您查一下。\n"
    [exchange], _ = read_text_exchange(text, "play.txt", ReadOptions())
    assert exchange.meta["title"] == header and {t.speaker: t.role for t in exchange.turns}["小王"] == "staff"


def test_bom_crlf_and_bracketed_timestamps():
    [exchange], problems = read_exchanges(FIXTURES / "hotline_timestamps.txt")
    assert problems == [] and exchange.warnings == []
    first, second, third = exchange.turns[:3]
    assert (first.speaker, first.role, first.start_ms, first.line) == ("坐席", "staff", 1000, 1)
    assert first.text.startswith("您好，这里是12345")
    assert (second.speaker, second.role, second.start_ms) == ("来电人", "resident", 6000)
    assert third.line == 4
    assert exchange.turns[3].text == "幸福路28号，小区南门口。"


@pytest.mark.parametrize("stamp", ["[{} --> {}] ", "{}-{} ", "【{}~{}】"])
def test_a_span_of_time_before_the_label_is_read_as_the_turns_start_and_end(stamp):
    """A speech-recognition export that stamps each line with its span (``[00:00:06,126 --> 00:00:13,491] 说话人2：``)
    is a labelled conversation with timed turns, not a staff draft whose every line starts with a time."""
    lines = [("00:00:00,645", "00:00:05,810", "说话人1", "您好 12333人社服务热线 请问有什么可以帮您"),
             ("00:00:06,126", "00:00:13,491", "说话人2", "喂 你好 我想自己交社保 一个月要交多少钱啊"),
             ("00:00:14,355", "00:00:31,608", "说话人1", "嗯 选最低档的话 每个月是八百二十元左右")]
    text = "".join(stamp.format(start, end) + f"{label}：{said}\n" for start, end, label, said in lines)
    [exchange], problems = read_text_exchange(text, "call.txt", ReadOptions())
    assert problems == [] and exchange.meta["format"] == "labelled-text"
    assert [(t.speaker, t.role, t.start_ms, t.end_ms, t.text) for t in exchange.turns] == [
        ("说话人1", "staff", 645, 5810, lines[0][3]), ("说话人2", "resident", 6126, 13491, lines[1][3]),
        ("说话人1", "staff", 14355, 31608, lines[2][3])]


def test_label_then_timestamp_and_transfer_between_staff_labels():
    [exchange], problems = read_exchanges(FIXTURES / "hotline_inline_time.txt")
    assert problems == [] and exchange.warnings == []
    assert [(t.speaker, t.role, t.start_ms) for t in exchange.turns] == [
        ("坐席A", "staff", 2000),
        ("来电人", "resident", 7000),
        ("坐席A", "staff", 12000),
        ("专家坐席", "staff", 65000),
        ("来电人", "resident", 70000),
        ("专家坐席", "staff", 80000),
    ]


def test_consistent_unknown_labels_are_speakers_with_inferred_roles():
    [exchange], _ = read_exchanges(FIXTURES / "unknown_speakers.txt")
    assert {(t.speaker, t.role, t.role_inferred) for t in exchange.turns} == {
        ("小王", "staff", True),
        ("老郑", "resident", True),
    }
    [warning] = exchange.warnings
    assert "“小王”为工作人员" in warning.message and "took “小王” as staff" in warning.message


def test_staff_label_option_names_an_unknown_label_and_so_the_other_speakers_residents():
    [exchange], _ = read_exchanges(FIXTURES / "unknown_speakers.txt", ReadOptions(staff_labels="小王"))
    assert {(t.speaker, t.role, t.role_inferred) for t in exchange.turns} == {
        ("小王", "staff", False),
        ("老郑", "resident", False),
    }
    assert exchange.meta["roles_by"] == "given" and exchange.warnings == []


def test_unlabelled_text_is_one_staff_draft_with_a_warning_that_every_line_is_scored_as_staff():
    [exchange], problems = read_exchanges(FIXTURES / "staff_draft.txt")
    assert problems == [] and exchange.meta["format"] == "draft-text"
    assert [(w.line, w.message.split("：")[0]) for w in exchange.warnings] == [(1, "没有说话人标签")]
    assert "every line is scored as the staff's" in exchange.warnings[0].message
    assert rows(exchange) == [
        (1, "", "staff", "您好，这里是阳光社区服务中心。"),
        (2, "", "staff", "办理时间：周一至周五 9:00-17:00"),
        (3, "", "staff", "地址：幸福路28号一楼大厅"),
        (5, "", "staff", "请您带好身份证原件，如有疑问请拨打咨询电话。"),
    ]


#: A trainer's role-play typed without labels, the resident's lines between the clerk's (an outside trial).
UNLABELLED_ROLEPLAY = """您好，请问您办理什么业务？
你好，我孩子刚出生，想上户口。
好的，恭喜您。请问您带了出生医学证明、父母双方的户口本和身份证、结婚证吗？
都带了，在这儿。
好的，请您在申报表上签个字。
签好了。今天能办好吗？
能，十分钟左右就能办好。您慢走。
太好了，谢谢你们。
"""


def test_a_role_play_typed_without_labels_is_two_speakers_taking_turns_with_the_staff_inferred():
    [exchange], _ = read_text_exchange(UNLABELLED_ROLEPLAY, "rp07.txt")
    assert exchange.meta["format"] == "alternating-text" and exchange.meta["roles_by"] == "inferred"
    assert [(t.speaker, t.role, t.role_inferred) for t in exchange.turns[:3]] == [
        ("甲", "staff", True), ("乙", "resident", True), ("甲", "staff", True)]
    said = [w.message for w in exchange.warnings]
    assert said[0].startswith("没有说话人标签：按一行一人") and "--staff-label 乙" in said[1]


def test_staff_label_names_the_other_side_of_an_unlabelled_conversation():
    [exchange], _ = read_text_exchange(UNLABELLED_ROLEPLAY, "rp07.txt", ReadOptions(staff_labels="乙"))
    assert [(t.speaker, t.role) for t in exchange.turns[:2]] == [("甲", "resident"), ("乙", "staff")]


def test_the_residents_complaint_in_an_unlabelled_role_play_is_not_the_staffs():
    """Read as a staff draft, 你们怎么这么慢，快点行不行 was charged to the trainee who answered it with 让您久等了."""
    said = "您好，请问您办什么业务？\n你们怎么这么慢，快点行不行，我排了一上午了。\n让您久等了，真对不起。请问您办什么？\n我想办居住证。\n"
    [exchange], _ = read_text_exchange(said, "rp43.txt")
    assert [t.role for t in exchange.turns] == ["staff", "resident", "staff", "resident"]


def test_a_staff_draft_of_notices_is_not_taken_for_a_conversation():
    said = "您好，这里是阳光社区服务中心。\n办理时间：周一至周五\n请您带好身份证原件。\n谢谢您的配合，如有疑问请拨打咨询电话。\n"
    [exchange], _ = read_text_exchange(said, "notice.txt")
    assert exchange.meta["format"] == "draft-text" and {t.role for t in exchange.turns} == {"staff"}


def test_a_single_unlabelled_line_starting_with_a_time_stays_whole():
    [exchange], _ = read_text_exchange("10:30 开门，请您准时来办理。", "note.txt")
    assert rows(exchange) == [(1, "", "staff", "10:30 开门，请您准时来办理。")]


def test_separator_lines_split_conversations():
    exchanges, problems = read_exchanges(FIXTURES / "several_roleplays.txt")
    assert problems == []
    assert [e.id for e in exchanges] == ["several_roleplays.txt", "several_roleplays.txt#2"]
    assert [t.line for t in exchanges[1].turns] == [5, 6, 7]


def test_gb18030_file():
    [exchange], problems = read_exchanges(FIXTURES / "gb18030_roleplay.txt")
    assert problems == []
    assert [(t.speaker, t.role) for t in exchange.turns][:2] == [("工作人员", "staff"), ("群众", "resident")]
    assert exchange.turns[1].text == "我来办理老年优待证。"


def test_utf16_file_reads_like_utf8(tmp_path):
    text = (FIXTURES / "window_roleplay.txt").read_text(encoding="utf-8")
    for encoding, bom in (("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(bom + text.encode(encoding))
        [exchange], problems = read_exchanges(path)
        [expected], _ = read_exchanges(FIXTURES / "window_roleplay.txt")
        assert problems == [] and rows(exchange) == rows(expected)


def test_utf16_without_a_bom_reads_like_utf8(tmp_path):
    """Chinese UTF-16 has zero bytes only here and there (line breaks, digits, 一), on both sides of a pair."""
    text = (FIXTURES / "window_roleplay.txt").read_text(encoding="utf-8")
    for encoding, copies in (("utf-16-le", 1), ("utf-16-be", 1), ("utf-16-le", 400)):  # 400 copies: streamed, not read at once
        (tmp_path / "utf8.txt").write_text(text * copies, encoding="utf-8")
        path = tmp_path / f"{encoding}-{copies}.txt"
        path.write_bytes((text * copies).encode(encoding))
        [exchange], problems = read_exchanges(path)
        [expected], _ = read_exchanges(tmp_path / "utf8.txt")
        assert problems == [] and rows(exchange) == rows(expected)


def test_label_alone_on_its_line_speaks_on_the_next():
    [exchange], problems = read_text_exchange("工作人员：\n您好，请坐。\n居民：\n工作人员：请出示证件。\n", "x.txt")
    assert rows(exchange) == [(2, "工作人员", "staff", "您好，请坐。"), (4, "工作人员", "staff", "请出示证件。")]
    [problem] = problems
    assert (problem.line, problem.level) == (3, "warning") and "居民" in problem.message


def test_split_label():
    assert split_label("地址：二楼") == ("地址", "二楼")
    assert split_label("Agent 1: hello") == ("Agent 1", "hello")
    assert split_label("您好，请问：您办什么") is None
    assert split_label("网址:http://example.invalid") == ("网址", "http://example.invalid")
    assert split_label("http://example.invalid") is None
    assert split_label("12:30 开门") is None


def test_a_role_play_whose_first_line_starts_with_tencent_like_brackets_stays_labelled_text():
    """An independent review: one bracketed line does not make a file Tencent's Result text (most of its first lines must
    be such lines), so the role-play's later lines are not lost as unreadable."""
    text = "[1:2,3:4] 场景一\n工作人员：您好，请问办什么？\n居民：我想办居住证。\n工作人员：请您稍等，我查一下。\n"
    [exchange], _ = read_text_exchange(text, "play.txt", ReadOptions())
    assert exchange.meta["format"] == "labelled-text"
    assert [t.speaker for t in exchange.turns][-3:] == ["工作人员", "居民", "工作人员"]


def test_a_time_span_after_a_label_that_is_no_speaker_gives_no_half_timestamp():
    """A span read after a would-be label (上午 9:00-10:00) whose label is not a speaker leaves the line untimed, not
    ended without a start (an independent review: a bogus hold came of it)."""
    text = "工作人员：您好。\n居民：几点开门？\n工作人员：开门时间是\n上午 9:00-10:00\n居民：好的。\n"
    [exchange], _ = read_text_exchange(text, "play.txt", ReadOptions())
    assert all(t.end_ms is None for t in exchange.turns if t.start_ms is None)


def test_a_conversation_longer_than_a_call_or_a_visit_says_so():
    """A supervisor's trial: a nine-hour recording of 3,000 turns was scored as one visit without a word."""
    day = "".join(f"[{n // 360:02d}:{n // 6 % 60:02d}:{n % 6 * 10:02d}] {'工作人员' if n % 2 == 0 else '群众'}：好的\n"
                  for n in range(1_001))
    [exchange], _ = read_text_exchange(day, "day.txt")
    assert any("1001 条发言" in w.message and "拆分" in w.message for w in exchange.warnings)
    [short], _ = read_text_exchange("".join(day.splitlines(True)[:40]), "call.txt")
    assert not any("拆分" in w.message for w in short.warnings)


def test_a_stage_direction_takes_no_turn_in_an_unlabelled_role_play():
    """An independent review: （居民递上身份证） took a turn and every later line went to the other side."""
    said = ("您好，请问您办什么业务？\n你好，我想咨询一下退休金认证怎么弄\n退休认证要本人带身份证来办，您带了吗？\n（居民递上身份证）\n"
            "带了，你看看\n我看一下。您这个身份证过期了，请您先去换证。\n那怎么办？我大老远跑过来的\n")
    [exchange], _ = read_text_exchange(said, "rp.txt")
    assert exchange.meta["format"] == "alternating-text"
    assert [(t.speaker, t.role) for t in exchange.turns if "过期" in t.text or "大老远" in t.text] == [
        ("甲", "staff"), ("乙", "resident")]


def test_a_reply_typed_over_two_lines_makes_an_unlabelled_text_a_draft_not_a_shifted_dialogue():
    said = ("您好，请问您办什么业务？\n你好，我想咨询一下退休金认证怎么弄\n退休认证现在都在手机上做。\n下载个APP就行。\n"
            "我不会弄手机，你能不能帮我弄一下？\n别什么都问我，自己回去让孩子弄\n我孩子在外地\n那我也没办法，下一个\n")
    [exchange], _ = read_text_exchange(said, "rp.txt")
    assert exchange.meta["format"] == "draft-text" and exchange.warnings[0].message.startswith("没有说话人标签：每一行")


def test_a_call_across_midnight_is_not_a_day_long():
    said = "[23:59:50] 坐席：您好，请讲\n[23:59:58] 市民：我家停水了\n[00:00:12] 坐席：好的，我们马上派人\n"
    [exchange], _ = read_text_exchange(said, "night.txt")
    assert not any("拆分" in w.message for w in exchange.warnings)


def test_a_note_that_is_a_reply_keeps_its_turn_in_an_unlabelled_role_play():
    """A second review: （递过缴费卡） answers the clerk; dropping it gave the resident's 有完没完 to the trainee."""
    said = ("您好，请问您办理什么业务？\n我来交物业费。\n好的，请把您的缴费卡给我。\n（递过缴费卡）\n好的，请稍等，我帮您查一下。\n"
            "你们这系统怎么老卡，你们赶紧的，我还有事呢，有完没完啊。\n实在抱歉，系统有点慢，让您久等了，已经交好了。\n（接过收据，点头）\n"
            "您慢走，再见。\n")
    [exchange], _ = read_text_exchange(said, "rp.txt")
    assert exchange.meta["format"] == "alternating-text"
    assert [t.role for t in exchange.turns if "有完没完" in t.text or "您慢走" in t.text] == ["resident", "staff"]


def test_one_curt_staff_line_does_not_make_an_unlabelled_role_play_a_draft():
    said = "你好，办什么？\n我想办个老年证。\n我想问一下你家里有几口人？\n就我和老伴两个人。\n身份证给我。\n好的，给你。\n下一个。\n"
    [exchange], _ = read_text_exchange(said, "rp.txt")
    assert exchange.meta["format"] == "alternating-text" and exchange.turns[5].role == "resident"


def test_overlapping_speech_does_not_make_a_call_longer_than_it_is():
    """A second review: a 2.5-hour call with backchannels under the other's turns was warned as 3.8 hours."""
    rows = "".join(f"C1,{n * 9000},{n * 9000 + 8000},{'坐席' if n % 2 == 0 else '市民'},好的\nC1,{n * 9000 + 2000},{n * 9000 + 3000},"
                   f"{'市民' if n % 2 == 0 else '坐席'},嗯\n" for n in range(900))
    [call], _ = read_text_exchange("通话ID,开始时间,结束时间,角色,内容\n" + rows, "long.csv")
    assert not any("小时" in w.message for w in call.warnings)


def test_a_trainers_remark_after_the_dialogue_is_no_ones_turn():
    """A trainer's trial: 点评：… typed after the role-play became the trainee's last words (道别过早, −5); 备注：… too."""
    text = "工作人员：您好，请坐。\n居民：我来开居住证明。\n工作人员：开好了，您慢走，再见。\n点评：整体不错，语气亲切。\n备注：居民递上身份证。\n"
    [exchange], _ = read_text_exchange(text, "t.txt", ReadOptions())
    assert [turn.text for turn in exchange.turns][-1] == "开好了，您慢走，再见。"
