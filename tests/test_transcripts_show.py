"""``phrasecheck show``."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from phrasecheck.cli.show import register

FIXTURES = Path(__file__).parent / "fixtures" / "transcripts"
app = typer.Typer()


@app.callback()
def _root() -> None:
    """Test application."""


register(app)


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(app, ["show", *args], input=stdin)


def test_table_shows_turns_lines_speakers_roles_and_warnings():
    result = run(str(FIXTURES / "unknown_speakers.txt"))
    assert result.exit_code == 0, result.output
    for expected in ("unknown_speakers.txt", "小王", "老郑", "工作人员/staff", "推断/inferred", "您好，这里是幸福里社区居委会", "警告/warning"):
        assert expected in result.output


def test_a_first_line_read_as_the_title_is_shown(tmp_path):
    """A bracketed line before the first labelled turn is the conversation's title (it may name who is who); the table shows it,
    so no line of the file is out of sight."""
    path = tmp_path / "roleplay.txt"
    path.write_text("【社区接待演练一】\n工作人员：您好，请坐。\n居民：我来办居住证。\n", encoding="utf-8")
    result = run(str(path))
    assert result.exit_code == 0, result.output
    assert "标题/title 【社区接待演练一】" in result.output


def test_error_diagnostic_exits_1_and_is_printed():
    result = run(str(FIXTURES / "calls_bad.csv"))
    assert result.exit_code == 1
    assert "calls_bad.csv:5" in result.output and "错误/error" in result.output


def test_options_reach_the_reader():
    result = run("--staff-channel", "1", "--format", "json", str(FIXTURES / "alibaba_filetrans.json"))
    assert result.exit_code == 0
    [exchange] = json.loads(result.output)["exchanges"]
    assert [(t["speaker"], t["role"], t["role_inferred"]) for t in exchange["turns"]][:2] == [("0", "resident", False), ("1", "staff", False)]


def test_json_output_covers_every_file():
    result = run("--format", "json", str(FIXTURES / "calls_zh.csv"), str(FIXTURES / "missing.csv"))
    assert result.exit_code == 1
    document = json.loads(result.output)
    assert [e["id"] for e in document["exchanges"]] == ["HL20240301001", "HL20240301002"]
    assert document["exchanges"][0]["turns"][0]["line"] == 2
    assert document["diagnostics"][0]["path"].endswith("missing.csv")


def test_standard_input_with_format_override():
    result = run("--input-format", "csv", "--format", "json", "-", stdin="call_id,role,text\nC1,agent,您好\n")
    assert result.exit_code == 0
    assert json.loads(result.output)["exchanges"][0]["turns"][0]["role"] == "staff"


def test_usage_errors_exit_2():
    assert run("--column", "text", str(FIXTURES / "calls_zh.csv")).exit_code == 2
    assert run("--staff-from", "(", str(FIXTURES / "calls_zh.csv")).exit_code == 2
    assert run("--input-format", "docx", str(FIXTURES / "calls_zh.csv")).exit_code == 2
    assert run().exit_code == 2
