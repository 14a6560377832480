"""JSON read and written fast, with exactly the standard library's results."""

import json
import math
from pathlib import Path

import pytest

from phrasecheck.jsontext import compact, parse
from phrasecheck.scoring import Scorer, scorecard_json
from phrasecheck.transcripts import read_exchanges

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"


@pytest.mark.skipif(not CORPORA.is_dir(), reason="shared/corpora not present")
def test_real_dialogues_read_and_write_as_the_standard_library_does():
    lines = [line for path in sorted(CORPORA.glob("*/dialogues.jsonl"))
             for line in path.read_text(encoding="utf-8").splitlines()[:2000]]
    for line in lines:
        value = parse(line)
        assert value == json.loads(line)
        assert compact(value) == json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
    assert len(lines) >= 3000


@pytest.mark.skipif(not CORPORA.is_dir(), reason="shared/corpora not present")
def test_scorecards_are_written_as_the_standard_library_writes_them():
    scorer = Scorer.default()
    exchanges, _ = read_exchanges(CORPORA / "stc3-weibo-helpdesk" / "dialogues.jsonl")
    cards = [scorecard_json(scorer.score(e)) for e in exchanges[:300] if any(t.role == "staff" for t in e.turns)]
    assert sum(len(card["findings"]) for card in cards) > 300
    for card in cards:
        assert compact(card) == json.dumps(card, ensure_ascii=False, separators=(",", ":")).encode()


@pytest.mark.parametrize(("text", "expected"), [
    ('{"id": 123456789012345678901234}', {"id": 123456789012345678901234}),  # orjson would make it a float
    ('{"id": 18446744073709551615}', {"id": 18446744073709551615}),
    ('"\\ud83d\\ude00"', "😀"),
    ('["\\ud83d", {"\\ude00": "ok"}]', ["\ufffd", {"\ufffd": "ok"}]),
])
def test_what_orjson_reads_otherwise_is_read_as_the_standard_library_reads_it(text, expected):
    assert parse(text) == expected


def test_nan_and_errors_are_the_standard_library_s():
    assert math.isnan(parse('{"x": NaN}')["x"])
    with pytest.raises(json.JSONDecodeError) as raised:
        parse('{"id": "a", "turns": [')
    assert (raised.value.lineno, raised.value.colno) == (1, 23)


def test_what_orjson_cannot_write_is_written_by_the_standard_library():
    assert compact({1: "一"}) == '{"1":"一"}'.encode()
    assert compact({"source": "calls/\udce9t\udce9.txt"}) == '{"source":"calls/\ufffdt\ufffd.txt"}'.encode()
