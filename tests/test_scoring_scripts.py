"""The standard scripts are data: test the shipped files, their citations, and the validator's file:line errors."""

from pathlib import Path

import pytest

from phrasecheck.models import Exchange, Turn
from phrasecheck.scoring import Scorer, ScriptError, load_scripts, validate_script_file
from phrasecheck.scoring.scripts import default_script_files

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SCRIPTS = load_scripts()
STABLE_KEYS = {"greeting", "farewell", "answers", "responses", "courtesy", "prohibited"}


def entries():
    """Every item and trigger of every shipped script, with an id for the test name."""
    return [pytest.param(entry, id=f"{script.name}.{entry.key}")
            for script in SCRIPTS.values() for entry in (*script.items, *script.triggers)]


def test_reception_and_phone_scripts_are_shipped_with_the_stable_item_keys():
    assert {path.name for path in default_script_files()} >= {"reception.toml", "phone.toml"}
    assert STABLE_KEYS <= {item.key for item in SCRIPTS["reception"].items}
    assert STABLE_KEYS | {"org_identified"} <= {item.key for item in SCRIPTS["phone"].items}
    assert [s.name for s in SCRIPTS.values() if s.is_default] == ["reception"]


@pytest.mark.parametrize("script", SCRIPTS.values(), ids=lambda s: s.name)
def test_weights_add_up_to_100_and_grades_are_the_four_bands(script):
    assert sum(item.weight for item in script.items) == 100
    assert [band.name for band in script.bands.bands] == ["优秀", "良好", "合格", "不合格"]
    assert script.bands.caps["critical"] == "不合格"


@pytest.mark.parametrize("entry", entries())
def test_every_item_and_trigger_has_bilingual_text_and_cites_the_regulations(entry):
    assert entry.name.zh and entry.name.en and entry.message.zh and entry.message.en
    assert entry.sources and all(source.doc and source.article for source in entry.sources)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/seeds not present")
@pytest.mark.parametrize("entry", entries())
def test_every_cited_line_exists_in_its_document(entry):
    for source in entry.sources:
        lines = (SEEDS / source.doc).read_text(encoding="utf-8").splitlines()
        assert 0 < source.line <= len(lines) and lines[source.line - 1].strip()


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/seeds not present")
@pytest.mark.parametrize(
    ("quote", "key"),
    [("来有迎声", "greeting"), ("走有送声", "farewell"), ("有问必答", "answers"), ("这是我们应该做的", "praise"),
     ("欢迎您提宝贵意见", "suggestion"), ("我帮您问一下其他社工", "out_of_remit"), ("请原谅", "refusal"),
     ("材料清单", "missing_materials"), ("让您久等了", "waited"), ("替您转告", "absent"), ("这里是", "org_identified")],
)
def test_the_mandated_wordings_are_cited_where_the_documents_say_them(quote, key):
    entry = next(e for s in SCRIPTS.values() for e in (*s.items, *s.triggers) if e.key == key)
    cited = [(SEEDS / s.doc).read_text(encoding="utf-8").splitlines()[s.line - 1] for s in entry.sources]
    assert any(quote in line for line in cited)


BROKEN = """\
[script]
name = "broken"
colour = "red"

[[item]]
key = "greeting"
check = "opening"
name = "问候"
weight = 10
message = "未问候"
evidence = { patterns = ["您好（"] }
sources = [{ doc = "000_8e94659fa9675679.txt", article = "第三条 1" }]

[[item]]
key = "odd"
check = "sometimes"
name = "怪"
weight = -3
message = "怪"
sources = []

[[trigger]]
key = "praise"
item = "greeting"
name = "表扬"
patterns = ["(unclosed"]
expect = { categories = ["答谢"] }
points = 5
message = "未答谢"
sources = [{ doc = "000_8e94659fa9675679.txt", article = "第三条 4" }]
"""


def test_a_broken_script_is_reported_by_file_and_line(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text(BROKEN, encoding="utf-8")
    problems = {(d.line, d.message.split(" / ")[0][:12]) for d in validate_script_file(path)}
    lines = {line for line, _ in problems}
    assert all(str(d).startswith(f"{path}:") for d in validate_script_file(path))
    assert {3, 11, 16, 18, 20, 24, 26} <= lines   # colour, （ pattern, check, weight, sources, item, regex


def test_a_toml_syntax_error_names_its_line(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('[script]\nname = "x"\n[[item]\n', encoding="utf-8")
    [problem] = validate_script_file(path)
    assert problem.line == 3


def test_loading_a_broken_script_raises_with_every_problem(tmp_path):
    (tmp_path / "broken.toml").write_text(BROKEN, encoding="utf-8")
    with pytest.raises(ScriptError) as raised:
        load_scripts([tmp_path])
    assert len(raised.value.diagnostics) >= 7


def test_users_can_replace_a_script_and_its_weights(tmp_path):
    text = (Path(default_script_files()[0]).parent / "reception.toml").read_text(encoding="utf-8")
    edited = text.replace('key = "greeting"\ncheck = "opening"', 'key = "greeting"\ncheck = "opening"', 1)
    edited = edited.replace("weight = 15\nwithin = 1", "weight = 40\nwithin = 1", 1)
    assert edited != text
    (tmp_path / "reception.toml").write_text(edited, encoding="utf-8")
    visit = Exchange("x", "x.txt", [Turn(0, "工作人员", "staff", "请问您办什么事情？"), Turn(1, "居民", "resident", "办证。"),
                                    Turn(2, "工作人员", "staff", "好的，您慢走，再见。")])
    default, custom = Scorer.default(), Scorer.default(script_paths=[tmp_path])
    assert custom.score(visit).score < default.score(visit).score
    assert custom.version != default.version


def test_says_nothing_is_one_pattern_or_a_list_of_them(tmp_path):
    """The shipped script lists its patterns (deferrals apart from brush-offs); a site's script may give one string."""
    text = (Path(default_script_files()[0]).parent / "reception.toml").read_text(encoding="utf-8")
    start = text.index("says_nothing = [")
    end = text.index("\n]\n", start) + 3
    (tmp_path / "reception.toml").write_text(text[:start] + 'says_nothing = "下一(位|个)"\n' + text[end:], encoding="utf-8")
    custom = load_scripts([tmp_path])["reception"]
    assert [p.pattern for i in custom.items if i.key == "answers" for p in i.says_nothing] == ["下一(位|个)"]

    def lost_answer(reply: str, scorer: Scorer) -> bool:
        visit = Exchange("x", "x.txt", [Turn(0, "工作人员", "staff", "您好，请坐，请问您办什么？"),
                                        Turn(1, "居民", "resident", "彩超报告需要带过来吗？"), Turn(2, "工作人员", "staff", reply),
                                        Turn(3, "居民", "resident", "好吧。"), Turn(4, "工作人员", "staff", "您慢走，再见。")])
        return any(f.rule == "reception.answers" and f.points for f in scorer.score(visit, "reception").findings)

    shipped, site = Scorer.default(), Scorer.default(script_paths=[tmp_path])
    assert lost_answer("下一位。", shipped) and lost_answer("下一位。", site)
    assert lost_answer("这个您到时候问医生吧。", shipped) and not lost_answer("这个您到时候问医生吧。", site)
    assert not lost_answer("要带，医生会参考。", shipped)


HOTLINE = """[script]
name = "phone"
title = "12345热线接听标准话术"
extends = "phone"

[suggestions]
"您好，这里是хх（单位全称），请讲" = "您好，12345热线，工号XXXX为您服务，请讲"
"""


def test_a_site_changes_a_shipped_script_by_extending_it_under_its_own_name(tmp_path):
    """A hotline's administrator re-words the phone script's suggestions and keeps the rest (an outside trial: it could
    only replace it whole, or extend reception and lose the phone's detection)."""
    (tmp_path / "hotline.toml").write_text(HOTLINE, encoding="utf-8")
    shipped, site = load_scripts()["phone"], load_scripts([tmp_path])["phone"]
    assert site.title.zh == "12345热线接听标准话术" and site.detect == shipped.detect
    assert [item.key for item in site.items] == [item.key for item in shipped.items] and site.triggers == shipped.triggers
    call = Exchange("c", "c.txt", [Turn(0, "坐席", "staff", "喂。"), Turn(1, "来电人", "resident", "我想问问低保。"),
                                   Turn(2, "坐席", "staff", "好的，再见。")])
    card = Scorer.default(script_paths=[tmp_path]).score(call)
    assert card.script.name == "phone" and "您好，12345热线，工号XXXX为您服务，请讲" in {f.suggestion for f in card.findings}
    # an independent review: the aliases stay (电话, 热线 still name it), and a site's wording for the phone's own
    # wording of a lexicon suggestion is the one said (lexicon → phone → site)
    assert site.aliases == shipped.aliases
    phone_wording = shipped.suggestions["请稍等，我帮您问一下别的同志"]
    (tmp_path / "hotline.toml").write_text(HOTLINE + f'"{phone_wording}" = "这件事我帮您转给负责的部门"\n', encoding="utf-8")
    assert load_scripts([tmp_path])["phone"].suggestions["请稍等，我帮您问一下别的同志"] == "这件事我帮您转给负责的部门"


PRAISE_TRIGGER = """
[[trigger]]
key = "praise_wuhan"
from = "resident"
name = "武汉话表扬 → 答谢"
rules = ["hotline.resident.praise-wuhn"]
expect = { categories = ["答谢"], patterns = ["应该(的|做的)", "客气", "谢谢|感谢"] }
within = 1
points = 6
message = "来电人用方言表扬后未答谢"
sources = [{ doc = "热线中心服务规范2025.docx", article = "第四条" }]
"""


def test_a_trigger_naming_a_rule_the_lexicon_lacks_is_refused_at_its_line_when_scoring(tmp_path):
    """An outside trial's hotline script named its praise rule misspelt (praise-wuhn): score gave the call 94 and said
    nothing, only lexicon check named it; nothing is scored with a half-read script."""
    from typer.testing import CliRunner

    from phrasecheck.cli.app import app

    path = tmp_path / "hotline.toml"
    path.write_text(HOTLINE + PRAISE_TRIGGER, encoding="utf-8")
    line = HOTLINE.count("\n") + PRAISE_TRIGGER.splitlines().index('rules = ["hotline.resident.praise-wuhn"]') + 1
    with pytest.raises(ScriptError) as raised:
        Scorer.default(script_paths=[tmp_path])
    assert [str(d) for d in raised.value.diagnostics] == [
        f"{path}:{line}: 词库中没有规则“hotline.resident.praise-wuhn” / no lexicon rule hotline.resident.praise-wuhn"]
    call = tmp_path / "call.txt"
    call.write_text("坐席：您好，12345热线，请讲。\n来电人：你们硬是要得，冇得话说。\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["score", "--scripts", str(path), str(call)])
    assert result.exit_code == 2 and f"{path}:{line}: 词库中没有规则" in result.output
    assert load_scripts([tmp_path])["phone"].triggers  # read alone, without a lexicon, it loads


def test_a_rule_the_configuration_disables_may_still_be_named_by_a_script(tmp_path):
    (tmp_path / "phrasecheck.toml").write_text('[rules]\ndisable = ["informal.address.ni"]\n', encoding="utf-8")
    from phrasecheck.api import Engine

    engine = Engine.from_config(tmp_path / "phrasecheck.toml", cache=False)
    assert engine.matcher.lexicon.rule("informal.address.ni") is None and engine.scorer.scripts["reception"]


def test_a_script_of_another_name_extending_reception_is_no_second_default(tmp_path):
    (tmp_path / "window.toml").write_text('[script]\nname = "window"\ntitle = "社保窗口话术"\nextends = "reception"\n',
                                          encoding="utf-8")
    scripts = load_scripts([tmp_path])
    assert scripts["reception"].is_default and not scripts["window"].is_default


def test_extending_a_script_not_loaded_or_in_a_loop_is_named_at_its_line(tmp_path):
    (tmp_path / "a.toml").write_text(HOTLINE.replace('name = "phone"', 'name = "a"').replace('extends = "phone"', 'extends = "b"'),
                                     encoding="utf-8")
    (tmp_path / "b.toml").write_text(HOTLINE.replace('name = "phone"', 'name = "b"').replace('extends = "phone"', 'extends = "a"'),
                                     encoding="utf-8")
    (tmp_path / "c.toml").write_text(HOTLINE.replace('name = "phone"', 'name = "c"').replace('extends = "phone"', 'extends = "nowhere"'),
                                     encoding="utf-8")
    with pytest.raises(ScriptError) as raised:
        load_scripts([tmp_path])
    named = {(Path(d.path).name, d.line) for d in raised.value.diagnostics if "extends" in d.message}
    assert ("c.toml", 4) in named and len(named) >= 2   # nowhere, and the loop a → b → a


def test_an_item_and_a_trigger_may_not_share_a_key(tmp_path):
    """Their findings are named script.key alike, so a trigger called like an item would give the item's
    findings the trigger's words: the script is refused at the trigger's key."""
    text = (Path(default_script_files()[0]).parent / "reception.toml").read_text(encoding="utf-8")
    edited = text.replace('key = "praise"', 'key = "greeting"', 1)
    assert edited != text
    path = tmp_path / "reception.toml"
    path.write_text(edited, encoding="utf-8")
    [problem] = validate_script_file(path)
    first_trigger = edited[:edited.index("[[trigger]]")].count("\n") + 1
    renamed = next(number for number, line in enumerate(edited.splitlines(), 1)
                   if line == 'key = "greeting"' and number > first_trigger)
    assert "duplicate key" in problem.message and problem.line == renamed


def test_a_fields_problem_is_at_its_own_line_not_at_an_inline_table_holding_the_same_key(tmp_path):
    """Found by review: an empty ``message`` was reported at the line of ``partial = { …, message = … }``
    before it, and a bad trigger pattern at its ``expect`` line; an infinite weight loaded (and crashed
    the JSON scorecard later)."""
    path = tmp_path / "x.toml"
    path.write_text('[script]\nname = "x"\ntitle = "X"\nextends = "reception"\n\n[[item]]\nkey = "greeting"\n'
                    'check = "opening"\nname = "迎声"\nweight = inf\nevidence = { patterns = ["您好"] }\n'
                    'partial = { share = 0.5, message = "不完整" }\nmessage = ""\nsources = [{ doc = "d" }]\n\n'
                    '[[trigger]]\nkey = "thanks2"\nname = "感谢"\nexpect = { patterns = ["不客气"] }\n'
                    'patterns = ["谢谢("]\npoints = 2\nmessage = "m"\nsources = [{ doc = "d" }]\n', encoding="utf-8")
    found = {(d.line, d.message.split(" / ")[0]) for d in validate_script_file(path)}
    assert (13, "“message”应为非空字符串") in found
    assert (10, "“weight”应为不小于 0 的数") in found
    assert any(line == 20 and "谢谢(" in message for line, message in found), found


def test_a_script_files_pieces_stand_for_their_patterns_and_an_undefined_one_is_named_at_its_line(tmp_path):
    """The shipped reception script writes a colleague away (主任, 王姐 …) as (?&colleague) in three patterns."""
    absent = next(t for t in SCRIPTS["reception"].triggers if t.key == "absent")
    assert all("(?&" not in p.pattern and "书记" in p.pattern for p in absent.patterns)
    said = [("staff", "您好，请问办什么事？"), ("resident", "我找王主任。"), ("staff", "王主任下乡了。"), ("resident", "好吧。")]
    card = Scorer.default().score(Exchange("visit", "visit.txt", [Turn(i, role, role, text, i + 1)
                                                                  for i, (role, text) in enumerate(said)]), "reception")
    assert "reception.absent" in [f.rule for f in card.findings if f.kind == "missing"]
    path = tmp_path / "mine.toml"
    path.write_text(BROKEN.split("[[item]]\nkey = \"odd\"")[0].replace('["您好（"]', '["(?&hello)"]'), encoding="utf-8")
    assert [d.line for d in validate_script_file(path) if "(?&hello)" in d.message] == [11]


@pytest.mark.parametrize("added, named", [('moves_on = ["这边"]', "moves_on"), ('reply_patterns = ["^不行"]', "in_reply_to")])
def test_a_trigger_field_the_praise_trigger_cannot_take_is_refused_at_its_line(tmp_path, added, named):
    """A resident trigger's window scanned for the resident's questions from every cue in a run of them would
    grow with the square of the run: ``moves_on`` is for staff triggers only; and a no that counts only as a reply
    needs the turn it replies to named (``reply_patterns`` without ``in_reply_to``). The loader says so, at the line."""
    text = (Path(default_script_files()[0]).parent / "reception.toml").read_text(encoding="utf-8")
    cue = 'key = "praise"'
    edited = text.replace(cue, cue + "\n" + added, 1)
    path = tmp_path / "reception.toml"
    path.write_text(edited, encoding="utf-8")
    [problem] = validate_script_file(path)
    assert named in problem.message
    assert problem.line == edited.splitlines().index(added) + 1


def _refusal_charges(asked: str, reply: str) -> list[str]:
    said = [("resident", asked), ("staff", reply)]
    card = Scorer.default().score(Exchange("visit", "visit.txt", [Turn(i, role, role, text, i + 1)
                                                                  for i, (role, text) in enumerate(said)]), "reception")
    return [f.kind for f in card.findings if f.rule == "reception.refusal"]


@pytest.mark.parametrize("asked, reply", [
    ("请问可以把这份卷宗的原件借我带回去复印吗？", "原件不能外借。"),
    ("这个表我能拿回家填吗？", "不能拿走哦。"),
    ("能让我先看看评审的打分表吗？", "这个恐怕不行，不好意思。"),
    ("侬帮我拿迭张表格改一改好伐？", "迭个阿拉勿好改额。"),
    ("你们这能把那个旧手机号给我恢复不？", "恢复不了了，这个号。"),
])
def test_a_bare_no_to_what_was_asked_is_a_refusal_owing_a_reason(asked, reply):
    """Trigger dev2 (odd ids): a no that refuses only because of what was asked — 原件不能外借 after …可以借我…吗？ —
    is a refusal (``reply_patterns`` after ``in_reply_to``), charged when no reason or way on is given."""
    assert _refusal_charges(asked, reply) == ["trigger", "missing"]


@pytest.mark.parametrize("asked, reply", [
    ("孩子的疫苗今天能打吗？", "能打，不过要提醒您，打完针当天不能洗澡，留观三十分钟再走。"),   # a warning after a yes
    ("原件放在哪里？", "原件不能外借。"),                                                       # nothing was asked for
    ("能把探视时间延长到晚上九点吗？", "探视时间不能延长。白天来不了的话，可以跟我们预约周末上午的时段。"),   # a way on
])
def test_the_same_words_after_a_yes_or_no_request_or_with_a_way_on_cost_nothing(asked, reply):
    assert "missing" not in _refusal_charges(asked, reply)


@pytest.mark.parametrize("said", [
    "咱们这儿不许说：不归我管，得给人指清楚路。",                               # the example in a clause of its own
    "嗯 培训 的 时候 讲 了 啊 不能 说 这个 不归 我 管 要 给 人家 指 清楚 路",   # speech recognition: a sentence end read there
])
def test_what_not_to_say_cited_in_the_clause_after_owes_no_referral(said):
    """Trigger dev (G0239, G0213): training talk that cites 不归我管 after 不许说 or 不能说 is no shrug, also when the
    example stands in a clause of its own — after a colon, or after a sentence end read in unmarked speech."""
    assert _referral_charges(said) == []


@pytest.mark.parametrize("said", ["你别跟我说，这事不归我管。", "不要跟我讲，这事不归我管，你找街道去。"])
def test_telling_the_resident_off_before_the_shrug_is_no_training_talk(said):
    assert _referral_charges(said) == ["trigger", "missing"]


def _referral_charges(said: str) -> list[str]:
    turns = [Turn(0, "resident", "resident", "那我们平时应该怎么回答群众？", 1), Turn(1, "staff", "staff", said, 2)]
    card = Scorer.default().score(Exchange("visit", "visit.txt", turns), "reception")
    return [f.kind for f in card.findings if f.rule == "reception.referral"]


@pytest.mark.parametrize("reply, owed", [
    ("好的 这个问题需要跟教育局的专线核实最新政策 请您稍等 我帮您连线确认 可能需要几分钟", []),   # a sentence end read at a pause
    ("这个问题需要跟教育局核实，您稍等消息吧。", ["trigger", "missing"]),                         # a wait for news
    ("这个问题需要跟教育局核实。您稍等几天吧。", ["trigger", "missing"]),                         # or for days
    ("这个问题需要跟教育局核实，您稍等我们的消息吧。", ["trigger", "missing"]),
])
def test_a_wait_asked_for_after_the_check_is_an_answer_now_not_later(reply, owed):
    """Scoring pair dev9/938: 需要…核实 then 请您稍等 in the turn's next sentence is answered while the caller holds."""
    turns = [Turn(0, "resident", "resident", "少数民族中考能加多少分？", 1), Turn(1, "staff", "staff", reply, 2)]
    card = Scorer.default().score(Exchange("call", "call.txt", turns), "reception")
    assert [f.kind for f in card.findings if f.rule == "reception.reply_later"] == owed


def test_a_sites_trigger_may_not_take_the_key_of_an_item(tmp_path):
    """An independent review: a site's trigger keyed farewell, extending reception, was read by the review console as
    the closing item's finding (a finding's rule names its item or its trigger)."""
    (tmp_path / "site.toml").write_text('[script]\nname = "reception"\ntitle = "站点"\nextends = "reception"\n\n'
                                        '[[trigger]]\nkey = "farewell"\nname = "排队"\npatterns = ["排了"]\n'
                                        'expect = { patterns = ["久等"] }\npoints = 8\nmessage = "未致歉"\n'
                                        'sources = [{ doc = "site", article = "1" }]\n', encoding="utf-8")
    with pytest.raises(ScriptError, match="与条目同名"):
        load_scripts([tmp_path])
