"""`phrasecheck explain` and `check --explain`: why a text was or was not flagged."""

import json

from typer.testing import CliRunner

from phrasecheck.cli.app import app

RUNNER = CliRunner(env={"COLUMNS": "250"})


def explained(text: str) -> dict:
    result = RUNNER.invoke(app, ["explain", "--format", "json", text])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_normalised_text_maps_back_to_the_original():
    report = explained("嗯，你这人真笨！")
    assert report["normalised"] == "你这人真笨"
    assert report["offsets"] == [2, 3, 4, 5, 6]


def test_a_finding_shows_its_rule_and_every_part_of_its_family():
    report = explained("你问我我问谁")
    assert ("prohibited.evade.dont-know", "finding") in {(d["rule"], d["verdict"]) for d in report["decisions"]}
    [trace] = [t for t in report["families"] if t["rule"] == "prohibited.evade.dont-know" and t["holds"]]
    assert any(part["said"] == "问我问谁" for part in trace["parts"])          # the part that held, as said
    assert any(part["said"] is None for part in trace["parts"])              # and those that did not


def test_text_output_lists_what_held_a_family_and_counts_the_wordings_not_said():
    """A metro trial: one held rule took 30 lines of its wordings not said. The text shows what held it and how many
    others there are; the JSON keeps every part (above)."""
    text = RUNNER.invoke(app, ["explain", "你问我我问谁"]).output
    lines = text.split("prohibited.evade.dont-know 「", 1)[1].splitlines()[1:]
    block = lines[:next(n for n, line in enumerate(lines) if not line.startswith("      "))]
    assert any(line.endswith("问我问谁") for line in block) and not any(line.endswith(": 未说到") for line in block)
    assert "个写法未说到" in block[-1]


def test_a_guard_that_stopped_a_candidate_is_named():
    [decision] = explained("不知道您方便吗")["decisions"]
    assert decision["rule"] == "prohibited.evade.dont-know" and decision["verdict"] == "none: 您方便"


def test_a_word_boundary_and_a_longer_finding_are_named():
    verdicts = [d["verdict"] for d in explained("别罗里罗嗦快点说")["decisions"]]
    assert "finding" in verdicts and any(v.startswith("word boundary:") for v in verdicts)
    verdicts = [d["verdict"] for d in explained("这事不归我们部门管理")["decisions"]]
    assert verdicts.count("finding") == 1 and "covered by: prohibited.shirk.not-my-business" in verdicts


def test_a_phrase_nearly_said_shows_its_similarity_and_what_it_needed():
    [miss] = explained("请您稍后再来电")["near_misses"]
    assert miss["rule"] == "courtesy.wait.please-wait" and 0.6 <= miss["similarity"] < 1
    assert "never fuzzy" in miss["needed"]


def test_text_output_says_the_same_in_chinese():
    result = RUNNER.invoke(app, ["explain", "不知道您方便吗"])
    assert "归一化文本: 不知道您方便吗" in result.output and "未标出，因 规则的排除条件（none）在附近说到：“您方便”" in result.output


def test_a_joke_that_takes_a_phrase_back_is_named():
    verdicts = {d["rule"]: d["verdict"] for d in explained("你真笨，开玩笑的刘姐，您坐。")["decisions"]}
    assert verdicts["prohibited.insult.stupid"] == "joke: 开玩笑"
    output = RUNNER.invoke(app, ["explain", "你真笨，开玩笑的刘姐，您坐。"]).output
    assert "未标出，因 随即说明是开玩笑：“开玩笑” prohibited.insult.stupid" in output


def test_a_candidate_inside_a_longer_finding_of_its_own_rule_says_so_once():
    """An outside trial read "covered by: R R" as the rule named twice."""
    output = RUNNER.invoke(app, ["explain", "这个不归我们管 您去问别人吧"]).output
    assert "同一规则在此处已有先取的发现 prohibited.shirk.not-my-business" in output
    assert "covered by: prohibited.shirk.not-my-business prohibited.shirk.not-my-business" not in output


def test_check_explain_explains_only_the_lines_that_came_close(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("今天天气不错\n你这人真笨\n我们明天开会\n", encoding="utf-8")
    result = RUNNER.invoke(app, ["check", "--explain", "--format", "json", str(draft)])
    assert result.exit_code == 1  # a prohibited finding, as plain check
    [line] = json.loads(result.stdout)["explanations"]
    assert line["line"] == 2 and line["normalised"] == "你这人真笨"
    text = RUNNER.invoke(app, ["check", "--explain", str(draft)]).output
    assert f"{draft}:2" in text and f"{draft}:1" not in text and f"{draft}:3" not in text


def test_near_misses_compare_only_stretches_that_could_reach_near_and_find_the_same_closest():
    """The closest stretch to each phrase, looked for only where enough of its characters are said, is the one a
    comparison at every character finds (whenever it is near enough to report), on real utterances."""
    from collections import defaultdict
    from pathlib import Path

    from phrasecheck.lexicon.load import load_lexicon
    from phrasecheck.matching import explain
    from phrasecheck.normalize import normalize

    phrases = sorted({normalize(form).text for rule in load_lexicon().rules for form in rule.forms if len(form) >= 3})[::7]
    utterances = Path(__file__).parent / "heldout" / "matching" / "dev.jsonl"
    for line in utterances.read_text(encoding="utf-8").splitlines()[:60]:
        text = normalize(json.loads(line)["text"]).text
        places = defaultdict(list)
        for position, char in enumerate(text):
            places[char].append(position)
        for phrase in phrases:
            everywhere = explain._closest(text, phrase, list(range(max(1, len(text) - len(phrase) + 2))))
            filtered = explain._closest(text, phrase, explain._starts(phrase, places, len(text)))
            assert filtered == everywhere or (everywhere[0] < explain.NEAR and filtered[0] < explain.NEAR)


def test_check_explain_numbers_the_lines_after_a_line_read_in_pieces(tmp_path, monkeypatch):
    """A line too long to hold at once is explained piece by piece at its columns; the lines after it keep their numbers."""
    from phrasecheck import lint

    monkeypatch.setattr(lint, "MAX_LINE_CHARS", 1000)
    draft = tmp_path / "draft.txt"
    draft.write_text("您好\n" + "这事不归我管，" * 300 + "\n你这人真笨\n", encoding="utf-8")
    result = RUNNER.invoke(app, ["check", "--explain", "--format", "json", str(draft)])
    places = [(entry["line"], entry["column"]) for entry in json.loads(result.stdout)["explanations"]]
    assert places[-1] == (3, 1) and [line for line, _ in places].count(2) == 3
    assert [column for line, column in places if line == 2][1:] == [995, 1989]


def test_a_rule_about_residents_words_is_named_as_not_evaluated_in_staff_speech_and_explained_as_a_residents(tmp_path):
    """An outside trial's resident praise rule (role = "resident") was silently not looked at by explain."""
    lexicon = tmp_path / "hotline.toml"
    lexicon.write_text('[[rule]]\nid = "hotline.resident.praise-wuhan"\nkind = "courtesy"\ncategory = "表扬"\n'
                       'role = "resident"\nmatch = [{ all = ["你们|您|姑娘|伢", "蛮扎实|硬是要得|冇得话说"] }]\n'
                       'sources = [{ doc = "热线中心服务规范2025.docx", article = "第四条" }]\n', encoding="utf-8")
    result = RUNNER.invoke(app, ["explain", "--lexicon", str(lexicon), "你们硬是要得，冇得话说。"])
    assert "只查群众的话的规则（role = \"resident\"），工作人员的话不查:\n  hotline.resident.praise-wuhan “你们硬是要得”" in result.output
    assert "explain --speaker resident" in result.output
    result = RUNNER.invoke(app, ["explain", "--lexicon", str(lexicon), "--speaker", "resident", "--format", "json",
                                 "你们硬是要得，冇得话说。"])
    report = json.loads(result.stdout)
    assert report["speaker"] == "resident" and report["residents_rules"] == []
    assert ("hotline.resident.praise-wuhan", "finding") in {(d["rule"], d["verdict"]) for d in report["decisions"]}


SITE_RULES = '''[classes]
system = ["系统", "电脑", "后台", "网络", "机器", "服务器"]
sys_broken = ["坏了", "出问题", "卡了", "卡死了", "崩了", "升级", "死机", "连不上"]
not_my_fault = ["又不是我", "不关我的事", "跟我没关系", "我也没办法", "不是我的问题"]
accent = ["口音", "方言", "土话", "普通话", "武汉话"]
mock_talk = ["听不懂", "鸟语", "说人话", "讲人话", "学学普通话"]

[[rule]]
id = "bank.evade.blame-system"
kind = "prohibited"
category = "搪塞"
severity = "medium"
match = [
  { all = ["@system", "@sys_broken", "@not_my_fault"], ordered = true },
]
within = 20
none = ["对不起|抱歉|不好意思|我帮您|我给您|请您稍候|稍等"]
suggestion = "很抱歉，系统出了故障，请您稍候，我马上联系技术人员"
sources = [{ doc = "客服中心服务标准2024.pdf", article = "4.5" }]

[[rule]]
id = "hotline.insult.mock-accent"
kind = "prohibited"
category = "侮辱/贬低"
severity = "critical"
match = [
  { all = ["@accent", "@mock_talk"] },
  { pattern = "鸟语|说人话|讲人话|外星语" },
]
within = 16
suggestion = "不好意思，我没听清楚，麻烦您再说一遍"
sources = [{ doc = "热线中心服务规范2025.docx", article = "第七条 3" }]
'''


def explained_with(tmp_path, text: str, *options: str) -> dict:
    lexicon = tmp_path / "site.toml"
    lexicon.write_text(SITE_RULES, encoding="utf-8")
    result = RUNNER.invoke(app, ["explain", "--format", "json", "--lexicon", str(lexicon), *options, text])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_a_family_rule_half_met_is_shown_as_a_near_miss_with_the_parts_met_and_not(tmp_path):
    """An outside trial's explain said nothing of bank.evade.blame-system when two of its three word groups were said
    (网络, 崩了), nor of hotline.insult.mock-accent for 口音 alone: the part not said (their key words) opened no window."""
    [trace] = [t for t in explained_with(tmp_path, "网络又崩了 这个我真冇得法")["half_met"]
               if t["rule"] == "bank.evade.blame-system"]
    assert not trace["holds"]
    assert [(p["asks"], p["said"], p["holds"]) for p in trace["parts"]] == [
        ("@system", "网络", True), ("@sys_broken", "崩了", True), ("@not_my_fault", None, False)]
    [trace] = [t for t in explained_with(tmp_path, "你这口音太重了")["half_met"] if t["rule"] == "hotline.insult.mock-accent"]
    assert [(p["asks"], p["said"]) for p in trace["parts"]] == [("@accent", "口音"), ("@mock_talk", None)]
    lexicon = tmp_path / "site.toml"
    output = RUNNER.invoke(app, ["explain", "--lexicon", str(lexicon), "你这口音太重了"]).output
    assert ("hotline.insult.mock-accent 「你这口音太重了」 → 接近：部分条件成立，未标出\n      @accent: 口音\n"
            "      @mock_talk: 未说到") in output
    assert "prohibited.insult.stupid" not in output  # 你这 alone is said everywhere: no near miss of 你 + 笨


def test_a_family_whose_parts_were_all_said_out_of_order_says_so(tmp_path):
    [trace] = [t for t in explained_with(tmp_path, "又不是我弄坏的，电脑卡死了")["families"]
               if t["rule"] == "bank.evade.blame-system"]
    assert not trace["holds"] and all(p["holds"] for p in trace["parts"]) and trace["unmet"] == "ordered"


def test_a_finding_shows_the_exclusions_its_rule_looked_for_and_did_not_find(tmp_path):
    """For a false alarm, which words would have excused it."""
    report = explained_with(tmp_path, "网络连不上了，跟我没关系")
    [finding] = [d for d in report["decisions"] if d["verdict"] == "finding" and d["rule"] == "bank.evade.blame-system"]
    assert finding["none_not_said"] == {"none": "对不起|抱歉|不好意思|我帮您|我给您|请您稍候|稍等"}
    output = RUNNER.invoke(app, ["explain", "--lexicon", str(tmp_path / "site.toml"), "网络连不上了，跟我没关系"]).output
    assert "附近未说到其排除条件: none = 对不起|抱歉|不好意思|我帮您|我给您|请您稍候|稍等" in output


def test_a_candidate_covered_by_a_finding_as_grave_is_not_said_to_be_covered_by_a_graver_one(tmp_path):
    """An outside trial's bank.evade.blame-system (medium) was dropped "因 已有更重的发现覆盖此处" for the shipped
    prohibited.evade.nothing-i-can-do, as grave: the listed wording is taken first. Graver, the rule is reported."""
    lexicon = tmp_path / "site.toml"
    lexicon.write_text(SITE_RULES, encoding="utf-8")
    text = "系统升级了，我也没办法，又不是我弄的。"
    output = RUNNER.invoke(app, ["explain", "--lexicon", str(lexicon), text]).output
    assert ("未标出，因 已有同样重、先取的发现覆盖此处：“prohibited.evade.nothing-i-can-do” bank.evade.blame-system "
            "“系统升级了，我也没办法”") in output
    assert "更重的发现覆盖此处：“prohibited.evade.nothing-i-can-do” bank.evade.blame-system" not in output
    lexicon.write_text(SITE_RULES.replace('severity = "medium"', 'severity = "high"', 1), encoding="utf-8")
    report = json.loads(RUNNER.invoke(app, ["explain", "--format", "json", "--lexicon", str(lexicon), text]).stdout)
    assert ("bank.evade.blame-system", "finding") in {(d["rule"], d["verdict"]) for d in report["decisions"]}
    output = RUNNER.invoke(app, ["explain", "--lexicon", str(lexicon), text]).output
    assert "未标出，因 已有更重的发现覆盖此处：“bank.evade.blame-system” prohibited.evade.nothing-i-can-do" in output
