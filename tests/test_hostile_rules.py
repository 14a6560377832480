"""Rule files with runaway regular expressions: matched in linear time, or refused at their line."""

import pickle
import re
import subprocess
import time

from hypothesis import assume, given, settings, strategies as st
from typer.testing import CliRunner

from phrasecheck.cli.app import app
from phrasecheck.lexicon.load import load_lexicon
from phrasecheck.rulepatterns import MAX_PATHS, LinearPattern, PatternError, compile_pattern
from phrasecheck.scoring.scripts import default_script_files, load_scripts, parse_script_file
from test_batch_support import cli_command

#: Exponential for a backtracking engine: 2^n ways to split n characters before failing.
RUNAWAY = r"^(.+)+\d"
RULE = '''
[[rule]]
id = "local.whatever"
kind = "prohibited"
category = "搪塞"
severity = "low"
phrase = "爱咋咋地"
suggestion = "请稍等，我帮您问一下"
sources = [{{ doc = "本所规范.txt", article = "第四条" }}]
not_after_pattern = "{pattern}"
flag = ["爱咋咋地吧"]
'''
#: One turn of 34 characters: the guard after 爱咋咋地 sees the other 30 (no filler or stutter that
#: normalising would remove, and no digit, so that a backtracking engine tries every split).
TURN = "爱咋咋地今天天气很好我们一起去公园散步然后回家吃饭看书写字睡觉做梦了"


def lexicon_file(tmp_path, pattern):
    path = tmp_path / "local.toml"
    path.write_text(RULE.format(pattern=pattern.replace("\\", "\\\\")), encoding="utf-8")
    return path


def test_a_runaway_guard_pattern_is_matched_in_linear_time(tmp_path):
    """Before: this one turn took over 90 s with ``re``; now the pattern runs in RE2."""
    lexicon = lexicon_file(tmp_path, RUNAWAY)
    draft = tmp_path / "draft.txt"
    draft.write_text(TURN + "\n", encoding="utf-8")
    started = time.monotonic()
    result = subprocess.run(cli_command("check", "--lexicon", str(lexicon), str(draft)),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1, result.stderr
    assert "爱咋咋地" in result.stdout and time.monotonic() - started < 20
    checked = subprocess.run(cli_command("lexicon", "check", str(lexicon)), capture_output=True, text=True, timeout=60)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a_runaway_pattern_that_re2_cannot_run_is_refused_at_its_line(tmp_path):
    lexicon = lexicon_file(tmp_path, RUNAWAY + "(?!x)")
    line = RULE.splitlines().index("not_after_pattern = \"{pattern}\"") + 1
    result = CliRunner().invoke(app, ["lexicon", "check", str(lexicon)])
    assert result.exit_code == 1
    assert f"{lexicon}:{line}:" in result.output and "not_after_pattern" in result.output and "lookaround" in result.output
    checked = CliRunner().invoke(app, ["check", "--lexicon", str(lexicon), str(lexicon)])
    assert checked.exit_code == 2 and f"{lexicon}:{line}:" in checked.output


def test_script_patterns_are_compiled_the_same_way(tmp_path):
    shipped = next(path for path in default_script_files() if path.name == "reception.toml")
    text = shipped.read_text(encoding="utf-8")
    shipped_pattern = '"请(坐|进)|欢迎"'
    assert shipped_pattern in text
    runaway = tmp_path / "reception.toml"
    runaway.write_text(text.replace(shipped_pattern, '"^(.+)+请坐"', 1), encoding="utf-8")
    script, problems = parse_script_file(runaway)
    assert problems == [] and any(isinstance(p, LinearPattern) for p in script.patterns())
    refused = tmp_path / "refused.toml"
    refused.write_text(text.replace(shipped_pattern, '"^(.+)+请坐(?!了)"', 1), encoding="utf-8")
    _, [problem] = parse_script_file(refused)
    pattern_line = text[:text.index(shipped_pattern)].count("\n") + 1
    assert problem.path == str(refused) and pattern_line - 1 <= problem.line <= pattern_line  # at the key holding it
    assert "lookaround" in problem.message


def test_the_shipped_rules_keep_pythons_engine_and_its_exact_meaning():
    patterns = [p for script in load_scripts().values() for p in script.patterns()]
    patterns += [p for rule in load_lexicon().rules for p in (rule.not_before_pattern, rule.not_after_pattern) if p]
    assert len(patterns) > 100 and all(isinstance(p, re.Pattern) for p in patterns)


def test_bounded_backtracking_stays_with_re_and_the_rest_goes_to_re2():
    assert isinstance(compile_pattern("(您|你|大家)好(?!像)"), re.Pattern)
    assert isinstance(compile_pattern(r"^.{0,12}(?:吗|呢|(.)[不没]\1)"), re.Pattern)
    assert isinstance(compile_pattern("你.*吗"), LinearPattern)
    assert isinstance(compile_pattern("(?:.{0,9}){0,4}x"), LinearPattern)  # bounded, but 11,111 ways: too many
    assert compile_pattern("你.*吗").sub("", "你好吗，谢谢") == "，谢谢"   # a script's says_nothing is taken out of replies
    started = time.monotonic()
    assert compile_pattern(RUNAWAY).search("啊" * 10_000) is None
    assert compile_pattern("(a|a)*b").search("a" * 10_000) is None
    assert time.monotonic() - started < 1


def test_what_cannot_be_bounded_is_refused_with_the_reason():
    for pattern, reason in [(RUNAWAY + "(?=x)", "lookaround"), (r"(a+)+\1", "backreference"),
                            (r"\b(a+)+", r"\b"), ("(", "invalid"), ("(" * 5000 + ")" * 5000, "nested"),
                            ("a{0,5000}", "RE2")]:
        try:
            compile_pattern(pattern)
        except PatternError as error:
            assert reason in str(error) and " / " in str(error)
        else:
            raise AssertionError(f"{pattern[:20]} was accepted")


def test_a_linear_pattern_survives_pickling_for_worker_processes():
    pattern = compile_pattern("你(们)?.*吗")
    copy = pickle.loads(pickle.dumps(pattern))
    assert isinstance(copy, LinearPattern) and copy.search("你们好吗").span() == (0, 4)


ATOMS = st.sampled_from(["a", "b", "不", "没", ".", r"\d", r"\w", r"\s", r"\D", "[ab]", "[^a]", "[不没]", r"[\d不]",
                         "^", "$", "(?:a|不)", "(b)", "(?P<n>没)"])


@st.composite
def python_patterns(draw):
    """Random patterns of the syntax both engines share, each with an unbounded repeat (so RE2 runs it)."""
    pieces = draw(st.lists(ATOMS, min_size=1, max_size=4))
    repeat = draw(st.sampled_from(["*", "+", "*?", "+?", "{2,}"]))
    position = draw(st.integers(0, len(pieces) - 1))
    pieces[position] = f"(?:{pieces[position]}){repeat}"
    if draw(st.booleans()):
        pieces.append("|" + draw(ATOMS) + draw(st.sampled_from(["", "?", "{1,3}"])))
    return draw(st.sampled_from(["", "(?i)", "(?s)"])) + "".join(pieces)


@settings(max_examples=300, deadline=None)
@given(python_patterns(), st.text(alphabet="abAB不没 ٣1_\n\u3000x", max_size=12), st.integers(0, 3))
def test_re2_finds_what_python_finds(source, text, position):
    try:
        python = re.compile(source)
    except re.error:  # a group name drawn twice
        assume(False)
    assume(not ("$" in source and text.endswith("\n")))  # Python's $ also matches before a last line break
    linear = compile_pattern(source)
    assert isinstance(linear, LinearPattern)
    expected = python.search(text, position)
    found = linear.search(text, position)
    assert (found and found.span()) == (expected and expected.span()), (source, text)
    assert (found and found.groups()) == (expected and expected.groups())


def test_the_limit_is_documented_where_it_is_set():
    assert MAX_PATHS >= 170  # the shipped rules' most (a test above pins that they all stay with re)
