"""Bad and big input: every problem is reported with its place, and the rest is still read."""

from __future__ import annotations

import io
import json
import os
import sys
import threading
import time
import tracemalloc
from pathlib import Path

import pytest

from phrasecheck.models import Exchange
from phrasecheck.transcripts import iter_exchanges, read_exchanges
from phrasecheck.transcripts import source

FIXTURES = Path(__file__).parent / "fixtures" / "transcripts"


def test_truncated_jsonl_record_is_an_error_and_later_records_are_read(tmp_path):
    path = tmp_path / "calls.jsonl"
    good = json.dumps({"id": "a", "turns": [{"speaker": "坐席", "text": "您好"}]}, ensure_ascii=False)
    path.write_text(f"{good}\n{good[:30]}\n\n{good.replace('a', 'b', 1)}\n", encoding="utf-8")
    exchanges, [problem] = read_exchanges(path)
    assert [e.id for e in exchanges] == ["a", "b"]
    assert (problem.path, problem.line, problem.level) == (str(path), 2, "error")
    assert "JSON" in problem.message and "truncated" in problem.message


def test_an_emoji_cut_in_half_in_a_json_escape_is_replaced_and_reported(tmp_path):
    path = tmp_path / "weibo.jsonl"
    path.write_text('{"id": "a", "turns": [{"speaker": "坐席", "text": "您好\\ud83d，请讲"},'
                    ' {"speaker": "用户\\ude00", "text": "谢谢\\ud83d\\ude00"}]}\n', encoding="utf-8")
    [exchange], [problem] = read_exchanges(path)
    assert [(t.speaker, t.text) for t in exchange.turns] == [("坐席", "您好\ufffd，请讲"), ("用户\ufffd", "谢谢😀")]
    assert (problem.line, problem.level) == (1, "error") and "undecodable" in problem.message


def test_truncated_json_document_names_the_line(tmp_path):
    text = (FIXTURES / "tencent.json").read_text(encoding="utf-8")
    path = tmp_path / "tencent.json"
    path.write_text(text[: text.index('"SpeakerId": 1')], encoding="utf-8")
    exchanges, [problem] = read_exchanges(path)
    assert exchanges == []
    assert problem.level == "error" and problem.line == 16


def test_binary_file_is_one_error(tmp_path):
    path = tmp_path / "recording.wav"
    path.write_bytes(b"RIFF\x24\x08\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00\x01\x00" + bytes(range(256)) * 8)
    [problem] = list(iter_exchanges(path))
    assert (problem.line, problem.level) == (0, "error") and "binary" in problem.message


def test_missing_file_and_directory(tmp_path):
    [missing] = list(iter_exchanges(tmp_path / "nope.csv"))
    [directory] = list(iter_exchanges(tmp_path))
    assert missing.level == directory.level == "error"
    assert "cannot read" in missing.message and "directory" in directory.message


def test_empty_file_is_a_warning(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("\n \n", encoding="utf-8")
    [problem] = list(iter_exchanges(path))
    assert problem.level == "warning" and "empty" in problem.message


def test_undecodable_bytes_later_in_a_file_are_reported_on_their_line(tmp_path):
    path = tmp_path / "calls.jsonl"
    record = json.dumps({"turns": [{"role": "agent", "text": "您好" * 10}]}, ensure_ascii=False).encode()
    bad = record.replace("您好".encode(), b"\xff\xfe", 1)
    path.write_bytes(record + b"\n" + bad + b"\n" + record + b"\n")
    exchanges, [problem] = read_exchanges(path)
    assert len(exchanges) == 3
    assert (problem.line, problem.level) == (2, "error") and "undecodable" in problem.message


def test_gb18030_after_a_long_ascii_head_is_still_gb18030(tmp_path):
    path = tmp_path / "calls.csv"
    ascii_rows = "".join(f"C{n},agent,hello\n" for n in range(8000))
    path.write_bytes(("call_id,role,text\n" + ascii_rows + "X9,customer,我想问一下\n").encode("gb18030"))
    exchanges, problems = read_exchanges(path)
    assert problems == [] and exchanges[-1].turns[0].text == "我想问一下"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_small_files_decoded_at_once_read_as_big_files_streamed_do(tmp_path, encoding, ending):
    """A file under 64 kB is decoded whole; a longer one is streamed: the same text either way."""
    rows = ["坐席：您好，请讲。", "来电人：路灯坏了\ufeff，在幸福路", "坐席：好的，我们马上派人，您慢走 😀"]
    small, big = tmp_path / "small.txt", tmp_path / "big.txt"
    cut_emoji = "😀".encode()[:3] if encoding == "utf-8" else b""  # an export cut off mid-character
    small.write_bytes(ending.join(rows).encode(encoding) + cut_emoji)
    big.write_bytes(ending.join(rows * 2000).encode(encoding))
    assert small.stat().st_size < 1 << 16 < big.stat().st_size
    [few], _ = read_exchanges(small)
    [many], _ = read_exchanges(big)
    assert [(t.line, t.speaker, t.text) for t in few.turns[:2]] == [(t.line, t.speaker, t.text) for t in many.turns[:2]]
    assert few.turns[2].text == many.turns[2].text + "\ufffd" * bool(cut_emoji)


def test_a_corrupt_byte_in_a_utf8_file_is_replaced_not_read_as_gb18030(tmp_path):
    path = tmp_path / "call.txt"
    path.write_bytes("坐席：您好，请讲。\n来电人：路灯".encode() + b"\xff" + "坏了。\n".encode())
    [exchange], problems = read_exchanges(path)
    assert [t.text for t in exchange.turns] == ["您好，请讲。", "路灯\ufffd坏了。"]
    assert [(p.line, "undecodable" in p.message) for p in problems] == [(2, True)]


def test_document_too_large_to_read_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(source, "MAX_DOCUMENT_CHARS", 100)
    path = tmp_path / "big.txt"
    path.write_text("工作人员：您好。\n" * 50, encoding="utf-8")
    [problem] = list(iter_exchanges(path))
    assert problem.level == "error" and "too large" in problem.message


def test_overlong_line_is_skipped_and_the_rest_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(source, "MAX_LINE_CHARS", 200)
    path = tmp_path / "calls.jsonl"
    short = json.dumps({"turns": [{"role": "agent", "text": "您好"}]}, ensure_ascii=False)
    long = json.dumps({"turns": [{"role": "agent", "text": "您好" * 500}]}, ensure_ascii=False)
    path.write_text(f"{short}\n{long}\n{short}\n", encoding="utf-8")
    exchanges, [problem] = read_exchanges(path)
    assert len(exchanges) == 2 and problem.line == 2 and "longer than" in problem.message


def test_overlong_csv_line_is_skipped_and_the_rest_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(source, "MAX_LINE_CHARS", 200)
    path = tmp_path / "calls.csv"
    path.write_text("call_id,role,text\nC1,agent,您好\nC1,customer," + "长" * 500 + "\nC1,agent,请讲\n", encoding="utf-8")
    [exchange], [problem] = read_exchanges(path)
    assert [t.line for t in exchange.turns] == [2, 4] and problem.line == 3


def test_standard_input(monkeypatch):
    stdin = io.TextIOWrapper(io.BytesIO("坐席：您好\n来电人：你好\n".encode("gb18030")))
    monkeypatch.setattr(sys, "stdin", stdin)
    [exchange] = list(iter_exchanges("-"))
    assert exchange.source == "<stdin>" and [t.role for t in exchange.turns] == ["staff", "resident"]


def write_big_jsonl(path: Path, records: int) -> None:
    turns = [{"speaker": "坐席" if n % 2 else "来电人", "text": f"第{n}句：您好，请问有什么可以帮您？我想咨询一下社保。"} for n in range(20)]
    with path.open("w", encoding="utf-8") as stream:
        for n in range(records):
            stream.write(json.dumps({"id": f"call-{n}", "turns": turns}, ensure_ascii=False) + "\n")


def write_big_csv(path: Path, calls: int) -> None:
    with path.open("w", encoding="utf-8") as stream:
        stream.write("通话ID,角色,内容\n")
        for n in range(calls):
            for m in range(20):
                stream.write(f"C{n},{'坐席' if m % 2 else '来电人'},第{m}句：您好，请问有什么可以帮您？我想咨询一下社保。\n")


@pytest.mark.parametrize(("name", "write"), [("big.jsonl", write_big_jsonl), ("big.csv", write_big_csv)])
def test_big_files_stream_with_flat_memory(tmp_path, name, write):
    path = tmp_path / name
    write(path, 5000)
    assert path.stat().st_size > 8_000_000
    tracemalloc.start()
    try:
        count = sum(1 for item in iter_exchanges(path) if isinstance(item, Exchange))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 5000
    assert peak < 3_000_000, f"peak {peak} bytes while streaming a {path.stat().st_size} byte file"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_transcript_arriving_through_a_pipe_in_pieces_is_read_whole(tmp_path):
    """Files are opened unbuffered; a read from a pipe may return only what has arrived so far."""
    pipe = tmp_path / "call.txt"
    os.mkfifo(pipe)
    text = "坐席：您好，请讲。\n来电人：路灯坏了，在幸福路。\n坐席：好的，马上派人，您慢走。\n"

    def write_in_two_pieces():
        with open(pipe, "wb", buffering=0) as stream:
            stream.write(text[:10].encode())
            time.sleep(0.2)
            stream.write(text[10:].encode())

    writer = threading.Thread(target=write_in_two_pieces)
    writer.start()
    [exchange], _ = read_exchanges(pipe)
    writer.join()
    assert [turn.text for turn in exchange.turns] == ["您好，请讲。", "路灯坏了，在幸福路。", "好的，马上派人，您慢走。"]


def test_a_file_whose_extension_does_not_fit_its_content_is_read_as_what_it_is(tmp_path):
    """An outside trial's subtitles saved as .json gave 54 errors, one a line, and pushed every other broken file out of
    the list shown; a JSON export saved as .srt became a call without turns. Each is read as what it is, with a warning."""
    srt = tmp_path / "call.json"
    srt.write_text("1\n00:00:01,000 --> 00:00:03,000\n客服：您好，幸福里社区，请讲。\n\n"
                   "2\n00:00:04,000 --> 00:00:06,000\n来电人：我想问居住证。\n", encoding="utf-8")
    [call], problems = read_exchanges(srt)
    assert len(call.turns) == 2 and [(p.line, p.level) for p in problems] == [(0, "warning")]   # the whole file's
    assert "read as srt" in problems[0].message
    exported = tmp_path / "export.srt"
    exported.write_text('{"id": "a", "turns": [{"speaker": "坐席", "text": "您好，幸福里社区，请讲。"}, '
                        '{"speaker": "来电人", "text": "我想问居住证。"}]}', encoding="utf-8")
    [call], problems = read_exchanges(exported)
    assert [turn.role for turn in call.turns] == ["staff", "resident"] and "read as json" in problems[0].message
