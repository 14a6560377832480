"""The paraphrase model: read as scikit-learn wrote it, off unless asked for, and a rule's finding wins."""

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from phrasecheck.api import Engine
from phrasecheck.config import Config
from phrasecheck.matching import Matcher, MatchSettings
from phrasecheck.matching.paraphrase import FAMILY_RULES, GAP, MODEL_FILE, default_model, own_words, quotations, segments
from phrasecheck.lexicon.load import load_lexicon
from phrasecheck.normalize import normalize
from phrasecheck.resources import data_path

ROOT = Path(__file__).resolve().parents[1]
SETS = ROOT / "tests" / "heldout" / "matching"
CORPORA = ROOT.parent / "shared" / "corpora"


def shipped() -> dict:
    with gzip.open(data_path(MODEL_FILE), "rt", encoding="utf-8") as stream:
        return json.load(stream)


def test_the_model_reads_its_file_as_scikit_learn_wrote_it():
    model = default_model()
    checks = shipped()["checks"]
    assert len(checks) >= 6
    for text, probability, family in checks:
        judgement = model.judge(normalize(text).text)
        assert judgement.probability == pytest.approx(probability, abs=2e-3), text
        assert judgement.family == family, text


@pytest.mark.skipif(not CORPORA.is_dir(), reason="shared/corpora not present")
def test_segments_scored_together_get_the_chance_the_plain_regression_gives_each_alone():
    """Segments are scored in one pass of array operations: each gets the regression over its own tf-idf vector
    (built n-gram by n-gram in :meth:`_weighted`), whatever stands beside it — an n-gram said twice (tf), none the
    model knows, an empty one, a quotation's gap, an undecodable byte."""
    import math

    model = default_model()
    weights = {gram: model._values[row + 1] for gram, row in model._row.items()}

    def plain(segment):
        linear = model._intercept + sum(x * weights[gram] for gram, x in model._weighted(segment).items())
        return 1 / (1 + math.exp(-linear))

    turns = [json.loads(line)["turns"] for line in (CORPORA / "crosswoz" / "dialogues.jsonl").open(encoding="utf-8")][:200]
    said = [normalize(turn["text"]).text for dialogue in turns for turn in dialogue]
    odd = ["你烦不烦你烦不烦你烦不烦", "", "OK", f"你烦{GAP}不烦", "\udc80你懂不懂", "懂"]
    segments_ = said + odd + said[:50]
    together = model.chances(segments_)
    assert len(together) == len(segments_) > 2000
    assert together == pytest.approx([plain(segment) for segment in segments_], abs=1e-9)
    assert together[len(said):len(said) + len(odd)] == [model.chances([segment])[0] for segment in odd]


def test_the_model_was_trained_on_the_sets_as_they_are_and_never_on_the_held_out_half():
    trained = shipped()["trained_on"]
    assert "heldout" not in trained["sets"]

    def rows(name):
        return [json.loads(line) for line in (SETS / f"{name}.jsonl").read_text(encoding="utf-8").splitlines() if line]

    held_out = {normalize(row["text"]).text for row in rows("heldout")}
    rows = [row for name in trained["sets"] for row in rows(name) if normalize(row["text"]).text not in held_out
            and (name not in trained.get("odd_ids_only", ()) or int(row["id"][-1]) % 2)]
    assert trained["utterances"] == len(rows)
    assert trained["prohibited"] == sum(row["label"] == "prohibited" for row in rows)


def test_every_family_is_reported_as_a_rule_of_the_default_lexicon():
    lexicon = load_lexicon()
    assert set(default_model().rules.values()) == set(FAMILY_RULES.values())
    assert all(lexicon.rule(rule) is not None and lexicon.rule(rule).kind == "prohibited" for rule in FAMILY_RULES.values())


def test_off_by_default_on_when_asked_and_a_rule_s_own_finding_wins():
    said = "老跑来干啥，回去等消息。别啰嗦，快点讲。"
    plain = Matcher(load_lexicon())
    assert plain.paraphrase is None and [f.text for f in plain.find(said)] == ["别啰嗦，快点讲"]
    with_model = Matcher(load_lexicon(), MatchSettings(paraphrase=True))
    found = with_model.find(said)
    model = [f for f in found if f.match == "model"]
    assert [f.text for f in model] == ["老跑来干啥，回去等消息"]
    assert model[0].severity in ("low", "medium") and model[0].similarity >= default_model().threshold
    assert [f.match for f in found if f.text.startswith("别啰嗦")] == ["exact"]  # not also the model's


def test_numpy_is_imported_only_when_the_model_is_on(tmp_path):
    """The model scores sentences with numpy; a check without it starts as it did (numpy is not imported)."""
    draft = tmp_path / "d.txt"
    draft.write_text("老跑来干啥，回去等消息。\n", encoding="utf-8")
    code = ("import sys, runpy; sys.argv = ['phrasecheck', *sys.argv[1:]]\n"
            "try: runpy.run_path(sys.argv.pop(1), run_name='__main__')\n"
            "except SystemExit: pass\n"
            "print('numpy' in sys.modules)")
    imported = [subprocess.run([sys.executable, "-c", code, str(ROOT / "cli.py"), "check", *extra, str(draft)],
                               capture_output=True, text=True, timeout=120).stdout.split()[-1] for extra in ([], ["--paraphrase"])]
    assert imported == ["False", "True"]


def test_a_quoted_paraphrase_is_not_a_finding():
    with_model = Matcher(load_lexicon(), MatchSettings(paraphrase=True))
    assert not [f for f in with_model.find("培训时说过，不能对群众说“老跑来干啥，回去等消息”。") if f.match == "model"]


def test_a_quotation_inside_a_sentence_is_not_the_speaker_s_own_words():
    """The model read the whole sentence, quotation and all, and flagged the trainer's warning."""
    with_model = Matcher(load_lexicon(), MatchSettings(paraphrase=True))
    for warning, quoted in (("培训的时候老师讲了，“你烦不烦，问个没完”是禁语。", "你烦不烦问个没完"),
                            ("“说了你也不懂”这句话，我们窗口是绝对不许说的。", "说了你也不懂")):
        assert not [f for f in with_model.find(warning) if f.match == "model"], warning
        assert default_model().judge(quoted).probability >= default_model().threshold, quoted


def test_a_finding_beside_a_quotation_is_of_the_speaker_s_words_their_family_and_their_place():
    """The family was read from the whole sentence, quotation and all, and the finding began inside it."""
    with_model = Matcher(load_lexicon(), MatchSettings(paraphrase=True))
    [finding] = [f for f in with_model.find("“老跑来干啥，回去等消息”，你到底听见没有") if f.match == "model"]
    assert (finding.rule, finding.text) == (FAMILY_RULES[default_model().judge("你到底听见没有").family], "你到底听见没有")


def test_own_words_walk_every_quotation_of_a_long_text_in_order():
    said = "。".join(f"第{n}句“引语{n}”说的话{n}" if n % 3 else f"“整句引语{n}”" for n in range(60)) + "。"
    text = normalize(said)
    own = [segment for segment, _, _ in own_words(text, quotations(text))]
    assert own == [f"第{n}句{GAP}说的话{n}" for n in range(60) if n % 3]


def test_segments_are_sentences_and_never_cross_a_joined_text():
    text = normalize("您好，请坐。请问您办什么？" + "这是一段很长的话，" * 10 + "好的\n\uffff\n谢谢")
    found = [segment for segment, _, _ in segments(text)]
    assert found[:2] == ["您好请坐", "请问您办什么"] and all(len(s) <= 60 for s in found[2:-2])
    assert not any("\uffff" in s for s in found) and found[-1] == "谢谢"


def test_the_cli_flag_and_the_configuration_turn_it_on(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("老跑来干啥，回去等消息\n", encoding="utf-8")
    config = tmp_path / "model.toml"
    config.write_text("[matching]\nparaphrase = true\n", encoding="utf-8")
    runs = [subprocess.run([sys.executable, str(ROOT / "cli.py"), "check", "--format", "json", *extra, str(draft)],
                           capture_output=True, text=True, cwd=tmp_path) for extra in ([], ["--paraphrase"], ["--config", str(config)])]
    matches = [[f["match"] for f in json.loads(run.stdout)["findings"] if f["kind"] == "prohibited"] for run in runs]
    assert matches == [[], ["model"], ["model"]]


def test_scores_kept_in_a_store_name_the_model():
    plain = Engine(Config()).scorer.version
    with_model = Engine(Config(matching=MatchSettings(paraphrase=True))).scorer.version
    assert with_model.startswith(plain) and "+paraphrase." in with_model


def test_fix_leaves_a_model_finding_for_a_person():
    engine = Engine(Config(matching=MatchSettings(paraphrase=True)))
    fixed = engine.fix("老跑来干啥，回去等消息\n", unsafe=True)
    assert fixed.text == "老跑来干啥，回去等消息\n" and not fixed.applied
    assert [edit.applicability for edit in fixed.left] == ["none"]


def test_explain_shows_the_model_s_reading_and_its_verdict():
    engine = Engine(Config(matching=MatchSettings(paraphrase=True)))
    explained = engine.explain("老跑来干啥，回去等消息。您好，请坐。")
    [trace] = explained.model
    assert trace.segment == "老跑来干啥回去等消息" and trace.probability >= trace.threshold and trace.evidence
    assert [d.verdict for d in explained.decisions if d.how == "model"] == ["finding"]
    assert not Engine(Config()).explain("老跑来干啥，回去等消息").model


def test_a_damaged_model_file_is_an_error_naming_it(tmp_path):
    from phrasecheck.matching.paraphrase import ParaphraseModel
    from phrasecheck.tomlfile import DataFileError

    broken = tmp_path / "paraphrase.json.gz"
    broken.write_bytes(b"not gzip at all")
    with pytest.raises(DataFileError) as raised:
        ParaphraseModel.load(broken)
    assert str(broken) in str(raised.value) and "paraphrase model" in str(raised.value)


@pytest.mark.skipif(not CORPORA.is_dir(), reason="shared/corpora not present")
def test_on_real_staff_turns_it_was_not_trained_on_the_model_flags_only_what_the_readme_lists():
    """The quarter of the corpora's dialogues kept out of training: every model finding was read and
    judged (README, "How well"); a change here must be read again."""
    from phrasecheck.ruletools.train import real_turns

    matcher = Matcher(load_lexicon(), MatchSettings(paraphrase=True))
    turns = real_turns(kept_apart=True, corpora=CORPORA)
    assert len(turns) == 4082
    found = matcher.find_many(turns)
    assert sorted(f.text for turn in found for f in turn if f.match == "model") == sorted([
        "值得你去品尝", "你说的是什么 啊，我没看懂", "订购了什么流量包呢"])


@pytest.mark.parametrize(("said", "read"), [
    # a friendly clerk offering to help, or at fault (dev11 D11627, D11293: the model read them as rude across authors)
    ("你头一回来吧？额领你过去，就在对面。", False),
    ("啥？你再说一遍，我这耳朵背，没听清。", False),
    ("老跑来干啥，回去等消息。", True),
    ("老跑来干啥，回去等消息，我都教你多少遍了。", True),   # 教你 reproaching, not offering
    # dev21 X21793: the resident asked what happened (read as rude without those words); but not a listener's words
    # before rudeness (an independent review)
    ("咱不吵，吵了事儿也办不成，您跟我说说到底咋回事。", False),
    ("咱不吵，吵了事儿也办不成。", True),
    ("我听着呢，你嗓门那么大干嘛，吵得我脑仁疼。", True),
])
def test_the_lexicons_paraphrase_none_drops_a_reading_beside_an_offer_or_the_speakers_own_fault(said, read):
    with_model = Matcher(load_lexicon(), MatchSettings(paraphrase=True))
    assert bool([f for f in with_model.find(said) if f.match == "model"]) is read


@pytest.mark.parametrize(("said", "read"), [
    # a blind review's whole turns: one sentence the model reads as rude, the next taking it back by what it does
    ("中不中？不中。不过恁明儿个带上户口本再来，俺保证给恁一回办利索。", False),
    ("这事儿俺也弄不了啊。恁别急，俺去问问俺们主任，一会儿就给恁说。", False),
    ("学籍的事学校改不了。得教育局统一处理，我们会把您的申请递上去，有消息班主任第一时间通知您。", False),
    # and the same sentences with nothing done after them, or only said about something else
    ("这事儿俺也弄不了啊。", True),
    ("学籍的事学校改不了。这边的天气最近一直不太好。", True),
])
def test_a_model_reading_is_taken_back_by_its_family_s_none_in_a_sentence_after_it_that_acts(said, read):
    with_model = Matcher(load_lexicon(), MatchSettings(paraphrase=True))
    assert bool([f for f in with_model.find(said) if f.match == "model"]) is read


def test_paraphrase_none_is_read_from_any_lexicon_file_and_explained(tmp_path):
    extra = tmp_path / "site.toml"
    extra.write_text('[paraphrase]\nnone = ["回去等消息"]\n', encoding="utf-8")
    with_model = Matcher(load_lexicon([extra]), MatchSettings(paraphrase=True))
    assert not [f for f in with_model.find("老跑来干啥，回去等消息。") if f.match == "model"]
    from phrasecheck.matching.explain import explain
    verdicts = [d.verdict for d in explain(with_model, "老跑来干啥，回去等消息。").decisions if d.how == "model"]
    assert verdicts and all(v == "paraphrase none: 回去等消息" for v in verdicts)


def test_a_paraphrase_table_with_another_key_is_an_error_at_its_line(tmp_path):
    from phrasecheck.lexicon.load import LexiconError
    broken = tmp_path / "broken.toml"
    broken.write_text('[lexicon]\nname = "x"\n\n[paraphrase]\nnone_in_sentence = ["我带你"]\n', encoding="utf-8")
    with pytest.raises(LexiconError) as raised:
        load_lexicon([broken], defaults=False)
    assert f"{broken}:5" in str(raised.value)


def test_an_unknown_class_in_paraphrase_none_is_named_at_its_line(tmp_path):
    from phrasecheck.lexicon.load import LexiconError
    broken = tmp_path / "broken.toml"
    broken.write_text('[lexicon]\nname = "x"\n\n[paraphrase]\nnone = ["@no_such_class"]\n', encoding="utf-8")
    with pytest.raises(LexiconError) as raised:
        load_lexicon([broken], defaults=False)
    assert f"{broken}:5" in str(raised.value) and "@no_such_class" in str(raised.value)
