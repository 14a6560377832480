"""JSON/JSONL: the documented shape, the corpora's neutral shape and the ASR / call-centre exports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from phrasecheck.transcripts import ReadOptions, read_exchanges, read_text_exchange

FIXTURES = Path(__file__).parent / "fixtures" / "transcripts"
CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"


def summary(exchange):
    return [(t.line, t.speaker, t.role, t.role_inferred, t.start_ms, t.end_ms, t.text) for t in exchange.turns]


def test_documented_shape():
    [exchange], problems = read_exchanges(FIXTURES / "simple.json")
    assert problems == [] and exchange.warnings == []
    assert (exchange.id, exchange.staff_id, exchange.date, exchange.channel) == ("window-2024-0412-07", "SQ017", "2024-04-12", "window")
    assert exchange.meta == {"format": "dialogue-json", "date_from": "content", "roles_by": "given"}
    assert summary(exchange) == [
        (7, "工作人员", "staff", False, 0, 2600, "您好，请坐，请问您办理什么业务？"),
        (8, "居民", "resident", False, 2900, 5100, "我来给我妈办高龄津贴。"),
        (9, "王社工", "staff", False, 5400, 8000, "请您出示老人的身份证和户口本。"),
        (10, "居民", "resident", False, None, None, "都带来了，给您。"),
    ]


def test_jsonl_records_carry_their_line():
    exchanges, problems = read_exchanges(FIXTURES / "calls.jsonl")
    assert problems == []
    assert [(e.id, {t.line for t in e.turns}) for e in exchanges] == [("HL-0001", {1}), ("HL-0002", {2}), ("HL-0003", {3})]
    assert [t.role for t in exchanges[1].turns] == ["staff", "resident"]
    assert [(t.speaker, t.role, t.role_inferred) for t in exchanges[2].turns][:2] == [("0", "staff", True), ("1", "resident", True)]


def test_neutral_corpus_shape_keeps_meta():
    [exchange], problems = read_exchanges(FIXTURES / "neutral_corpus.jsonl")
    assert problems == []
    assert exchange.meta["quality_mean"] == {"A": 0.1, "S": 0.2, "E": 0.3}
    assert [(t.speaker, t.role) for t in exchange.turns] == [("customer", "resident"), ("agent", "staff")]


def test_alibaba_file_transcription():
    [exchange], problems = read_exchanges(FIXTURES / "alibaba_filetrans.json")
    assert problems == []
    assert (exchange.id, exchange.meta["format"]) == ("4b56f0c4b1f211eeb0f300163e0e1234", "alibaba-filetrans")
    assert summary(exchange)[:2] == [
        (10, "0", "staff", True, 380, 4100, "您好，这里是区政务服务中心，请问有什么可以帮您？"),
        (12, "1", "resident", True, 4500, 9300, "我想问一下营业执照变更需要什么材料。"),
    ]
    assert "“0”为工作人员" in exchange.warnings[0].message


def test_staff_channel_overrides_inference():
    [exchange], _ = read_exchanges(FIXTURES / "alibaba_filetrans.json", ReadOptions(staff_channel="1"))
    assert [(t.speaker, t.role, t.role_inferred) for t in exchange.turns] == [
        ("0", "resident", False), ("1", "staff", False), ("0", "resident", False)]
    assert exchange.warnings == []


def test_staff_speaker_that_matches_nothing_leaves_inference_alone():
    [exchange], _ = read_exchanges(FIXTURES / "alibaba_filetrans.json", ReadOptions(staff_speaker="7"))
    assert exchange.turns[0].role_inferred and exchange.turns[0].role == "staff"


def test_paraformer_diarization():
    [exchange], problems = read_exchanges(FIXTURES / "paraformer.json")
    assert problems == []
    assert exchange.id == "call-20240315-0032.wav"
    assert [(t.speaker, t.role, t.start_ms) for t in exchange.turns] == [("0", "staff", 250), ("1", "resident", 3700), ("0", "staff", 6500)]


def test_paraformer_stereo_channels_interleave_by_time():
    [exchange], _ = read_exchanges(FIXTURES / "paraformer_stereo.json", ReadOptions(staff_channel="0"))
    assert [(t.speaker, t.role, t.start_ms) for t in exchange.turns] == [("0", "staff", 200), ("1", "resident", 2800), ("0", "staff", 5600)]


def test_tencent_result_detail():
    [exchange], problems = read_exchanges(FIXTURES / "tencent.json")
    assert problems == []
    assert exchange.id == "9876543210"
    assert summary(exchange)[1] == (15, "1", "resident", True, 3900, 7100, "我的燃气卡充不进去。")


def test_tencent_result_string_when_there_is_no_detail():
    [exchange], problems = read_exchanges(FIXTURES / "tencent_result_string.json")
    assert problems == []
    assert [(t.speaker, t.start_ms, t.end_ms, t.text) for t in exchange.turns] == [
        ("0", 400, 3100, "您好，很高兴为您服务。"),
        ("1", 3500, 6000, "我的宽带断了。"),
        ("0", 6300, 9500, "请稍等，我帮您看一下。"),
    ]


def test_tencent_result_string_saved_as_a_text_file_is_a_timed_call_not_a_staff_draft(tmp_path):
    """The plain ``Result`` string copied into a .txt (asr-formats.md §3): each line its own turn and line number, the
    speaker number its speaker, the times read; the call is scored as a phone call by its format. A line that is not
    one of them is reported at its own line, and the rest still read."""
    path = tmp_path / "call.txt"
    path.write_text("[0:0.400,0:3.100,0]  您好，这里是社区服务热线。\n[0:3.500,0:6.000,1]  我家楼道灯坏了。\n\n"
                    "（保持）\n[0:40.300,0:44.500,0]  让您久等了，已经登记好了。\n", encoding="utf-8")
    [exchange], problems = read_exchanges(path)
    assert [(p.line, "Result" in p.message) for p in problems] == [(4, True)]
    assert exchange.meta["format"] == "tencent-asr"
    assert [(t.line, t.speaker, t.role, t.start_ms, t.end_ms, t.text) for t in exchange.turns] == [
        (1, "0", "staff", 400, 3100, "您好，这里是社区服务热线。"), (2, "1", "resident", 3500, 6000, "我家楼道灯坏了。"),
        (5, "0", "staff", 40300, 44500, "让您久等了，已经登记好了。")]


@pytest.mark.parametrize("inside", ["\u2028", "\x0c"])
def test_a_line_separator_inside_a_tencent_utterance_does_not_split_it(tmp_path, inside):
    """Only line endings end a line (CRLF, LF, CR), as in every other text reader (an independent review: a form feed cut
    the utterance and shifted every later line number)."""
    path = tmp_path / "call.txt"
    path.write_text(f"[0:0.400,0:3.100,0]  您好{inside}这里是社区。\n[0:3.200,0:6.000,1]  我想问一下。\n", encoding="utf-8")
    [exchange], problems = read_exchanges(path)
    assert problems == [] and [(t.line, t.text) for t in exchange.turns] == [(1, f"您好{inside}这里是社区。"), (2, "我想问一下。")]


def test_a_speaker_label_after_tencents_times_names_the_speaker(tmp_path):
    """Some exports (and people) put a label after Tencent's times: ``[0:0.400,0:7.090] A：您好…`` (scoring pairs dev17)
    is A's turn, not a turn nobody is known to have said."""
    path = tmp_path / "call.txt"
    path.write_text("[0:0.400,0:7.090] A：您好这里是市场监管投诉举报热线请问有什么可以帮您\n"
                    "[0:7.590,0:14.070] B：喂你好我想投诉一个健身房\n[0:14.770,0:21.460] A：好的请问健身房叫什么名字\n"
                    "[0:21.860,0:28.970] B：叫力动健身\n", encoding="utf-8")
    [exchange], problems = read_exchanges(path)
    assert problems == [] and exchange.meta["roles_by"] == "inferred"
    assert [(t.speaker, t.role, t.text[:2]) for t in exchange.turns] == [("A", "staff", "您好"), ("B", "resident", "喂你"),
                                                                       ("A", "staff", "好的"), ("B", "resident", "叫力")]


def test_iflytek_double_encoded_order_result():
    [exchange], problems = read_exchanges(FIXTURES / "iflytek.json")
    assert problems == []
    assert exchange.id == "DKHJQ202403150000000000000000000001"
    assert summary(exchange) == [
        (4, "1", "staff", True, 120, 3900, "您好，这里是不动产登记中心，请问有什么可以帮您？"),
        (4, "2", "resident", True, 4200, 7800, "我想问房产证加名要什么材料。"),
        (4, "1", "staff", True, 8100, 14600, "请您稍等，我帮您查一下。"),
    ]


def test_iflytek_prefers_unsmoothed_lattice2_and_maps_tracks():
    [exchange], problems = read_exchanges(FIXTURES / "iflytek_lattice2.json", ReadOptions(staff_channel="L"))
    assert problems == []
    assert [(t.speaker, t.role, t.role_inferred, t.text) for t in exchange.turns] == [
        ("1", "staff", False, "嗯您好，请问有什么可以帮您？"),
        ("2", "resident", False, "我要投诉。"),
    ]
    assert exchange.turns[0].line < exchange.turns[1].line


def _lattice2(items: list[tuple[str, str]]) -> str:
    sentences = [{"lid": str(n), "begin": "0", "end": "0", "spk": spk, "json_1best": {"st": {"bg": str(n * 1000), "ed": str(n * 1000 + 900),
                  "rl": "0", "rt": [{"ws": [{"wb": 1, "we": 30, "cw": [{"w": text, "wp": "n", "wc": "1.0"}]}]}]}}}
                 for n, (spk, text) in enumerate(items)]
    return json.dumps({"code": "000000", "content": {"orderInfo": {"orderId": "X", "status": 4},
                                                     "orderResult": json.dumps({"lattice2": sentences})}}, ensure_ascii=False)


def test_iflytek_lattice2_without_role_separation_takes_its_recurring_spk_as_the_speaker(tmp_path):
    """An outside trial's export: every ``rl`` "0" (role separation off), ``spk`` 段落-0 / 段落-1 taking turns: two speakers,
    not one unknown voice (which left the visit 不适用); a ``spk`` of its own for each item numbers paragraphs, no speaker."""
    turns = [("段落-0", "您好，请坐，办理什么业务？"), ("段落-1", "我来办居住证。"), ("段落-0", "好的，办好了，您慢走。")]
    (tmp_path / "two.json").write_text(_lattice2(turns), encoding="utf-8")
    [exchange], _ = read_exchanges(tmp_path / "two.json")
    assert [(t.speaker, t.role) for t in exchange.turns] == [("段落-0", "staff"), ("段落-1", "resident"), ("段落-0", "staff")]
    (tmp_path / "each.json").write_text(_lattice2([(f"段落-{n}", text) for n, (_, text) in enumerate(turns)]), encoding="utf-8")
    [exchange], _ = read_exchanges(tmp_path / "each.json")
    assert [t.role for t in exchange.turns] == ["unknown"] * 3


def test_baidu_has_no_speakers_and_reports_unfinished_tasks():
    [exchange], problems = read_exchanges(FIXTURES / "baidu.json")
    assert [t.role for t in exchange.turns] == ["unknown"] * 3
    assert "no speaker information" in exchange.warnings[0].message
    # one error for an unfinished task, not a second warning that it has no readable utterances (a water company's trial)
    assert [(p.level, p.line) for p in problems] == [("error", 16)]
    assert "Running" in problems[0].message


def test_an_unfinished_iflytek_task_is_one_error_naming_its_status():
    """A water company's trial: status 3 (processing) was reported as 'success：0' beside a JSON error for the empty
    orderResult and a warning that there was nothing to read: three messages, two errors, for one cause."""
    unfinished = {"code": "000000", "descInfo": "success", "content": {
        "orderInfo": {"orderId": "DKHJQ1", "failType": 0, "status": 3}, "orderResult": ""}}
    exchanges, problems = read_text_exchange(json.dumps(unfinished), "W104.json")
    assert exchanges == [] and [(p.level, p.line) for p in problems] == [("error", 1)]
    assert "status 3 转写中 / still processing" in problems[0].message and "（success" not in problems[0].message


def test_contact_center_ai_role_names():
    [exchange], problems = read_exchanges(FIXTURES / "ccai.json")
    assert problems == [] and exchange.warnings == []
    assert [(t.speaker, t.role, t.start_ms) for t in exchange.turns] == [("客服", "staff", 120), ("客户", "resident", 3200), ("客服", "staff", 6400)]


def test_contact_lens_participant_roles():
    [exchange], problems = read_exchanges(FIXTURES / "contact_lens.json")
    assert problems == [] and exchange.warnings == []
    assert exchange.id == "a1b2c3d4-0000-4e5f-8a9b-0c1d2e3f4a5b"
    assert [(t.speaker, t.role, t.end_ms) for t in exchange.turns] == [("AGENT", "staff", 3200), ("CUSTOMER", "resident", 7000), ("AGENT", "staff", 11000)]


def test_array_of_conversations_and_object_keyed_by_id():
    array = json.dumps([{"turns": [{"role": "agent", "text": "您好"}]}, {"turns": [{"role": "customer", "text": "你好"}]}])
    exchanges, _ = read_text_exchange(array, "batch.json")
    assert [e.id for e in exchanges] == ["batch.json:1#1", "batch.json:1#2"]  # a one-line file is JSONL
    keyed = json.dumps({"101": {"messages": [{"role": "sys", "content": "您好，请问需要什么帮助？"}, {"role": "usr", "content": "订酒店"}]}})
    [exchange], _ = read_text_exchange(keyed, "crosswoz.json")
    assert exchange.id == "101" and [t.role for t in exchange.turns] == ["staff", "resident"]


def test_pretty_printed_json_array_has_object_lines():
    text = '[\n  {"id": "a",\n   "turns": [\n     {"speaker": "坐席", "text": "您好"},\n     {"speaker": "来电人", "text": "你好"}\n   ]}\n]\n'
    [exchange], _ = read_text_exchange(text, "a.json")
    assert [t.line for t in exchange.turns] == [4, 5]


def test_unsuccessful_tasks_are_errors():
    cases = {
        "ali.json": {"TaskId": "t1", "StatusCode": 41050002, "StatusText": "FILE_DOWNLOAD_FAILED"},
        "tencent.json": {"Response": {"Data": {"TaskId": 1, "Status": 3, "StatusStr": "failed", "ErrorMsg": "音频下载失败", "Result": ""}}},
        "iflytek.json": {"code": "26601", "descInfo": "订单处理失败", "content": {"orderInfo": {"status": -1}}},
        "ccai.json": {"data": {"taskId": "x", "taskStatus": "ERROR"}},
    }
    for name, document in cases.items():
        exchanges, problems = read_text_exchange(json.dumps(document, ensure_ascii=False), name)
        assert exchanges == [], name
        assert len(problems) == 1 and problems[0].level == "error" and "not successful" in problems[0].message, name


@pytest.mark.parametrize("document", [
    {"TaskId": "t1", "StatusText": "RUNNING", "Result": {"Sentences": [{"ChannelId": 0, "BeginTime": 0, "EndTime": 900, "Text": "您好"}]}},
    {"TaskId": "t1", "StatusText": "FAILED", "Result": {"Sentences": [{"ChannelId": 0, "BeginTime": 0, "EndTime": 900, "Text": "您好"}]}},
    {"Response": {"Data": {"TaskId": 9, "Status": 1, "ResultDetail": [{"FinalSentence": "您好", "StartMs": 0, "EndMs": 1, "SpeakerId": 0}]}}},
    {"data": {"taskId": "t1", "taskStatus": "RUNNING", "asrResult": [{"begin": 0, "end": 900, "role": 0, "roleName": "客服",
                                                                    "words": "您好"}]}},   # ContactCenterAI (a review)
])
def test_an_unfinished_task_with_sentences_is_an_error_and_not_scored(document):
    """An outside developer's trial: a RUNNING or FAILED Alibaba task with sentences scored 100 优秀, a Tencent one with
    Status 1 was an error and a card of 75 — part of a call scored as the whole."""
    exchanges, problems = read_text_exchange(json.dumps(document, ensure_ascii=False), "task.json")
    assert exchanges == [] and "not successful" in problems[0].message


def test_iflytek_order_result_that_is_not_json():
    document = {"code": "000000", "content": {"orderInfo": {"status": 4}, "orderResult": "{\"lattice\": [{\"json"}}
    _, problems = read_text_exchange(json.dumps(document), "iflytek.json")
    assert "orderResult" in problems[0].message and problems[0].level == "error"


def test_unrecognised_shape_names_its_keys():
    _, [problem] = read_text_exchange('{"foo": 1, "bar": [2]}', "x.json")
    assert problem.level == "error" and "foo, bar" in problem.message


def test_turn_without_text_is_reported():
    text = '{"id": "a", "turns": [{"speaker": "坐席", "text": ""}, {"speaker": "坐席", "text": 5}, "oops", {"speaker": "来电人", "text": "在吗"}]}'
    [exchange], problems = read_text_exchange(text, "a.jsonl")
    assert [t.text for t in exchange.turns] == ["5", "在吗"]
    assert [p.level for p in problems] == ["warning", "warning"]


@pytest.mark.skipif(not (CORPORA / "stc3-weibo-helpdesk" / "test_data_cn.json").exists(), reason="shared corpora absent")
def test_stc3_original_file_reads_too():
    exchanges, problems = read_exchanges(CORPORA / "stc3-weibo-helpdesk" / "test_data_cn.json")
    assert len(exchanges) == 390
    assert all(p.level == "warning" and "without text" in p.message for p in problems)
    assert {t.speaker: t.role for e in exchanges for t in e.turns} == {"customer": "resident", "helpdesk": "staff"}


def test_a_truncated_export_is_an_error_naming_its_line_and_column_in_whole_words():
    """A supervisor's trial: the message ended mid-phrase (…Unterminated string starting at)."""
    _, [problem] = read_text_exchange('{"Result": {"Sentences": [{"ChannelId": 0, "Text": "您好，请问有什么可以帮', "a.json")
    assert problem.line == 1 and problem.message.endswith("at column 52: Unterminated string")


def test_an_unreadable_time_is_a_warning_naming_it():
    """An outside developer's trial: start_ms "abc", -5 and 1.5e20 were dropped without a word (the docs promise a warning)."""
    document = {"id": "a", "turns": [{"speaker": "坐席", "text": "您好", "start_ms": "abc"},
                                     {"speaker": "来电人", "text": "你好", "start_ms": -5, "end_ms": 1.5e20},
                                     {"speaker": "来电人", "text": "好", "start_ms": 1000}]}
    [exchange], problems = read_text_exchange(json.dumps(document, ensure_ascii=False), "a.json")
    assert [(t.start_ms, t.end_ms) for t in exchange.turns] == [(None, None), (None, None), (1000, None)]
    assert [p.level for p in problems if "unreadable time" in p.message] == ["warning"] * 3


def test_words_a_recognition_service_masked_are_a_warning(tmp_path):
    """An outside trial: Tencent's FilterDirty turned 你有病吧 into 你**有病吧, unflagged and unsaid. Typed text uses stars for
    numbers and templates (186****7005): no warning there."""
    result = {"Response": {"Data": {"TaskId": 7, "Status": 2, "StatusStr": "success", "ResultDetail": [
        {"FinalSentence": text, "SpeakerId": speaker, "StartMs": 1000 * n, "EndMs": 1000 * n + 900}
        for n, (speaker, text) in enumerate([(0, "您好，请讲。"), (1, "？？？"), (0, "你**有病吧"), (1, "好。")])]}}}
    (tmp_path / "call.json").write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    [exchange], _ = read_exchanges(tmp_path / "call.json")
    assert [turn.text for turn in exchange.turns] == ["您好，请讲。", "？？？", "你**有病吧", "好。"]   # ？？？ asks something
    [masked] = [w for w in exchange.warnings if "屏蔽" in w.message]
    assert "export unfiltered results" in masked.message
    [typed], _ = read_text_exchange("坐席：您的号码是186****7005吗？\n来电人：是的。\n", "call.txt")
    assert not typed.warnings
