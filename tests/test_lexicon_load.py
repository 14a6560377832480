"""The lexicon loader validates every entry and names the file and line of each problem."""

import pytest

from phrasecheck.lexicon.load import LexiconError, load_lexicon, with_overrides

GOOD = '''
[categories]
"推诿" = "shirking"

[[rule]]
id = "local.not-mine"
kind = "prohibited"
category = "推诿"
severity = "high"
phrase = "这个不归我们窗口管"
suggestion = "请稍等，我帮您问一下其他社工"
sources = [{ doc = "本所规定.txt", article = "第二条", line = 7 }]

[[rule]]
id = "local.hello"
kind = "courtesy"
category = "问候"
phrase = "您好，这里是хх社区居委会"
sources = [{ doc = "本所规定.txt", article = "第一条" }]
'''


def write(tmp_path, text, name="local.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path, text):
    with pytest.raises(LexiconError) as caught:
        load_lexicon([write(tmp_path, text)], defaults=False)
    return [(d.line, d.message) for d in caught.value.diagnostics]


def test_a_valid_file_loads_with_its_sources_and_categories(tmp_path):
    lexicon = load_lexicon([write(tmp_path, GOOD)], defaults=False)
    rule = lexicon.rule("local.not-mine")
    assert rule.severity == "high" and rule.suggestion.startswith("请稍等")
    assert str(rule.sources[0]) == "本所规定.txt 第二条 (第7行)"
    assert rule.origin.line == 5
    assert lexicon.category_name("推诿", "en") == "shirking"
    assert len(lexicon.version) == 12


def test_a_directory_loads_every_toml_in_it(tmp_path):
    write(tmp_path, GOOD)
    assert {r.id for r in load_lexicon([tmp_path], defaults=False).rules} == {"local.not-mine", "local.hello"}


def test_syntax_errors_name_the_line(tmp_path):
    [(line, message)] = problems(tmp_path, '[[rule]]\nid = "a"\nkind = \n')
    assert line == 3 and "TOML" in message


def test_unknown_fields_missing_fields_and_bad_values_name_their_lines(tmp_path):
    text = GOOD.replace('severity = "high"', 'severity = "fatal"').replace(
        'phrase = "您好', 'colour = "red"\nphrase = "您好'
    ).replace('suggestion = "请稍等，我帮您问一下其他社工"\n', "")
    found = problems(tmp_path, text)
    assert (9, "severity 应为 low、medium、high、critical 之一 / severity must be one of low, medium, high, critical") in found
    assert any(line == 5 and "suggestion" in message for line, message in found)
    assert any(line == 17 and "colour" in message for line, message in found)


def test_an_entry_that_can_never_match_is_an_error(tmp_path):
    found = problems(tmp_path, GOOD.replace('phrase = "这个不归我们窗口管"', 'phrase = "xx，！"'))
    assert any(line == 10 and "永远不会匹配" in message for line, message in found)


def test_duplicate_ids_across_files_are_errors(tmp_path):
    first = write(tmp_path, GOOD, "a.toml")
    second = write(tmp_path, GOOD, "b.toml")
    with pytest.raises(LexiconError) as caught:
        load_lexicon([first, second], defaults=False)
    assert {(d.path, d.line) for d in caught.value.diagnostics} == {(str(second), 5), (str(second), 14)}


def test_overrides_disable_and_regrade_rules(tmp_path):
    lexicon = load_lexicon([write(tmp_path, GOOD)], defaults=False)
    changed = with_overrides(lexicon, disabled=["local.hello"], severities={"local.not-mine": "low"})
    assert [(r.id, r.severity) for r in changed.rules] == [("local.not-mine", "low")]


PIECES = '''
[pieces]
offer = "给您(?!(说|讲)(过|了))"

[[rule]]
id = "local.asked-again"
kind = "prohibited"
category = "烦躁"
severity = "medium"
phrase = "怎么还要问"
suggestion = "请问您还有哪里不清楚？我再给您讲一遍"
none_in_sentence = [{ pattern = "(?&offer)" }]
sources = [{ doc = "本所规定.txt", article = "第二条" }]
'''


def test_a_piece_stands_for_its_pattern_wherever_its_file_writes_it(tmp_path):
    from phrasecheck.matching import Matcher

    matcher = Matcher(load_lexicon([write(tmp_path, PIECES)], defaults=False))
    flagged = [text for text in ("我刚讲过，怎么还要问？", "怎么还要问，我给您再找找文件依据。", "怎么还要问，我给您说过了。")
               if matcher.find(text)]
    assert flagged == ["我刚讲过，怎么还要问？", "怎么还要问，我给您说过了。"]   # 给您 offers, 给您说过了 reproaches


def test_an_undefined_or_broken_piece_is_an_error_at_its_line(tmp_path):
    assert problems(tmp_path, PIECES.replace("(?&offer)", "(?&ofer)")) == [
        (12, "未定义的模式片段 (?&ofer)（在本文件的 [pieces] 中定义） / undefined pattern piece (?&ofer) (define it in this file's [pieces])")]
    found = problems(tmp_path, PIECES.replace('offer = "给您(?!(说|讲)(过|了))"', 'offer = "给您(?!(说"\nBad = "x"'))
    assert [(line, message[:14]) for line, message in found] == [(3, "模式片段“offer”不是有"), (4, "模式片段“Bad”：名称只能")]


def test_a_broken_piece_is_named_at_its_own_line_whatever_its_name_and_form(tmp_path):
    """A review's cases: a piece called like a rule's key (none), after the rules, was reported at the rule's
    none = line; one in an inline table at no line at all."""
    rule = PIECES.split("[[rule]]")[1].replace("(?&offer)", "(?&none)")
    assert [line for line, _ in problems(tmp_path, "[[rule]]" + rule + '\n[pieces]\nnone = "给您(?!(说"\n')] == [12]
    inline = 'pieces = { offer = "给您(" }\n\n[[rule]]' + PIECES.split("[[rule]]")[1]
    assert [line for line, _ in problems(tmp_path, inline)] == [1]
