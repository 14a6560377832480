"""`phrasecheck fix`: rewrite whole clauses, never overlapping, idempotent, safe or unsafe, and say what it did."""

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from phrasecheck.cli.app import app
from phrasecheck.fixer import fix_text
from phrasecheck.lexicon.load import load_lexicon
from phrasecheck.matching import Matcher

RUNNER = CliRunner()
MATCHER = Matcher(load_lexicon())
CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
SEEDS = CORPORA.parent / "seeds"


@pytest.mark.parametrize("draft, fixed", [
    # The garbling of issue 15: overlapping findings wrote the suggestion twice and lost the comma;
    # half a clause was replaced; a question mark was kept after a statement.
    ("快点，我要下班了，明天再来吧。", "我马上给您办手续。"),
    ("有意见你去投诉好了", "谢谢，欢迎您提宝贵意见"),
    ("没看我正忙着吗？", "请您稍等。"),
    # Clauses around the fixed one stay; a suggestion that asks ends with ？.
    ("不好意思，我不知道。", "不好意思，请稍等，我帮您问一下别的同志。"),
    ("您好！我刚才已经说过，你怎么还问？", "您好！请您听我全面解释一下好吗？"),
    ("别罗嗦，快点讲！", "请问您办什么事情？"),
    # Two clauses with the same suggestion, a comma apart: said once.
    ("快点快点，我要下班了！", "我马上给您办手续。"),
])
def test_whole_clauses_are_replaced_and_read_as_a_sentence(draft, fixed):
    assert fix_text(MATCHER, draft, "d").text == fixed


def test_unsafe_fixes_wait_for_unsafe_and_say_why():
    draft = "这个事不贵我们管。\n你这人怎么这么笨啊，听不懂吗\n这个事情不归我管\n"
    safe = fix_text(MATCHER, draft, "d")
    assert safe.text == draft and not safe.applied
    assert [(e.line, e.applicability) for e in safe.left] == [(1, "unsafe"), (2, "unsafe"), (3, "unsafe")]
    assert "近似" in safe.left[0].reason and "同类说法" in safe.left[1].reason and "这个事情" in safe.left[2].reason
    unsafe = fix_text(MATCHER, draft, "d", unsafe=True)
    assert unsafe.text == ("请稍等，我帮您问一下别的同志。\n请您听我全面解释一下好吗，听不懂吗\n"
                           "请稍等，我帮您问一下别的同志\n")
    assert not unsafe.left


def test_what_an_unsafe_fix_would_drop_is_said_as_written():
    """An outside trial read “我你怎还不明白”: the words between findings run together, 么 taken out of 怎么."""
    [left] = fix_text(MATCHER, "我说了多少遍了你怎么还不明白\n", "d").left
    assert "会删去“我…你怎么还不明白”" in left.reason
    [left] = fix_text(MATCHER, "了解情况的话我都说了八百遍了\n", "d").left   # the 了 of 了解 is a word's, the last one the finding's
    assert "会删去“了解情况的话我都”" in left.reason
    # a reason the edit would drop is no safe edit: 机器坏了 (a third outside trial's draft lost it in a "safe" fix)
    [left] = fix_text(MATCHER, "机器坏了我也没办法\n", "d").left
    assert left.applicability == "unsafe" and "会删去“机器坏了”" in left.reason


def test_a_fix_that_leaves_its_sentence_telling_the_resident_off_is_unsafe():
    """An independent staff review: 有意见找领导去，别跟我说。 became 谢谢，欢迎您提宝贵意见，别跟我说。 by default."""
    draft = "有意见找领导去，别跟我说。\n有意见找领导去，您别着急。\n有意见找领导去。别跟我说。\n有意见找领导去，别罗嗦。\n"
    fixed = fix_text(MATCHER, draft, "d")
    assert fixed.text.splitlines() == ["有意见找领导去，别跟我说。", "谢谢，欢迎您提宝贵意见，您别着急。",
                                       "谢谢，欢迎您提宝贵意见。别跟我说。", "谢谢，欢迎您提宝贵意见，请问您办什么事情？"]
    told_off = fixed.left[0]   # then the family matches of 别跟我说 themselves, lines 1 and 3
    assert (told_off.line, told_off.applicability) == (1, "unsafe") and "“别跟我说”仍在" in told_off.reason
    # a reminder or reassurance is no telling off, a time before one is (a second review)
    kind = fix_text(MATCHER, "有意见找领导去，不要紧的。\n有意见找领导去，别忘了带户口本。\n有意见找领导去，您别嫌麻烦。\n", "d")
    assert kind.text.count("谢谢，欢迎您提宝贵意见") == 3
    later = fix_text(MATCHER, "有意见找领导去，以后别老来烦我。\n", "d")
    assert later.text == "有意见找领导去，以后别老来烦我。\n"


def test_a_sentence_is_rewritten_whole_or_not_at_all_by_default():
    """An outside trial: 急什么急，没看我正忙着吗？ became 急什么急，请您稍等。 — the rude half kept, and the 请您 put in
    excused it, so check passed the fixed draft. A safe edit beside one that is not, in one sentence, waits for --unsafe."""
    draft = "急什么急，没看我正忙着吗？\n不知道，自己看公告。\n急什么急。没看我正忙着吗？\n"
    fixed = fix_text(MATCHER, draft, "d")
    assert fixed.text == "急什么急，没看我正忙着吗？\n不知道，自己看公告。\n急什么急。请您稍等。\n"
    assert [(e.line, e.applicability) for e in fixed.left] == [(1, "unsafe"), (1, "unsafe"), (2, "unsafe"), (2, "unsafe"),
                                                                (3, "unsafe")]
    assert "句中的“急什么急”不能安全替换" in fixed.left[1].reason
    whole = fix_text(MATCHER, draft, "d", unsafe=True).text.splitlines()
    assert whole[:2] == ["请问您办什么事情，请您稍等。", "请稍等，我帮您问一下别的同志，我给您讲一下具体怎么办。"]
    assert not [f for f in MATCHER.find(whole[0] + whole[1]) if f.kind == "prohibited"]


def test_with_lang_en_the_summary_and_the_reasons_are_english_only(tmp_path):
    """An independent staff review: fix --lang en led its summary and every reason with Chinese."""
    draft = tmp_path / "d.txt"
    draft.write_text("有意见找领导去，别跟我说。\n", encoding="utf-8")
    result = RUNNER.invoke(app, ["fix", str(draft), "--lang", "en"])
    reasons = [line for line in result.stderr.splitlines() if "unsafe, not made" in line]
    assert reasons and "stays after it in the sentence" in reasons[0] and "仍在" not in reasons[0]
    assert result.stderr.splitlines()[-1].startswith("0 replacements in 0 files")


def test_a_clause_that_says_much_else_is_left_to_a_person():
    draft = "我跟您说一下这个材料的情况和后面的流程安排以及注意事项不归我管\n"
    left = fix_text(MATCHER, draft, "d", unsafe=True).left
    assert [e.applicability for e in left] == ["none"] and fix_text(MATCHER, draft, "d", unsafe=True).text == draft


def test_a_later_pass_never_matches_a_phrase_by_halves():
    """The clause re-checked after a replacement may end inside a phrase left for a person (at the
    comma of 别啰嗦，快点讲): it is stretched over it, so the phrase is reported once, whole."""
    filler = "您要办理的这个业务需要先去一楼窗口取号然后再到二楼填写申请表格再等候叫号办理"
    draft = f"别啰嗦，快点讲。好的，请坐{filler}{filler[:20]}别啰嗦，快点讲。\n"
    result = fix_text(MATCHER, draft, "d", unsafe=True)
    assert result.text.startswith("请问您办什么事情")
    assert [([f.rule for f in e.findings], e.text.endswith("别啰嗦，快点讲。")) for e in result.left] == [
        (["prohibited.impatient.stop-nagging"], True)]


def test_a_suppressed_rule_is_not_fixed():
    draft = "# phrasecheck: disable-next-line=prohibited.evade.dont-know\n我不知道。\n我不知道。\n"
    fixed = fix_text(MATCHER, draft, "d")
    assert fixed.text.splitlines()[1:] == ["我不知道。", "请稍等，我帮您问一下别的同志。"]
    assert not fixed.warnings


def _pieces() -> list[str]:
    """Real wording: every lexicon example (flagged and passing), the seed documents' lines (which quote
    prohibited expressions) and staff replies from the shared corpora."""
    rules = load_lexicon().rules
    pieces = [example for rule in rules for example in (*rule.flag, *rule.passes)]
    for seed in sorted(SEEDS.glob("*.txt")):
        pieces += [line[:80] for line in seed.read_text(encoding="utf-8").splitlines() if line.strip()]
    for corpus in ("stc3-weibo-helpdesk", "crosswoz"):
        path = CORPORA / corpus / "dialogues.jsonl"
        if path.is_file():
            with path.open(encoding="utf-8") as stream:
                for line, _ in zip(stream, range(200)):
                    pieces += [t["text"][:60] for t in json.loads(line)["turns"] if t["role"] != "customer"]
    return pieces


PIECES = _pieces()
DRAFTS = st.lists(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(["，", "。", "？", "！", "", " ", "吧，"])),
                           min_size=1, max_size=6).map(lambda parts: "".join(a + b for a, b in parts)),
                  min_size=1, max_size=5).map("\n".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DRAFTS, st.booleans())
def test_fixing_a_fixed_draft_changes_nothing_and_edits_never_overlap(draft, unsafe):
    fixed = fix_text(MATCHER, draft, "d", unsafe)
    assert fix_text(MATCHER, fixed.text, "d", unsafe).text == fixed.text
    assert len(fixed.text.splitlines()) == len(draft.splitlines())
    by_pass: dict = {}
    for edit in fixed.applied:
        by_pass.setdefault((edit.round, edit.line), []).append((edit.start, edit.end))
    for spans in by_pass.values():
        spans.sort()
        assert all(end <= start for (_, end), (start, _) in zip(spans, spans[1:]))


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/seeds not present")
@pytest.mark.parametrize("unsafe", [False, True])
def test_fixing_a_seed_document_twice_changes_nothing_the_second_time(unsafe):
    """The regulation documents quote many prohibited expressions in running text."""
    made = 0
    for seed in sorted(SEEDS.glob("*.txt")):
        fixed = fix_text(MATCHER, seed.read_text(encoding="utf-8"), seed.name, unsafe)
        again = fix_text(MATCHER, fixed.text, seed.name, unsafe)
        assert again.text == fixed.text and not again.applied, seed.name
        made += len(fixed.applied)
    assert made  # the documents do hold fixable text


def test_write_reports_each_replacement_and_the_total_on_stderr(tmp_path):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("快点，我要下班了，明天再来吧。\n有意见你去投诉好了\n", encoding="utf-8")
    second.write_text("这个事不贵我们管。\n", encoding="utf-8")
    result = RUNNER.invoke(app, ["fix", "--write", str(first), str(second)])
    assert result.exit_code == 1 and result.stdout == ""
    summary = result.stderr.splitlines()[-1]
    assert summary.startswith("已替换 2 处（1 个文件）；另有 1 处不安全的替换未做") and "/ 2 replacements in 1 file;" in summary
    assert f"{first}:1:1: 已替换: “快点，我要下班了，明天再来吧。” → “我马上给您办手续。”" in result.stderr
    assert f"{second}:1:1: 不安全的替换，未做（--unsafe）" in result.stderr
    again = RUNNER.invoke(app, ["fix", "--write", "--unsafe", str(first), str(second)])
    assert again.exit_code == 0 and again.stderr.splitlines()[-1].startswith("已替换 1 处（1 个文件） / 1 replacement in 1 file")
    assert RUNNER.invoke(app, ["fix", str(first), str(second)]).exit_code == 0


def test_json_lists_every_edit_with_its_applicability(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text("没看我正忙着吗？\n这是规定，你懂不懂？\n", encoding="utf-8")
    document = json.loads(RUNNER.invoke(app, ["fix", "--format", "json", str(path)]).stdout)
    assert [(f["line"], f["applicability"], f["applied"], f["replacement"]) for f in document["fixes"]] == [
        (1, "safe", True, "请您稍等。"), (2, "none", False, None)]
    assert document["files"] == [{"path": str(path), "changed": True, "written": False, "replacements": 1}]
    assert document["summary"] == {"replacements": 1, "files": 1, "unsafe": 0, "by_hand": 1, "informal": 0}


def test_informal_wording_is_replaced_word_for_word_only_with_unsafe_and_never_fails_the_run(tmp_path):
    """你 → 您 word for word (a clause rewritten for a prohibited expression takes its 你 along); not by
    default, since the rule's pattern also finds 你 inside a word (迷你)."""
    draft = "你好，你先坐一下。这事不归我管，你问别人去吧。\n"
    fixed = fix_text(MATCHER, draft, "d")
    assert fixed.text == "你好，你先坐一下。请稍等，我帮您问一下别的同志。\n"
    assert [(e.column, e.text, e.replacement, e.applicability) for e in fixed.left] == [
        (1, "你", "您", "unsafe"), (4, "你", "您", "unsafe")]
    assert fix_text(MATCHER, draft, "d", unsafe=True).text == "您好，您先坐一下。请稍等，我帮您问一下别的同志。\n"
    path = tmp_path / "draft.txt"
    path.write_text("你先坐一下。\n", encoding="utf-8")
    result = RUNNER.invoke(app, ["fix", "--write", str(path)])
    assert result.exit_code == 0 and "1 处不当用语未改（加 --unsafe 可改）" in result.stderr
    assert RUNNER.invoke(app, ["fix", "--write", "--unsafe", str(path)]).exit_code == 0
    assert path.read_text(encoding="utf-8") == "您先坐一下。\n"


def test_the_default_is_a_diff_and_the_file_is_untouched(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text("您好。\n这事不归我管，你问别人去吧。\n", encoding="utf-8")
    result = RUNNER.invoke(app, ["fix", str(path)])
    assert result.exit_code == 1
    assert "-这事不归我管，你问别人去吧。" in result.output
    assert "+请稍等，我帮您问一下别的同志。" in result.output
    assert path.read_text(encoding="utf-8") == "您好。\n这事不归我管，你问别人去吧。\n"


def test_write_keeps_encoding_line_endings_and_everything_else_byte_for_byte(tmp_path):
    original = "第一行：您好！\r\n别罗嗦，快点讲！\r\n第三行 不动。\r\n"
    path = tmp_path / "gb.txt"
    path.write_bytes(original.encode("gb18030"))
    result = RUNNER.invoke(app, ["fix", "--write", str(path)])
    assert result.exit_code == 0, result.output
    data = path.read_bytes()
    assert data == original.replace("别罗嗦，快点讲！", "请问您办什么事情？").encode("gb18030")


def test_a_bom_survives_a_rewrite(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "我要下班了，你快点。".encode())
    RUNNER.invoke(app, ["fix", "--write", str(path)])
    assert path.read_bytes().startswith(b"\xef\xbb\xbf") and "我马上给您办手续" in path.read_text(encoding="utf-8-sig")


def test_a_suggestion_with_a_placeholder_is_reported_not_applied(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text("这是规定，你懂不懂？\n", encoding="utf-8")
    result = RUNNER.invoke(app, ["fix", "--write", str(path)])
    assert result.exit_code == 1
    assert "无安全替换，未改动" in result.output and "draft.txt:1:1" in result.output
    assert path.read_text(encoding="utf-8") == "这是规定，你懂不懂？\n"


def test_stdin_with_write_prints_the_fixed_text():
    result = RUNNER.invoke(app, ["fix", "--write", "-"], input="不好意思，我不知道。")
    assert result.stdout == "不好意思，请稍等，我帮您问一下别的同志。"


def test_a_loose_fuzzy_match_is_reported_and_a_close_one_fixed(tmp_path):
    path = tmp_path / "draft.txt"
    path.write_text("这个事不贵我们管。\n这事不归我管，你问别人去。\n", encoding="utf-8")
    result = RUNNER.invoke(app, ["fix", "--write", str(path)])
    assert result.exit_code == 1 and "draft.txt:1:1: 不安全的替换" in result.output
    assert path.read_text(encoding="utf-8") == "这个事不贵我们管。\n请稍等，我帮您问一下别的同志。\n"


def test_the_diff_is_difflibs_where_lines_differ_and_stays_small_where_they_repeat():
    """fix's diff is found line by line (linear): on lines that all differ it is exactly difflib's
    unified diff; on a draft whose lines repeat it still shows only the lines that changed."""
    import difflib
    import random

    from phrasecheck.fixer import unified_diff

    generator = random.Random(5)
    for _ in range(500):
        before = [f"第{i}行：您好" for i in range(generator.randint(1, 40))]
        after = [line if generator.random() < 0.8 else line.replace("您好", "你好") for line in before]
        old, new = "\n".join(before) + "\n", "\n".join(after) + "\n"
        assert unified_diff("p", old, new) == list(difflib.unified_diff(before, after, "p", "p", lineterm=""))
    repeated = "您好。\n我不知道。\n谢谢。\n" * 200
    fixed = repeated.replace("我不知道", "我帮您问一下")
    diff = unified_diff("p", repeated, fixed)
    assert sum(line.startswith("-") for line in diff) == 201  # the 200 changed lines and the "---" header


def test_write_from_stdin_with_json_is_refused_rather_than_losing_the_text():
    result = CliRunner().invoke(app, ["fix", "--write", "--format", "json"], input="别啰嗦，快点讲。\n")
    assert result.exit_code == 2 and "--format text" in result.output


def test_each_check_finding_says_its_fix_as_fix_would_make_it_alone(tmp_path):
    """check --format json gives each finding its replacement and applicability (added beside the public
    fields): on clauses that are the phrase alone, what fix does with that line."""
    lines = ["没看我正忙着吗？", "这是规定，你懂不懂？", "你怎么这么笨啊！", "不知道。", "您好，请坐。"]
    path = tmp_path / "draft.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    findings = json.loads(RUNNER.invoke(app, ["check", "--format", "json", str(path)]).stdout)["findings"]
    fixes = {edit["line"]: edit for edit in json.loads(RUNNER.invoke(app, ["fix", "--format", "json", str(path)]).stdout)["fixes"]}
    prohibited = [f for f in findings if f["kind"] == "prohibited"]
    assert {f["line"] for f in prohibited} == {1, 2, 3, 4}
    for finding in prohibited:
        edit = fixes[finding["line"]]
        assert (finding["fix"]["applicability"], finding["fix"]["replacement"]) == (
            edit["applicability"], edit["replacement"].rstrip("。？") if edit["replacement"] else None), finding
    assert all(f["fix"] == {"replacement": None, "applicability": "none"} for f in findings if f["kind"] == "courtesy")


def test_a_phrase_never_crosses_a_vertical_tab_or_line_separator():
    """Found by the fuzz test (a call log in GB18030): after another line, a fuzzy match across a vertical
    tab (亊\v不归我㮡) beat the homophone match after it, and fixing its clause lost the line break. Every
    character str.splitlines ends a line at ends one for matching too."""
    from phrasecheck.api import Engine

    engine = Engine()
    for separator in ("\x0b", "\x0c", "\u2028", "\x85"):
        draft = f"通话ID\n\n亊{separator}不归我㮡"
        fixed = engine.fix(draft, unsafe=True).text
        assert fixed.startswith(f"通话ID\n\n亊{separator}") and len(fixed.splitlines()) == len(draft.splitlines()), repr(fixed)
        assert "不归我㮡" not in fixed
        both = f"一一不归我管{separator}问别人"  # two clauses that would say the same: one edit each, the break kept
        assert len(engine.fix(both, unsafe=True).text.splitlines()) == len(both.splitlines())


def test_a_long_draft_is_fixed_a_bounded_number_of_lines_at_a_time_and_as_a_whole(monkeypatch):
    """What a pass keeps grows with the lines matched together, not with the draft (a staff trial's 20 MB draft took
    1 GB); the lines come out as when fixed all at once."""
    from phrasecheck import fixer
    draft = "".join(f"第{n}行：这个不归我们管。\n您好，请坐。\n" for n in range(30))
    whole = fix_text(MATCHER, draft, "d.txt", unsafe=True)
    sizes = []
    find_many = Matcher.find_many
    monkeypatch.setattr(Matcher, "find_many", lambda self, texts: sizes.append(len(texts)) or find_many(self, texts))
    monkeypatch.setattr(fixer, "CHUNK_LINES", 7)
    chunked = fix_text(MATCHER, draft, "d.txt", unsafe=True)
    assert max(sizes) <= 7 and chunked.text == whole.text and chunked.text.count("这个不归我们管") == 0
    assert [(e.line, e.start) for e in chunked.applied] == [(e.line, e.start) for e in whole.applied]


def test_a_fix_that_leaves_its_sentence_hurrying_the_resident_is_unsafe():
    """A hospital trial: 多大人了，有什么不好意思的，赶紧脱。 became 请放心，…保护您的隐私，赶紧脱。 as a safe edit, and ``check``
    then passed the draft; an order to hurry left after the courtesy makes it unsafe, as a telling-off does."""
    for draft in ("有意见找领导去，赶紧走。\n", "有意见找领导去，快点签字。\n"):
        fixed = fix_text(MATCHER, draft, "d")
        assert fixed.text == draft and fixed.left[0].applicability == "unsafe" and "仍在" in fixed.left[0].reason
    assert fix_text(MATCHER, "有意见找领导去，您慢慢说。\n", "d").text == "谢谢，欢迎您提宝贵意见，您慢慢说。\n"


def test_overlapping_suggestions_say_each_clause_once():
    """Two rules over 不晓得，莫问我 suggest 这个我不太清楚，请稍等，我帮您问一下 and 请稍等，我帮您问一下别的同志: the edit says the
    offer once, the longer way (a trainer's trial had it twice)."""
    fixed = fix_text(MATCHER, "不晓得，莫问我。\n", "d", unsafe=True).text
    assert fixed.count("请稍等") == 1 and fixed.count("我帮您问一下") == 1


def test_a_sentence_that_needs_a_person_is_left_whole():
    """规定就是这么定的 has no usable suggestion: the courtesy an edit would put beside it excused it, and a second trial's
    ``fix --unsafe --write`` left a draft that ``check`` passed. The whole sentence is left to the person."""
    result = fix_text(MATCHER, "规定就是这么定的，我也没办法，别跟我掰扯。\n", "d", unsafe=True)
    assert result.text == "规定就是这么定的，我也没办法，别跟我掰扯。\n" and not result.applied
    assert {edit.applicability for edit in result.left} == {"none"} and len(result.left) == 3


def test_informal_wording_beside_a_hand_fix_is_left_too_and_a_run_of_marks_ends_once():
    """A gas hotline's trial: 你 → 您 beside 这是规定 你懂不懂 excused it, and the fixed file passed ``check``; 好吗？？？
    rewritten had left 。？？."""
    result = fix_text(MATCHER, "您好 那个气费欠了就是要停气的 这是规定 你懂不懂 交了钱自然就给你开\n", "d", unsafe=True)
    assert not result.applied and {edit.applicability for edit in result.left} == {"none"}
    assert "？？" not in fix_text(MATCHER, "自己看公告好吗？？？公众号首页就有\n", "d", unsafe=True).text
