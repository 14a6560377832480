"""Broken configuration, stores and disks: exit status 2 and a message naming the file, never a traceback."""

import os

from typer.testing import CliRunner

from phrasecheck.cli.app import app
from phrasecheck import tomlfile


def run(*args, input=None):
    """The command's result; it must end with an exit status, never with an exception."""
    result = CliRunner().invoke(app, list(map(str, args)), input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def test_a_configuration_nested_thousands_deep_is_a_clean_error_for_every_command_below_it(tmp_path, monkeypatch):
    config = tmp_path / "phrasecheck.toml"
    (tmp_path / "work").mkdir()
    draft = tmp_path / "work" / "draft.txt"
    draft.write_text("坐席：您好\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "work")
    for nested in ("a = " + "[" * 2000 + "]" * 2000, "a = " + "{b=" * 2000 + "1" + "}" * 2000):
        config.write_text(nested + "\n", encoding="utf-8")
        for command in (["check", draft], ["fix", draft], ["score", draft], ["show", draft], ["config"],
                        ["batch", draft, "--db", tmp_path / "r.db"], ["lexicon", "check"]):
            result = run(*command)
            assert result.exit_code == 2 and f"{config}: TOML 嵌套过深 / TOML nested too deeply" in result.output, command


def test_a_lexicon_file_too_big_or_nested_too_deep_is_reported_at_its_name(tmp_path, monkeypatch):
    deep = tmp_path / "deep.toml"
    deep.write_text("[[rule]]\nid = " + "[" * 3000 + "]" * 3000 + "\n", encoding="utf-8")
    monkeypatch.setattr(tomlfile, "MAX_TOML_BYTES", 1 << 20)
    big = tmp_path / "big.toml"
    big.write_text("# 注释\n" * 200_000, encoding="utf-8")
    for path, message in ((deep, "nested too deeply"), (big, "larger than 1 MiB")):
        result = run("lexicon", "check", path)
        assert result.exit_code in (1, 2) and f"{path}" in result.output and message in result.output
        result = run("check", "--lexicon", path, "-", input="您好\n")
        assert result.exit_code == 2 and message in result.output
