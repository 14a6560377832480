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
