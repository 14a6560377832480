"""CSV/TSV call logs."""

from __future__ import annotations

from pathlib import Path

import json

import pytest

from phrasecheck.transcripts import ReadOptions, read_exchanges, read_text_exchange
from phrasecheck.transcripts.tabular import column_role

FIXTURES = Path(__file__).parent / "fixtures" / "transcripts"
CROSSWOZ = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "crosswoz" / "dialogues.jsonl"


@pytest.fixture
def corpus_dialogue():
    """The first real CrossWOZ dialogue of ten turns or more, each on one line."""
    if not CROSSWOZ.exists():
        pytest.skip("shared corpora absent")
    with CROSSWOZ.open(encoding="utf-8") as stream:
        dialogues = (json.loads(line) for line in stream)
        return next(d for d in dialogues if len(d["turns"]) >= 10 and not any("\n" in t["text"] for t in d["turns"]))


def test_chinese_headers_many_calls_per_file():
    exchanges, problems = read_exchanges(FIXTURES / "calls_zh.csv")
    assert problems == []
    assert [(e.id, e.staff_id, e.date, len(e.turns)) for e in exchanges] == [
        ("HL20240301001", "A1023", "2024-03-01", 4),
        ("HL20240301002", "A2077", "2024-03-01", 3),
    ]
    first = exchanges[0].turns[0]
    assert (first.line, first.speaker, first.role, first.start_ms, first.end_ms) == (2, "坐席", "staff", 1200, 5800)
    assert exchanges[0].turns[1].text == "我想问一下，孩子上小学的入学登记在哪里办？"
    assert [t.line for t in exchanges[1].turns] == [6, 7, 8]
    assert all(not e.warnings for e in exchanges)


def test_english_headers_tab_separated():
    exchanges, problems = read_exchanges(FIXTURES / "calls_en.tsv")
    assert problems == []
    assert [e.meta["format"] for e in exchanges] == ["tsv", "tsv"]
    assert [(t.speaker, t.role, t.start_ms, t.end_ms) for t in exchanges[0].turns] == [
        ("agent", "staff", 400, 3100),
        ("customer", "resident", 3500, 6000),
        ("agent", "staff", 6300, 9500),
    ]
    assert (exchanges[1].staff_id, exchanges[1].turns[0].role) == ("S91", "resident")


def test_neutral_layout_with_speaker_role_and_channel():
    [exchange], problems = read_exchanges(FIXTURES / "calls_neutral.csv")
    assert problems == []
    assert [(t.speaker, t.role) for t in exchange.turns] == [("agent", "staff"), ("customer", "resident")]


def test_file_without_call_id_is_one_call_with_inferred_roles_and_seconds():
    [exchange], problems = read_exchanges(FIXTURES / "one_call_no_id.csv")
    assert problems == []
    assert exchange.id == "one_call_no_id.csv"
    assert [(t.speaker, t.role, t.role_inferred, t.start_ms) for t in exchange.turns] == [
        ("A", "staff", True, 500),
        ("B", "resident", True, 4200),
        ("A", "staff", True, 9000),
        ("B", "resident", True, 15600),
    ]
    assert "“A”为工作人员" in exchange.warnings[0].message


def test_staff_channel_decides_roles_of_channel_only_rows():
    text = "call_id,channel,start_ms,text\nC1,0,0,我想问一下\nC1,1,900,您好，请讲\n"
    [exchange], _ = read_text_exchange(text, "calls.csv", ReadOptions(staff_channel="1"))
    assert [(t.role, t.role_inferred) for t in exchange.turns] == [("resident", False), ("staff", False)]
    assert exchange.warnings == []


def test_column_override_names_the_text_column():
    [exchange], problems = read_exchanges(FIXTURES / "calls_no_text.csv", ReadOptions(columns={"text": "备注"}))
    assert problems == []
    assert [(t.speaker, t.role, t.text) for t in exchange.turns] == [("坐席", "staff", "您好")]


def test_missing_text_column_is_one_error_naming_the_columns():
    exchanges, [problem] = read_exchanges(FIXTURES / "calls_no_text.csv")
    assert exchanges == []
    assert (problem.line, problem.level) == (1, "error")
    assert "通话ID、角色、备注" in problem.message and "no text column" in problem.message


def test_column_override_that_is_not_in_the_header():
    exchanges, [problem] = read_exchanges(FIXTURES / "calls_zh.csv", ReadOptions(columns={"text": "转写"}))
    assert exchanges == [] and problem.level == "error" and "转写" in problem.message


def test_bad_rows_are_reported_and_the_rest_is_read():
    exchanges, problems = read_exchanges(FIXTURES / "calls_bad.csv")
    assert [(p.line, p.level) for p in problems] == [
        (3, "warning"),  # empty text
        (4, "warning"),  # unreadable time
        (5, "error"),  # too few fields: no text
        (6, "warning"),  # too many fields: the commas of its text joined back, its time read
    ]
    assert "empty text" in problems[0].message and "abc" in problems[1].message
    assert [e.id for e in exchanges] == ["B001", "B002"]
    assert [(t.line, t.start_ms, t.text) for t in exchanges[0].turns] == [
        (2, 0, "您好，请问有什么可以帮您？"), (4, None, "我想查一下社保缴费记录"), (6, 5000, "好的,请稍等,我帮您查询")]
    manager = exchanges[1].turns[0]
    assert (manager.speaker, manager.role, manager.role_inferred) == ("值班经理", "staff", True)


def test_a_call_id_that_comes_back_after_other_calls_names_another_call_and_says_so():
    """An outside trial's log had C1, C2, then C1 again: two calls both called C1 in every report."""
    text = ("call_id,role,text\nC1,agent,您好\nC1,customer,我想问医保\nC2,agent,您好\nC1,agent,喂？\n"
            "C1,customer,社保卡怎么补办？\nC2,agent,您好\n")
    exchanges, problems = read_text_exchange(text + "C1#2,agent,再见\n", "calls.csv")
    assert [(e.id, len(e.turns)) for e in exchanges] == [("C1", 2), ("C2", 1), ("C1#2", 2), ("C2#2", 1), ("C1#2#2", 1)]
    assert problems == []   # each warning travels with its call (a batch rerun that skips the call says nothing again)
    [first] = exchanges[2].warnings
    assert (first.line, first.level) == (5, "warning") and "“C1#2”" in first.message and exchanges[3].warnings[0].line == 7


def test_a_log_switching_between_two_calls_names_each_return_in_turn():
    rows = "".join(f"{'AB'[n % 2]},agent,第{n}句\n" for n in range(3000))
    exchanges, _ = read_text_exchange("call_id,role,text\n" + rows, "calls.csv")
    assert [e.id for e in exchanges][:6] == ["A", "B", "A#2", "B#2", "A#3", "B#3"] and exchanges[-1].id == "B#1500"


def test_unquoted_delimiters_in_a_last_text_column_are_joined():
    text = "通话ID,角色,内容\nC1,坐席,您好,请问有什么可以帮您\n"
    [exchange], [problem] = read_text_exchange(text, "calls.csv")
    assert exchange.turns[0].text == "您好,请问有什么可以帮您"
    assert problem.level == "warning" and problem.line == 2


def test_unquoted_delimiters_in_a_text_column_before_others_are_joined_and_the_columns_after_it_kept():
    """An outside trial's export: ASCII commas inside the text, which is not the last column; its fields had shifted,
    so 青山社区 was taken for the staff member and 再见 for a resident (77.5 合格, exit 0)."""
    text = ("call_id,text,speaker_role,start_ms\nK1,您好,青山社区,请问有什么可以帮您,agent,0\n"
            "K1,我想问一下低保怎么申请,customer,3000\nK1,不客气,再见,agent,10000\n")
    [exchange], problems = read_text_exchange(text, "calls.csv")
    assert [(t.speaker, t.role, t.start_ms, t.text) for t in exchange.turns] == [
        ("agent", "staff", 0, "您好,青山社区,请问有什么可以帮您"), ("customer", "resident", 3000, "我想问一下低保怎么申请"),
        ("agent", "staff", 10000, "不客气,再见")]
    assert [(problem.level, problem.line) for problem in problems] == [("warning", 2), ("warning", 4)]


def test_semicolon_delimiter_and_quoted_multiline_field():
    text = 'call_id;role;text\nC1;agent;"您好，\n请问有什么可以帮您？"\nC1;customer;我想咨询\n'
    [exchange], problems = read_text_exchange(text, "calls.csv")
    assert problems == []
    assert [(t.line, t.text) for t in exchange.turns] == [(2, "您好，\n请问有什么可以帮您？"), (4, "我想咨询")]


def test_call_log_in_a_txt_file_is_detected_by_its_header():
    text = "通话ID\t角色\t内容\nC1\t坐席\t您好\n"
    [exchange], _ = read_text_exchange(text, "export.txt")
    assert exchange.meta["format"] == "tsv" and exchange.turns[0].role == "staff"


def test_datetime_cells_keep_the_time_of_day():
    text = "call_id,role,start,text\nC1,agent,2024-03-01 09:30:05,您好\n"
    [exchange], problems = read_text_exchange(text, "calls.csv")
    assert problems == [] and exchange.turns[0].start_ms == (9 * 3600 + 30 * 60 + 5) * 1000


def test_staff_ids_are_plain_width_and_a_call_handed_on_is_said_once(tmp_path):
    path = tmp_path / "calls.csv"
    path.write_text("通话ID,工号,说话人,内容\nF1,Ａ０５１ ,坐席,您好\nF1,Ａ０５１,来电人,你好\n"
                    "F2,A052,坐席,您好\nF2,A052,来电人,转人工\nF2,A053,坐席,您好，我是A053\nF2,A054,坐席,再见\n", encoding="utf-8")
    exchanges, problems = read_exchanges(path)
    assert [(e.id, e.staff_id) for e in exchanges] == [("F1", "A051"), ("F2", "A052")]
    [changed] = problems
    assert (changed.line, changed.level) == (6, "warning") and "A052" in changed.message and "A053" in changed.message


@pytest.mark.parametrize(("given", "stored"), [("a101", "A101"), ("Ａ１０２ ", "A102"), ("cs-07", "CS-07"), ("zhangsan", "zhangsan"),
                                              ("张三", "张三")])
def test_a_staff_code_is_one_id_whatever_its_letters_case(tmp_path, given, stored):
    """An outside trial's batch: a101 (a file named in lower case) got a row of its own beside A101."""
    path = tmp_path / "calls.csv"
    path.write_text(f"通话ID,工号,说话人,内容\nF1,{given},坐席,您好\n", encoding="utf-8")
    [exchange], _ = read_exchanges(path)
    assert exchange.staff_id == stored


def test_file_name_gives_the_staff_id_when_the_rows_do_not(tmp_path):
    path = tmp_path / "20240301_A1023_通话.csv"
    path.write_text("call_id,role,text\nC1,agent,您好\n", encoding="utf-8")
    options = ReadOptions(staff_from=r"(?P<date>\d{8})_(?P<staff>[A-Z]\d+)_")
    [exchange], _ = read_exchanges(path, options)
    assert (exchange.staff_id, exchange.date, exchange.meta["date_from"]) == ("A1023", "2024-03-01", "file_name")


def test_channel_only_rows_are_told_apart_by_their_speech_when_no_option_names_staff():
    text = "call_id,channel,text\nC1,0,您好，这里是南湖社区居委会，请问有什么可以帮您？\nC1,1,我想问一下养老服务站几点开门？\nC1,0,每天早上八点半到下午五点。\n"
    [exchange], _ = read_text_exchange(text, "calls.csv")
    assert [(t.speaker, t.role, t.role_inferred) for t in exchange.turns] == [
        ("0", "staff", True), ("1", "resident", True), ("0", "staff", True)]


def test_a_channel_cell_that_names_no_track_is_the_service_channel_as_is_a_service_column():
    text = ("call_id,role,channel,text\nR1,agent,窗口,您好，请坐\nR1,customer,窗口,我来办居住证\n"
            "P1,agent,phone,您好，南湖社区\nP1,customer,phone,请问几点下班\n")
    exchanges, _ = read_text_exchange(text, "calls.csv")
    assert [(e.id, e.channel, e.turns[0].speaker) for e in exchanges] == [("R1", "窗口", "agent"), ("P1", "phone", "agent")]
    text = "工单编号,渠道,角色,内容\nG1,热线,坐席,您好\nG1,热线,市民,请问\n"
    [exchange], _ = read_text_exchange(text, "calls.csv")
    assert (exchange.id, exchange.channel) == ("G1", "热线")


def test_a_whole_call_in_one_work_order_cell_is_read_line_by_line(corpus_dialogue):
    turns = corpus_dialogue["turns"]
    cell = "\n".join(f"{'坐席' if t['role'] == 'agent' else '市民'}：{t['text']}" for t in turns).replace('"', '""')
    text = f'工单编号,受理时间,工号,通话内容\nGD001,2024-03-05 09:30,A1023,"{cell}"\nGD002,2024-03-06 10:00,A1031,"坐席：您好\n市民：再见"\n'
    (first, second), problems = read_text_exchange(text, "orders.csv")
    assert problems == []
    assert [(t.text, t.role) for t in first.turns] == [
        (t["text"], "staff" if t["role"] == "agent" else "resident") for t in turns]
    assert [t.line for t in first.turns] == list(range(2, 2 + len(turns)))
    assert (first.staff_id, first.date, second.id, second.staff_id) == ("A1023", "2024-03-05", "GD002", "A1031")


def test_a_multiline_cell_that_is_not_labelled_stays_one_turn():
    text = 'call_id;role;text\nC1;agent;"地址：二楼\n请问有什么可以帮您？"\n'
    [exchange], _ = read_text_exchange(text, "calls.csv")
    assert [t.text for t in exchange.turns] == ["地址：二楼\n请问有什么可以帮您？"]


def test_a_channel_column_of_letters_still_names_the_speakers():
    [call], _ = read_exchanges(Path(__file__).parent / "fixtures" / "reviewed" / "rd4_channel_ab.csv")
    assert {turn.speaker for turn in call.turns} == {"A", "B"} and call.channel is None
    [given], _ = read_exchanges(Path(__file__).parent / "fixtures" / "reviewed" / "rd4_channel_ab.csv", ReadOptions(staff_channel="A"))
    assert [turn.role for turn in given.turns][:2] == ["staff", "resident"]


def test_a_note_cell_with_one_repeated_heading_is_no_conversation():
    [note], _ = read_exchanges(Path(__file__).parent / "fixtures" / "reviewed" / "rd6_form_cell.csv")
    assert len(note.turns) == 1 and note.turns[0].role == "unknown"


def test_lines_split_from_a_json_field_keep_the_fields_line():
    text = ('{"id": "J1", "turns": [{"text": "坐席：您好，阳光社区。\\n市民：停水了。\\n坐席：我帮您问一下。"}]}\n'
            '{"id": "J2", "turns": [{"text": "坐席：您好\\n市民：再见"}]}\n')
    exchanges, _ = read_text_exchange(text, "orders.jsonl")
    assert [[turn.line for turn in e.turns] for e in exchanges] == [[1, 1, 1], [2, 2]]


@pytest.mark.parametrize("header, cells, expected", [
    ("开始时间(秒)", ("1.2", "5", "65"), [1200, 5000, 65000]),
    ("开始时间（毫秒）", ("1200", "5000", "65000"), [1200, 5000, 65000]),
    ("开始时间(ms)", ("1200", "5000", "65000"), [1200, 5000, 65000]),
    ("start_s", ("1.2", "5", "65"), [1200, 5000, 65000]),
    ("start_sec", ("1", "5", "65"), [1000, 5000, 65000]),
    ("开始时间/秒", ("1.2", "5", "65"), [1200, 5000, 65000]),
    ("开始时间(单位:秒)", ("1.2", "5", "65"), [1200, 5000, 65000]),
    ("开始时间/s", ("0", "4.5", "9"), [0, 4500, 9000]),      # a second review: read as [0, 4500, 9]
    ("开始时间(单位:s)", ("0", "4.5", "9"), [0, 4500, 9000]),
    ("开始时间/ms", ("0", "4500", "9000"), [0, 4500, 9000]),
    ("开始时间 / 秒", ("0", "4.5", "9"), [0, 4500, 9000]),
])
def test_a_time_column_that_names_its_unit_is_read_in_it(header, cells, expected):
    """A supervisor's trial: these headers were ignored without a word, and no hold could be timed."""
    rows = "".join(f"C1,{cell},{role},{text}\n" for cell, role, text in zip(cells, ("坐席", "市民", "坐席"), ("您好", "你好", "请讲")))
    [call], problems = read_text_exchange(f"通话ID,{header},角色,识别文本\n{rows}", "log.csv")
    assert problems == [] and [turn.start_ms for turn in call.turns] == expected


def test_a_unit_after_another_column_does_not_make_it_known():
    assert column_role("开始时间(秒)") == "start" and column_role("文本(秒)") is None and column_role("内容") == "text"


def test_a_call_that_lost_a_row_says_so_and_the_calls_beside_it_do_not():
    """A supervisor's trial: a clean call whose greeting row was cut failed 80 不合格, with nothing on the call."""
    log = ("通话ID,开始,角色,内容\nC1,0,坐席,您好\nC1,1,市民,再见\nC2,0\nC2,1,市民,你好\nC2,2,坐席,请讲\n"
           "C3,0,坐席,您好\n")
    exchanges, problems = read_text_exchange(log, "log.csv")
    by_id = {call.id: [w.line for w in call.warnings] for call in exchanges}
    assert by_id == {"C1": [], "C2": [4], "C3": []}
    assert [(p.line, p.level) for p in problems] == [(4, "error")]
