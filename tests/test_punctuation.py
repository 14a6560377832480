"""Sentence ends read where speech recognition wrote no marks (phrasecheck.punctuation): the model reads as it was
trained, finds the ends of real dialogue it never learnt from, and a phrase in a run of unmarked speech is judged in
its own sentence, not excused by the courtesy of the next."""

import gzip
import json
import random
import re
from pathlib import Path
from unittest import mock

import numpy as np
import pytest

import phrasecheck.normalize as normalize_module
import phrasecheck.punctuation as punctuation_module
from phrasecheck.api import Engine
from phrasecheck.lexicon.load import load_lexicon
from phrasecheck.normalize import NormalText, normalize, normalize_all
from phrasecheck.punctuation import CHUNK, MODEL_FILE, PAD, KeyTable, SentenceModel, default_model, sentence_ends
from phrasecheck.resources import data_path
from phrasecheck.ruletools.train_sentences import NOT_SPEECH, labelled

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
needs_corpora = pytest.mark.skipif(not CORPORA.is_dir(), reason="the shared corpora are not here")


def test_the_model_reads_as_scikit_learn_scored_it():
    with gzip.open(data_path(MODEL_FILE), "rt", encoding="utf-8") as stream:
        checked = json.load(stream)["checked"]
    assert checked
    for text, expected in checked.items():
        read = default_model().chances([normalize(text, infer_ends=False).text])[0]
        assert read.tolist() == pytest.approx(expected, abs=0.01), text


def _odd_dialogues(corpus: str, most: int) -> list[list[str]]:
    lines = (CORPORA / corpus / "dialogues.jsonl").read_text(encoding="utf-8").splitlines()
    return [[NOT_SPEECH.sub("", turn["text"]) for turn in json.loads(line)["turns"]]
            for number, line in enumerate(lines[:most]) if number % 2]


@needs_corpora
@pytest.mark.parametrize("corpus, precision, recall", [("crosswoz", 0.78, 0.70), ("stc3-weibo-helpdesk", 0.63, 0.47)])
def test_on_real_dialogue_it_never_learnt_from_most_sentence_ends_are_found(corpus, precision, recall):
    """The odd-numbered dialogues of the shared corpora (it learnt from the even ones), their marks taken out:
    measured 0.825 / 0.755 and 0.687 / 0.523 (microblog posts run sentences together even with marks)."""
    found = true = hits = 0
    for turns in _odd_dialogues(corpus, 800):
        text, outcomes = labelled(turns)
        ends = set(sentence_ends(text, [(0, len(text))])) if len(text) > 1 else set()
        for gap, outcome in enumerate(outcomes, start=1):
            found, true, hits = found + (gap in ends), true + (outcome == 2), hits + (gap in ends and outcome == 2)
    assert hits / found >= precision and hits / true >= recall, (hits / found, hits / true)


def test_text_with_its_marks_is_read_as_written():
    normal = normalize("您好，请问您办什么业务？这个我帮您查一下，您稍等。")
    assert normal.inferred == () and normal.sentence_ends(0, len(normal.text)) == (normal.text.index("这个"),)


def test_a_long_line_without_marks_gets_sentence_ends_and_keeps_its_clause_between_marks():
    normal = normalize("你那事我不管您好请问您在使用过程中遇到什么问题了吗")
    assert normal.text[:normal.inferred[0]] == "你那事我不管"
    assert normal.marked_clause(0) == (0, len(normal.text))
    assert normal.clause(0) == (0, normal.inferred[0])
    assert normal.ends_sentence_before(normal.inferred[0]) and not normal.ends_sentence_before(normal.inferred[0], "？?")


def test_symbols_and_decimal_points_are_no_punctuation():
    """Speech recognition writes 4.5分 and 100% without punctuating: the line is still read for sentence ends."""
    normal = normalize("评分4.5分的酒店100%满意你那事我不管您好请问您在使用过程中遇到什么问题了吗")
    assert [normal.text[:end][-3:] for end in normal.inferred][-1:] == ["我不管"]


def test_a_line_with_marks_is_read_at_its_commas_only():
    """A line punctuated by someone gets no end read inside a clause (one long clause stays one) nor moved from where
    it wrote one; of its marks, only a comma of a long run-on sentence may be read as a sentence end."""
    said = normalize("你那事我不管您好请问您在使用过程中遇到什么问题了吗，我帮您看看吧")
    assert said.inferred == (said.text.index("我帮"),)
    assert normalize("你那事我不管您好请问您在使用过程中遇到什么问题了吗，我帮您看看").inferred == ()   # 30: one sentence
    assert normalize("我去值班室问问昨天晚班的保安有没有人交上来。").inferred == ()
    said = normalize("第一行。\n你那事我不管您好请问您在使用过程中遇到什么问题了吗\n第三行，好的。")
    assert [said.text[:end][-3:] for end in said.inferred] == ["我不管"]


#: Real staff turns of the corpora around a dev utterance, every mark a comma (benchmarks/matching_quality.py
#: --context commas), the utterance's rudeness excused by the courtesy after it until the commas were read.
RUN_ONS = ("跟我还这么客气干啥，为什么，没有为什么，系统就这么设的，给您推荐老书虫餐馆",
           "推荐您去单太太贝谷面包房，没看到在吃饭吗，一点半以后再来，给您推荐大栅栏")


def test_a_comma_joining_two_sentences_of_a_run_on_is_read_as_a_sentence_end():
    """一逗到底: writers and speech recognition join sentences with commas, and the courtesy of the next one excused
    the rudeness before it. A comma of a sentence longer than COMMA_SENTENCE is read as an end where the model finds
    an end likelier than a comma; its clauses stay as written, and a shorter sentence is read as written (the
    pass examples of the shipped lexicon: 怕麻烦就别办纸质的，网上点两下就好)."""
    engine = Engine(cache=False)
    for line in RUN_ONS:
        normal = normalize(line)
        assert normal.inferred and set(normal.inferred) <= set(normal.breaks)
        assert all(normal.marked_clause(position) == normal.clause(position) for position in range(len(normal.text)))
        assert [f for f in engine.check(line).findings if f.finding.kind == "prohibited"], line
        with mock.patch.object(normalize_module, "COMMA_SENTENCE", 10 ** 9):
            assert normalize(line).inferred == ()
            assert not [f for f in engine.check(line).findings if f.finding.kind == "prohibited"], line
    assert normalize("怕麻烦就别办纸质的，网上点两下就好").inferred == ()


def test_commas_read_as_ends_do_not_reach_scoring():
    """Scoring reads a turn's sentences from its marks, or, in a turn written without any, from the ends the model
    read: a comma read as an end is no sentence mark there, so a run-on scores as the same turn with a full stop
    (the 请您稍等 of both leaves the resident waiting; an independent review found the comma turn scored 100)."""
    joined = ("工作人员：您好，请问您办什么事情？\n居民：我想办居住证，需要带什么材料？\n"
              "工作人员：好的，请您稍等，我帮您查一下，您这个业务需要提供身份证和户口本原件还有租房合同\n"
              "居民：好的，谢谢。\n工作人员：不客气，您慢走，再见。\n")
    normal = normalize("好的，请您稍等，我帮您查一下，您这个业务需要提供身份证和户口本原件还有租房合同")
    assert normal.inferred and normal.unmarked_ends() == ()
    engine = Engine(cache=False)
    cards = [engine.score(text).cards[0] for text in (joined, joined.replace("好的，请您稍等", "好的。请您稍等"))]
    assert cards[0].score == cards[1].score < 100


def test_a_normal_text_built_with_read_ends_keeps_its_written_ones():
    """The breaks written are kept when ends are read; a NormalText built from its fields alone works them out."""
    normal = normalize("您好。\n你那事我不管您好请问您办什么业务我帮您查一下马上就好请您稍等")
    rebuilt = NormalText(normal.original, normal.text, normal.breaks, normal.passes, normal.pauses, normal.inferred)
    for text in (normal, rebuilt):
        assert text.sentence_ends(0, 99) == (2, 8, 18, 28) and text.marked_clause(12) == (2, 32)
        assert text.unmarked_ends() == (8, 18, 28)


def test_the_commas_of_a_long_line_are_read_a_slice_at_a_time_as_all_at_once():
    """Memory: the commas of one line are read CHUNK gaps at a time; the ends are those of one pass."""
    line = "，".join(RUN_ONS * 40)
    whole = normalize(line).inferred
    with mock.patch.object(punctuation_module, "CHUNK", 7):
        assert normalize(line).inferred == whole
    assert len(whole) > 40


def test_a_conversation_s_turns_are_read_together_as_each_alone():
    """Scoring normalises a conversation's turns together (one look-up of the model, not one a turn): each turn gets
    the ends it gets alone."""
    turns = [*RUN_ONS, "你那事我不管您好请问您在使用过程中遇到什么问题了吗", "好的，您稍等。", "", "嗯",
             "材料我都看过了，嫌麻烦的话那您就别办了，我帮您一项一项核对，您看行吗，有问题随时找我"]
    together = normalize_all(turns)
    for turn, normal in zip(turns, together):
        alone = normalize(turn)
        assert (normal.text, normal.breaks, normal.inferred, normal.unmarked_ends()) == \
            (alone.text, alone.breaks, alone.inferred, alone.unmarked_ends()), turn
        assert normal.sentence_ends(0, len(turn) + 1) == alone.sentence_ends(0, len(turn) + 1)
    assert any(normal.inferred for normal in together)


def test_too_few_characters_for_a_gap_have_no_keys():
    vocabulary = default_model().vocabulary
    for size in range(7):
        numbers = np.zeros(size, dtype=np.int64)
        assert vocabulary.keys(numbers, numbers).shape == (10, max(size - 2 * PAD - 1, 0))


@needs_corpora
def test_in_comma_joined_runs_of_real_staff_speech_rude_words_are_judged_in_their_own_sentence():
    """Every prohibited rule's flag example between two real staff turns (odd-numbered dialogues), every mark made a
    comma: read with the commas as written, the courtesy around excused 203 of 926 (723 found); with the commas read,
    835. Runs of three real staff turns joined so have no prohibited finding either way."""
    count, read, written = _runs_flagged(lambda parts: "，".join(map(_commas, parts)), normalize_module, "COMMA_SENTENCE")
    assert read[0] >= written[0] + count // 10 and read[0] >= 0.8 * count, (read, written)
    assert read[1] <= written[1], (read, written)


def _commas(text: str) -> str:
    return re.sub(r"[，,。.！!？?；;：:、…～~\s]+", "，", text).strip("，")


def _runs_flagged(join, module, setting: str) -> tuple[int, tuple[int, int], tuple[int, int]]:
    """How many prohibited flag examples, each between two real staff turns (the corpora's odd-numbered dialogues,
    which the model never learnt from), and how many runs of three real staff turns are flagged, written by ``join``
    from their parts: with the sentence ends read, and with ``module.setting`` out of reach (read as written)."""
    agent = [turn for path in ("crosswoz", "stc3-weibo-helpdesk") for turns in _odd_dialogues(path, 10_000)
             for turn in turns]
    short = [turn for turn in agent if 8 <= len(turn) <= 40]
    flag = [example for rule in load_lexicon().rules if rule.kind == "prohibited" for example in rule.flag]
    rude = [join((before, example, after)) for k, example in enumerate(flag)
            for before, after in [random.Random(k).sample(short, 2)]]
    real = [join(agent[k:k + 3]) for k in range(0, 1500, 3)]
    engine = Engine(cache=False)

    def flagged(lines):
        return sum(any(f.finding.kind == "prohibited" for f in engine.check(line).findings) for line in lines)

    read = flagged(rude), flagged(real)
    with mock.patch.object(module, setting, 10 ** 9):
        return len(rude), read, (flagged(rude), flagged(real))


def test_in_a_line_spaced_by_phrase_sentences_end_only_at_its_pauses():
    normal = normalize("这个我回头帮您问问 后面再说 您先回去吧有消息我给您打电话")
    assert [normal.text[:end] for end in normal.inferred] == ["这个我回头帮您问问后面再说"]
    assert set(normal.inferred) <= set(normal.pauses)


def _unmarked(text: str) -> str:
    return "".join(char for char in text if char.isalnum())


@needs_corpora
def test_in_unmarked_runs_of_real_staff_speech_rude_words_are_judged_in_their_own_sentence():
    """Every prohibited rule's flag example between two real staff turns (the corpora's odd-numbered dialogues, which
    the model never learnt from), every mark taken out, as speech recognition without punctuation writes a turn:
    read as one sentence, the courtesy around excused a fifth of them (743 of 926 found; with the ends read, 833).
    Runs of three real staff turns have no prohibited finding either way."""
    count, with_ends, without = _runs_flagged(lambda parts: _unmarked("".join(parts)), normalize_module, "LONG_STRETCH")
    assert with_ends[0] >= without[0] + count // 20 and with_ends[0] >= 0.85 * count, (with_ends, without)
    assert with_ends[1] <= without[1], (with_ends, without)


def test_explain_shows_the_inferred_ends(capsys):
    from phrasecheck.cli.app import main

    for options in ((), ("--format", "json")):
        with pytest.raises(SystemExit):
            main(["explain", *options, "电话是010-62881144我就是个临时顶班的你那事我不管您好请问您遇到什么问题了吗"])
        out = capsys.readouterr().out
        if not options:
            assert "我不管｜您好" in out
        else:
            said = "电话是010-62881144我就是个临时顶班的你那事我不管您好请问您遇到什么问题了吗"
            assert [said[end:end + 2] for end in json.loads(out)["inferred_sentence_ends"]] == ["我就", "您好"]


def test_a_run_longer_than_a_window_is_read_as_its_parts_are():
    """Gaps are read CHUNK at a time: each is read the same whether its text is short or runs across windows."""
    lines = (CORPORA / "crosswoz" / "dialogues.jsonl").read_text(encoding="utf-8").splitlines() if CORPORA.is_dir() else []
    said = "".join(char for line in lines for turn in json.loads(line)["turns"] for char in turn["text"] if char.isalnum())
    said = (said or "你那事我不管您好请问您在使用过程中遇到什么问题了吗我帮您看看") * (2 * CHUNK // max(len(said), 1) + 2)
    said = said[:2 * CHUNK + 50]
    whole = default_model().chances([said])[0]
    assert len(whole) == len(said) - 1
    for gap in (1, 5, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK - 1, 2 * CHUNK, 2 * CHUNK + 40):
        low = max(0, gap - 10)
        assert whole[gap - 1] == pytest.approx(default_model().chances([said[low:gap + 10]])[0][gap - 1 - low], abs=1e-12)


def test_nothing_to_read_is_no_error():
    assert default_model().chances([]) == [] and default_model().chances([""])[0].size == 0
    assert sentence_ends("你好", []) == []


def test_the_key_table_finds_every_key_it_holds_and_no_other():
    import numpy as np

    keys = np.unique(np.random.RandomState(0).randint(0, 2 ** 60, 50_000))
    table = KeyTable.of(keys)
    assert table.rows(keys).tolist() == list(range(len(keys)))
    assert (table.rows(np.setdiff1d(keys + 1, keys)) == -1).all()


def test_a_damaged_model_file_is_an_error_naming_it(tmp_path):
    from phrasecheck.tomlfile import DataFileError

    broken = tmp_path / "sentence_ends.json.gz"
    broken.write_bytes(b"not gzip")
    with pytest.raises(DataFileError) as error:
        SentenceModel.load(broken)
    assert str(broken) in str(error.value)


def test_the_model_kept_in_the_disk_cache_reads_as_the_file_does(tmp_path, monkeypatch):
    import phrasecheck.punctuation as punctuation

    monkeypatch.setenv("PHRASECHECK_CACHE", str(tmp_path))
    said = ["你那事我不管您好请问您在使用过程中遇到什么问题了吗", "这个我回头帮您问问后面再说您先回去吧有消息我给您打电话"]
    try:
        punctuation.default_model.cache_clear()
        built = punctuation.default_model().chances(said)
        assert len(list(tmp_path.glob("sentence-ends-*.npz"))) == 1
        punctuation.default_model.cache_clear()
        loaded = punctuation.default_model().chances(said)
    finally:
        punctuation.default_model.cache_clear()
    assert all((a == b).all() for a, b in zip(built, loaded))
