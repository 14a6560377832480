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
