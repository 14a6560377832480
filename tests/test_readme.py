"""Every console example in the README is run and its output compared, so the README cannot drift.

A ```console block holds commands (lines starting with ``$ ``) each followed by its output. A line
that is only ``…`` stands for any number of lines (none included); other lines must match the
program's output line for line (trailing spaces and blank lines at the end aside). Commands run from a copy of the checkout's
examples, with a terminal 100 columns wide.
"""

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BLOCK = re.compile(r"^```console\n(.*?)^```", re.S | re.M)
ELISION = "…"


def examples() -> list[tuple[str, list[str]]]:
    """(command, expected output lines) for every ``$`` line of every console block."""
    found = []
    for block in BLOCK.findall(README.read_text(encoding="utf-8")):
        for piece in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, *output = piece.rstrip("\n").split("\n")
            found.append((command, output))
    return found


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether ``actual`` is ``expected`` with each ``…`` line standing for any run of lines."""
    if not expected:
        return not actual
    if expected[0].strip() == ELISION:
        return any(matches(expected[1:], actual[skip:]) for skip in range(len(actual) + 1))
    return bool(actual) and expected[0].rstrip() == actual[0].rstrip() and matches(expected[1:], actual[1:])


def test_the_readme_has_console_examples():
    assert len(examples()) >= 2


@pytest.mark.parametrize("command, expected", examples(), ids=[command for command, _ in examples()])
def test_a_readme_example_prints_what_the_readme_shows(command, expected, tmp_path):
    argv = shlex.split(command)
    assert argv[0] == "phrasecheck"
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    code = f"import sys; sys.path.insert(0, {str(ROOT / 'src')!r}); from phrasecheck.cli.app import main; main()"
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}
    result = subprocess.run([sys.executable, "-c", code, *argv[1:]], cwd=tmp_path, env=env, capture_output=True,
                            text=True, timeout=120)
    actual = (result.stdout + result.stderr).rstrip("\n").splitlines()
    assert matches(expected, actual), "\n".join(actual)


@pytest.mark.parametrize("expected, actual, verdict", [
    (["a", "…", "d"], ["a", "b", "c", "d"], True),
    (["a", "…", "d"], ["a", "d"], True),
    (["a", "…"], ["a", "b"], True),
    (["a", "b"], ["a", "c"], False),
    (["a", "…", "d"], ["a", "b"], False),
])
def test_elision_matches_any_run_of_lines(expected, actual, verdict):
    assert matches(expected, actual) is verdict
