"""One reader serves every TOML data file: the same fault gets the same words and its own file:line in each."""

import re
import tomllib
from pathlib import Path

import pytest

from phrasecheck.config import ConfigError, load_config
from phrasecheck.lexicon.load import LexiconError, load_lexicon
from phrasecheck.scoring.scripts import default_script_files, validate_script_file
from phrasecheck.tomlfile import (
    COUNT, COUNTS, FLAG, NAMED_TEXTS, NUMBER, SHARE, TABLE, TABLES, TEXT, TEXTS, DataFileError, Field, Table,
    TomlReader,
)
from phrasecheck.transcripts import roles

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
        with pytest.raises((LexiconError, ConfigError, DataFileError)) as raised:
            {"lexicon": lambda: load_lexicon([path], defaults=False), "config": lambda: load_config(explicit=path),
             "roles": lambda: _speaker_table(path)}[kind]()
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


def _speaker_table(path: Path) -> None:
    """Load ``path`` as the speaker table (roles.toml)."""
    shipped = roles.data_path
    roles.data_path = lambda *parts: path
    roles._base_table.cache_clear()
    try:
        roles._base_table()
    finally:
        roles.data_path = shipped
        roles._base_table.cache_clear()


SCHEMA = {
    "name": Field(TEXT, required=True),
    "labels": Field(TEXTS, default=()),
    "weight": Field(NUMBER, default=1.0),
    "share": Field(SHARE, default=0.5),
    "within": Field(COUNT, default=1),
    "same_turn": Field(FLAG, default=False),
    "cues": Field(COUNTS, default={}),
    "words": Field(NAMED_TEXTS, default={}),
    "where": Field(TEXT, default="any", choices=("any", "staff")),
    "avoid": Field(TABLE, fields={"points": Field(NUMBER, required=True), "rules": Field(TEXTS, default=())}),
    "bands": Field(TABLES, default=(), fields={"name": Field(TEXT, required=True)}),
}
GOOD_TABLE = """[thing]
name = " 问候 "
labels = ["a", " b "]
weight = 2
share = 1
within = 0
same_turn = true
cues = { "您好" = 2 }
words = { a = "b" }
where = "staff"
avoid = { points = 3 }
bands = [{ name = "优秀" }, { name = "良好" }]
"""


def _read(text: str, schema=SCHEMA) -> tuple[dict, list[tuple[int, str]]]:
    """The ``[thing]`` of ``text`` read with ``schema``, and the problems as (line, message)."""
    reader = TomlReader("x.toml", text)
    values = Table(tomllib.loads(text).get("thing", {}), reader, "thing").read(schema)
    return values, [(problem.line, problem.message) for problem in reader.sorted_problems()]


def test_a_schema_reads_each_kind_into_its_value():
    values, problems = _read(GOOD_TABLE)
    assert problems == []
    assert values == {"name": "问候", "labels": ("a", "b"), "weight": 2.0, "share": 1.0, "within": 0, "same_turn": True,
                      "cues": {"您好": 2}, "words": {"a": "b"}, "where": "staff", "avoid": {"points": 3.0, "rules": ()},
                      "bands": ({"name": "优秀"}, {"name": "良好"})}
    assert isinstance(values["weight"], float) and isinstance(values["within"], int)


def test_what_a_table_leaves_out_reads_as_its_default_and_a_missing_required_field_is_a_problem_at_the_header():
    values, problems = _read("x = 0\n\n[thing]\n")
    assert problems == [(3, "缺少必填字段 / missing required field “name”")]
    assert values == {"name": None, "labels": (), "weight": 1.0, "share": 0.5, "within": 1, "same_turn": False,
                      "cues": {}, "words": {}, "where": "any", "avoid": None, "bands": ()}


@pytest.mark.parametrize(("key", "wrong", "words"), [
    ("name", "3", "“name”应为非空字符串 / must be a non-empty string"),
    ("name", '"  "', "“name”应为非空字符串 / must be a non-empty string"),
    ("labels", '"a"', "“labels”应为非空字符串列表 / must be a list of non-empty strings"),
    ("labels", '["a", 1]', "“labels”应为非空字符串列表 / must be a list of non-empty strings"),
    ("weight", "-1", "“weight”应为不小于 0 的数 / must be a number ≥ 0"),
    ("weight", "true", "“weight”应为不小于 0 的数 / must be a number ≥ 0"),
    ("share", "0", "“share”应为大于 0、不大于 1 的数 / must be a number between 0 and 1 (above 0, at most 1)"),
    ("share", "1.5", "“share”应为大于 0、不大于 1 的数 / must be a number between 0 and 1 (above 0, at most 1)"),
    ("within", "1.5", "“within”应为不小于 0 的整数 / must be an integer ≥ 0"),
    ("within", "-1", "“within”应为不小于 0 的整数 / must be an integer ≥ 0"),
    ("same_turn", '"yes"', "“same_turn”应为 true 或 false / must be true or false"),
    ("cues", "{ a = -1 }", "“cues”应为 词 = 非负整数 的表 / must be a table of word = whole number ≥ 0"),
    ("words", "{ a = 1 }", "“words”应为 名称 = \"文字\" 的表 / must be a table of name = \"text\""),
    ("where", '"opening"', "where 应为 any、staff 之一 / where must be one of any, staff"),
    ("where", "5", "where 应为 any、staff 之一 / where must be one of any, staff"),
    ("avoid", "5", "“avoid”应为表 / must be a table"),
    ("bands", "[1]", "“bands”应为表的列表 / must be a list of tables"),
])
def test_a_value_of_the_wrong_kind_is_a_problem_at_its_line_and_reads_as_the_default(key, wrong, words):
    text = re.sub(rf"(?m)^{key} = .*$", f"{key} = {wrong}", GOOD_TABLE)
    values, problems = _read(text)
    assert problems == [(_line(text, f"{key} ="), words)]
    assert values[key] == SCHEMA[key].default


def test_an_inline_table_or_a_list_of_tables_says_its_problems_at_its_key_naming_the_inner_field():
    text = GOOD_TABLE.replace("avoid = { points = 3 }", 'avoid = { points = "x", colour = 1 }').replace(
        'bands = [{ name = "优秀" }, { name = "良好" }]', 'bands = [{ name = "优秀" },\n  { nom = "良好" }]')
    values, problems = _read(text)
    avoid, bands = _line(text, "avoid"), _line(text, "bands")
    assert problems == [(avoid, "未知字段 / unknown field “avoid.colour”"),
                        (avoid, "“avoid.points”应为不小于 0 的数 / must be a number ≥ 0"),
                        (bands, "未知字段 / unknown field “bands.nom”"),
                        (bands, "缺少必填字段 / missing required field “bands.name”")]
    assert values["avoid"] == {"points": None, "rules": ()} and values["bands"] == ({"name": "优秀"}, {"name": None})


def test_an_unknown_field_is_a_problem_at_its_line():
    text = GOOD_TABLE + "colour = 1\n"
    assert _read(text)[1] == [(_line(text, "colour"), "未知字段 / unknown field “colour”")]


def test_at_the_top_level_a_table_field_is_a_section_and_its_fields_have_their_own_lines():
    text = 'lang = "zh"\n\n[thing]\nname = 3\n\n[other]\nname = "x"\n'
    reader = TomlReader("x.toml", text)
    values = reader.table(tomllib.loads(text)).read({
        "lang": Field(TEXT), "thing": Field(TABLE, fields={"name": Field(TEXT)}),
        "other": Field(TABLE, fields={"name": Field(TEXT)}), "absent": Field(TABLE, default={}, fields=SCHEMA)})
    assert [(p.line, p.message) for p in reader.problems] == [(4, "“name”应为非空字符串 / must be a non-empty string")]
    assert values["other"] == {"name": "x"}
    assert values["absent"] == _read("[thing]\n")[0]  # its fields' defaults, and no word about the required name


def test_peek_reads_a_value_without_a_word_about_it():
    reader = TomlReader("x.toml", GOOD_TABLE)
    table = Table(tomllib.loads(GOOD_TABLE)["thing"], reader, "thing")
    assert table.peek("where", SCHEMA["where"]) == "staff" and table.peek("weight", SCHEMA["where"]) is None
    assert table.peek("nothing", SCHEMA["name"]) is None and reader.problems == []


ROLES_TOML = (ROOT / "lexicons" / "roles" / "roles.toml").read_text(encoding="utf-8")
RECEPTION = (ROOT / "lexicons" / "scripts" / "reception.toml").read_text(encoding="utf-8")
LEXICON = RULE + 'variants = ["爱办不办的"]\nnote = "粗鲁"\n'
CONFIG = '[matching]\nfuzzy_min_length = 6\nparaphrase = false\n\n[roles]\nstaff = ["柜员"]\n'
BASE = {"lexicon": LEXICON, "script": RECEPTION, "roles": ROLES_TOML, "config": CONFIG}


@pytest.mark.parametrize(("kind", "wrong", "fields"), [
    (TEXTS, "5", [("lexicon", "variants"), ("script", "aliases"), ("roles", "greetings"), ("config", "staff")]),
    (COUNT, '"x"', [("script", "within"), ("roles", "greeting_first"), ("config", "fuzzy_min_length")]),
    (FLAG, '"yes"', [("script", "default"), ("config", "paraphrase")]),
    (TEXT, "3", [("lexicon", "note"), ("script", "version")]),
], ids=["texts", "count", "flag", "text"])
def test_the_same_wrong_kind_reads_the_same_in_a_lexicon_a_script_the_speaker_table_and_the_configuration(
        tmp_path, kind, wrong, fields):
    for file_kind, key in fields:
        text = re.sub(rf"(?m)^{key} = .*$", f"{key} = {wrong}", BASE[file_kind], count=1)
        assert text != BASE[file_kind]
        assert _faults(tmp_path, file_kind, text) == [(_line(text, f"{key} = {wrong}"), kind.words.format(key=key))], file_kind


def test_an_array_elements_line_is_where_it_starts_past_comments_strings_and_nested_arrays():
    text = ('[[rule]]\nmatch = [\n  { pattern = "(这点钱|几百块" },   # a [comment], with "quotes"\n'
            '  { all = ["a|b", "c"], ordered = true },\n  ["x",\n   "y"], "z\\"]",\n  \'l,it\' ,\n]\nflag = ["一", "二"]\n')
    reader = TomlReader("f", text)
    match = reader.line("rule", 0, "match")
    assert [reader.element_line(match, n) for n in range(6)] == [3, 4, 5, 6, 7, 2]  # no sixth element: the key's line
    assert reader.element_line(reader.line("rule", 0, "flag"), 1) == 9
    assert reader.find(1, r"^flag\s*=") == 9 and reader.find(1, "nowhere") == 0
