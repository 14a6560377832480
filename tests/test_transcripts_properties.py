"""Property-based: any input gives conversations and diagnostics, never a traceback, and loses no line."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from phrasecheck.models import Diagnostic, Exchange
from phrasecheck.transcripts import ReadOptions, iter_exchanges, read_text_exchange
from phrasecheck.transcripts.labelled import split_label
from phrasecheck.transcripts.read import NOTE

FIXTURES = Path(__file__).parent / "fixtures" / "transcripts"
EXTENSIONS = ("", ".txt", ".csv", ".tsv", ".json", ".jsonl", ".srt", ".vtt", ".wav", ".docx")
PIECES = (
    "工作人员", "居民", "坐席", "客服", "来电人", "小王", "说话人1", "：", ":", "\n", "\r\n", "\r", " ", "您好", "请稍等",
    "，", ",", "\t", ";", '"', "{", "}", "[", "]", "-->", "00:00:01,000", "00:01.000", "[00:00:05]", "WEBVTT",
    "<v 客服>", "</v>", "1", "---", "通话ID", "角色", "内容", "text", "role", "call_id", "turns", "\ufeff", "\x00",
    "&amp;", "<", ">", "\\", "null", "0", "地址：二楼",
)
tricky_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=5)), max_size=60).map("".join)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
JSON_FIXTURES = sorted(FIXTURES.glob("*.json"))


def assert_well_formed(items: list) -> None:
    for item in items:
        if isinstance(item, Diagnostic):
            assert item.level in ("error", "warning") and item.line >= 0 and " / " in item.message
            continue
        assert isinstance(item, Exchange) and item.turns
        assert [turn.index for turn in item.turns] == list(range(len(item.turns)))
        for turn in item.turns:
            assert turn.line >= 1 and turn.text.strip() and turn.role in ("staff", "resident", "unknown")
            assert not (turn.role_inferred and turn.role == "unknown")
        assert all(isinstance(warning, Diagnostic) for warning in item.warnings)


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=3000), extension=st.sampled_from(EXTENSIONS))
def test_any_bytes_any_extension(data, extension):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{extension}"
        path.write_bytes(data)
        assert_well_formed(list(iter_exchanges(path)))


@settings(max_examples=300, deadline=None)
@given(text=tricky_text, extension=st.sampled_from(EXTENSIONS))
def test_any_text_any_extension(text, extension):
    exchanges, diagnostics = read_text_exchange(text, f"input{extension}", ReadOptions(staff_speaker="小王"))
    assert_well_formed([*exchanges, *diagnostics])


@settings(max_examples=300, deadline=None)
@given(fixture=st.sampled_from(JSON_FIXTURES), choice=st.integers(min_value=0), value=json_values, one_line=st.booleans())
def test_asr_exports_with_any_field_replaced(fixture, choice, value, one_line):
    document = json.loads(fixture.read_text(encoding="utf-8"))
    nodes = list(_nodes(document))
    container, key = nodes[choice % len(nodes)]
    container[key] = value
    text = json.dumps(document, ensure_ascii=False, indent=None if one_line else 2)
    exchanges, diagnostics = read_text_exchange(text, fixture.name)
    assert_well_formed([*exchanges, *diagnostics])


@settings(max_examples=300, deadline=None)
@given(lines=st.lists(tricky_text.map(lambda text: re.sub(r"[\r\n]", "", text)), max_size=30))
@example(lines=["工作人员工作人员\t00:00:01,000", "工作人员", "工作人员工作人员："])
@example(lines=["00:00:01,000工作人员工作人员工作人员：", "a", "00:00:01,000工作人员工作人员工作人员："])
@example(lines=["(0)", "工作人员00:00:01,000", "工作人员00:00:01,000"])   # a first line kept as the title
def test_labelled_text_loses_no_line(lines):
    exchanges, diagnostics = read_text_exchange("\n".join(lines), "roleplay.txt", ReadOptions(input_format="text"))
    assert_well_formed([*exchanges, *diagnostics])
    accounted = {turn.line for exchange in exchanges for turn in exchange.turns} | {d.line for d in diagnostics}
    for number, line in enumerate(lines, 1):
        line = line.removeprefix("\ufeff") if number == 1 else line  # a leading BOM is not text
        if not line.strip() or re.fullmatch(r"\s*([-=*＝－—_~])\1{2,}\s*", line):
            continue
        label_only = (found := split_label(line.strip())) is not None and not found[1].strip()
        note = NOTE.fullmatch(line.strip())  # a bracketed note (（挂断）) is no utterance, by design
        title = any(exchange.meta.get("title") == line.strip() for exchange in exchanges)   # kept as the title
        assert number in accounted or label_only or note or title or _names_next_speaker(exchanges, number, line), \
            (number, line)


def _names_next_speaker(exchanges, number: int, line: str) -> bool:
    """A header line (坐席 00:00:01, 00:00:01 坐席：) whose label is the speaker of the turn that follows it."""
    following = [turn for exchange in exchanges for turn in exchange.turns if turn.line > number]
    return bool(following) and bool(following[0].speaker) and following[0].speaker in line


def _nodes(value):
    """Every (container, key) in a JSON document, the document itself included."""
    root = [value]
    stack = [(root, 0)]
    while stack:
        container, key = stack.pop()
        yield container, key
        child = container[key]
        if isinstance(child, dict):
            stack.extend((child, name) for name in child)
        elif isinstance(child, list):
            stack.extend((child, index) for index in range(len(child)))
