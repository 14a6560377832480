"""The catalogue gives every finding the scorer makes its words in either language, by rule id alone."""

import json
from pathlib import Path

from phrasecheck.api import Engine
from phrasecheck.scoring.catalogue import Catalogue

GOLDEN = Path(__file__).resolve().parent / "golden" / "score.json"


def test_every_finding_of_the_golden_scorecards_is_named_by_its_rule_id_in_both_languages():
    scorer = Engine.from_config().scorer
    catalogue = Catalogue(scorer.matcher.lexicon, scorer.scripts.values())
    findings = [f for exchange in json.loads(GOLDEN.read_text(encoding="utf-8"))["exchanges"] for f in exchange["findings"]]
    kinds = {f["kind"] for f in findings}
    assert {"courtesy", "missing", "trigger", "prohibited"} <= kinds
    for finding in findings:
        assert catalogue.category(finding["rule"], "zh") == finding["category"], finding["rule"]
        if finding["kind"] == "missing":
            assert catalogue.message(finding["rule"], "zh") == finding["message"], finding["rule"]
        english = catalogue.category(finding["rule"], "en")
        assert english and english != finding["category"] or finding["rule"].startswith("courtesy."), finding["rule"]
    assert catalogue.category("gone.rule", "en", "旧类别") == "旧类别"  # kept by an older store
    assert catalogue.category("gone.rule", "en") == "gone.rule"


def test_a_stored_finding_is_worded_as_scoring_words_it_in_that_language():
    """Every finding of the golden scorecards (scored in Chinese) worded in Chinese by the catalogue is the
    finding as scored: a trigger says its situation's name, a missing reply what is missing."""
    scorer = Engine.from_config().scorer
    catalogue = Catalogue(scorer.matcher.lexicon, scorer.scripts.values())
    findings = [f for exchange in json.loads(GOLDEN.read_text(encoding="utf-8"))["exchanges"] for f in exchange["findings"]]
    assert [catalogue.finding(f, "zh") for f in findings] == findings
    trigger = next(f for f in findings if f["kind"] == "trigger")
    assert catalogue.finding(trigger, "en")["message"] == catalogue.category(trigger["rule"], "en")


def test_the_word_tables_never_give_one_key_two_different_words():
    """Words for people come from four tables (messages, the annotated transcript, batch outputs, the
    console); a key they share means the same words in each (工号 is staff_id, 工作人员 the staff role)."""
    import importlib

    seen: dict[str, tuple[str, tuple[str, str]]] = {}
    for module in ("phrasecheck.i18n", "phrasecheck.report.annotate", "phrasecheck.batch.words", "phrasecheck.console.words"):
        for key, words in importlib.import_module(module)._WORDS.items():
            first = seen.setdefault(key, (module, words))
            assert first[1] == words, f"{key}: {first[0]} says {first[1]}, {module} says {words}"
