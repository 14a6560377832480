"""Output files: CSV with BOM, XLSX sheets, JSONL lines, and atomic writes that never leave half a file."""

import csv
import json
import os

import pytest
from openpyxl import load_workbook

from phrasecheck.batch import writers
from phrasecheck.batch.store import CallRecord, Scope, Scoring, Store
from phrasecheck.batch.summary import grade_order, summarize, violations
from phrasecheck.batch.tables import Table, call_table, group_table, violation_table
from phrasecheck.batch.writers import atomic_file, output_format, write_csv, write_jsonl, write_xlsx

SCORING = Scoring("lex-1", "zh")


def card(number, staff, score, grade, said=None):
    findings = []
    if said:
        findings.append({"kind": "prohibited", "rule": "p.shirk", "category": "推诿", "turn": 0, "start": 2,
                         "end": 2 + len(said), "text": said, "match": "exact", "similarity": 1.0, "severity": "high",
                         "message": "推诿群众", "suggestion": "请稍等，我帮您问一下", "points": -10})
    return {"id": f"通话-{number}", "source": "三月/来电.jsonl", "staff_id": staff, "date": "2024-03-05",
            "channel": "phone", "script": "phone", "score": score, "grade": grade,
            "turns": [{"index": 0, "line": number + 1, "speaker": "坐席", "role": "staff", "text": f"这事{said or '好的'}，请讲"}],
            "findings": findings, "breakdown": [{"item": "courtesy", "max": 10, "earned": 10, "evidence": []}]}


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "results.db") as opened:
        run = opened.start_run(["三月"], SCORING, 1)
        rows = [("张三", 95.0, "优秀", None), ("张三", 55.5, "不合格", "不归我管"), ("李四", 82.0, "良好", "不归我管")]
        for number, (staff, score, grade, said) in enumerate(rows):
            opened.save(CallRecord.of("/data/三月/来电.jsonl", number, f"h{number}", card(number, staff, score, grade, said)),
                        SCORING, run)
        opened.commit()
        opened.run_id = run
        yield opened


def test_csv_has_a_bom_and_chinese_reads_back_intact(store, tmp_path):
    path = tmp_path / "calls.csv"
    write_csv(path, call_table(store, Scope(run_id=store.run_id)))
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with open(path, encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [row["工号"] for row in rows] == ["张三", "张三", "李四"]
    assert rows[1]["通话编号"] == "通话-1" and rows[1]["来源"] == "三月/来电.jsonl"
    assert rows[1]["得分"] == "55.5" and rows[0]["得分"] == "95" and rows[1]["禁用语"] == "不归我管"


def test_xlsx_has_the_three_sheets_in_chinese_or_english(store, tmp_path):
    scope = Scope(run_id=store.run_id)
    for lang, names in (("zh", ["通话明细", "坐席汇总", "高频违规"]), ("en", ["Calls", "Staff summary", "Top violations"])):
        path = tmp_path / f"batch-{lang}.xlsx"
        staff = group_table(summarize(store, "staff", scope), "staff", grade_order(store, scope), lang)
        write_xlsx(path, [call_table(store, scope, lang), staff, violation_table(violations(store, scope), lang)])
        book = load_workbook(path, read_only=True)
        assert book.sheetnames == names
        sheets = [list(book[name].values) for name in names]
        assert len(sheets[0]) == 4 and sheets[0][2][2] == "张三" and sheets[0][2][8] == 55.5
        assert [row[0] for row in sheets[1][1:]] == ["张三", "李四"]
        assert sheets[2][1][2] == "p.shirk" and sheets[2][1][5] == 2 and "不归我管" in sheets[2][1][8]
    english = list(load_workbook(tmp_path / "batch-en.xlsx", read_only=True)["Staff summary"].values)
    assert english[0][:4] == ("staff id", "calls", "mean", "median") and "excellent" in english[0]


def test_xlsx_cells_drop_control_characters_and_long_tables_go_on_another_sheet(tmp_path, monkeypatch):
    monkeypatch.setattr(writers, "XLSX_MAX_ROWS", 3)
    path = tmp_path / "long.xlsx"
    write_xlsx(path, [Table("通话明细", ["文本"], [[f"第{n}行\x0b"] for n in range(5)])])
    book = load_workbook(path, read_only=True)
    assert book.sheetnames == ["通话明细", "通话明细 (2)", "通话明细 (3)"]
    assert [row[0] for row in book["通话明细 (2)"].values] == ["文本", "第2行", "第3行"]


def test_jsonl_lines_are_valid_score_v1_exchanges(store, tmp_path):
    path = tmp_path / "calls.jsonl"
    write_jsonl(path, (row["card"] for row in store.calls(Scope(run_id=store.run_id))))
    lines = path.read_text(encoding="utf-8").splitlines()
    exchanges = [json.loads(line) for line in lines]
    assert [e["id"] for e in exchanges] == ["通话-0", "通话-1", "通话-2"]
    for exchange in exchanges:
        assert {"id", "source", "channel", "script", "score", "grade", "turns", "findings", "breakdown"} <= set(exchange)


class Boom(Exception):
    pass


def failing_rows():
    yield ["一", 1]
    raise Boom


def test_a_failed_write_keeps_the_old_file_and_leaves_nothing_behind(tmp_path):
    path = tmp_path / "calls.csv"
    path.write_text("旧内容\n", encoding="utf-8")
    with pytest.raises(Boom):
        write_csv(path, Table("t", ["列"], failing_rows()))
    assert path.read_text(encoding="utf-8") == "旧内容\n"
    assert os.listdir(tmp_path) == ["calls.csv"]


def test_a_failed_first_write_leaves_no_file_at_all(tmp_path):
    for name, write in (("new.jsonl", lambda p: write_jsonl(p, (row[0] for row in failing_rows()))),
                        ("new.xlsx", lambda p: write_xlsx(p, [Table("t", ["列"], failing_rows())]))):
        with pytest.raises(Boom):
            write(tmp_path / name)
    assert os.listdir(tmp_path) == []


def test_an_interrupted_write_never_shows_under_the_final_name(tmp_path):
    path = tmp_path / "report.html"
    with atomic_file(path, "w", encoding="utf-8") as stream:
        stream.write("<html>")
        assert not path.exists()
        assert [name.startswith(".report.html.") and name.endswith(".tmp") for name in os.listdir(tmp_path)] == [True]
    assert path.read_text(encoding="utf-8") == "<html>"
    assert oct(path.stat().st_mode & 0o777) != oct(0o600)


def test_output_format_comes_from_the_extension():
    assert output_format("a/月报.XLSX") == "xlsx" and output_format("x.csv") == "csv" and output_format("x.jsonl") == "jsonl"
    with pytest.raises(ValueError, match="不支持的输出格式"):
        output_format("x.txt")
    with pytest.raises(ValueError):
        output_format("x.jsonl", ("csv", "xlsx"))
