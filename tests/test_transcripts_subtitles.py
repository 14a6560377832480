"""SRT and WebVTT."""

from __future__ import annotations

from pathlib import Path

from phrasecheck.transcripts import read_exchanges, read_text_exchange

FIXTURES = Path(__file__).parent / "fixtures" / "transcripts"


def test_srt_labels_and_continued_speaker():
    [exchange], problems = read_exchanges(FIXTURES / "hotline.srt")
    assert problems == [] and exchange.warnings == []
    assert exchange.meta["format"] == "srt"
    assert [(t.line, t.speaker, t.role, t.start_ms, t.end_ms, t.text) for t in exchange.turns] == [
        (3, "客服", "staff", 400, 3100, "您好，很高兴为您服务。"),
        (7, "客户", "resident", 3500, 6000, "我的宽带断了，"),
        (8, "客户", "resident", 3500, 6000, "报修了两次都没人来。"),
        (12, "客服", "staff", 6300, 9500, "非常抱歉，"),
        (13, "客服", "staff", 6300, 9500, "请您稍等，我帮您查一下工单。"),
        (17, "客服", "staff", 9800, 11200, "好的，谢谢。"),
    ]


def test_webvtt_voice_spans_tags_and_entities():
    [exchange], problems = read_exchanges(FIXTURES / "hotline.vtt")
    assert problems == [] and exchange.warnings == []
    assert [(t.line, t.speaker, t.role, t.start_ms, t.text) for t in exchange.turns] == [
        (9, "客服", "staff", 400, "您好，很高兴为您服务。"),
        (13, "客户", "resident", 3500, "我的宽带断了&网也上不了。"),
        (16, "客服", "staff", 6300, "请您稍等，我帮您查一下。"),
    ]


def test_two_voices_in_one_cue():
    text = "WEBVTT\n\n00:01.000 --> 00:04.000\n<v 客服>请问还有别的问题吗？</v> <v 客户>没有了。</v>\n"
    [exchange], _ = read_text_exchange(text, "x.vtt")
    assert [(t.speaker, t.role, t.text) for t in exchange.turns] == [("客服", "staff", "请问还有别的问题吗？"), ("客户", "resident", "没有了。")]


def test_srt_block_without_timing_is_read_and_reported():
    text = "1\n00:00:00,400 --> 00:00:03,100\n客服：您好。\n\n2\n客户：我要报修。\n\n3\n00:00:05 --> soon\n客服：好的。\n"
    [exchange], problems = read_text_exchange(text, "x.srt")
    assert [(t.line, t.speaker, t.text, t.start_ms) for t in exchange.turns] == [
        (3, "客服", "您好。", 400), (6, "客户", "我要报修。", None), (10, "客服", "好的。", None)]
    assert [(p.line, p.level) for p in problems] == [(5, "warning"), (9, "warning")]


def test_webvtt_without_header_is_reported_and_read():
    [exchange], [problem] = read_text_exchange("00:01.000 --> 00:02.000\n<v 客服>您好\n", "x.vtt")
    assert problem.line == 1 and "WEBVTT" in problem.message
    assert exchange.turns[0].text == "您好"


def test_subtitles_without_any_speaker_leave_roles_unknown():
    text = "1\n00:00:00,400 --> 00:00:03,100\n您好，很高兴为您服务。\n"
    [exchange], _ = read_text_exchange(text, "x.srt")
    assert exchange.turns[0].role == "unknown"
    assert "no speaker information" in exchange.warnings[0].message


def test_srt_is_detected_by_content_in_a_txt_file():
    text = "1\r\n00:00:00,400 --> 00:00:03,100\r\n坐席：您好。\r\n"
    [exchange], _ = read_text_exchange(text, "export.txt")
    assert exchange.meta["format"] == "srt" and exchange.turns[0].role == "staff"
