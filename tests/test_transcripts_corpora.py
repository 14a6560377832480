"""Both shared corpora read completely, with agent → staff and customer → resident."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from phrasecheck.models import Exchange
from phrasecheck.transcripts import iter_exchanges

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"


@pytest.mark.parametrize(
    ("corpus", "dialogues", "turns", "agent_turns"),
    [("crosswoz", 1000, 16934, 8467), ("stc3-weibo-helpdesk", 4090, 18372, 7841)],
)
def test_corpus_reads_completely_with_roles(corpus, dialogues, turns, agent_turns):
    path = CORPORA / corpus / "dialogues.jsonl"
    if not path.exists():
        pytest.skip("shared corpora absent")
    items = list(iter_exchanges(path))
    exchanges = [item for item in items if isinstance(item, Exchange)]
    assert len(exchanges) == len(items) == dialogues
    assert sum(len(exchange.turns) for exchange in exchanges) == turns
    roles = Counter(turn.role for exchange in exchanges for turn in exchange.turns)
    assert roles == {"staff": agent_turns, "resident": turns - agent_turns}
    assert not any(turn.role_inferred for exchange in exchanges for turn in exchange.turns)
    assert not any(exchange.warnings for exchange in exchanges)
    with path.open(encoding="utf-8") as stream:
        for number, (line, exchange) in enumerate(zip(stream, exchanges), 1):
            record = json.loads(line)
            assert exchange.id == record["id"]
            expected = [("staff" if turn["role"] == "agent" else "resident", turn["text"]) for turn in record["turns"]]
            assert [(turn.role, turn.text) for turn in exchange.turns] == expected
            assert {turn.line for turn in exchange.turns} == {number}
