"""`phrasecheck check`: lint output, JSON interface, exit codes, encodings, bad files."""

import json
from pathlib import Path

from typer.testing import CliRunner

from phrasecheck.cli.app import app

LEXICON = str(Path(__file__).parent / "data" / "engine_lexicon.toml")
DRAFT = "您好，请坐。\n这事不归我管，你问别人去吧。\n别罗嗦，快点讲！\n"


def run(*args, stdin=None):
    return CliRunner().invoke(app, ["check", "--lexicon", LEXICON, *args], input=stdin)


def write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_text_output_is_one_lint_line_per_prohibited_finding(tmp_path):
    path = write(tmp_path, "draft.txt", DRAFT.encode())
    result = run(path)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith(f"{path}:2:1: 禁用语[推诿] “这事不归我管，你问别人去”")
    assert "→ 建议：“请稍等，我帮您问一下其他社工”" in lines[0]
    assert lines[1].startswith(f"{path}:3:1: 禁用语[催促/不耐烦] “别罗嗦，快点讲” (谐音")
    assert "禁用语 2 处" in lines[-1]


def test_json_output_is_the_documented_interface(tmp_path):
    path = write(tmp_path, "draft.txt", DRAFT.encode())
    result = run(path, "--format", "json")
    document = json.loads(result.output)
    assert document["errors"] == []
    keys = {"path", "line", "column", "kind", "rule", "category", "severity", "text", "match",
            "similarity", "message", "suggestion"}
    lines = DRAFT.splitlines()
    for finding in document["findings"]:
        assert keys <= finding.keys()
        line = lines[finding["line"] - 1]
        assert line[finding["column"] - 1:].startswith(finding["text"])
    prohibited = [(f["line"], f["text"]) for f in document["findings"] if f["kind"] == "prohibited"]
    assert prohibited == [(2, "这事不归我管，你问别人去"), (3, "别罗嗦，快点讲")]
    assert any(f["kind"] == "courtesy" and f["text"] == "您好" for f in document["findings"])


def test_fail_on_sets_the_threshold_for_exit_1(tmp_path):
    path = write(tmp_path, "draft.txt", "我不知道。\n".encode())
    assert run(path).exit_code == 1
    assert run(path, "--fail-on", "medium").exit_code == 0
    assert run(path, "--fail-on", "never").exit_code == 0
    clean = write(tmp_path, "clean.txt", "您好，请坐。\n".encode())
    assert run(clean).exit_code == 0


def test_chinese_windows_encodings_are_read(tmp_path):
    text = "您好。\r\n我不知道。\r\n"
    for name, data in [
        ("gb.txt", text.encode("gb18030")),
        ("bom.txt", b"\xef\xbb\xbf" + text.encode()),
        ("utf16.txt", b"\xff\xfe" + text.encode("utf-16-le")),
    ]:
        document = json.loads(run(write(tmp_path, name, data), "--format", "json").output)
        [finding] = [f for f in document["findings"] if f["kind"] == "prohibited"]
        assert (finding["line"], finding["column"], finding["text"]) == (2, 2, "不知道"), name


def test_a_binary_file_is_an_error_naming_it_and_the_others_are_still_checked(tmp_path):
    binary = write(tmp_path, "photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" * 20)
    draft = write(tmp_path, "draft.txt", "我不知道。".encode())
    result = run(binary, draft, "--format", "json")
    assert result.exit_code == 2
    document = json.loads(result.output)
    assert [e["path"] for e in document["errors"]] == [binary]
    assert [f["path"] for f in document["findings"]] == [draft]


def test_missing_file_is_reported_by_name(tmp_path):
    result = run(str(tmp_path / "nope.txt"))
    assert result.exit_code == 2
    assert "nope.txt" in result.output


def test_stdin_is_read_when_no_path_or_dash_is_given():
    for args in ([], ["-"]):
        result = run(*args, "--format", "json", stdin="我不知道")
        [finding] = json.loads(result.output)["findings"]
        assert finding["path"] == "<stdin>" and finding["text"] == "不知道"


def test_english_output(tmp_path):
    path = write(tmp_path, "draft.txt", "我不知道。".encode())
    assert "Prohibited[" in run(path, "--lang", "en").output


def test_utf16_text_does_not_keep_its_byte_order_mark(tmp_path):
    path = write(tmp_path, "utf16.txt", b"\xff\xfe" + "我不知道".encode("utf-16-le"))
    [finding] = json.loads(run(path, "--format", "json").output)["findings"]
    assert (finding["line"], finding["column"]) == (1, 2)


def test_the_entry_point_loads_only_the_command_asked_for(tmp_path, capsys):
    import sys

    import pytest

    from phrasecheck.cli.app import main

    path = write(tmp_path, "draft.txt", "我不知道。".encode())
    for module in [m for m in sys.modules if m.startswith("phrasecheck.cli.") and m != "phrasecheck.cli.app"]:
        del sys.modules[module]
    with pytest.raises(SystemExit) as stopped:
        main(["check", path, "--lexicon", LEXICON, "--fail-on", "never"])
    assert stopped.value.code == 0 and "不知道" in capsys.readouterr().out
    assert "phrasecheck.cli.check" in sys.modules and "phrasecheck.cli.batch" not in sys.modules
