"""phrasecheck.toml: found upwards, validated with file:line, applied to every command."""

import json

import pytest
from typer.testing import CliRunner

from phrasecheck.cli.app import app
from phrasecheck.config import ConfigError, find_config, load_config

LOCAL_LEXICON = '''
[[rule]]
id = "local.rush.hurry"
kind = "prohibited"
category = "催促/不耐烦"
severity = "medium"
phrase = "麻溜点儿"
suggestion = "请您慢慢说，我在听"
sources = [{ doc = "本街道窗口规范.txt", article = "第五条", line = 12 }]
flag = ["你麻溜点儿"]
'''

CONFIG = '''
lang = "zh"
lexicons = ["rules"]

[rules]
disable = ["prohibited.evade.dont-know"]
severity = { "prohibited.impatient.going-off-duty" = "critical" }
suggestion = { "prohibited.impatient.stop-nagging" = "您别着急，慢慢说，我在听" }

[roles]
staff = ["柜员"]

[grades]
"优秀" = 95
"良好" = 85
"合格" = 70
"不合格" = 0
'''


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "local.toml").write_text(LOCAL_LEXICON, encoding="utf-8")
    (tmp_path / "phrasecheck.toml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "sub" / "deeper")
    return tmp_path


def check_json(*args, stdin):
    return json.loads(CliRunner().invoke(app, ["check", "--format", "json", *args], input=stdin).output)


def test_the_nearest_config_is_found_from_the_working_directory_upwards(project):
    assert find_config() == project / "phrasecheck.toml"
    config = load_config()
    assert config.disabled == ("prohibited.evade.dont-know",)
    assert config.origins["disabled"] == f"{project / 'phrasecheck.toml'}:6"


def test_a_config_adds_a_local_phrase_disables_a_rule_and_regrades_another(project):
    findings = check_json(stdin="你麻溜点儿。我不知道。我要下班了，你快点。")["findings"]
    by_rule = {f["rule"]: f for f in findings if f["kind"] == "prohibited"}
    assert by_rule["local.rush.hurry"]["text"] == "麻溜点儿"
    assert "prohibited.evade.dont-know" not in by_rule
    assert by_rule["prohibited.impatient.going-off-duty"]["severity"] == "critical"
    nagging = check_json(stdin="别啰嗦，快点讲。")["findings"]   # a site's own wording for a shipped rule
    assert [f["suggestion"] for f in nagging if f["rule"] == "prohibited.impatient.stop-nagging"] == ["您别着急，慢慢说，我在听"]


def test_config_labels_and_grade_bands_reach_scoring(project):
    (project / "call.txt").write_text("柜员：您好，请坐。\n居民：我想办居住证。\n柜员：好的，您慢走，再见。\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["score", str(project / "call.txt"), "--format", "json"])
    [exchange] = json.loads(result.output)["exchanges"]
    assert exchange["turns"][0]["role"] == "staff"            # 柜员 is a staff label by configuration
    assert exchange["grade"] == ("优秀" if exchange["score"] >= 95 else "良好" if exchange["score"] >= 85 else
                                 "合格" if exchange["score"] >= 70 else "不合格")


def test_an_explicit_config_wins(project, tmp_path_factory):
    other = tmp_path_factory.mktemp("other") / "custom.toml"
    other.write_text('lang = "en"\n', encoding="utf-8")
    assert load_config(explicit=other).lang == "en"
    output = CliRunner().invoke(app, ["check", "--config", str(other)], input="我不知道").output
    assert "Prohibited[" in output


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('lang = "zh"\ncolour = "red"\n', 2, "unknown field “colour”"),
        ('[matching]\nfuzzy_short = 3\n', 2, "between 0 and 1"),
        ('[rules]\nseverity = { "x" = "fatal" }\n', 2, "severity"),
        ('[roles]\nstaff = "柜员"\n', 2, "list of non-empty strings"),
        ('lexicons = ["nowhere"]\n', 1, "no such path"),
        ('lang = \n', 1, "TOML"),
    ],
)
def test_bad_configs_name_the_file_and_line(tmp_path, text, line, words):
    path = tmp_path / "phrasecheck.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(explicit=path)
    [problem] = caught.value.diagnostics
    assert (problem.path, problem.line) == (str(path), line) and words in problem.message


def test_a_broken_config_stops_every_command_with_exit_2(tmp_path, monkeypatch):
    (tmp_path / "phrasecheck.toml").write_text("colour = 1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["check"], input="您好")
    assert result.exit_code == 2 and "phrasecheck.toml:1" in result.output


def test_config_command_shows_values_and_their_origin(project):
    output = CliRunner(env={"COLUMNS": "400"}).invoke(app, ["config"]).output
    assert "prohibited.impatient.stop-nagging=您别着急，慢慢说，我在听" in output   # [rules] suggestion too
    assert "prohibited.evade.dont-know" in output
    assert "phrasecheck.toml:6" in output
    assert "matching.fuzzy_short" in output and "default" in output


def test_batch_workers_use_the_configuration(project):
    (project / "logs").mkdir()
    (project / "logs" / "call.txt").write_text("柜员：您好。\n居民：低保在哪办？\n柜员：我不知道。你麻溜点儿。\n", encoding="utf-8")
    out = project / "out.jsonl"
    result = CliRunner().invoke(app, ["batch", str(project / "logs"), "--workers", "2", "--db", str(project / "r.db"),
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    [exchange] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    rules = {f["rule"] for f in exchange["findings"] if f["kind"] == "prohibited"}
    assert rules == {"local.rush.hurry"}                     # 不知道 is disabled, the local phrase is added
    assert exchange["turns"][0]["role"] == "staff"


@pytest.mark.parametrize(("text", "start"), [
    ('[rules]\ndisable = ["prohibited.no-such-rule"]\n', "disable"),
    ('lang = "zh"\n[rules]\nseverity = { "prohibited.no-such-rule" = "low" }\n', "severity"),
    ('lang = "zh"\nrules.disable = 5\n', "rules.disable"),
])
def test_a_rule_setting_is_an_error_at_its_own_line(tmp_path, text, start):
    path = tmp_path / "phrasecheck.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(explicit=path).lexicon()
    expected = next(number for number, line in enumerate(text.splitlines(), 1) if line.startswith(start))
    assert [problem.line for problem in raised.value.diagnostics] == [expected]


def test_config_command_shows_every_value_whole_in_a_narrow_window(project):
    """A hospital trial: piped at 80 columns, values ended in “…”; they wrap now, every character kept."""
    output = CliRunner(env={"COLUMNS": "60"}).invoke(app, ["config"]).output
    assert "…" not in output
    unwrapped = "".join(line.split("│")[2].strip() for line in output.splitlines() if line.count("│") == 4)
    assert "prohibited.impatient.stop-nagging=您别着急，慢慢说，我在听" in unwrapped
