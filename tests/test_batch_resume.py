"""THE resume test: kill -9 a batch midway, run it again, and every call is stored exactly once."""

import csv
import json
import os
import signal
import sqlite3
import subprocess
import time

from test_batch_support import cli_command, run_cli, write_logs

CALLS = 400


def stored_count(db) -> int:
    """Calls committed so far (0 while the store is being created)."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as connection:
            return connection.execute("SELECT count(*) FROM calls").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def kill_when_stored(command, db, at_least: int, how: int = signal.SIGKILL, timeout: float = 120) -> int:
    """Start ``command`` in its own process group; signal the whole group once ``at_least`` calls are stored."""
    # Ctrl-C as at a terminal, also when the tests run in the background (a shell's `&` ignores SIGINT, and children
    # inherit that: the batch then ran to its end, exit 0)
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + timeout
    try:
        while stored_count(db) < at_least and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        os.killpg(process.pid, how)
        process.wait(timeout=60)
    return process.returncode


def rows(db, sql):
    with sqlite3.connect(db) as connection:
        return connection.execute(sql).fetchall()


def test_a_killed_batch_resumes_with_nothing_lost_and_nothing_counted_twice(tmp_path):
    write_logs(tmp_path / "logs", CALLS, 20, turns=12)
    db, table, lines = tmp_path / "r.db", tmp_path / "calls.csv", tmp_path / "calls.jsonl"
    args = ["batch", str(tmp_path / "logs"), "--db", str(db), "--workers", "2", "--out", str(table), "--out", str(lines)]

    assert kill_when_stored(cli_command(*args), db, at_least=40) == -signal.SIGKILL
    after_kill = stored_count(db)
    assert 40 <= after_kill < CALLS, "the batch should have been killed midway"
    assert not table.exists() and not lines.exists()
    assert rows(db, "SELECT status FROM runs") == [("running",)]

    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    assert rows(db, "SELECT count(*), count(DISTINCT path || '#' || ordinal), count(DISTINCT exchange_id) FROM calls") \
        == [(CALLS, CALLS, CALLS)]
    ((status, scored, skipped),) = rows(db, "SELECT status, scored, skipped FROM runs WHERE id = 2")
    assert status == "done" and skipped >= after_kill and scored + skipped == CALLS
    assert rows(db, "SELECT count(*) FROM calls WHERE run_id = 2") == [(CALLS,)]

    with open(table, encoding="utf-8-sig", newline="") as stream:
        ids = [row["通话编号"] for row in csv.DictReader(stream)]
    exchanges = [json.loads(line) for line in lines.read_text(encoding="utf-8").splitlines()]
    expected = [f"call-{number:05d}" for number in range(CALLS)]
    assert sorted(ids) == sorted(e["id"] for e in exchanges) == expected

    reference = tmp_path / "reference.db"
    assert run_cli("batch", str(tmp_path / "logs"), "--db", str(reference), "--workers", "1").returncode == 0
    same = "SELECT path, ordinal, content_hash, score, grade FROM calls ORDER BY path, ordinal"
    assert rows(db, same) == rows(reference, same)


def test_ctrl_c_stops_cleanly_and_the_rerun_completes(tmp_path):
    write_logs(tmp_path / "logs", CALLS, 20, turns=12)
    db, table = tmp_path / "r.db", tmp_path / "calls.csv"
    args = ["batch", str(tmp_path / "logs"), "--db", str(db), "--workers", "2", "--out", str(table)]
    assert kill_when_stored(cli_command(*args), db, at_least=20, how=signal.SIGINT) == 130
    ((status, scored),) = rows(db, "SELECT status, scored FROM runs")
    assert status == "interrupted" and scored == stored_count(db) and 20 <= scored < CALLS
    assert not table.exists()
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    assert rows(db, "SELECT count(*) FROM calls") == [(CALLS,)]
    with open(table, encoding="utf-8-sig", newline="") as stream:
        assert len(list(csv.DictReader(stream))) == CALLS


def test_the_content_hash_is_stable_so_stores_made_by_earlier_versions_are_resumed():
    from phrasecheck.batch.runner import content_hash
    from phrasecheck.models import Exchange, Turn

    call = Exchange("x", "calls.jsonl", [Turn(0, "坐席", "staff", "您好"), Turn(1, "市民", "resident", "你好")],
                    "A1", "2024-01-01", None)
    assert content_hash(call) == "37f6cdc34cb1c7f6f924822f7ef8aa68"


def test_a_rerun_warns_of_no_call_it_skips_so_each_warning_is_counted_once(tmp_path):
    """An outside trial re-ran a batch: 981 warnings, then 501 — a skipped call's reading warnings (roles inferred)
    were met again, its scoring warnings (script by default) not. Now a skipped call warns of nothing again."""
    folder = tmp_path / "calls"
    folder.mkdir()
    for number in range(6):
        (folder / f"{number}.txt").write_text("A：您好，请问办什么业务？\nB：我想办居住证。\nA：请您稍等。\n", encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\x00\x01\xff" * 100)   # unreadable: an error on every run
    (folder / "log.csv").write_text("call_id,role,text\nC1,坐席,您好\nC2,坐席,您好\nC1,坐席,再见\n", encoding="utf-8")   # C1#2
    db = tmp_path / "w.db"
    for _ in range(2):
        assert run_cli("batch", str(folder), "--db", str(db), "--workers", "1").returncode in (0, 1)
    levels = rows(db, "SELECT run_id, level, count(*) FROM errors GROUP BY run_id, level ORDER BY run_id, level")
    assert [(run, level) for run, level, _ in levels] == [(1, "error"), (1, "warning"), (2, "error")]   # bad.txt, each run
    assert rows(db, "SELECT count(*) FROM errors WHERE message LIKE '%“C1#2”%'") == [(1,)]
    assert rows(db, "SELECT count(*) FROM errors WHERE run_id = 1 AND message LIKE '%-label%'") == [(6,)]
    assert rows(db, "SELECT skipped FROM runs WHERE id = 2") == [(9,)]
