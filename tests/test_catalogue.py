"""The catalogue gives every finding the scorer makes its words in either language, by rule id alone."""

import json
from pathlib import Path

from phrasecheck.api import Engine
from phrasecheck.catalogue import Catalogue

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
    assert catalogue.rename("迎声：接听问候", "en") == catalogue.category("phone.greeting", "en")
    assert catalogue.category("gone.rule", "en", "旧类别") == "旧类别"
