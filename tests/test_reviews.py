"""Human review: the audit trail, reviewed scores, re-scoring, rule quality, and the store's migration to version 3."""

import sqlite3
import threading

import pytest

from phrasecheck.batch.reviews import Action, ReviewError, finding_key, record, refresh, scripts_bands, trail
from phrasecheck.batch.store import SCHEMA_VERSION, CallRecord, Scoring, Store
from phrasecheck.scoring.grade import DEFAULT_BANDS

SCORING = Scoring("lex-1", "zh")
PATH = "/data/calls.jsonl"


def bands(_script):
    return DEFAULT_BANDS


def card(score=65.0, grade="合格", findings=None):
    findings = findings if findings is not None else [
        {"kind": "prohibited", "rule": "p.shirk", "category": "推诿", "turn": 1, "start": 3, "end": 8, "text": "这事不归我",
         "severity": "high", "message": "推诿", "points": -15},
        {"kind": "missing", "rule": "farewell", "category": "送声", "turn": 1, "start": 14, "end": 14, "text": "",
         "severity": None, "message": "未道别", "points": -10},
        {"kind": "courtesy", "rule": "c.hello", "category": "问候", "turn": 1, "start": 0, "end": 2, "text": "您好",
         "severity": "info", "message": "", "points": 0},
    ]
    return {"id": "call-0", "source": "calls.jsonl", "staff_id": "A001", "date": "2024-03-05", "channel": "phone",
            "script": "phone", "score": score, "grade": grade,
            "turns": [{"index": 0, "line": 1, "speaker": "市民", "role": "resident", "text": "灯坏了"},
                      {"index": 1, "line": 2, "speaker": "坐席", "role": "staff", "text": "您好，这事不归我管，你问别人去"}],
            "findings": findings, "breakdown": []}


def store_call(store, run, **fields):
    store.save(CallRecord.of(PATH, 0, "hash", card(**fields)), SCORING, run)
    store.commit()


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "results.db") as opened:
        store_call(opened, opened.start_run(["calls.jsonl"], SCORING, 1))
        yield opened


def test_rejecting_a_finding_gives_its_points_back_and_the_grade_follows(store):
    key = finding_key(card()["findings"][0])
    result = record(store, PATH, 0, Action("reject", "王组长", "说的是别的部门的规定", finding=key), bands)
    assert (result.score, result.grade) == (80.0, "良好")
    assert tuple(store.db.execute("SELECT score, grade, reviews, reviewer, changed FROM reviewed").fetchone()) == (
        80.0, "良好", 1, "王组长", 0)


def test_the_latest_decision_on_a_finding_counts_and_the_trail_keeps_both(store):
    key = finding_key(card()["findings"][0])
    record(store, PATH, 0, Action("reject", "王", "误报", finding=key), bands)
    result = record(store, PATH, 0, Action("confirm", "李", finding=key), bands)
    assert (result.score, result.grade) == (65.0, "合格")
    assert [(a.action, a.reviewer, a.rule, a.text) for a in trail(store, PATH, 0)] == [
        ("reject", "王", "p.shirk", "这事不归我"), ("confirm", "李", "p.shirk", "这事不归我")]


def test_an_added_finding_costs_its_points_and_keeps_the_span_it_names(store):
    result = record(store, PATH, 0, Action("add", "王", "漏报：推脱", rule="p.shirk", turn=1, start=10, end=15, points=10),
                    bands)
    assert result.score == 55.0 and result.grade == "不合格"
    assert trail(store, PATH, 0)[0].text == "你问别人去"


def test_an_override_sets_score_and_grade_and_wins_over_other_actions(store):
    record(store, PATH, 0, Action("override", "王", "录音显示已道别", score=88), bands)
    assert tuple(store.db.execute("SELECT score, grade FROM reviewed").fetchone()) == (88.0, "良好")
    result = record(store, PATH, 0, Action("override", "李", "态度问题严重", grade="不合格"), bands)
    assert (result.score, result.grade) == (88.0, "不合格")


@pytest.mark.parametrize("action, message", [
    (Action("reject", "王", "", finding="prohibited:p.shirk:1:3:8"), "理由"),
    (Action("reject", "王", "误报", finding="prohibited:p.other:1:0:2"), "没有这条结果"),
    (Action("reject", "王", "误报", finding="courtesy:c.hello:1:0:2"), "没有这条结果"),
    (Action("add", "王", "漏报", rule="p.shirk", turn=5, start=0, end=1, points=5), "没有这一句"),
    (Action("add", "王", "漏报", rule="p.shirk", turn=1, start=10, end=99, points=5), "范围"),
    (Action("add", "王", "漏报", rule="", turn=1, start=0, end=1, points=5), "规则"),
    (Action("override", "王", "复核", score=130), "分数"),
    (Action("override", "王", "复核", grade="特优"), "等级"),
    (Action("override", " ", "复核", score=80), "复核人"),
    (Action("delete", "王", "复核"), "未知操作"),
])
def test_a_review_that_does_not_fit_the_call_is_refused_and_nothing_is_written(store, action, message):
    with pytest.raises(ReviewError, match=message):
        record(store, PATH, 0, action, bands)
    assert store.db.execute("SELECT count(*) FROM reviews").fetchone()[0] == 0
    assert not store.db.in_transaction


def test_rescoring_keeps_reviews_and_flags_a_call_whose_machine_result_changed(store):
    key = finding_key(card()["findings"][0])
    record(store, PATH, 0, Action("reject", "王", "误报", finding=key), bands)
    second = store.start_run(["calls.jsonl"], Scoring("lex-2", "zh"), 1)
    store.save(CallRecord.of(PATH, 0, "hash", card(score=80.0, grade="良好", findings=[])), Scoring("lex-2", "zh"), second)
    store.commit()
    assert refresh(store, second, bands) == 1
    assert tuple(store.db.execute("SELECT score, grade, changed FROM reviewed").fetchone()) == (80.0, "良好", 1)
    assert len(trail(store, PATH, 0)) == 1  # the trail is kept whole; the rejected finding is simply gone


def test_a_missed_finding_the_machine_catches_after_a_rule_change_is_charged_once(store):
    """A reviewer adds 你问别人去 as missed (−10); a new rule then finds the same words (−10 by the machine):
    the words cost 10, not 20, and the addition stays in the trail as covered."""
    first = card(findings=[])
    store.save(CallRecord.of(PATH, 0, "hash", {**first, "score": 85.0}), SCORING, store.start_run(["calls.jsonl"], SCORING, 1))
    store.commit()
    added = record(store, PATH, 0, Action("add", "王", "漏报：推脱", rule="p.shirk", turn=1, start=10, end=15, points=10), bands)
    assert added.score == 75.0 and added.covered == []
    caught = {"kind": "prohibited", "rule": "p.shirk-new", "category": "推诿", "turn": 1, "start": 8, "end": 15,
              "text": "你问别人去", "severity": "high", "message": "推诿", "points": -10}
    rescored = store.start_run(["calls.jsonl"], Scoring("lex-2", "zh"), 1)
    store.save(CallRecord.of(PATH, 0, "hash", card(score=75.0, findings=[caught])), Scoring("lex-2", "zh"), rescored)
    store.commit()
    refresh(store, rescored, bands)
    after = record(store, PATH, 0, Action("confirm", "李", finding=finding_key(caught)), bands)
    assert after.score == 75.0 and [a.text for a in after.covered] == ["你问别人去"]


def test_the_bands_of_the_call_script_grade_the_reviewed_score(store):
    """The phone script caps a call with a high-severity prohibited expression at 合格, whatever its score."""
    from phrasecheck.scoring.scripts import load_scripts

    phone = scripts_bands(load_scripts())
    assert record(store, PATH, 0, Action("override", "王", "复核", score=85), phone).grade == "合格"
    key = finding_key(card()["findings"][0])
    assert record(store, PATH, 0, Action("reject", "王", "误报", finding=key), phone).grade == "良好"


def test_parallel_reviewers_lose_nothing(tmp_path):
    path = tmp_path / "results.db"
    with Store(path) as first:
        store_call(first, first.start_run(["calls.jsonl"], SCORING, 1))

    def review(number):
        with Store(path) as own:
            for round_ in range(5):
                record(own, PATH, 0, Action("add", f"reviewer-{number}", f"漏报 {round_}", rule="p.x", turn=1, start=0,
                                            end=2, points=1), bands)

    threads = [threading.Thread(target=review, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with Store(path) as after:
        assert after.db.execute("SELECT count(*) FROM reviews").fetchone()[0] == 20
        assert tuple(after.db.execute("SELECT score, reviews FROM reviewed").fetchone()) == (45.0, 20)


def test_a_version_2_store_gains_the_review_tables_keeping_its_calls(tmp_path):
    path = tmp_path / "v2.db"
    with Store(path) as made:
        store_call(made, made.start_run(["calls.jsonl"], SCORING, 1))
    db = sqlite3.connect(path)
    db.executescript("DROP TABLE reviews; DROP TABLE reviewed; DROP INDEX calls_grade; PRAGMA user_version = 2;")
    db.close()
    with Store(path, create=False) as read_only:  # report on an old store: migrated in memory only
        assert read_only.db.execute("SELECT count(*) FROM reviewed").fetchone()[0] == 0
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 2
    with Store(path) as migrated:
        assert migrated.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert migrated.db.execute("SELECT count(*) FROM calls").fetchone()[0] == 1
        record(migrated, PATH, 0, Action("override", "王", "复核", score=70), bands)


def test_report_by_rule_shows_what_reviewers_said_with_the_false_alarms_and_their_reasons(store):
    from phrasecheck.batch.store import Scope
    from phrasecheck.batch.tables import report_table

    key = finding_key(card()["findings"][0])
    record(store, PATH, 0, Action("reject", "王", "说的是别的部门的规定", finding=key), bands)
    table = report_table(store, "rule", Scope())
    row = dict(zip(table.headers, next(r for r in table.rows if r[1] == "p.shirk")))
    assert (row["确认"], row["误报"], row["准确率"]) == (0, 1, 0.0)
    assert row["误报示例（原因）"] == "“这事不归我”（说的是别的部门的规定）"


def test_rejecting_prohibited_findings_lifts_the_over_limit_cap():
    """Four prohibited expressions used the item up (不合格, over_limit); a reviewer rejecting three of
    them gives their points back, and the grade follows the score and the one left again (an independent review)."""
    from phrasecheck.batch.reviews import review_result
    from phrasecheck.scoring import Scorer, load_scripts, scorecard_json
    from phrasecheck.transcripts import read_text_exchange

    visit = ("工作人员：您好，请坐，请问您办什么？\n居民：我来开个证明。\n工作人员：别啰嗦，快点讲。\n居民：就是开证明。\n"
             "工作人员：这是规定，你懂不懂？\n居民：好吧。\n工作人员：我要下班了，你快点。\n居民：好。\n"
             "工作人员：墙上都贴着呢，自己看。\n居民：好的。\n工作人员：您慢走，再见。\n")
    [exchange], _ = read_text_exchange(visit, "visit.txt")
    card = scorecard_json(Scorer.default().score(exchange), None)
    assert (card["grade"], card["capped_by"]) == ("不合格", "over_limit")
    prohibited = [f for f in card["findings"] if f["kind"] == "prohibited"]
    kept = min(prohibited, key=lambda f: -f["points"])  # the cheapest stays
    actions = [Action("reject", "王", "误报", finding=finding_key(f)) for f in prohibited if f is not kept]
    result = review_result(card, actions, load_scripts()["reception"].bands)
    assert kept["severity"] == "medium"  # the one left caps the grade at 良好 (caps.medium), no longer at 不合格
    assert result.score >= 90 and result.grade == "良好"


def test_rejecting_a_missed_reply_lifts_its_cap():
    """An hour's queue not apologised for leaves the visit 良好 (caps.missed_reply); a reviewer who hears the apology on
    the recording (rejects the missing reply) gives the points back and the grade is 优秀 again."""
    from phrasecheck.batch.reviews import review_result
    from phrasecheck.scoring import Scorer, load_scripts, scorecard_json
    from phrasecheck.transcripts import read_text_exchange
    from test_scoring import QUEUED

    [visit], _ = read_text_exchange(QUEUED.format(apology="", reply=""), "w04.txt")
    card = scorecard_json(Scorer.default().score(visit), None)
    assert (card["score"], card["grade"], card["capped_by"]) == (92, "良好", "missed_reply")
    [missed] = [f for f in card["findings"] if f["kind"] == "missing" and f["points"]]
    bands = load_scripts()["reception"].bands
    assert review_result(card, [Action("confirm", "王", "确实未致歉", finding=finding_key(missed))], bands).grade == "良好"
    lifted = review_result(card, [Action("reject", "王", "录音里道了歉", finding=finding_key(missed))], bands)
    assert (lifted.score, lifted.grade) == (100, "优秀")
    stored_before = {**card, "findings": [{k: v for k, v in f.items() if k != "owed"} for f in card["findings"]]}
    other = [Action("add", "王", "漏报：用语生硬", rule="p.curt", turn=3, start=0, end=2, points=1)]
    assert review_result(card, other, bands).grade == "良好"   # a finding added (91 points): the reply's cap stays
    # a card stored before findings said what they owe was graded without this cap: a review grades it so
    assert review_result(stored_before, other, bands).grade == "优秀"


def test_rejecting_a_missed_step_lifts_its_cap():
    """A call that never named the office is capped at 良好; a reviewer who finds the office was named after all
    (rejects the missing step) gives the points back, and the grade is 优秀 again."""
    from phrasecheck.batch.reviews import review_result
    from phrasecheck.scoring import Scorer, load_scripts, scorecard_json
    from phrasecheck.transcripts import read_text_exchange
    from test_scoring import UNNAMED_OFFICE

    [call], _ = read_text_exchange(UNNAMED_OFFICE, "c05.txt")
    card = scorecard_json(Scorer.default().score(call), None)
    assert (card["grade"], card["capped_by"]) == ("良好", "missed_step")
    [missed] = [f for f in card["findings"] if f["kind"] == "missing"]
    bands = load_scripts()["phone"].bands
    assert review_result(card, [Action("confirm", "王", "确实未报", finding=finding_key(missed))], bands).grade == "良好"
    lifted = review_result(card, [Action("reject", "王", "录音里报了单位", finding=finding_key(missed))], bands)
    assert (lifted.score, lifted.grade) == (100, "优秀")
    overridden = review_result(card, [Action("override", "王", "复听录音，服务到位", score=95)], bands)
    assert (overridden.score, overridden.grade) == (95, "优秀")  # the reviewer's points replace the machine's steps


def test_a_whole_score_written_as_an_integer_is_the_same_machine_result():
    """score-v1 now writes 100 where it wrote 100.0: a reviewed call is not sent back for review for that."""
    from phrasecheck.batch.reviews import fingerprint

    card = {"score": 100.0, "grade": "优秀", "findings": []}
    assert fingerprint(card) == fingerprint(card | {"score": 100})
