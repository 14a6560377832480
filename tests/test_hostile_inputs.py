"""Hostile transcripts and drafts: each bad file is a diagnostic naming it, and never stops or corrupts the rest."""

import json
import sqlite3

from typer.testing import CliRunner

from phrasecheck.cli.app import app
from phrasecheck.transcripts import read_exchanges


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
