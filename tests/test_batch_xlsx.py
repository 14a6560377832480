"""The XLSX outputs open ready to read: fitted widths, wrapped cells, real dates, filter, frozen header,
grade colours, a column for every grade whatever the month, and Chinese (or English) labels for codes."""

from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from phrasecheck.batch import writers
from phrasecheck.batch.tables import Table
from phrasecheck.batch.writers import display_width, write_xlsx
from phrasecheck.cli.app import app
from test_batch_support import write_logs

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
GRADES = ["优秀", "良好", "合格", "不合格", "不适用"]


def run(*args):
    result = CliRunner().invoke(app, list(map(str, args)))
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    """A batch of generated calls and the bundled role-play (an insult-free 不合格 with a long scorecard),
    written in Chinese and English, and a report by month."""
    folder = tmp_path_factory.mktemp("xlsx")
    write_logs(folder / "logs", 40, 10)
    db = folder / "r.db"
    run("batch", folder / "logs", EXAMPLES / "roleplay.txt", "--db", db, "--workers", 1, "--out", folder / "zh.xlsx")
    run("report", "--db", db, "--by", "month", "--out", folder / "month.xlsx")
    run("report", "--db", db, "--by", "channel", "--out", folder / "channel-en.xlsx", "--lang", "en")
    run("batch", folder / "logs", "--db", folder / "en.db", "--workers", 1, "--out", folder / "en.xlsx", "--lang", "en")
    return {name: load_workbook(folder / f"{name}.xlsx") for name in ("zh", "en", "month", "channel-en")}


def columns(sheet):
    return {cell.value: cell.column_letter for cell in sheet[1]}


def test_every_sheet_has_a_frozen_filtered_header(books):
    for book in books.values():
        for sheet in book.worksheets:
            assert sheet.freeze_panes == "A2"
            last = sheet.cell(1, sheet.max_column).column_letter
            assert sheet.auto_filter.ref == f"A1:{last}{sheet.max_row}"
            assert all(cell.font.b for cell in sheet[1])


def test_columns_are_as_wide_as_their_text_counting_chinese_double(books):
    sheet = books["zh"]["通话明细"]
    for letter, width in ((cell.column_letter, sheet.column_dimensions[cell.column_letter].width) for cell in sheet[1]):
        longest = max([display_width(str(cell.value)) for cell in sheet[letter][1:] if cell.value is not None
                       and not isinstance(cell.value, datetime)], default=0)
        wrapped = all(cell.alignment.wrap_text for cell in sheet[letter][1:] if isinstance(cell.value, str)
                      and display_width(cell.value) > width)
        assert width >= min(longest, writers._MAX_WIDTH) and wrapped, (sheet[f"{letter}1"].value, width, longest)
    named = columns(sheet)
    missed = sheet.column_dimensions[named["缺失项"]].width
    assert missed > 2 * len("迎声：接听问候")  # Chinese text is given two columns a character, not one
    assert display_width("迎声：接听问候") == 14 and display_width("call-00001") == 10


def test_multi_line_cells_wrap_and_their_rows_grow(books):
    sheet = books["zh"]["高频违规"]
    examples = columns(sheet)["示例"]
    cells = [cell for cell in sheet[examples][1:] if "\n" in (cell.value or "")]
    assert cells
    for cell in cells:
        assert cell.alignment.wrap_text
        assert sheet.row_dimensions[cell.row].height >= 15 * (cell.value.count("\n") + 1)


def test_dates_are_dates(books):
    sheet = books["zh"]["通话明细"]
    cells = sheet[columns(sheet)["日期"]][1:]
    assert all(isinstance(cell.value, datetime) and cell.number_format == "yyyy-mm-dd" for cell in cells)
    months = books["month"]["按月份"]["A"][1:]
    assert [(cell.value, cell.number_format) for cell in months[:2]] == [(datetime(2024, 1, 1), "yyyy-mm"),
                                                                       (datetime(2024, 2, 1), "yyyy-mm")]


def fills(sheet, letter):
    """The fill colour of each grade in the conditional formats of a column."""
    found = {}
    for formats in sheet.conditional_formatting:
        if str(formats.sqref).startswith(f"{letter}2:"):
            for rule in formats.rules:
                found[rule.formula[0].strip('"')] = rule.dxf.fill.fgColor.rgb[-6:]
    return found


def test_grades_are_coloured_failing_red_best_green(books):
    sheet = books["zh"]["通话明细"]
    colours = fills(sheet, columns(sheet)["等级"])
    assert colours["不合格"] == "FFC7CE" and colours["优秀"] == "C6EFCE" and set(colours) == set(GRADES)
    grades = {cell.value for cell in sheet[columns(sheet)["等级"]][1:]}
    assert "不合格" in grades and grades <= set(colours)
    english = books["en"]["Calls"]
    assert set(fills(english, columns(english)["grade"])) == {"excellent", "good", "pass", "fail", "N/A"}
    staff = books["zh"]["坐席汇总"]
    assert staff[f"{columns(staff)['不合格']}1"].fill.fgColor.rgb[-6:] == "FFC7CE"


def test_every_grade_has_a_column_whichever_grades_occur(books, tmp_path):
    """A month with only 不合格 calls and one with only 优秀 ones give the same columns."""
    (tmp_path / "good").mkdir()
    (tmp_path / "good" / "visit.txt").write_text("居民：你好，我想办居住证。\n工作人员：您好，请坐，请问有什么可以帮您？"
                                                 "居住证在一楼三号窗口办理，请带好身份证。\n居民：好的，谢谢。\n"
                                                 "工作人员：不客气，您慢走，再见。\n", encoding="utf-8")
    headers = []
    for name, source in (("good", tmp_path / "good"), ("bad", EXAMPLES / "roleplay.txt")):
        run("batch", source, "--db", tmp_path / f"{name}.db", "--workers", 1, "--out", tmp_path / f"{name}.xlsx")
        sheet = load_workbook(tmp_path / f"{name}.xlsx")["坐席汇总"]
        headers.append([cell.value for cell in sheet[1]])
    assert headers[0] == headers[1] and headers[0][5:10] == GRADES  # after calls, mean, median, reviewed mean
    for book in (books["zh"], books["month"]):
        sheet = book.worksheets[1] if book is books["zh"] else book.worksheets[0]
        assert [cell.value for cell in sheet[1]][5:10] == GRADES  # after calls, mean, median, reviewed mean


def test_codes_are_shown_as_words_in_the_sheets_language(books):
    calls = books["zh"]["通话明细"]
    named = columns(calls)
    rows = list(calls.iter_rows(min_row=2, values_only=True))
    channels = {row[list(named).index("渠道")] for row in rows}
    scripts = {row[list(named).index("话术")] for row in rows}
    assert channels == {"电话", "窗口接待"} and scripts == {"电话接听标准话术", "窗口接待标准话术"}
    kinds = {row[1] for row in books["zh"]["高频违规"].iter_rows(min_row=2, values_only=True)}
    assert kinds == {"禁用语", "不当用语"}
    english = books["en"]["Calls"]
    row = next(english.iter_rows(min_row=2, values_only=True))
    assert row[list(columns(english)).index("channel")] == "phone" and "Telephone" in row[list(columns(english)).index("script")]
    assert {row[1] for row in books["en"]["Top violations"].iter_rows(min_row=2, values_only=True)} <= {"Prohibited", "Informal wording"}
    assert [row[0] for row in books["channel-en"].worksheets[0].iter_rows(min_row=2, values_only=True)] == ["phone", "reception"]


def test_violations_are_ranked_by_severity_then_count(books):
    rows = list(books["zh"]["高频违规"].iter_rows(min_row=2, values_only=True))
    order = {"一票否决": 4, "严重": 3, "一般": 2, "轻微": 1}
    ranked = [(-order[row[4]], -row[5]) for row in rows]
    assert ranked == sorted(ranked)
    informal = next(row for row in rows if row[1] == "不当用语")  # 你 for 您: among the most frequent, and mild
    assert any(row[0] < informal[0] and row[5] < informal[5] for row in rows)


def test_widths_come_from_the_first_rows_and_later_long_cells_wrap(tmp_path, monkeypatch):
    """A streamed sheet fixes its widths from a bounded sample; a longer cell after it is wrapped, not cut."""
    monkeypatch.setattr(writers, "XLSX_SAMPLE_ROWS", 2)
    rows = [["短"], ["短句"], ["这是一句在样本之后才出现的很长很长很长很长很长很长很长很长的话"]]
    write_xlsx(tmp_path / "t.xlsx", [Table("表", ["文本"], rows)])
    sheet = load_workbook(tmp_path / "t.xlsx")["表"]
    assert sheet.column_dimensions["A"].width == writers._MIN_WIDTH
    assert sheet["A4"].alignment.wrap_text and not sheet["A2"].alignment.wrap_text
    assert sheet.row_dimensions[4].height > 15


def test_the_inputs_problems_have_a_sheet_of_their_own(tmp_path):
    """Managers get the workbook, not the terminal: an empty file and a broken one are listed with file, line and
    why (an outside trial's supervisor found them in neither the XLSX nor the CSV), beside the calls scored."""
    logs = tmp_path / "logs"
    write_logs(logs, 3, 3)
    (logs / "empty.txt").write_text("", encoding="utf-8")
    (logs / "broken.json").write_text('{"Sentences": [{"Text": "您好', encoding="utf-8")
    result = CliRunner().invoke(app, ["batch", str(logs), "--db", str(tmp_path / "r.db"), "--workers", "1",
                                      "--out", str(tmp_path / "m.xlsx")])
    assert result.exit_code == 1, result.output      # an error in the batch, the rest scored
    book = load_workbook(tmp_path / "m.xlsx")
    assert book.sheetnames[-1] == "输入问题" and len(list(book["通话明细"].iter_rows())) > 1
    rows = {Path(row[0]).name: row[1:] for row in book["输入问题"].iter_rows(min_row=2, values_only=True)}
    assert rows["empty.txt"][:2] == (None, "警告") and "文件为空" in rows["empty.txt"][2]
    assert rows["broken.json"][:2] == (1, "错误") and "JSON" in rows["broken.json"][2]
    assert set(rows) == {"empty.txt", "broken.json"}   # not the roles guessed for every other call
    sources = [row[0] for row in book["输入问题"].iter_rows(min_row=2, values_only=True)]
    assert sources == sorted(sources)   # by file and line, whatever order the workers finished in (an outside trial)
