"""Scoring on Spark (local[2]) gives one machine's answers: the same calls scored by `phrasecheck batch`
and by `phrasecheck.spark` have equal scores, grades, findings and scorecards, in both table layouts."""

import csv
import json
import random
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from phrasecheck.batch.store import FINDING_COLUMNS
from phrasecheck.cli.app import app
from test_batch_support import make_call

pytest.importorskip("pyspark")
from phrasecheck.spark import LayoutError, RuleBundle, score_calls  # noqa: E402
from phrasecheck.config import Config  # noqa: E402

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
LEXICON = Path(__file__).parent / "data" / "engine_lexicon.toml"
CALL_COLUMNS = ("exchange_id", "content_hash", "staff_id", "date", "date_from", "channel", "script", "score", "grade",
                "prohibited", "version")


def corpus_calls(name: str, count: int) -> list[dict]:
    """The first dialogues of a shared corpus, with a staff id and a date (agents and customers, real text)."""
    path = CORPORA / name / "dialogues.jsonl"
    if not path.is_file():
        return []
    with path.open(encoding="utf-8") as lines:
        dialogues = [json.loads(next(lines)) for _ in range(count)]
    return [{"id": d["id"], "staff_id": f"W{number % 3}", "date": f"2024-05-{1 + number:02d}",
             "turns": [{"role": t["role"], "text": t["text"]} for t in d["turns"]]} for number, d in enumerate(dialogues)]


@pytest.fixture(scope="module")
def calls() -> list[dict]:
    rng = random.Random(18)
    return [make_call(number, rng) for number in range(24)] + corpus_calls("crosswoz", 8) + corpus_calls("stc3-weibo-helpdesk", 8)


@pytest.fixture(scope="module")
def logs(tmp_path_factory, calls):
    """The calls as a JSONL log (one record per call) and as a CSV log (one row per utterance, in order),
    plus a copy of the CSV with its rows shuffled and a 序号 column saying their order."""
    folder = tmp_path_factory.mktemp("spark")
    jsonl = folder / "calls.jsonl"
    jsonl.write_text("".join(json.dumps(call, ensure_ascii=False) + "\n" for call in calls), encoding="utf-8")
    rows = [[call["id"], number, turn["role"], turn["text"], call["staff_id"], call["date"]]
            for call in calls for number, turn in enumerate(call["turns"], 1)]
    header = ["通话ID", "序号", "角色", "内容", "坐席工号", "通话日期"]
    ordered, shuffled = folder / "calls.csv", folder / "shuffled.csv"
    for path, table in ((ordered, rows), (shuffled, random.Random(5).sample(rows, len(rows)))):
        with path.open("w", encoding="utf-8-sig", newline="") as stream:
            csv.writer(stream).writerows([header, *table])
    return {"jsonl": jsonl, "csv": ordered, "shuffled": shuffled, "folder": folder}


def local(path: Path, db: Path, *options) -> tuple[dict, dict, int]:
    """`phrasecheck batch` on one machine: calls by id, their finding rows by id, and the warnings stored."""
    result = CliRunner().invoke(app, ["batch", str(path), "--db", str(db), "--workers", "1", *map(str, options)])
    assert result.exit_code == 0, result.output
    store = sqlite3.connect(db)
    store.row_factory = sqlite3.Row
    found = {row["exchange_id"]: dict(row) for row in store.execute(f"SELECT {', '.join(CALL_COLUMNS)}, card FROM calls")}
    findings = {key: [] for key in found}
    quoted = ", ".join(f'f."{name}"' for name in FINDING_COLUMNS)
    for row in store.execute(f"SELECT c.exchange_id, {quoted} FROM findings f JOIN calls c ON c.id = f.call_id ORDER BY f.rowid"):
        findings[row[0]].append(tuple(row[1:]))
    warnings = store.execute("SELECT count(*) FROM errors WHERE level = 'warning'").fetchone()[0]
    return found, findings, warnings


def on_spark(results) -> tuple[dict, dict, int]:
    """The same from Spark's rows."""
    found = {row["exchange_id"]: row.asDict() for row in results.calls.collect()}
    findings = {key: [] for key in found}
    for row in results.findings.collect():
        findings[row["exchange_id"]].append(tuple(row[name] for name in FINDING_COLUMNS))
    warnings = sum(1 for row in results.problems.collect() if row["level"] == "warning")
    return found, findings, warnings


def card_without_lines(card: str) -> dict:
    """A scorecard as JSON, without the source lines (a table has none)."""
    parsed = json.loads(card)
    for part in ("turns", "warnings"):
        for item in parsed[part]:
            item.pop("line")
    return parsed


def assert_same(here: tuple, there: tuple) -> None:
    (calls, findings, warnings), (spark_calls, spark_findings, spark_warnings) = here, there
    assert sorted(spark_calls) == sorted(calls)
    for key, call in calls.items():
        assert {name: spark_calls[key][name] for name in CALL_COLUMNS} == {name: call[name] for name in CALL_COLUMNS}, key
        assert card_without_lines(spark_calls[key]["card"]) == card_without_lines(call["card"]), key
    assert spark_findings == findings
    assert spark_warnings == warnings


@pytest.fixture(scope="module")
def jsonl_local(logs):
    return local(logs["jsonl"], logs["folder"] / "jsonl.db")


@pytest.mark.skipif(not CORPORA.is_dir(), reason="shared/corpora not present")
def test_one_row_per_call_scores_as_on_one_machine(spark, logs, jsonl_local):
    results = score_calls(spark.read.json(str(logs["jsonl"])), source=str(logs["jsonl"]))
    assert_same(jsonl_local, on_spark(results))
    calls, findings, _ = jsonl_local
    grades = {call["grade"] for call in calls.values()}
    assert len(calls) == 40 and len(grades) >= 3 and any(kind == "prohibited" for rows in findings.values() for kind, *_ in rows)


@pytest.fixture(scope="module")
def csv_local(logs):
    return local(logs["csv"], logs["folder"] / "csv.db")


def test_one_row_per_utterance_scores_as_on_one_machine_in_any_row_order(spark, logs, csv_local):
    here = csv_local
    read = spark.read.csv(str(logs["shuffled"]), header=True, multiLine=True)
    assert_same(here, on_spark(score_calls(read, source=str(logs["csv"]), partitions=3)))


def test_extra_rules_reach_the_executors_and_every_row_names_their_version(spark, logs):
    calls, findings, _ = local(logs["jsonl"], logs["folder"] / "extra.db", "--lexicon", LEXICON)
    results = score_calls(spark.read.json(str(logs["jsonl"])), RuleBundle.of(Config(), [LEXICON]), source=str(logs["jsonl"]))
    spark_calls, spark_findings, _ = on_spark(results)
    version = next(iter(calls.values()))["version"]
    assert {row["version"] for row in results.findings.collect()} == {call["version"] for call in spark_calls.values()} == {version}
    assert any(rule == "p.notmine" for rows in spark_findings.values() for _, rule, *_ in rows)
    assert spark_findings == findings


def test_a_table_without_call_ids_is_refused_naming_it_and_its_columns(spark):
    frame = spark.createDataFrame([("坐席", "您好")], ["角色", "内容"])
    with pytest.raises(LayoutError, match=r"archive\.parquet: .*no call id column.*角色、内容"):
        score_calls(frame, source="archive.parquet")


def test_rows_without_text_or_call_id_are_reported_by_call_and_utterance(spark):
    frame = spark.createDataFrame([("c1", 1, "坐席", "您好，请讲。"), ("c1", 2, "市民", "  "), ("c1", 3, "坐席", "您慢走，再见。"),
                                   (None, 1, "坐席", "不知道。")], ["call_id", "turn", "role", "text"])
    results = score_calls(frame, source="day.parquet")
    problems = {(row["source"], row["message"], row["level"]) for row in results.problems.collect()}
    assert problems == {("day.parquet", "“c1”第 2 条发言没有文本，已跳过 / utterance 2 of “c1” has no text; skipped", "warning"),
                        ("day.parquet", "1 条发言没有通话 ID，已跳过 / 1 utterances without a call id; skipped", "error")}
    [call] = results.calls.collect()
    assert call["exchange_id"] == "c1" and [t["text"] for t in json.loads(call["card"])["turns"]] == ["您好，请讲。", "您慢走，再见。"]


@pytest.mark.skipif(not CORPORA.is_dir(), reason="shared/corpora not present")
def test_batch_on_spark_writes_parquet_that_report_summarises_as_the_local_store(spark, logs, csv_local):
    table, out = logs["folder"] / "calls.parquet", logs["folder"] / "results"
    spark.read.csv(str(logs["shuffled"]), header=True, multiLine=True).write.parquet(str(table))
    runner = CliRunner()
    result = runner.invoke(app, ["batch", "--engine", "spark", "--master", "local[2]", str(table), "--out", str(out)])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stderr.strip().splitlines()[-1])
    assert (summary["status"], summary["scored"], summary["errors"], summary["outputs"]) == ("done", 40, 0, [str(out)])
    assert sorted(path.name for path in out.iterdir()) == ["calls", "findings", "problems"]
    for by in ("staff", "rule", "month"):
        here = runner.invoke(app, ["report", "--db", str(logs["folder"] / "csv.db"), "--by", by])
        there = runner.invoke(app, ["report", "--db", str(out), "--by", by])
        assert there.exit_code == here.exit_code == 0 and there.stdout == here.stdout, by


def test_batch_on_spark_wants_one_input_and_one_results_folder(logs):
    result = CliRunner().invoke(app, ["batch", "--engine", "spark", str(logs["jsonl"]), "--out", str(logs["folder"] / "x.xlsx")])
    said = " ".join(result.output.replace("│", " ").split())
    assert result.exit_code == 2 and "one --out folder (Parquet)" in said
