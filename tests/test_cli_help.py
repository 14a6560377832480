"""The CLI reads like the linters people use: help that fits 80 columns and names values, not Python
types; plain messages for bad values; rule lists that survive a pipe."""

import json
import re

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from phrasecheck.cli.app import app
from phrasecheck.cli.helpformat import wrap

COMMANDS = [[], ["check"], ["fix"], ["score"], ["show"], ["batch"], ["report"], ["explain"], ["config"],
            ["lexicon"], ["lexicon", "list"], ["lexicon", "show"], ["lexicon", "check"], ["lexicon", "extract"]]


def invoke(*args):
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "80"})


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "phrasecheck")
def test_help_fits_80_columns_and_names_values_not_types(command):
    result = invoke(*command, "--help")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert max(cell_len(line) for line in lines) <= 80, [line for line in lines if cell_len(line) > 80]
    assert not re.search(r"<(list|str|int|float|path|Path)\b|``|\.\.\.\.\.\.", result.output)
    assert not any(line.rstrip().endswith("...") and "Usage" not in line for line in lines)
    assert not any(re.match(r"\s*[，。、）]", line) for line in lines)


def test_the_command_list_shows_each_description_whole():
    output = invoke("--help").output
    assert "Rewrite clauses with prohibited expressions courteously." in " ".join(output.split())


def test_options_are_named_by_value():
    output = invoke("check", "--help").output
    assert "-l, --lexicon PATH" in output and "-j, --workers N" in output and "PATHS..." in output


@pytest.mark.parametrize("args, message", [
    (["check", "-f", "xml", "x"], "“xml”不是可选值（text、json、sarif、github） / 'xml' is not one of: text, json, sarif, github"),
    (["check", "-j", "0", "x"], "应不小于 1 / must be at least 1"),
    (["check", "-j", "many", "x"], "“many”不是数字 / 'many' is not a number"),
    (["score", "--fail-under", "120", "x"], "应在 0 到 100 之间（含） / must be from 0 to 100"),
    (["lexicon", "list", "--kind", "rude"], "“rude”不是可选值（prohibited、courtesy）"),
    # an outside trial asked score for --format html: the option that writes it is named
    (["score", "--format", "html", "x"], "“html”不是可选值（text、json）；html 报告请用 --html 文件名 / 'html' is not one of: "
                                         "text, json; for html, use --html FILE"),
])
def test_a_bad_value_is_said_plainly(args, message):
    result = invoke(*args)
    assert result.exit_code == 2 and message in result.output
    assert "Value error" not in result.output and "Input should" not in result.output


@pytest.mark.parametrize("args, chinese, english", [
    (["check", "--fromat", "json", "x"], "没有这个选项：--fromat（可能是：--format）", "No such option: --fromat"),
    (["score"], "缺少参数 FILE", "Missing argument 'FILE'."),
    (["chek", "x"], "没有这个命令：chek（是不是“check”？）", "No such command 'chek'."),
    (["check", "-f", "xml", "x"], "'--format' / '-f' 的值无效", "Invalid value for '--format' / '-f'"),
])
def test_a_usage_error_says_what_is_wrong_and_where_help_is_in_chinese_then_english(args, chinese, english):
    """An outside trial: click's usage errors were English only (Usage:, Try … for help, Error: No such option)."""
    output = invoke(*args).output
    assert f"错误 / Error: {chinese}" in output and f" / {english}" in output
    command = "phrasecheck " + " ".join(args[:1]) if args[0] != "chek" else "phrasecheck"
    assert f"运行“{command} --help”查看帮助 / Try '{command} --help' for help." in output and "用法 / Usage: " in output


def test_a_file_that_is_not_there_is_said_so_in_chinese_then_english(tmp_path):
    result = invoke("check", str(tmp_path / "无此文件.txt"))
    assert result.exit_code == 2   # an error, not findings
    assert "无此文件.txt: 无法读取 / cannot read: 文件或目录不存在 / No such file or directory" in result.output


def test_the_summary_of_a_check_that_found_nothing_names_no_count_of_files(tmp_path):
    """"（见于 0 个文件）" after a file checked read as if none had been."""
    (tmp_path / "ok.txt").write_text("好的。\n", encoding="utf-8")
    assert invoke("check", str(tmp_path / "ok.txt")).output.splitlines()[-1] == "禁用语 0 处，不当用语 0 处，文明用语 0 处；错误 0 个"
    (tmp_path / "rude.txt").write_text("不归我管，问别人去。\n", encoding="utf-8")
    assert "处（见于 1 个文件）；错误 0 个" in invoke("check", str(tmp_path / "rude.txt")).output


def test_wrapping_counts_chinese_as_two_columns_and_keeps_punctuation_off_line_starts():
    lines = wrap("并行进程数（默认：输入 2 MB 以上时用全部核心） / worker processes", 20)
    assert all(cell_len(line) <= 20 for line in lines)
    assert not any(line.startswith(("）", "，")) for line in lines)
    assert "".join(lines).replace(" ", "") == "并行进程数（默认：输入2MB以上时用全部核心）/workerprocesses"


def test_lexicon_list_piped_gives_full_ids_one_rule_a_line():
    result = invoke("lexicon", "list", "--kind", "prohibited")
    header, *rows = result.output.splitlines()
    assert header.split("\t")[0] == "id" and rows
    ids = [row.split("\t")[0] for row in rows]
    assert "prohibited.shirk.not-my-business" in ids and not any("…" in i for i in ids)
    assert all(len(row.split("\t")) == 6 for row in rows)


def test_lexicon_list_json():
    document = json.loads(invoke("lexicon", "list", "--format", "json", "--kind", "prohibited").output)
    rule = next(r for r in document["rules"] if r["id"] == "prohibited.shirk.not-my-business")
    assert rule["kind"] == "prohibited" and rule["suggestion"] and rule["sources"]
    assert {r["kind"] for r in document["rules"]} == {"prohibited"}
