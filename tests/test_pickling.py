"""What batch workers send each other pickles back to an equal object, every field kept."""

import pickle

import pytest

from phrasecheck.batch.discover import InputFile
from phrasecheck.batch.runner import Scored, SmallFiles, Work
from phrasecheck.batch.store import CallRecord
from phrasecheck.models import Diagnostic, Exchange, Turn, pickled_as_arguments
from phrasecheck.transcripts import ReadOptions

WARNING = Diagnostic("坐席.txt", 3, "角色由服务用语推断", "warning")
TURN = Turn(2, "坐席A", "staff", "您好，请讲", line=7, start_ms=1200, end_ms=3400, role_inferred=True)
EXCHANGE = Exchange("call-1", "/logs/三月.jsonl", [TURN, TURN], "S001", "2024-03-05", "phone", {"format": "dialogue-json"},
                    [WARNING])
RECORD = CallRecord("/logs/三月.jsonl", 4, "h" * 32, "2024-03-05", "content", "三月.jsonl", "call-1", "S001", "phone", "phone",
                    87.5, "良好", [("prohibited", "p1", "推诿", "high", 1, 0, 4, "不归我管", "禁语", -15)], '{"id":"call-1"}')

SMALL_FILES = SmallFiles([InputFile("calls/S001/1.json", "/work/calls/S001/1.json", 812), InputFile("b.txt", "/b.txt", 0)],
                         [{0: "h" * 32}, {}],
                         ReadOptions("jsonl", ("坐席",), ("市民",), ("1",), ("A", "B"), {"text": "内容"}, r"(?P<staff>S\d+)"))


@pytest.mark.parametrize("value", [WARNING, TURN, EXCHANGE, RECORD, Work("/logs/三月.jsonl", 4, "h" * 32, EXCHANGE, False),
                                   Scored(RECORD, False, "<section>…</section>"), SMALL_FILES, SMALL_FILES.options],
                         ids=lambda v: type(v).__name__)
def test_round_trip_keeps_every_field(value):
    copy = pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    assert copy == value and copy is not value


def test_a_class_with_a_field_outside_the_constructor_is_refused():
    from dataclasses import dataclass, field

    with pytest.raises(TypeError):
        @pickled_as_arguments
        @dataclass
        class Partial:
            kept: int
            derived: int = field(init=False, default=0)


def test_a_checked_blocks_findings_travel_as_rows_and_come_back_equal():
    """What a ``check`` worker sends back for a block: its findings as plain rows (cheaper to pickle than the
    objects), rebuilt into equal objects in the same order."""
    from phrasecheck.api import Engine
    from phrasecheck.lint import Block, match_blocks

    block = Block("草稿.txt", 3, 40, ["您好，请坐。\n", "不归我管，你问别人去吧。\n"], 20)
    found = match_blocks(Engine().matcher, [block])[0]
    assert [(located.line, located.column, located.start) for located in found if located.finding.kind != "courtesy"] == [
        (4, 1, 47), (4, 6, 52), (4, 7, 53)]   # 不归我管 … 你 … 问别人去: lines from 3, offsets from 40
    copy = pickle.loads(pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL))
    assert copy == found and copy is not found and type(copy) is list
