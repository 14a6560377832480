"""Office files in: .docx drafts for check and fix (a fixed .docx keeps its formatting), .xlsx call
logs for score, show and batch; a bad office file is an error naming it, and the others are read."""

import datetime
import json
import docx
import openpyxl
from typer.testing import CliRunner

from phrasecheck.cli.app import app
from test_batch_support import run_cli

RUNNER = CliRunner()


def invoke(*args):
    return RUNNER.invoke(app, [str(a) for a in args])


def make_draft(path):
    document = docx.Document()
    document.add_heading("接待用语草稿", 1)
    paragraph = document.add_paragraph()
    paragraph.add_run("您好！").bold = True
    paragraph.add_run("这事不归我管，")
    paragraph.add_run("你问别人去吧。").italic = True
    document.add_paragraph("没看我正忙着吗？")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "快点，我要下班了，明天再来吧。"
    table.cell(0, 1).text = "请坐。"
    document.save(path)
    return path


def test_check_reads_a_docx_one_paragraph_a_line_table_cells_included(tmp_path):
    path = make_draft(tmp_path / "draft.docx")
    result = invoke("check", path, "--format", "json")
    assert result.exit_code == 1
    found = [(f["line"], f["column"], f["rule"]) for f in json.loads(result.output)["findings"] if f["kind"] == "prohibited"]
    assert found == [(2, 4, "prohibited.shirk.not-my-business"), (3, 1, "prohibited.impatient.cant-you-see-busy"),
                     (4, 1, "prohibited.impatient.going-off-duty"), (4, 6, "prohibited.curt.closed-come-tomorrow")]


def test_fix_write_rewrites_a_docx_within_its_runs(tmp_path):
    path = make_draft(tmp_path / "draft.docx")
    result = invoke("fix", "--write", path)
    assert result.exit_code == 0, result.output
    assert "已替换 3 处（1 个文件）" in result.stderr
    document = docx.Document(str(path))
    runs = [(run.text, run.bold) for run in document.paragraphs[1].runs if run.text]
    assert runs == [("您好！", True), ("请稍等，我帮您问一下别的同志。", None)]
    assert document.paragraphs[0].style.name == "Heading 1"
    assert [p.text for p in document.paragraphs] == ["接待用语草稿", "您好！请稍等，我帮您问一下别的同志。", "请您稍等。"]
    assert [c.text for c in document.tables[0].rows[0].cells] == ["我马上给您办手续。", "请坐。"]
    assert invoke("fix", path).exit_code == 0
    assert all(f["kind"] != "prohibited" for f in json.loads(invoke("check", path, "--format", "json").output)["findings"])


def test_fix_without_write_shows_a_diff_and_leaves_the_docx(tmp_path):
    path = make_draft(tmp_path / "draft.docx")
    before = path.read_bytes()
    result = invoke("fix", path)
    assert result.exit_code == 1 and "+请您稍等。" in result.stdout and "-没看我正忙着吗？" in result.stdout
    assert path.read_bytes() == before


def test_a_bad_docx_is_an_error_naming_it_and_the_others_are_checked(tmp_path):
    bad, good = tmp_path / "broken.docx", make_draft(tmp_path / "draft.docx")
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    result = invoke("check", bad, good)
    assert result.exit_code == 2
    assert f"{bad}: 不是有效的 Office 文件" in result.output and f"{good}:2:4:" in result.output
    fixed = invoke("fix", bad)
    assert fixed.exit_code == 2 and str(bad) in fixed.stderr


def make_call_log(path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["通话编号", "日期", "角色", "内容"])
    rows = [("c1", "工作人员", "喂，您好，这里是幸福社区居委会，请问有什么可以帮您？"), ("c1", "居民", "我想问一下居住证怎么办。"),
            ("c1", "工作人员", "不知道，你问别人去吧。"), ("c1", "居民", "好吧。"),
            ("c2", "工作人员", "您好，这里是幸福社区，请讲。"), ("c2", "居民", "请问王主任在吗？"),
            ("c2", "工作人员", "对不起，王主任不在，请您留下电话号码，让她给您回话。"), ("c2", "居民", "好的，谢谢。"),
            ("c2", "工作人员", "不客气，再见。")]
    for call, role, text in rows:
        sheet.append([call, datetime.datetime(2024, 3, 5, 9, 30), role, text])
    workbook.save(path)
    return path


def test_score_and_show_read_an_xlsx_call_log(tmp_path):
    path = make_call_log(tmp_path / "calls.xlsx")
    document = json.loads(invoke("score", path, "--format", "json").output)
    assert [(e["id"], e["channel"]) for e in document["exchanges"]] == [("c1", "phone"), ("c2", "phone")]
    first = document["exchanges"][0]
    assert [t["line"] for t in first["turns"]] == [2, 3, 4, 5]
    assert any(f["kind"] == "prohibited" and f["text"].startswith("不知道") for f in first["findings"])
    shown = invoke("show", path, "--format", "json")
    assert shown.exit_code == 0 and "2024-03-05" in shown.output


def test_batch_reports_a_bad_workbook_and_scores_the_rest(tmp_path):
    logs = tmp_path / "logs"
    logs.mkdir()
    make_call_log(logs / "calls.xlsx")
    (logs / "broken.xlsx").write_bytes(b"not a zip")
    table = tmp_path / "calls.csv"
    result = run_cli("batch", str(logs), "--db", str(tmp_path / "r.db"), "--out", str(table), "--workers", "1")
    assert result.returncode == 1, result.stderr
    assert "broken.xlsx: 不是有效的 Office 文件" in result.stderr
    assert [line.split(",")[1] for line in table.read_text(encoding="utf-8-sig").splitlines()[1:]] == ["c1", "c2"]
