"""Hostile transcripts and drafts: each bad file is a diagnostic naming it, and never stops or corrupts the rest."""

import json
import os
import sqlite3
import time
import tracemalloc

import pytest
from typer.testing import CliRunner

from phrasecheck import lint, textio
from phrasecheck.cli.app import app
from phrasecheck.models import Diagnostic
from phrasecheck.transcripts import iter_exchanges, read_exchanges, records


def run(*args, input=None):
    """The command's result; it must end with an exit status, never with an exception."""
    result = CliRunner().invoke(app, list(map(str, args)), input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def call(call_id, extra=""):
    return ('{"id": "%s", %s"turns": [{"speaker": "坐席", "role": "staff", "text": "您好，这事不归我管"}]}'
            % (call_id, extra))


def test_an_integer_too_long_to_convert_is_an_error_at_its_line_and_the_rest_is_read(tmp_path):
    huge = "9" * 5000
    log = tmp_path / "calls.jsonl"
    log.write_text("\n".join([call("a"), call("b", f'"n": {huge}, '), call("c")]) + "\n", encoding="utf-8")
    exchanges, [problem] = read_exchanges(log)
    assert [e.id for e in exchanges] == ["a", "c"]
    assert (problem.line, problem.level) == (2, "error") and "4300 digits" in problem.message
    document = tmp_path / "call.json"
    document.write_text('{\n  "id": "d",\n  "duration": %s,\n  "turns": []\n}\n' % huge, encoding="utf-8")
    exchanges, [problem] = read_exchanges(document)
    assert exchanges == [] and (problem.line, problem.level) == (3, "error")


def test_a_batch_with_such_a_file_stores_the_others_finishes_and_reruns(tmp_path):
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "good.jsonl").write_text(call("a") + "\n", encoding="utf-8")
    (logs / "bad.json").write_text(call("b", f'"n": {"1" * 5000}, ') + "\n", encoding="utf-8")
    for _ in range(2):
        result = run("batch", logs, "--db", tmp_path / "r.db", "--workers", 1)
        assert result.exit_code == 1 and "bad.json:1" in result.stderr
    db = sqlite3.connect(tmp_path / "r.db")
    assert db.execute("SELECT count(*) FROM calls").fetchone() == (1,)
    assert db.execute("SELECT status FROM runs").fetchall() == [("done",), ("done",)]
    for command, status in (("score", 2), ("show", 1)):
        result = run(command, logs / "bad.json")
        assert result.exit_code == status and "bad.json:1" in result.output
    assert json.loads(run("score", "--format", "json", logs / "bad.json").stdout)["errors"]


def test_a_file_that_fails_to_read_is_an_error_and_the_batch_goes_on(tmp_path):
    """A link to /proc/self/mem opens, then every read fails with EIO."""
    if not os.path.exists("/proc/self/mem"):
        pytest.skip("needs /proc")
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "good.jsonl").write_text(call("a") + "\n", encoding="utf-8")
    (logs / "mem.txt").symlink_to("/proc/self/mem")
    result = run("batch", logs, "--db", tmp_path / "r.db", "--workers", 1)
    assert result.exit_code == 1 and "mem.txt" in result.stderr and "Input/output error" in result.stderr
    assert sqlite3.connect(tmp_path / "r.db").execute("SELECT count(*) FROM calls").fetchone() == (1,)
    for command in ("check", "score", "fix"):
        result = run(command, logs / "mem.txt")
        assert result.exit_code == 2 and "mem.txt" in result.output and "cannot read" in result.output, command


def test_a_fifo_nobody_writes_to_is_an_error_not_a_wait_forever(tmp_path, monkeypatch):
    monkeypatch.setattr(textio, "PIPE_WAIT", 0.2)
    fifo = tmp_path / "call.txt"
    os.mkfifo(fifo)
    for command in ("check", "score", "show", "fix"):
        started = time.monotonic()
        result = run(command, fifo)
        assert result.exit_code in (1, 2) and "nothing was written to this pipe" in result.output, command
        assert time.monotonic() - started < 5
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "good.jsonl").write_text(call("a") + "\n", encoding="utf-8")
    os.mkfifo(logs / "stuck.jsonl")
    result = run("batch", logs, "--db", tmp_path / "r.db", "--workers", 1)
    assert result.exit_code == 0 and json.loads(result.stderr.splitlines()[-1])["warnings"] == 1
    db = sqlite3.connect(tmp_path / "r.db")
    assert db.execute("SELECT count(*) FROM calls").fetchone() == (1,)
    [(source, message)] = db.execute("SELECT source, message FROM errors").fetchall()
    assert source.endswith("stuck.jsonl") and "not a regular file" in message


def test_a_device_that_never_ends_is_refused_at_once():
    for command in ("check", "score", "fix"):
        result = run(command, "/dev/zero")
        assert result.exit_code == 2 and "not a regular file" in result.output, command


def test_a_utf8_draft_with_zero_bytes_is_not_taken_for_utf16(tmp_path):
    """``\\n\\0\\0`` once made the draft decode as UTF-16 and check report nothing, with exit status 0."""
    draft = tmp_path / "draft.txt"
    draft.write_bytes("这事不归我管，你问别人去\n\0\0别啰嗦，快点讲。\n".encode())  # an even number of bytes
    result = run("check", draft)
    assert result.exit_code == 2 and "binary" in result.output
    draft.write_bytes(("您好。\n" * 2000 + "这事不归我管，你问别人去\n\0\0别啰嗦，快点讲\n").encode())  # zeros past the sniffed head
    assert run("check", draft).stdout.count("禁用语[") == 2


def test_standard_input_is_held_in_memory_only_up_to_a_limit(monkeypatch):
    monkeypatch.setattr(textio, "MAX_WHOLE_BYTES", 1 << 20)
    endless = "y\n" * (1 << 20)  # what `yes | phrasecheck check -` sends, cut at 2 MiB
    for command in ("check", "fix", "score", "show"):
        result = run(command, "-", input=endless)
        assert result.exit_code in (1, 2) and "standard input or pipe larger than 1 MiB" in result.output, command
    assert run("check", "-", input="这事不归我管，你问别人去\n").exit_code == 1


def test_fix_and_extract_refuse_a_file_too_large_to_hold(tmp_path, monkeypatch):
    monkeypatch.setattr(textio, "MAX_WHOLE_BYTES", 1 << 20)
    big = tmp_path / "big.txt"
    big.write_text("这事不归我管，你问别人去\n" * 30_000, encoding="utf-8")
    for args in (("fix", big), ("fix", "--write", big), ("lexicon", "extract", big)):
        result = run(*args)
        assert result.exit_code == 2 and "larger than 1 MiB" in result.output, args
    assert big.read_text(encoding="utf-8") == "这事不归我管，你问别人去\n" * 30_000


def call_log(calls, stray_at=None, text='"我想问一下低保'):
    """A CSV call log of three rows per call; the resident's row of call ``stray_at`` opens a quote it never closes."""
    lines = ["通话ID,角色,内容"]
    for number in range(calls):
        said = text if number == stray_at else "这事不归我管，你问别人去"
        lines += [f"c{number},坐席,您好，请讲", f"c{number},市民,{said}", f"c{number},坐席,不知道，你自己去查"]
    return "\n".join(lines) + "\n"


def test_a_stray_quote_in_a_csv_field_does_not_swallow_the_rest_of_the_file(tmp_path):
    """It once turned 50 calls into 10, silently, one of them with every later row as its text."""
    log = tmp_path / "calls.csv"
    log.write_text(call_log(50, stray_at=10), encoding="utf-8")
    exchanges, [warning] = read_exchanges(log)
    assert len(exchanges) == 50 and all(len(e.turns) == 3 for e in exchanges)
    assert exchanges[10].turns[1].text == '"我想问一下低保' and exchanges[11].id == "c11"
    assert (warning.line, warning.level) == (33, "warning") and "unclosed quote" in warning.message
    result = run("score", "--format", "json", log)
    cards = json.loads(result.stdout)["exchanges"]
    assert len(cards) == 50 and max(len(card["findings"]) for card in cards) < 10


def test_a_stray_quote_in_a_log_with_an_empty_last_column_loses_no_call(tmp_path):
    """An outside trial's 20,000-call export had a 备注 column left empty: no row had the header's four fields, so a stray
    quote swallowed rows up to the csv module's field limit (128 kB), and 25 calls after each of five quotes were lost with
    one "row skipped". The swallowed lines are read again."""
    log = tmp_path / "calls.csv"
    lines = call_log(1500, stray_at=100).replace("通话ID,角色,内容", "通话ID,角色,内容,备注").splitlines()
    log.write_text("\n".join(line + "，这是一段很长的转写文本" * 12 if ",市民," in line else line for line in lines) + "\n",
                   encoding="utf-8")
    assert log.stat().st_size > 6 * 131_072   # bytes: more characters after the quote than the field limit
    exchanges, problems = read_exchanges(log)
    assert len(exchanges) == 1500 and all(len(e.turns) == 3 for e in exchanges)
    unclosed = [problem for problem in problems if "unclosed quote" in problem.message]
    assert [(problem.line, problem.level) for problem in unclosed] == [(303, "warning")]


def test_a_quote_left_open_in_the_last_row_reads_the_lines_after_it_again(tmp_path):
    log = tmp_path / "calls.csv"
    log.write_text(call_log(3) + 'c3,坐席,"您好\n路灯坏了\n', encoding="utf-8")
    exchanges, [warning, short, *_] = read_exchanges(log)
    assert [e.id for e in exchanges] == ["c0", "c1", "c2", "c3"] and exchanges[-1].turns[0].text == '"您好'
    assert (warning.line, short.line) == (11, 12) and "row has 1 fields" in short.message  # read again, and reported


def test_a_quoted_field_over_several_lines_is_still_one_field(tmp_path):
    log = tmp_path / "calls.csv"
    log.write_text('通话ID,角色,内容\nc1,坐席,"您好，\n请问有什么,可以帮您？"\nc1,市民,我想咨询\n', encoding="utf-8")
    [exchange], problems = read_exchanges(log)
    assert problems == [] and [t.text for t in exchange.turns] == ["您好，\n请问有什么,可以帮您？", "我想咨询"]
    log.write_text('通话ID,角色,内容\nc1,坐席,"您好，\n请讲"', encoding="utf-8")  # the last row, no line break after it
    [exchange], problems = read_exchanges(log)
    assert problems == [] and [t.text for t in exchange.turns] == ["您好，\n请讲"]


def test_a_call_log_without_call_ids_is_not_held_whole_past_a_limit(tmp_path, monkeypatch):
    """A big CSV without a call id column is one call: it was read into memory whole."""
    monkeypatch.setattr(records, "MAX_TURNS", 100)
    log = tmp_path / "huge.csv"
    log.write_text("角色,内容\n" + "坐席,这事不归我管，你问别人去\n" * 50_000, encoding="utf-8")
    tracemalloc.start()
    try:
        items = list(iter_exchanges(log))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    [problem] = items
    assert isinstance(problem, Diagnostic) and problem.line == 2 and "more than 100 utterances" in problem.message
    assert "--column call_id" in problem.message and peak < 2_000_000
    result = run("score", log)
    assert result.exit_code == 2 and "more than 100 utterances" in result.output


def test_an_utterance_too_long_to_score_is_reported(tmp_path):
    log = tmp_path / "calls.jsonl"
    log.write_text("\n".join([call("a"), call("b").replace("您好，这事不归我管", "好" * (records.MAX_TURN_CHARS + 1)),
                              call("c")]) + "\n", encoding="utf-8")
    exchanges, [problem] = read_exchanges(log)
    assert [e.id for e in exchanges] == ["a", "c"] and problem.line == 2 and "utterance longer than" in problem.message


@pytest.mark.parametrize("joiner", ["，", ""])
def test_check_reads_a_line_too_long_to_hold_in_pieces_and_locates_what_it_finds_in_the_whole_line(tmp_path, monkeypatch,
                                                                                                   joiner):
    """A line longer than MAX_LINE_CHARS (an ASR dump, a document on one line) is checked piece by piece, cut after a
    clause mark near each piece's end (or, without any, at the piece's end), every finding at its column in the line."""
    monkeypatch.setattr(lint, "MAX_LINE_CHARS", 1000)
    long_line = joiner.join(["这事不归我管"] * 500) + "\n"
    text = "您好\n" + long_line + "这事不归我管，你问别人去\n"
    draft = tmp_path / "draft.txt"
    draft.write_text(text, encoding="utf-8")
    result = run("check", "--format", "json", draft)
    report = json.loads(result.stdout)
    found = [f for f in report["findings"] if f["kind"] == "prohibited"]
    assert result.exit_code == 1 and report["errors"] == []
    assert all(text[f["start"]:f["end"]] == f["text"] for f in found)
    starts = {f["start"] for f in found}
    assert all(text.index("\n") + 1 + f["column"] - 1 == f["start"] for f in found if f["line"] == 2)
    on_long_line = [f for f in found if f["line"] == 2]
    if joiner:  # cut between clauses: every one of the 500 is found once
        assert len(on_long_line) == 500 and len(starts) == len(found)
    else:  # cut inside the words where nothing marks a clause: at most those cut in two are lost
        assert len(on_long_line) >= 500 - len(long_line) // 1000 - 1
    assert [f["line"] for f in found][-1] == 3


def test_fix_leaves_a_draft_with_a_line_too_long_to_match_as_it_is(tmp_path):
    draft = tmp_path / "draft.txt"
    text = "这事不归我管，你问别人去\n" + "好" * (lint.MAX_LINE_CHARS + 1) + "\n"
    draft.write_text(text, encoding="utf-8")
    result = run("fix", "--write", draft)
    assert result.exit_code == 2 and f"{draft}:2:" in result.output and "not fixed" in result.output
    assert draft.read_text(encoding="utf-8") == text
