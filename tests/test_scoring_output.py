"""`phrasecheck score`: the score-v1 JSON interface, the terminal and HTML scorecards, languages, exit codes."""

import json
import os
import re

import pytest
from rich.console import Console
from typer.testing import CliRunner

from phrasecheck.cli.app import app
from phrasecheck.models import Exchange, Turn
from phrasecheck.report.html import exchange_html, page
from phrasecheck.report.terminal import breakdown, transcript
from phrasecheck.scoring import Scorer, scorecard_json

ROLEPLAY = """\
工作人员：您好，请问您办什么事情？
居民：你好，我想办居住证，需要带什么材料？
工作人员：不知道，你自己看墙上的牌子。
居民：你们这服务也太差了吧！
工作人员：我要下班了，你快点。
居民：那我明天再来。
"""
CALL = """\
工作人员：喂，请讲。
居民：你好，请问王主任在吗？
工作人员：对不起，王主任不在，请您留下电话号码，让她给您回话。
居民：好的，谢谢。
工作人员：不客气，再见。
"""
EXCHANGE_KEYS = {"id", "source", "channel", "script", "score", "grade", "turns", "findings", "breakdown"}
TURN_KEYS = {"index", "line", "speaker", "role", "text"}
FINDING_KEYS = {"kind", "rule", "category", "turn", "start", "end", "text", "match", "similarity", "severity",
                "message", "suggestion", "points"}
BREAKDOWN_KEYS = {"item", "max", "earned", "evidence"}


def run(*args):
    return CliRunner().invoke(app, ["score", *args])


@pytest.fixture
def files(tmp_path):
    paths = []
    for name, text in (("roleplay.txt", ROLEPLAY), ("call.txt", CALL)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def test_json_is_the_documented_score_v1_document(files):
    result = run(*files, "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["schema"] == "phrasecheck/score-v1" and document["errors"] == []
    visit, call = document["exchanges"]
    for exchange in (visit, call):
        assert EXCHANGE_KEYS <= set(exchange) and 0 <= exchange["score"] <= 100
        assert all(TURN_KEYS <= set(turn) for turn in exchange["turns"])
        assert all(FINDING_KEYS <= set(finding) for finding in exchange["findings"])
        assert all(BREAKDOWN_KEYS <= set(line) for line in exchange["breakdown"])
    assert (visit["channel"], call["channel"]) == ("reception", "phone")
    assert {"prohibited", "courtesy", "missing"} <= {f["kind"] for f in visit["findings"]}
    assert [line["item"] for line in call["breakdown"]] == [
        "greeting", "org_identified", "farewell", "answers", "responses", "courtesy", "prohibited"]


def test_every_finding_points_at_its_text_and_every_lost_point_at_a_finding(files):
    document = json.loads(run(*files, "--format", "json").output)
    for exchange in document["exchanges"]:
        turns, findings = exchange["turns"], exchange["findings"]
        for finding in findings:
            assert finding["text"] == turns[finding["turn"]]["text"][finding["start"]:finding["end"]]
        for line in exchange["breakdown"]:
            lost = line["max"] - line["earned"]
            costs = -sum(findings[i]["points"] for i in line["evidence"])
            assert costs == pytest.approx(lost) and all(0 <= i < len(findings) for i in line["evidence"])


def test_a_missing_element_points_where_it_was_due(files):
    visit = json.loads(run(files[0], "--format", "json").output)["exchanges"][0]
    [farewell] = [f for f in visit["findings"] if f["kind"] == "missing" and f["rule"] == "reception.farewell"]
    last_staff = max(t["index"] for t in visit["turns"] if t["role"] == "staff")
    assert farewell["turn"] == last_staff and farewell["start"] == len(visit["turns"][last_staff]["text"])


def test_terminal_scorecard_annotates_the_transcript_and_explains_each_item(files):
    result = run(files[0])
    assert result.exit_code == 0
    assert "禁用语[搪塞] “不知道，你自己”" in result.output and "建议：“" in result.output
    assert "⟨此处缺：送声：礼貌道别⟩" in result.output
    card = Scorer.default().score(Exchange("r", "r.txt", [Turn(i, s, "staff" if s == "工作人员" else "resident", t, i + 1)
                                                         for i, (s, _, t) in enumerate(l.partition("：") for l in ROLEPLAY.splitlines())]))
    console = Console(width=200, record=True)
    console.print(breakdown(card, "zh"))
    table = console.export_text()
    assert "服务禁语" in table and "第3句 “不知道，你自己” −10" in table and "第5句 “我要下班了，你快点” −10" in table


def test_only_the_line_numbers_of_the_terminal_transcript_are_dim():
    """The number's style is not the line's base style: what was said is printed at full strength."""
    card = Scorer.default().score(Exchange("r", "r.txt", [Turn(i, s, "staff" if s == "工作人员" else "resident", t, i + 1)
                                                         for i, (s, _, t) in enumerate(l.partition("：") for l in ROLEPLAY.splitlines())]))
    console = Console(width=1000, force_terminal=True, color_system="standard", record=True, file=open(os.devnull, "w"))
    console.print(transcript(card, "zh"))
    lines = [line for line in console.export_text(styles=True).splitlines() if not line.startswith("      ")]
    assert len(lines) == 6
    for number, line in enumerate(lines, 1):
        assert line.startswith(f"\x1b[2m{number:>3} \x1b[0m") and line.count("\x1b[2m") == 1
    assert "\x1b[2m" not in "".join(line.split("\x1b[0m", 1)[1] for line in lines)
    assert "居民： 你好，我想办居住证" in lines[1]  # plain text, no style at all


def test_english_explanations_with_lang_en(files):
    result = run(files[0], "--lang", "en", "--format", "json")
    visit = json.loads(result.output)["exchanges"][0]
    missing = [f for f in visit["findings"] if f["kind"] == "missing"]
    assert missing and all(re.match(r"[A-Z]", f["message"]) for f in missing)
    assert all(re.match(r"[A-Z]", line["name"]) for line in visit["breakdown"])
    text = run(files[0], "--lang", "en").output
    assert "score" in text and "missing here" in text and "此处缺" not in text


def test_warnings_are_in_english_only_with_lang_en(tmp_path):
    """An independent trainer's review: the role and channel warnings stayed “中文 / English” under --lang en."""
    ab = tmp_path / "ab.txt"
    ab.write_text("A：您好，请问有什么可以帮您？\nB：你好，我想问一下老年卡。\nA：在一楼办。再见。\n", encoding="utf-8")
    english, chinese = run(str(ab), "--lang", "en").output, run(str(ab)).output
    warned = [line for line in english.splitlines() if "⚠" in line]
    assert warned and all(not re.search("[\u4e00-\u9fff]", line.split(": ", 1)[1]) for line in warned)
    assert "roles not given" in english and "文件未标明角色" in chinese and "roles not given" in chinese


def test_html_is_one_self_contained_printable_page(files, tmp_path):
    out = tmp_path / "card.html"
    result = run(*files, "--html", str(out))
    assert result.exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<style>" in html and "@media print" in html
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html)
    assert "<script" not in html and "<link" not in html
    assert html.count('<section class="exchange"') == 2
    assert '<mark class="prohibited"' in html and 'class="marker"' in html


def test_the_html_fragment_and_page_are_reusable():
    scorer = Scorer.default()
    card = scorer.score(Exchange("c1", "calls.csv", [Turn(0, "坐席", "staff", "您好<b>"), Turn(1, "市民", "resident", "谢谢")]))
    fragment = exchange_html(card, "en")
    assert fragment.startswith('<section class="exchange"') and fragment.endswith("</section>")
    assert "&lt;b&gt;" in fragment and "<b>" not in fragment
    document = page("Month report", fragment + fragment, "en")
    assert '<html lang="en">' in document and document.count("<section") == 2
    assert scorecard_json(card)["grade"] in {"优秀", "良好", "合格", "不合格"}


def test_unreadable_input_is_reported_and_the_other_files_still_scored(files, tmp_path):
    result = run(str(tmp_path / "nowhere.txt"), *files, "--format", "json")
    assert result.exit_code == 2
    document = json.loads(result.output)
    assert len(document["exchanges"]) == 2
    [error] = document["errors"]
    assert error["source"].endswith("nowhere.txt") and error["message"]


def test_an_exchange_without_staff_is_kept_as_not_applicable(tmp_path, files):
    lonely = tmp_path / "lonely.txt"
    lonely.write_text("居民：有人吗？\n", encoding="utf-8")
    result = run(str(lonely), files[1], "--format", "json")
    document = json.loads(result.output)
    assert result.exit_code == 0 and document["errors"] == []
    [voicemail] = [e for e in document["exchanges"] if e["source"].endswith("lonely.txt")]
    assert (voicemail["score"], voicemail["grade"], voicemail["not_applicable"]) == (None, "不适用", "no_staff_speech")
    text = run(str(lonely)).output
    assert "—" in text and "不适用" in text and "没有工作人员的发言" in text


def test_usage_errors_exit_2(files, tmp_path):
    assert run(files[0], "--script", "nonesuch").exit_code == 2
    broken = tmp_path / "scripts"
    broken.mkdir()
    (broken / "x.toml").write_text("[script]\nname = 'x'\n", encoding="utf-8")
    result = run(files[0], "--scripts", str(broken))
    assert result.exit_code == 2 and "x.toml" in result.output


def test_the_script_can_be_forced(files):
    document = json.loads(run(files[0], "--script", "phone", "--format", "json").output)
    assert document["exchanges"][0]["script"] == "phone"
    assert document["exchanges"][0]["channel_by"] == "forced"


def test_fail_under_exits_1_when_an_exchange_scores_below(files):
    """The role play scores 63 (不知道, 你自己看墙上的牌子, 我要下班了，你快点) and the call 85: 80 fails one of them, 60 none."""
    failing = run(*files, "--fail-under", "80")
    assert failing.exit_code == 1 and "1 段得分低于 80 分" in failing.output
    assert run(*files, "--fail-under", "60").exit_code == 0
    assert run(*files, "--fail-under", "101").exit_code == 2


def test_fail_under_does_not_pass_a_file_with_nothing_to_score(tmp_path):
    """A hospital trial: an empty speech-recognition export passed the gate (exit 0, ``exchanges: []``)."""
    empty, voicemail = tmp_path / "empty.txt", tmp_path / "voicemail.txt"
    empty.write_text("", encoding="utf-8")
    voicemail.write_text("来电人：喂，你好，我是3号楼的住户，楼道灯坏了，麻烦回个电话。\n", encoding="utf-8")
    for path in (empty, voicemail):
        gated = run(str(path), "--fail-under", "60")
        assert gated.exit_code == 1 and "没有得分的对话" in gated.output, path.name
        assert run(str(path)).exit_code == 0
