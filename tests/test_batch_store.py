"""The results store and its summaries, on score-v1 exchanges built by hand."""

import json
import sqlite3

import pytest

from phrasecheck.batch.store import SCHEMA_VERSION, CallRecord, Scope, Scoring, Store, StoreError
from phrasecheck.batch.labels import Labels
from phrasecheck.batch.summary import grade_order, histogram, rule_report, summarize, violations
from phrasecheck.models import Diagnostic

SCORING = Scoring("lex-1+scripts.abc", "zh")


def finding(kind, rule, text="", category="推诿", severity="high", turn=1, start=0):
    return {"kind": kind, "rule": rule, "category": category, "turn": turn, "start": start, "end": start + len(text),
            "text": text, "match": "exact", "similarity": 1.0, "severity": severity, "message": f"{rule} 的说明",
            "suggestion": None, "points": -5}


def card(number, staff="A001", score=80.0, grade="良好", findings=(), date="2024-03-05"):
    return {"id": f"call-{number}", "source": "calls.jsonl", "staff_id": staff, "date": date, "channel": "phone",
            "script": "phone", "score": score, "grade": grade,
            "turns": [{"index": 0, "line": 1, "speaker": "市民", "role": "resident", "text": "灯坏了"},
                      {"index": 1, "line": 1, "speaker": "坐席", "role": "staff", "text": "不知道，这事不归我管，你问别人去"}],
            "findings": list(findings), "breakdown": []}


def save(store, run_id, number, **fields):
    record = CallRecord.of("/data/calls.jsonl", number, f"hash-{number}", card(number, **fields))
    store.save(record, SCORING, run_id)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "results.db") as opened:
        yield opened


def test_the_store_is_in_wal_mode_and_versioned(store):
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 7


V1_SCHEMA_CALLS = """CREATE TABLE calls (id INTEGER PRIMARY KEY, path TEXT NOT NULL, ordinal INTEGER NOT NULL, source TEXT NOT NULL,
    exchange_id TEXT NOT NULL, content_hash TEXT NOT NULL, staff_id TEXT, date TEXT, channel TEXT, script TEXT,
    score REAL NOT NULL, grade TEXT NOT NULL, prohibited INTEGER NOT NULL, card TEXT NOT NULL, version TEXT NOT NULL,
    lang TEXT NOT NULL, script_choice TEXT NOT NULL, scored_at TEXT NOT NULL, run_id INTEGER NOT NULL REFERENCES runs(id),
    UNIQUE (path, ordinal))"""


def test_a_version_1_store_is_migrated_keeping_every_call_and_finding(tmp_path):
    """Stores made before N/A calls (score NOT NULL, no date_from) open as the current version with their rows."""
    path = tmp_path / "old.db"
    with Store(path) as fresh:  # today's tables, then calls made as version 1 made it
        run = fresh.start_run(["calls.jsonl"], SCORING, 1)
        save(fresh, run, 0, findings=[{"kind": "prohibited", "rule": "p", "category": "推诿", "severity": "high",
                                      "turn": 1, "start": 0, "end": 3, "text": "不知道", "message": "m", "points": -15}])
    db = sqlite3.connect(path)
    db.executescript("PRAGMA foreign_keys = OFF; BEGIN; CREATE TABLE calls_old AS SELECT * FROM calls; DROP TABLE calls; "
                     f"{V1_SCHEMA_CALLS}; INSERT INTO calls SELECT id, path, ordinal, source, exchange_id, content_hash, "
                     "staff_id, date, channel, script, score, grade, prohibited, card, version, lang, script_choice, "
                     "scored_at, run_id FROM calls_old; DROP TABLE calls_old; PRAGMA user_version = 1; COMMIT;")
    db.close()
    with Store(path) as migrated:
        assert migrated.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        [row] = migrated.query("SELECT staff_id, score, date, date_from FROM calls")
        assert tuple(row) == ("A001", 80.0, "2024-03-05", None)
        assert migrated.db.execute("SELECT count(*) FROM findings").fetchone()[0] == 1
        save(migrated, run, 1, score=None, grade="不适用")  # what version 1 could not hold
        migrated.commit()
        assert [r["grade"] for r in migrated.query("SELECT grade FROM calls WHERE score IS NULL")] == ["不适用"]


def test_a_call_with_the_same_content_and_scoring_is_found_and_marked_read_not_rescored(store):
    first = store.start_run(["calls.jsonl"], SCORING, 2)
    save(store, first, 0)
    store.commit()
    second = store.start_run(["calls.jsonl"], SCORING, 2)
    stored = store.stored_calls("/data/calls.jsonl", SCORING)
    assert stored.get(0) == ("hash-0", "phone", "良好")
    store.mark_read("/data/calls.jsonl", 0, second)
    assert store.db.execute("SELECT run_id FROM calls").fetchone()[0] == second
    assert store.stored_calls("/data/calls.jsonl", Scoring("lex-2", "zh")) == {}
    # another language reuses the results (outputs word them in it); another forced script does not
    assert store.stored_calls("/data/calls.jsonl", Scoring(SCORING.version, "en")) == {0: ("hash-0", "phone", "良好")}
    assert store.stored_calls("/data/calls.jsonl", Scoring(SCORING.version, "zh", "reception")) == {}
    assert store.stored_calls("/data/other.jsonl", SCORING) == {}
    assert stored.get(1) is None


def test_a_run_knows_whether_an_earlier_run_scored_the_same_way(store):
    first = store.start_run(["calls.jsonl"], SCORING, 2)
    assert not store.scored_before(SCORING, first)
    second = store.start_run(["calls.jsonl"], SCORING, 2)
    assert store.scored_before(SCORING, second)
    english = Scoring(SCORING.version, "en")
    assert store.scored_before(english, store.start_run(["calls.jsonl"], english, 2))  # the language is not compared
    for other in (Scoring("lex-2", "zh"), Scoring(SCORING.version, "zh", "reception")):
        assert not store.scored_before(other, store.start_run(["calls.jsonl"], other, 2))


def test_rescoring_a_call_replaces_its_row_and_findings(store):
    run = store.start_run(["calls.jsonl"], SCORING, 1)
    save(store, run, 0, findings=[finding("prohibited", "p.shirk", "不归我管")])
    save(store, run, 0, score=60.0, grade="合格", findings=[finding("prohibited", "p.dunno", "不知道"),
                                                            finding("missing", "phone.close", category="送声")])
    store.commit()
    rows = store.db.execute("SELECT score, prohibited FROM calls").fetchall()
    assert [tuple(row) for row in rows] == [(60.0, 1)]
    assert sorted(r[0] for r in store.db.execute("SELECT rule FROM findings")) == ["p.dunno", "phone.close"]


def test_courtesy_findings_stay_in_the_card_only(store):
    run = store.start_run(["calls.jsonl"], SCORING, 1)
    save(store, run, 0, findings=[finding("courtesy", "c.hello", "您好", severity="info")])
    store.commit()
    assert store.db.execute("SELECT count(*) FROM findings").fetchone()[0] == 0
    stored = json.loads(store.db.execute("SELECT card FROM calls").fetchone()[0])
    assert stored["findings"][0]["text"] == "您好"


def test_the_card_is_stored_as_text_that_sql_can_read_as_json(store):
    run = store.start_run(["calls.jsonl"], SCORING, 1)
    save(store, run, 0)
    store.commit()
    kind, turn = store.db.execute("SELECT typeof(card), json_extract(card, '$.turns[1].text') FROM calls").fetchone()
    assert (kind, turn) == ("text", "不知道，这事不归我管，你问别人去")


def test_errors_are_recorded_per_run_with_their_level(store):
    run = store.start_run(["bad.csv"], SCORING, 1)
    store.add_error(run, Diagnostic("bad.csv", 3, "坏行 / bad row"))
    store.add_error(run, Diagnostic("bad.csv", 0, "空文件 / empty file", "warning"))
    assert [str(p) for p in store.problems(run, "error")] == ["bad.csv:3: 坏行 / bad row"]
    assert len(store.problems(run)) == 2


def test_runs_record_how_they_ended(store):
    run = store.start_run(["a", "b"], SCORING, 2)
    store.finish_run(run, "interrupted", 5, 2, 1)
    row = store.db.execute("SELECT status, scored, skipped, errors, inputs, finished_at FROM runs").fetchone()
    assert tuple(row)[:4] == ("interrupted", 5, 2, 1) and json.loads(row["inputs"]) == ["a", "b"] and row["finished_at"]


def test_writes_are_committed_so_another_connection_sees_them(store, tmp_path):
    run = store.start_run(["calls.jsonl"], SCORING, 1)
    save(store, run, 0)
    store.commit()
    other = sqlite3.connect(tmp_path / "results.db")
    assert other.execute("SELECT count(*) FROM calls").fetchone()[0] == 1


def test_opening_what_is_not_a_store_fails_clearly(tmp_path):
    not_a_db = tmp_path / "calls.csv"
    not_a_db.write_text("坐席,内容\n" * 200, encoding="utf-8")
    with pytest.raises(StoreError, match="无法打开结果库"):
        Store(not_a_db)
    with pytest.raises(StoreError, match="结果库不存在"):
        Store(tmp_path / "missing.db", create=False)


def test_staff_summary(store):
    run = store.start_run(["calls.jsonl"], SCORING, 1)
    shirk = finding("prohibited", "p.shirk", "不归我管")
    dunno = finding("prohibited", "p.dunno", "不知道", category="搪塞")
    missed = finding("missing", "phone.close", category="送声：礼貌道别", severity=None)
    save(store, run, 0, staff="A001", score=95.0, grade="优秀")
    save(store, run, 1, staff="A001", score=70.0, grade="合格", findings=[shirk, dunno, missed])
    save(store, run, 2, staff="A001", score=40.0, grade="不合格", findings=[shirk, missed, missed, missed])   # owed thrice
    save(store, run, 3, staff="B002", score=85.0, grade="良好", findings=[dunno])
    save(store, run, 4, staff=None, score=90.0, grade="优秀")
    store.commit()
    summaries = {s.key: s for s in summarize(store, "staff", Scope(run_id=run))}
    a001 = summaries["A001"]
    assert (a001.calls, a001.mean, a001.median) == (3, 68.3, 70.0)
    assert a001.grades == {"优秀": 1, "合格": 1, "不合格": 1}
    assert a001.prohibited == 3 and a001.per_100 == 100.0
    assert a001.top_prohibited == [("不归我管", 2), ("不知道", 1)]
    assert a001.top_missed == [("phone.close", 2)]  # by rule id (the store keeps no words), counted by calls
    named = {s.key: s for s in summarize(store, "staff", Scope(run_id=run), name=lambda rule, stored: {"phone.close": "送声：礼貌道别"}[rule])}
    assert named["A001"].top_missed == [("送声：礼貌道别", 2)]
    assert summaries[""].calls == 1 and summaries["B002"].per_100 == 100.0
    assert grade_order(store, Scope(run_id=run)) == ["优秀", "良好", "合格", "不合格"]
    assert histogram(store, Scope()) == [{}, {}, {}, {}, {"不合格": 1}, {}, {}, {"合格": 1}, {"良好": 1}, {"优秀": 2}]


def test_top_violations_come_with_examples_in_context(store):
    run = store.start_run(["calls.jsonl"], SCORING, 1)
    for number in range(4):
        save(store, run, number, findings=[finding("prohibited", "p.shirk", "不归我管", start=5)])
    save(store, run, 9, findings=[finding("prohibited", "p.dunno", "不知道", category="搪塞")])
    store.commit()
    top = violations(store, Scope(run_id=run), examples=2)
    assert [(v.rule, v.count, v.calls) for v in top] == [("p.shirk", 4, 4), ("p.dunno", 1, 1)]
    example = top[0].examples[0]
    assert len(top[0].examples) == 2 and example.text == "不归我管" and "这事不归我管" in example.context
    assert (example.path, example.ordinal, example.exchange_id) == ("/data/calls.jsonl", 0, "call-0")


def test_scopes_by_date_and_month(store):
    run = store.start_run(["calls.jsonl"], SCORING, 1)
    for number, date in enumerate(["2024-01-31", "2024-02-01", "2024-02-29", "2024-03-01"]):
        save(store, run, number, date=date, findings=[finding("missing", "phone.close", category="送声")])
    store.commit()
    months = [s.key for s in summarize(store, "month", Scope())]
    assert months == ["2024-01", "2024-02", "2024-03"]
    february = Scope(since="2024-02-01", until="2024-02-29")
    assert [s.calls for s in summarize(store, "all", february)] == [2]
    assert [(v.rule, v.calls) for v in rule_report(store, february)] == [("phone.close", 2)]


def test_a_store_lacking_only_newer_indexes_is_read_as_it_is_and_migrated_when_written(tmp_path):
    path = tmp_path / "v3.db"
    with Store(path) as fresh:
        save(fresh, fresh.start_run(["calls.jsonl"], SCORING, 1), 0)
    db = sqlite3.connect(path)
    db.executescript("DROP INDEX calls_summary; DROP INDEX findings_cover; CREATE INDEX calls_staff ON calls(staff_id); "
                     "CREATE INDEX findings_call ON findings(call_id); PRAGMA user_version = 3;")
    db.close()
    with Store(path, create=False) as read:  # report: no copy made in memory, the file untouched
        assert read.db.execute("PRAGMA user_version").fetchone()[0] == 3
        assert read.query("SELECT count(*) FROM calls").__next__()[0] == 1
    with Store(path) as written:
        assert written.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        indexes = {row[0] for row in written.db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"calls_summary", "findings_cover"} <= indexes
        assert not indexes & {"calls_staff", "calls_staff_score", "findings_call"}  # replaced by the covering ones


def test_a_version_5_store_keeps_its_words_for_rules_no_longer_loaded(tmp_path):
    """Version 5 kept each finding's words in the language it was scored in: report reads such a store
    unchanged and names a rule it does not know by those words; a batch migrates it (its index) and keeps
    them, while what it stores anew has none."""
    path = tmp_path / "v5.db"
    with Store(path) as fresh:
        run = fresh.start_run(["calls.jsonl"], SCORING, 1)
        save(fresh, run, 0, findings=[finding("prohibited", "p.shirk", "不归我管"), finding("missing", "phone.close", category="送声")])
    db = sqlite3.connect(path)
    db.executescript("DROP INDEX findings_cover; CREATE INDEX findings_cover ON findings(call_id, kind, text, category); "
                     "PRAGMA user_version = 5;")
    db.close()
    named = Labels().namer("zh")  # no rule loaded: every step is one no script has any more
    with Store(path, create=False) as read:
        assert read.db.execute("PRAGMA user_version").fetchone()[0] == 5
        assert [v.category for v in violations(read, Scope())] == ["推诿"]  # the stored words, for rules unknown here
        assert summarize(read, "all", Scope(), name=named)[0].top_missed == [("送声", 1)]
    with Store(path) as written:
        assert written.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert [tuple(row) for row in written.query("SELECT rule, category FROM findings ORDER BY rule")] == [
            ("p.shirk", "推诿"), ("phone.close", "送声")]
        assert summarize(written, "all", Scope(), name=named)[0].top_missed == [("送声", 1)]
        [cover] = written.query("SELECT sql FROM sqlite_master WHERE name = 'findings_cover'")
        assert "rule" in cover["sql"]


def test_reviewed_means_count_each_reviewed_score_in_place_of_the_machines(store):
    """A1: 80, 60 (reviewed to 90) and a not-applicable call a reviewer scored 70: machine mean 70 over two
    scored calls, reviewed mean (80 + 90 + 70) / 3. A2 has no review: its reviewed mean is its mean."""
    from phrasecheck.batch.reviews import Action, record
    from phrasecheck.scoring.grade import DEFAULT_BANDS

    run = store.start_run(["calls.jsonl"], SCORING, 1)
    for number, staff, score, grade in ((0, "A1", 80.0, "良好"), (1, "A1", 60.0, "合格"), (2, "A1", None, "不适用"),
                                        (3, "A2", 75.0, "合格"), (4, "A2", 64.0, "合格")):
        save(store, run, number, staff=staff, score=score, grade=grade)
    store.commit()
    for number, score in ((1, 90), (2, 70)):
        record(store, "/data/calls.jsonl", number, Action("override", "王", "复核", score=score), lambda _: DEFAULT_BANDS)
    first, second = summarize(store, "staff", Scope())
    assert (first.key, first.calls, first.mean, first.reviewed, first.reviewed_mean) == ("A1", 3, 70.0, 2, 80.0)
    assert (second.key, second.mean, second.reviewed, second.reviewed_mean) == ("A2", 69.5, 0, 69.5)
    assert (first.median, second.median) == (70.0, 69.5)


def test_missed_steps_are_counted_by_the_name_they_are_shown_with(store):
    """The farewell of the counter script and of the phone script have two Chinese names and one English
    one: a staff member missing it once in each is counted once per name shown, in either language."""
    from phrasecheck.config import Config

    labels = Labels.of_config(Config())
    run = store.start_run(["calls.jsonl"], SCORING, 1)
    save(store, run, 0, findings=[finding("missing", "reception.farewell", category=None, severity=None)])
    save(store, run, 1, findings=[finding("missing", "phone.farewell", category=None, severity=None)])
    store.commit()
    [english] = summarize(store, "staff", Scope(run_id=run), name=labels.namer("en"))
    assert english.top_missed == [("Farewell (走有送声)", 2)]
    [chinese] = summarize(store, "staff", Scope(run_id=run), name=labels.namer("zh"))
    assert sorted(chinese.top_missed) == [("送声：礼貌结束通话", 1), ("送声：礼貌道别", 1)]


def test_the_missed_column_names_steps_of_scripts_whose_name_has_a_space(store):
    from phrasecheck.batch.tables import call_table

    run = store.start_run(["calls.jsonl"], SCORING, 1)
    save(store, run, 0, findings=[finding("missing", "site hotline.greeting", category="站点迎声", severity=None),
                                  finding("missing", "site hotline.close", category=None, severity=None)])
    store.commit()
    table = call_table(store, Scope(run_id=run), "zh", Labels())
    [row] = table.rows
    assert row[table.headers.index("缺失项")] == "站点迎声；site hotline.close"


def test_a_miss_a_prohibited_expression_stands_for_is_neither_in_the_missed_column_nor_counted(store):
    """An outside trial's supervisor read 缺失项 as four misses where a prohibited expression had been charged and the
    three replies it left out were listed at no cost; a review of the first fix: a miss covered by another miss in its
    turn must still be shown (群众久等 → 致歉)."""
    from phrasecheck.batch.tables import call_table

    covered = {**finding("missing", "reception.referral", category="转办", severity=None), "points": 0}
    beside_a_miss = {**finding("missing", "reception.waited", category="致歉", severity=None, turn=3), "points": 0}
    run = store.start_run(["calls.jsonl"], SCORING, 1)
    save(store, run, 0, findings=[finding("prohibited", "prohibited.shirk.not-my-business", "不归我管"), covered,
                                  finding("missing", "reception.farewell", category="送声", severity=None), beside_a_miss])
    store.commit()
    table = call_table(store, Scope(run_id=run), "zh", Labels())
    [row] = table.rows
    assert row[table.headers.index("缺失项")] == "送声；致歉"   # a miss the larger one in its turn stands for is kept
    [staff] = summarize(store, "staff", Scope(run_id=run))
    assert sorted(staff.top_missed) == [("reception.farewell", 1), ("reception.waited", 1)]
    # nor in the report by rule (a hospital trial: a call charged once showed 3 there)
    assert {v.rule: v.count for v in rule_report(store, Scope(run_id=run)) if v.kind == "missing"} == {
        "reception.farewell": 1, "reception.waited": 1}


def test_a_staff_members_graver_expression_is_listed_before_as_frequent_lighter_ones(store):
    """A trial's supervisor missed a veto insult said once among three expressions each said once (ranked by name)."""
    run = store.start_run(["calls.jsonl"], SCORING, 1)
    said = [finding("prohibited", f"p.{n}", text, severity=severity)
            for n, (text, severity) in enumerate([("下班了", "low"), ("不在我这儿办", "medium"), ("你到底办不办", "low"),
                                                  ("这么简单都弄不明白", "critical")])]
    save(store, run, 0, staff="H102", score=30.0, grade="不合格", findings=said)
    store.commit()
    [h102] = summarize(store, "staff", Scope(run_id=run))
    assert h102.top_prohibited[:2] == [("这么简单都弄不明白", 1), ("不在我这儿办", 1)]


def test_a_finding_another_charge_covers_is_kept_in_the_card_and_counted_nowhere(store):
    """Two supervisors' trials: one hold listed twice in 缺失项 (请稍等之后, 静默等候 → 让您久等了) and a repeat of an
    expression in its sentence counted in 禁用语次数. What the card charged once is counted once; the card keeps both."""
    run = store.start_run(["calls.jsonl"], SCORING, 1)
    hold = finding("missing", "phone.wait_after", category="请稍等之后", severity=None)
    again = {**finding("missing", "phone.held", category="静默等候", severity=None), "points": 0, "covered_by": "phone.wait_after"}
    dunno = finding("prohibited", "p.dunno", "不知道", category="搪塞")
    repeat = {**dunno, "start": 6, "points": 0, "covered_by": "p.dunno"}
    record = CallRecord.of("/data/calls.jsonl", 0, "hash-0", card(0, findings=[hold, again, dunno, repeat]))
    assert record.prohibited == 1 and [row[1] for row in record.findings] == ["phone.wait_after", "p.dunno"]
    assert len(json.loads(record.card)["findings"]) == 4
    store.save(record, SCORING, run)
    store.commit()
    [a001] = summarize(store, "staff", Scope(run_id=run))
    assert a001.prohibited == 1 and a001.top_missed == [("phone.wait_after", 1)]
