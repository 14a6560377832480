"""The library API: what a program gets from ``phrasecheck.check/fix/read/score`` and an ``Engine``."""

import gc
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import phrasecheck
from phrasecheck import Engine
from phrasecheck.api import ScoreResult
from phrasecheck.cli.app import app
from phrasecheck.lexicon import load as lexicon_load

ROOT = Path(__file__).resolve().parents[1]
DRAFT = ROOT / "examples" / "draft.txt"
ROLEPLAY = ROOT / "examples" / "roleplay.txt"
STC3 = ROOT.parent / "shared" / "corpora" / "stc3-weibo-helpdesk" / "dialogues.jsonl"


def test_check_text_and_file_give_the_findings_the_cli_prints():
    api = phrasecheck.check(DRAFT)
    cli = json.loads(CliRunner().invoke(app, ["check", "--format", "json", str(DRAFT)]).stdout)["findings"]
    assert [(f.line, f.column, f.finding.rule) for f in api.findings] == [(f["line"], f["column"], f["rule"]) for f in cli]
    from_text = phrasecheck.check(DRAFT.read_text(encoding="utf-8"))
    assert [(f.line, f.column, f.finding.rule) for f in from_text.findings] == [(f.line, f.column, f.finding.rule)
                                                                               for f in api.findings]
    assert {f.finding.rule for f in api.findings} >= {"prohibited.shirk.not-my-business", "prohibited.impatient.stop-nagging"}


def test_fix_replaces_what_is_safe_and_the_result_checks_clean():
    fixed = phrasecheck.fix("别啰嗦，快点讲。")
    assert fixed.text != "别啰嗦，快点讲。" and fixed.applied
    assert not [f for f in phrasecheck.check(fixed.text).findings if f.finding.kind == "prohibited"]


def test_an_engine_fixes_a_document_s_lines_each_on_its_own_and_explains_a_verdict():
    engine = phrasecheck.Engine.from_config()
    fixed = engine.fix(["您好，请坐。\n", "别啰嗦，快点讲。\n"], name="draft.docx")
    assert fixed.lines[0] == "您好，请坐。\n" and "别啰嗦" not in fixed.lines[1] and fixed.applied[0].line == 2
    explained = engine.explain("别啰嗦，快点讲。")
    assert [d.rule.id for d in explained.findings()] == ["prohibited.impatient.stop-nagging"]
    assert {d.rule.kind for d in engine.explain("您好，请坐。").findings()} == {"courtesy"}


def test_read_and_score_a_file_a_text_and_an_exchange_agree():
    read = phrasecheck.read(ROLEPLAY)
    assert len(read.exchanges) == 1 and not read.problems
    by_path = phrasecheck.score(ROLEPLAY)
    by_text = phrasecheck.score(ROLEPLAY.read_text(encoding="utf-8"))
    card = phrasecheck.score(read.exchanges[0])
    assert isinstance(by_path, ScoreResult) and not isinstance(card, ScoreResult)
    assert by_path.cards[0].score == by_text.cards[0].score == card.score
    cli = json.loads(CliRunner().invoke(app, ["score", "--format", "json", str(ROLEPLAY)]).stdout)
    assert cli["exchanges"][0]["score"] == card.score and cli["version"] == Engine().version


@pytest.mark.skipif(not STC3.is_file(), reason="shared/corpora not present")
def test_one_bad_file_is_a_problem_and_the_others_are_still_scored(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    result = Engine().score_files([ROLEPLAY, bad, STC3])
    assert [p.path for p in result.problems if p.level == "error"] == [str(bad)]
    assert len(result.cards) > 100  # the role-play and every STC-3 dialogue


def test_an_engine_loads_its_rules_once(monkeypatch):
    monkeypatch.setenv("PHRASECHECK_CACHE", "off")  # counts loading the files, not the engine kept on disk
    loads = []
    real = lexicon_load.load_lexicon
    monkeypatch.setattr("phrasecheck.config.load_lexicon", lambda *a, **k: loads.append(1) or real(*a, **k))
    engine = Engine()
    engine.check("快点讲")
    engine.score(ROLEPLAY)
    engine.fix("别啰嗦")
    engine.check(DRAFT)
    assert len(loads) == 1


def test_from_config_applies_the_configuration(tmp_path):
    config = tmp_path / "phrasecheck.toml"
    config.write_text('[rules]\ndisable = ["prohibited.evade.dont-know"]\n', encoding="utf-8")
    said = "这个我不知道。"
    assert {f.finding.rule for f in Engine().check(said).findings} == {"prohibited.evade.dont-know"}
    assert not Engine.from_config(config).check(said).findings
    engine = Engine(lang="en")
    found = engine.check(said).findings[0].finding
    assert found == Engine().check(said).findings[0].finding  # findings carry rule ids, not words
    english, chinese = engine.words.of(found, "en"), engine.words.of(found, "zh")
    assert english != chinese and english[1].isascii() and not chinese[1].isascii()


def test_a_batch_run_through_the_library_leaves_the_process_as_it_was(tmp_path):
    from phrasecheck.batch import runner
    from phrasecheck.batch.discover import discover
    from phrasecheck.batch.progress import make_progress
    from phrasecheck.batch.store import Store

    setup = runner.Setup()
    scorer = setup.scorer()
    frozen = gc.get_freeze_count()
    with Store(tmp_path / "r.db") as store:
        run_id = store.start_run([str(ROLEPLAY)], setup.scoring(scorer), 1)
        with runner.Runner(scorer, setup, Engine().read_options, store, run_id) as run, make_progress("zh") as progress:
            assert gc.get_freeze_count() == frozen
            totals = run.run(discover([str(ROLEPLAY)], []), progress)
    assert totals.scored == 1
    assert runner._worker is None  # the scorer is the run's, not installed in the module


@pytest.mark.parametrize("name", ["Engine", "check", "fix", "read", "score"])
def test_the_api_is_exported_from_the_package(name):
    assert getattr(phrasecheck, name) is getattr(phrasecheck.api, name)


def test_the_readme_example_runs_and_prints_what_it_says(capsys, monkeypatch):
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code = re.search(r"## From Python: the library API\n\n```python\n(.*?)```", readme, re.S).group(1)
    monkeypatch.chdir(ROOT)
    exec(compile(code, "README.md", "exec"), {})
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == "1 1 prohibited.impatient.stop-nagging Rushing / impatience 请问您办什么事情"
    assert printed[1] == re.search(r"\.text\)\s+# (\S+)", code).group(1)
    assert printed[2].endswith(" []") and printed[2].split()[0] == str(phrasecheck.score(ROLEPLAY).cards[0].score)


def test_a_broken_speaker_table_is_an_error_at_its_line_not_a_crash(tmp_path, monkeypatch):
    from phrasecheck.tomlfile import DataFileError
    from phrasecheck.transcripts import roles

    shipped = (ROOT / "lexicons" / "roles" / "roles.toml").read_text(encoding="utf-8")
    broken = tmp_path / "roles.toml"
    broken.write_text(shipped.replace("greeting_first =", "greeting_first = true\nold_greeting_first =", 1),
                      encoding="utf-8")
    monkeypatch.setattr(roles, "data_path", lambda *parts: broken)
    for cached in (roles._base_table, roles._extended_table):
        cached.cache_clear()
    try:
        with pytest.raises(DataFileError) as raised:
            Engine().load()
        lines = broken.read_text(encoding="utf-8").splitlines()
        messages = {(d.line, d.message.split(" / ")[0]) for d in raised.value.diagnostics}
        assert messages == {(lines.index("greeting_first = true") + 1, "“greeting_first”应为不小于 0 的整数"),  # the words of every rule file
                            (lines.index("greeting_first = true") + 2, "未知字段（是否应为“greeting_first”？）")}
        result = CliRunner().invoke(app, ["score", str(ROLEPLAY)])
        assert result.exit_code == 2 and f"{broken}:" in result.output and "Traceback" not in result.output
    finally:
        roles._base_table.cache_clear()
        roles._extended_table.cache_clear()


def test_a_source_line_must_be_a_number_in_lexicons_as_in_scripts(tmp_path):
    from phrasecheck.lexicon.load import LexiconError, load_lexicon

    path = tmp_path / "local.toml"
    path.write_text('[[rule]]\nid = "local.x"\nkind = "courtesy"\ncategory = "问候"\nphrase = "您好呀"\n'
                    'sources = [{ doc = "d.txt", article = "一", line = true }]\n', encoding="utf-8")
    with pytest.raises(LexiconError) as raised:
        load_lexicon([path])
    assert [d.line for d in raised.value.diagnostics] == [6]
    assert "“sources.line”应为不小于 0 的整数" in raised.value.diagnostics[0].message


# An outside developer's trial of the library (embedding it in a nightly job and a lint service), defect by defect.

def test_a_lone_surrogate_is_read_as_a_replacement_character_and_loses_nothing():
    """json.loads('"\\ud83d"') makes one; every entry point raised UnicodeEncodeError, losing the good call beside it."""
    engine = Engine()
    good = "工作人员：您好，请问您办什么业务？\n居民：我想办居住证\n工作人员：好的，您慢走，再见。"
    scored = engine.score(good + "\n---\n工作人员：\ud83d您好\n居民：你好")
    assert len(scored.cards) == 2 and any("�" in p.message for p in scored.problems)
    checked = engine.check("\ud83d别啰嗦，快点讲")
    assert [f.finding.rule for f in checked.findings] == ["prohibited.impatient.stop-nagging"] and checked.warnings
    card = engine.score(phrasecheck.models.Exchange("k", "m", [phrasecheck.models.Turn(0, "A", "staff", "\ud83d您好")]))
    assert card.score is not None and card.warnings
    assert "\ud83d" not in engine.fix("\ud83d别啰嗦，快点讲").text and engine.explain("\ud83d别啰嗦")


def _exchange(*turns, **fields):
    from phrasecheck.models import Exchange, Turn
    return Exchange("k", "m.txt", [Turn(i, speaker, role, text) for i, (speaker, role, text) in enumerate(turns)], **fields)


def test_a_call_built_in_memory_scores_as_the_same_call_read_from_a_file():
    engine = Engine()
    text = "坐席：您好，这里是幸福里社区居委会，请讲。\n来电人：低保怎么申请？\n坐席：这个不归我管。\n来电人：好吧。\n坐席：再见。\n"
    from_file = engine.score(text).cards[0]
    built = engine.score(_exchange(("坐席", "agent", "您好，这里是幸福里社区居委会，请讲。"), ("来电人", "customer", "低保怎么申请？"),
                                   ("坐席", "agent", "这个不归我管。"), ("来电人", "customer", "好吧。"), ("坐席", "agent", "再见。"),
                                   date="2024/3/5 10:22", staff_id=1023))
    assert built.score == from_file.score and [t.role for t in built.exchange.turns] == [t.role for t in from_file.exchange.turns]
    assert (built.exchange.date, built.exchange.staff_id, built.exchange.meta["date_from"]) == ("2024-03-05", "1023", "content")


def test_a_call_built_with_empty_staff_turns_or_unknown_roles_is_read_as_a_file_would_be():
    engine = Engine()
    empty = engine.score(_exchange(("A", "staff", ""), ("B", "resident", "你好")))
    assert empty.score is None and any("没有文本" in w.message for w in empty.warnings)   # was 70 不合格, charged to the agent
    unknown = engine.score(_exchange(("A", "unknown", "您好，请问您办什么业务？"), ("B", "unknown", "我来办居住证。"),
                                     ("A", "unknown", "好的，您慢走，再见。")))
    assert unknown.exchange.meta["roles_by"] != "given" and unknown.warnings and unknown.score is not None
    read = engine.read("工作人员：您好\n居民：你好").exchanges[0]
    assert engine.score(read).exchange is read   # what a reader made is scored as it is


@pytest.mark.parametrize(("call", "named"), [
    (lambda e: e.score(None), "NoneType"), (lambda e: e.check(b"abc"), "decode bytes first"), (lambda e: e.fix(None), "NoneType"),
    (lambda e: e.score(_exchange(("A", "staff", None))), "turns[0].text"),
    (lambda e: e.score(phrasecheck.models.Exchange("k", "m", [("staff", "您好")])), "turns[0]"),
])
def test_input_of_the_wrong_type_is_a_type_error_naming_it(call, named):
    with pytest.raises(TypeError, match=named.replace("[", r"\[").replace("]", r"\]")):
        call(Engine())


def test_engine_options_are_checked_and_a_single_path_is_one_path(tmp_path):
    with pytest.raises(ValueError, match="lang"):
        Engine(lang="fr")
    rules = tmp_path / "site.toml"
    rules.write_text('[[rule]]\nid = "site.rude.x"\nkind = "prohibited"\ncategory = "推诿"\nseverity = "high"\n'
                     'phrase = "你找领导去吧"\nsuggestion = "请稍等，我帮您问一下"\n'
                     'sources = [{ doc = "site.txt", article = "一", line = 1 }]\n', encoding="utf-8")
    assert Engine(lexicons=str(rules)).lexicons == (rules,)
    assert "site.rude.x" in {f.finding.rule for f in Engine(lexicons=str(rules)).check("你找领导去吧").findings}


def test_fix_takes_its_arguments_as_the_module_function_does():
    text = "你怎么这么笨，我给你填。"
    assert Engine().fix(text, True).text == phrasecheck.fix(text, True).text != text


def test_a_lint_service_can_ignore_the_directives_of_the_text_it_is_given():
    engine, typed = Engine(), "phrasecheck: disable\n这事不归我管，你问别人去"
    assert engine.check(typed).findings == [] and engine.check(typed, directives=False).findings
    unused = engine.check("# phrasecheck: disable=no.such.rule\n您好")
    assert [w.level for w in unused.warnings] == ["warning"] and unused.warnings == unused.errors


def test_a_file_name_given_as_text_is_warned_of():
    scored = Engine().score("calls.json")
    assert any("Path" in p.message for p in scored.problems)
    assert not Engine().score("工作人员：您好，请问您办什么？").problems


def test_a_scorecard_prints_as_what_it_says_not_what_it_holds():
    card = Engine().score(ROLEPLAY).cards[0]
    assert len(repr(card)) < 200 and "score=" in repr(card)


def test_an_engine_that_checked_first_and_then_scores_keeps_one_set_of_rules():
    """An outside developer's trial: load(scoring=False) then load() built the scorer anew (0.7 s) beside the matcher."""
    engine = Engine().load(scoring=False)
    engine.load()
    assert engine.matcher is engine.scorer.matcher
    assert [f.finding.rule for f in engine.check("别啰嗦，快点讲").findings] == ["prohibited.impatient.stop-nagging"]


# An independent review of the session's changes.

def test_a_read_call_a_program_added_turns_to_is_checked_and_its_labels_made_roles():
    from phrasecheck.models import Exchange, Turn
    engine = Engine()
    read = engine.read("工作人员：您好，请问您办什么事情？\n群众：我想问一下医保报销要带什么材料？\n").exchanges[0]
    read.turns.append(Turn(2, "A", "agent", "别啰嗦，快点讲。", 3))
    assert engine.score(read).score == engine.score(Exchange(read.id, read.source, list(read.turns))).score
    read.turns.append(Turn(3, "A", "staff", None, 4))
    with pytest.raises(TypeError, match=r"turns\[3\]\.text"):
        engine.score(read)


@pytest.mark.parametrize("ms", [float("nan"), float("inf"), 1.5e20, -5])
def test_a_time_that_is_no_time_is_a_value_error_naming_the_turn(ms):
    from phrasecheck.models import Exchange, Turn
    with pytest.raises(ValueError, match=r"turns\[0\]"):
        Engine().score(Exchange("k", "m", [Turn(0, "A", "staff", "您好", 1, ms)]))


def test_a_call_too_long_to_read_is_an_error_not_a_call_without_staff():
    from phrasecheck.models import Exchange, Turn
    with pytest.raises(ValueError, match="not read"):
        Engine().score(Exchange("long", "m", [Turn(0, "A", "staff", "您好" * 70000), Turn(1, "B", "resident", "谢谢")]))


def test_fix_refuses_a_name_where_unsafe_now_stands_and_explain_an_unknown_speaker():
    with pytest.raises(TypeError, match="name="):
        Engine().fix("你怎么这么笨，我给你填。", "draft.txt")
    with pytest.raises(ValueError, match="speaker"):
        Engine().explain("你自己去问吧", "agent")


def test_a_line_that_only_mentions_a_file_name_is_no_file_name():
    assert not Engine().read("坐席：表格我发您邮箱了，文件名是申请表.xlsx").problems
