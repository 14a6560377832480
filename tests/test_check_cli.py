"""`phrasecheck check`: lint output, JSON interface, exit codes, encodings, bad files."""

import io
import json
import os
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from phrasecheck.cli.app import app
from test_batch_support import cli_command

LEXICON = str(Path(__file__).parent / "data" / "engine_lexicon.toml")
CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
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


def test_an_empty_draft_is_a_warning_not_silence(tmp_path):
    """A water company's trial: an empty file checked clean without a word; it is said, and still exits 0."""
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "draft.txt").write_text("您好，请坐。\n", encoding="utf-8")
    result = run(str(tmp_path / "empty.txt"), str(tmp_path / "draft.txt"), "--format", "json")
    assert result.exit_code == 0
    assert [(w["path"].endswith("empty.txt"), w["message"]) for w in json.loads(result.output)["warnings"]] == [
        (True, "文件为空 / empty file")]


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


def test_the_entry_point_loads_only_the_command_asked_for(tmp_path, capsys, monkeypatch):
    import sys

    from phrasecheck.cli.app import main

    path = write(tmp_path, "draft.txt", "我不知道。".encode())
    for module in [m for m in sys.modules if m.startswith("phrasecheck.cli.") and m != "phrasecheck.cli.app"]:
        monkeypatch.delitem(sys.modules, module)   # put back afterwards: later tests patch the modules they imported
    with pytest.raises(SystemExit) as stopped:
        main(["check", path, "--lexicon", LEXICON, "--fail-on", "never"])
    assert stopped.value.code == 0 and "不知道" in capsys.readouterr().out
    assert "phrasecheck.cli.check" in sys.modules and "phrasecheck.cli.batch" not in sys.modules


def run_default(*args):
    """check with the shipped lexicon only."""
    return CliRunner().invoke(app, ["check", *args])


def test_text_output_names_each_rule(tmp_path):
    path = write(tmp_path, "draft.txt", DRAFT.encode())
    lines = run_default(path).output.splitlines()
    assert lines[0].endswith("  prohibited.shirk.not-my-business") and lines[1].endswith("  prohibited.impatient.stop-nagging")


SUPPRESSED = ("# phrasecheck: disable=prohibited.shirk.not-my-business\n这事不归我管，你问别人去吧。\n别罗嗦，快点讲！\n"
              "# phrasecheck: enable\n这事不归我管，你问别人去吧。\n"
              "<!-- phrasecheck: disable-next-line=prohibited.impatient.stop-nagging,courtesy.greet.hello -->\n"
              "别罗嗦，快点讲！\n别罗嗦，快点讲！\n")


def test_inline_directives_suppress_rules_and_a_useless_one_is_a_warning(tmp_path):
    path = write(tmp_path, "draft.txt", SUPPRESSED.encode())
    document = json.loads(run_default(path, "--format", "json").output)
    assert [(f["line"], f["rule"]) for f in document["findings"] if f["kind"] == "prohibited"] == [
        (3, "prohibited.impatient.stop-nagging"), (5, "prohibited.shirk.not-my-business"), (8, "prohibited.impatient.stop-nagging")]
    assert document["errors"] == []
    assert [(w["line"], w["message"].split(" / ")[1]) for w in document["warnings"]] == [
        (6, "suppressed nothing (courtesy.greet.hello)")]
    text = run_default(path)
    assert text.exit_code == 1 and f"{path}:6: “<!-- phrasecheck: disable-next-line" in text.output
    assert text.output.splitlines()[-1].endswith("错误 0 个，警告 1 个")


def test_suppression_holds_across_blocks_and_workers(tmp_path):
    """Directives are read as the file streams by, so they hold however the lines are split into blocks."""
    draft = "# phrasecheck: disable=prohibited.shirk.not-my-business\n" + "这事不归我管，你问别人去吧。\n" * 6000
    draft += "# phrasecheck: enable\n这事不归我管，你问别人去吧。\n"
    path = write(tmp_path, "long.txt", draft.encode())
    for workers in ("1", "2"):
        document = json.loads(run_default(path, "--format", "json", "--workers", workers).output)
        assert [f["line"] for f in document["findings"] if f["kind"] == "prohibited"] == [6003]
        assert document["warnings"] == []


def _check_sarif(log: dict, draft_lines: list[str]) -> None:
    """The structure SARIF 2.1.0 requires of what phrasecheck writes (sarif-schema-2.1.0: sarifLog, run,
    toolComponent, reportingDescriptor, result, location, region, notification)."""
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    assert isinstance(log["runs"], list) and len(log["runs"]) == 1
    run_ = log["runs"][0]
    assert run_["columnKind"] in ("utf16CodeUnits", "unicodeCodePoints")
    driver = run_["tool"]["driver"]
    assert isinstance(driver["name"], str) and driver["name"]
    ids = [rule["id"] for rule in driver["rules"]]
    assert len(ids) == len(set(ids))
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["defaultConfiguration"]["level"] in ("none", "note", "warning", "error")
    for result in run_["results"]:
        assert result["message"]["text"] and result["level"] in ("none", "note", "warning", "error")
        assert ids[result["ruleIndex"]] == result["ruleId"]
        (location,) = result["locations"]
        region = location["physicalLocation"]["region"]
        assert location["physicalLocation"]["artifactLocation"]["uri"]
        assert region["startLine"] >= 1 and 1 <= region["startColumn"] < region["endColumn"]
        line = draft_lines[region["startLine"] - 1]
        assert line[region["startColumn"] - 1:region["endColumn"] - 1] == region["snippet"]["text"]
    (invocation,) = run_["invocations"]
    assert isinstance(invocation["executionSuccessful"], bool)
    for notification in invocation["toolExecutionNotifications"]:
        assert notification["message"]["text"] and notification["level"] in ("none", "note", "warning", "error")


def test_sarif_is_a_valid_sarif_2_1_0_log(tmp_path):
    path = write(tmp_path, "draft.txt", SUPPRESSED.encode())
    result = run_default(path, "--format", "sarif")
    assert result.exit_code == 1
    log = json.loads(result.output)
    _check_sarif(log, SUPPRESSED.splitlines())
    run_ = log["runs"][0]
    assert [(r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in run_["results"]] == [
        ("prohibited.impatient.stop-nagging", "warning", 3), ("prohibited.shirk.not-my-business", "error", 5),
        ("prohibited.impatient.stop-nagging", "warning", 8)]
    assert run_["invocations"][0]["executionSuccessful"] is True
    assert "suppressed nothing" in run_["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]
    polite = write(tmp_path, "polite.txt", DRAFT.encode())
    with_courtesy = json.loads(run_default(polite, "--format", "sarif", "--courtesy", str(tmp_path / "missing.txt")).output)
    _check_sarif(with_courtesy, DRAFT.splitlines())
    assert any(r["level"] == "note" for r in with_courtesy["runs"][0]["results"])
    assert with_courtesy["runs"][0]["invocations"][0]["executionSuccessful"] is False


def test_github_format_is_workflow_commands(tmp_path):
    path = write(tmp_path, "a,b:draft.txt", DRAFT.encode())
    result = run_default(path, "--format", "github")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    escaped = path.replace(",", "%2C").replace(":", "%3A")
    assert lines[0].startswith(f"::error file={escaped},line=2,col=1,endColumn=13,title=phrasecheck prohibited.shirk.not-my-business::"
                               "禁用语[推诿] “这事不归我管，你问别人去”")
    assert lines[1].startswith(f"::warning file={escaped},line=3,col=1,")
    assert len(lines) == 2


def test_github_annotations_name_informal_wording_as_such(tmp_path):
    from phrasecheck.cli.app import app as full_app

    draft = tmp_path / "d.txt"
    draft.write_text("你先坐一下，别啰嗦。\n", encoding="utf-8")
    lines = CliRunner().invoke(full_app, ["check", "--format", "github", str(draft)]).stdout.splitlines()
    assert [line.split("::")[2].split("[")[0] for line in lines if line.startswith("::")] == ["不当用语", "禁用语"]


def test_unbuffered_standard_output_is_written_in_blocks_not_per_finding():
    """With PYTHONUNBUFFERED standard output's bytes go straight to the file: the JSON report
    gathers them, so 2,000 findings take a handful of writes, and every byte arrives in order."""
    from phrasecheck.cli.common import _Blocks

    class CountingRaw(io.RawIOBase):
        def __init__(self):
            self.calls, self.data = 0, bytearray()

        def writable(self):
            return True

        def write(self, data):
            self.calls += 1
            taken = min(len(data), 5000)  # a pipe may take part of a write: the rest must follow
            self.data += bytes(data[:taken])
            return taken

    raw = CountingRaw()
    blocks = _Blocks(raw)
    items = [f'{{"n": {n}, "text": "别罗嗦，快点讲"}},\n'.encode() for n in range(2000)]
    for item in items:
        blocks.write(item)
    blocks.flush()
    assert bytes(raw.data) == b"".join(items)
    assert raw.calls <= len(raw.data) // 5000 + 2 * (len(raw.data) // _Blocks.SIZE + 1)


@pytest.mark.skipif(not CORPORA.is_dir(), reason="shared/corpora not present")
def test_check_json_is_whole_under_pythonunbuffered(tmp_path):
    """The same document with and without PYTHONUNBUFFERED, on real text with many findings."""
    lines = [turn["text"].replace("\n", " ") for line in (CORPORA / "stc3-weibo-helpdesk" / "dialogues.jsonl").open(encoding="utf-8")
             for turn in json.loads(line)["turns"]][:3000]
    draft = tmp_path / "real.txt"
    draft.write_text("\n".join(lines) + "\n不归我管，问别人去\n", encoding="utf-8")
    outputs = []
    for unbuffered in ("1", ""):
        env = {**os.environ, "PYTHONUNBUFFERED": unbuffered}
        done = subprocess.run(cli_command("check", "--format", "json", "--fail-on", "never", str(draft)),
                              capture_output=True, env=env, check=True)
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert len(json.loads(outputs[0])["findings"]) > 100


def test_lines_written_plain_off_a_terminal_keep_every_character(tmp_path):
    """Off a terminal a finding's line is written as plain text, not rendered (a third faster on a file of rude lines):
    the same words, line 100 not taken for an emoji code (:100:), nothing wrapped."""
    draft = tmp_path / "d.txt"
    draft.write_text("\n" * 99 + "不知道" + "，好的" * 40 + "\n", encoding="utf-8")
    result = subprocess.run(cli_command("check", str(draft)), capture_output=True, text=True, timeout=120)
    [line] = [line for line in result.stdout.splitlines() if "prohibited.evade.dont-know" in line]
    assert line.startswith(f"{draft}:100:1: 禁用语[搪塞] “不知道” 轻微：") and line.endswith("prohibited.evade.dont-know")


def test_standard_input_redirected_from_a_big_file_is_checked_by_every_core(tmp_path, monkeypatch):
    """An independent staff review: check - < 5 MB took half again as long as check FILE, on one core."""
    import sys

    from phrasecheck.lint import PARALLEL_FROM, workers_for
    from phrasecheck.parallel import default_workers

    big, small = tmp_path / "big.txt", tmp_path / "small.txt"
    big.write_text("请稍等。\n" * (PARALLEL_FROM // 4), encoding="utf-8")
    small.write_text("请稍等。\n", encoding="utf-8")
    for path, workers in ((big, default_workers()), (small, 1)):
        with open(path, encoding="utf-8") as stream:
            monkeypatch.setattr(sys, "stdin", stream)
            assert workers_for(["-"]) == workers
    read, write = os.pipe()   # a pipe's size is not known before it is read
    with os.fdopen(read) as stream, os.fdopen(write, "w"):
        monkeypatch.setattr(sys, "stdin", stream)
        assert workers_for(["-"]) == 1


def test_python_dash_m_runs_the_same_command_and_exit_code(tmp_path):
    """Where no console script is on the path, ``python -m phrasecheck`` is the command: same output, same exit code."""
    import sys

    draft = tmp_path / "d.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    from test_batch_support import SRC

    env = {**os.environ, "PYTHONPATH": str(SRC)}
    by_module = subprocess.run([sys.executable, "-m", "phrasecheck", "check", str(draft)],
                               capture_output=True, text=True, timeout=120, env=env)
    by_script = subprocess.run(cli_command("check", str(draft)), capture_output=True, text=True, timeout=120)
    assert by_module.returncode == by_script.returncode == 1
    assert by_module.stdout == by_script.stdout and "prohibited.shirk.not-my-business" in by_module.stdout


def test_a_transcript_given_to_check_is_warned_of(tmp_path):
    """A rule writer's trial: a call with 来电人： lines was checked as if the agent had said every line."""
    call = tmp_path / "call.txt"
    call.write_text("坐席：您好，12345热线，请讲。\n来电人：你们怎么回事，问了三遍了！\n坐席：您别急。\n", encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text("您好，请坐。\n这事不归我管，你问别人去。\n", encoding="utf-8")
    reply = tmp_path / "reply.txt"   # a 12345 agent's trial: a work-order reply's salutation is no speaker
    reply.write_text("尊敬的市民：\n您反映的问题已转交区住建局处理。\n亲爱的用户：\n感谢您的来电。\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "--format", "json", str(call), str(draft), str(reply)])
    warnings = json.loads(result.stdout)["warnings"]
    assert [w["path"].endswith("call.txt") for w in warnings] == [True] and "phrasecheck score" in warnings[0]["message"]
    docx = pytest.importorskip("docx")   # the same call as a Word document (it was not looked at)
    document = docx.Document()
    for line in call.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    document.save(tmp_path / "call.docx")
    result = CliRunner().invoke(app, ["check", "--format", "json", str(tmp_path / "call.docx")])
    assert [w["path"].endswith("call.docx") for w in json.loads(result.stdout)["warnings"]] == [True]
    explained = CliRunner().invoke(app, ["check", "--explain", str(call)])   # and when it is explained line by line
    assert "phrasecheck score" in explained.stderr and "phrasecheck score" not in explained.stdout
