"""One reader serves every TOML data file: the same fault gets the same words and its own file:line in each."""

from pathlib import Path

import pytest

from phrasecheck.config import ConfigError, load_config
from phrasecheck.lexicon.load import LexiconError, load_lexicon
from phrasecheck.scoring.scripts import default_script_files, validate_script_file

ROOT = Path(__file__).resolve().parents[1]
RULE = '''[[rule]]
id = "local.rude"
kind = "prohibited"
category = "粗鲁"
severity = "high"
phrase = "爱办不办"
suggestion = "请您听我解释一下"
sources = [{ doc = "本站规范", article = "第一条" }]
'''


def _line(text: str, start: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if line.startswith(start))


def _faults(tmp_path, kind: str, text: str) -> list[tuple[int, str]]:
    path = tmp_path / ("phrasecheck.toml" if kind == "config" else f"{kind}.toml")
    path.write_text(text, encoding="utf-8")
    if kind == "script":
        found = validate_script_file(path)
    else:
        with pytest.raises((LexiconError, ConfigError)) as raised:
            load_lexicon([path], defaults=False) if kind == "lexicon" else load_config(explicit=path)
        found = raised.value.diagnostics
    assert all(problem.path == str(path) for problem in found)
    return [(problem.line, problem.message) for problem in found]


def test_an_unknown_field_reads_the_same_in_a_lexicon_a_script_and_the_configuration(tmp_path):
    lexicon = RULE + 'colour = "red"\n'
    script = (ROOT / "lexicons" / "scripts" / "reception.toml").read_text(encoding="utf-8").replace(
        'key = "greeting"\n', 'key = "greeting"\ncolour = "red"\n', 1)
    config = '[matching]\ncolour = "red"\n'
    for kind, text in (("lexicon", lexicon), ("script", script), ("config", config)):
        assert _faults(tmp_path, kind, text) == [(_line(text, "colour"), "未知字段 / unknown field “colour”")], kind


def test_a_value_of_the_wrong_kind_reads_the_same_in_a_lexicon_and_a_script(tmp_path):
    lexicon = RULE.replace('phrase = "爱办不办"', 'phrase = "爱办不办"\nnote = 3')
    script = Path(default_script_files()[0]).parent.joinpath("reception.toml").read_text(encoding="utf-8").replace(
        'name_en = "Greeting on arrival', 'name_en = 3\nold_en = "Greeting on arrival', 1)
    assert _faults(tmp_path, "lexicon", lexicon) == [(_line(lexicon, "note"), "“note”应为非空字符串 / must be a non-empty string")]
    faults = _faults(tmp_path, "script", script)
    assert (_line(script, "name_en = 3"), "“name_en”应为非空字符串 / must be a non-empty string") in faults


def test_an_empty_rule_is_refused_not_skipped(tmp_path):
    text = RULE + "\n[[rule]]\n\n" + RULE.replace("local.rude", "local.rude2")
    faults = _faults(tmp_path, "lexicon", text)
    empty = text.splitlines().index("[[rule]]", 1) + 1
    assert (empty, "缺少必填字段 / missing required field “id”") in faults


@pytest.mark.parametrize(("kind", "text", "start"), [
    ("lexicon", RULE + "[foo]\nx = 1\n", "[foo]"),   # an unknown table: at its header
    ("config", 'lang = "zh"\n[colour]\nx = 1\n', "[colour]"),
    ("lexicon", RULE.replace('phrase = "爱办不办"', '# note = "old"\nphrase = "爱办不办"\nnote = 3'), "note = 3"),  # not the comment
    ("lexicon", RULE.replace('phrase = "爱办不办"', 'phrase = "爱办不办"\nnot_before = [\n  "要是",\n]\nnote = 3'), "note = 3"),
    ("config", 'rules.severity = { "x" = "low" }\nrules.disable = 5\n', "rules.disable"),  # dotted keys: each its own line
])
def test_each_fault_is_at_its_own_line(tmp_path, kind, text, start):
    lines = {line for line, _ in _faults(tmp_path, kind, text)}
    assert _line(text, start) in lines and 0 not in lines


def test_a_missing_or_broken_table_of_the_speaker_table_is_one_problem(tmp_path, monkeypatch):
    from phrasecheck.tomlfile import DataFileError
    from phrasecheck.transcripts import roles

    shipped = (ROOT / "lexicons" / "roles" / "roles.toml").read_text(encoding="utf-8")
    broken = tmp_path / "roles.toml"
    broken.write_text(shipped.replace("[staff]", "[staff_old]", 1), encoding="utf-8")
    monkeypatch.setattr(roles, "data_path", lambda *parts: broken)
    roles._base_table.cache_clear()
    try:
        with pytest.raises(DataFileError) as raised:
            roles._base_table()
        messages = [d.message for d in raised.value.diagnostics]
        assert sum("staff" in m for m in messages) == 2  # staff_old unknown, [staff] missing: nothing about its fields
        assert not any("labels" in m for m in messages)
    finally:
        roles._base_table.cache_clear()


def test_a_section_that_is_no_table_is_an_error_not_a_crash(tmp_path):
    path = tmp_path / "phrasecheck.toml"
    path.write_text('lang = "zh"\nroles = 5\nmatching = 5\n', encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(explicit=path)
    assert [(d.line, "must be a table" in d.message) for d in raised.value.diagnostics] == [(2, True), (3, True)]
