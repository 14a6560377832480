"""The model's second reading of the shipped family rules (off unless asked for): drops their matches in sentences it
reads as courteous, never a user's rule or a rule's own wordings, and reads each line's sentences once."""

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from phrasecheck.api import Engine
from phrasecheck.config import Config
from phrasecheck.lexicon.load import load_lexicon
from phrasecheck.matching import Matcher, MatchSettings, second_reading
from phrasecheck.matching.explain import explain
from phrasecheck.matching.paraphrase import MODEL_FILE, default_model
from phrasecheck.normalize import normalize
from phrasecheck.resources import data_path

ROOT = Path(__file__).resolve().parents[1]
#: A pass example of the shipped lexicon that a family rule's words match: help at once, not a reproach (我们不管多晚都给您办完
#: was one until the rules read 不管多晚 as "however late" themselves).
REFERRAL = "您别问了，我直接带您过去办"
FAMILY = "prohibited.impatient.stop-nagging"
SHIRK = "prohibited.shirk.not-my-business"
OFF = MatchSettings(second_reading=False)
ON = MatchSettings(second_reading=True)


def prohibited(matcher: Matcher, text: str) -> set[str]:
    return {finding.rule for finding in matcher.find(text) if finding.kind == "prohibited"}


@pytest.fixture(scope="module")
def matcher():
    return Matcher(load_lexicon(), ON)


def test_the_second_reader_reads_its_file_as_scikit_learn_wrote_it():
    with gzip.open(data_path(MODEL_FILE), "rt", encoding="utf-8") as stream:
        checks = json.load(stream)["second_reading"]["checks"]
    assert len(checks) >= 6 and {p > 0.5 for _, p in checks} == {True, False}
    for text, probability in checks:
        assert default_model().second_reading(normalize(text).text) == pytest.approx(probability, abs=2e-3), text


def test_a_family_match_in_a_sentence_read_as_courteous_is_dropped_and_explain_says_why(matcher):
    assert FAMILY in prohibited(Matcher(load_lexicon(), OFF), REFERRAL)
    assert FAMILY not in prohibited(matcher, REFERRAL)
    verdicts = {d.verdict for d in explain(matcher, REFERRAL).decisions if d.rule.id == FAMILY}
    assert len(verdicts) == 1 and verdicts.pop().startswith("second reading: ")


def test_the_rules_own_wordings_are_never_dropped(matcher):
    """The second reader learnt every prohibited rule's ``flag`` examples: each one a rule flags, it flags still."""
    plain = Matcher(load_lexicon(), OFF)
    lost = [(rule.id, text) for rule in matcher.lexicon.rules if rule.kind == "prohibited" for text in rule.flag
            if rule.id in prohibited(plain, text) and rule.id not in prohibited(matcher, text)]
    assert lost == []


def test_courtesy_said_around_a_brush_off_does_not_excuse_it(matcher):
    """The second reader learnt the rules' wordings wrapped in 您好/不好意思/谢谢 too: before, it read this as courteous."""
    assert SHIRK in prohibited(matcher, "不好意思，我不知道，您去问问别人吧")
    assert FAMILY in prohibited(matcher, "您好，有事快说")


def test_a_sentence_too_short_to_judge_is_not_second_read():
    said = "笨得可以"  # four characters: the reader has too few n-grams, and reads it as harmless
    assert len(normalize(said).text) < second_reading.MIN_CHARS
    eager = Matcher(load_lexicon(), MatchSettings(second_reading=True, second_reading_below=0.3))
    assert default_model().second_reading(normalize(said).text) < 0.3
    assert "prohibited.insult.stupid" in prohibited(eager, said)


def test_a_users_own_family_rule_is_never_second_read(tmp_path):
    mine = tmp_path / "mine.toml"
    mine.write_text('[[rule]]\nid = "mine.refer"\nkind = "prohibited"\ncategory = "推诿"\nseverity = "high"\n'
                    'suggestion = "我带您过去办"\nmatch = [{ pattern = "别问了" }]\n'
                    'sources = [{ doc = "x.txt", article = "1" }]\n', encoding="utf-8")
    assert "mine.refer" in prohibited(Matcher(load_lexicon([mine]), ON), REFERRAL)


def test_the_configuration_turns_it_on_and_the_version_names_it(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(REFERRAL + "\n", encoding="utf-8")
    config = tmp_path / "on.toml"
    config.write_text("[matching]\nsecond_reading = true\n", encoding="utf-8")
    runs = [subprocess.run([sys.executable, str(ROOT / "cli.py"), "check", "--format", "json", *extra, str(draft)],
                           capture_output=True, text=True, cwd=tmp_path) for extra in ([], ["--config", str(config)])]
    rules = [{f["rule"] for f in json.loads(run.stdout)["findings"]} for run in runs]
    assert FAMILY in rules[0] and FAMILY not in rules[1]
    assert "+second." in Engine(Config(matching=ON)).scorer.version
    assert "+second." not in Engine(Config()).scorer.version


def test_an_insult_with_an_offer_of_help_after_it_is_not_excused(matcher):
    """An independent review: the sentence read whole let 你咋这么轴呢，我帮您查一下 off; its own clause is read too."""
    assert "prohibited.insult.stupid" in prohibited(matcher, "你咋这么轴呢，我帮您查一下")


def test_each_line_is_cut_into_sentences_once_and_each_sentence_read_once(matcher, monkeypatch):
    """However many matches a line holds (one line of thousands of clauses: speech recognition), the barriers are found
    once, each line is cut once and each sentence and clause read once: no search from every match back to its line's
    start."""
    cut, read, scanned = [], [], []
    segments, reading, barriers = second_reading.segments, type(default_model()).second_reading, second_reading.barriers_of
    monkeypatch.setattr(second_reading, "segments", lambda *args: cut.append(args[1:]) or segments(*args))
    monkeypatch.setattr(type(default_model()), "second_reading", lambda self, s: read.append(s) or reading(self, s))
    monkeypatch.setattr(second_reading, "barriers_of", lambda text: scanned.append(len(text)) or barriers(text))
    lines = ["。".join([REFERRAL] * 400)] * 3
    matcher.find_many(lines)
    assert len(scanned) == 1
    assert len(cut) == 3 and len(set(cut)) == 3  # one cut per line, each line's own
    assert 3 * 400 <= len(read) <= 2 * (3 * 400 + 3)  # one reading per sentence and per clause, however many matches
