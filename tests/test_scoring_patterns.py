"""Script patterns are searched once per exchange and skipped by their literals; the result must be
exactly what searching each clause on its own gives, on real dialogues and on generated patterns."""

import json
import re
from itertools import islice
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from phrasecheck.normalize import NormalText, normalize
from phrasecheck.literals import Prefilter, may_match, required_literals
from phrasecheck.scoring.patterns import Clauses
from phrasecheck.scoring.scripts import load_scripts

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
SCRIPT_PATTERNS = sorted({p for script in load_scripts().values() for p in script.patterns()}, key=lambda p: p.pattern)


def clauses(normal: NormalText) -> list[tuple[int, int]]:
    """The non-empty clauses of the normalised text, as ``(start, end)`` positions in it."""
    bounds = [0, *normal.breaks, len(normal.text)]
    return [(start, end) for start, end in zip(bounds, bounds[1:]) if end > start]


def clause_by_clause(normal: NormalText, patterns, unless=(), last_clause=False) -> list[tuple[int, int]]:
    """The reference: every clause searched on its own."""
    spans = set()
    for start, end in list(clauses(normal))[-1:] if last_clause else clauses(normal):
        clause = normal.text[start:end]
        found = [m.span() for pattern in patterns for m in pattern.finditer(clause) if m.end() > m.start()]
        if found and not any(pattern.search(clause) for pattern in unless):
            spans.update(normal.span(start + low, start + high) for low, high in found)
    return sorted(spans)


def corpus_dialogues(count: int) -> list[list[str]]:
    dialogues = []
    for path in sorted(CORPORA.glob("*/dialogues.jsonl")):
        with path.open(encoding="utf-8") as stream:
            dialogues += [[t["text"] for t in json.loads(line)["turns"] if t.get("text")] for line in islice(stream, count)]
    return dialogues


@pytest.mark.skipif(not CORPORA.is_dir(), reason="shared/corpora not present")
def test_every_script_pattern_finds_the_same_spans_as_clause_by_clause_search_in_real_dialogues():
    prefilter = Prefilter(SCRIPT_PATTERNS)
    checked = matched = 0
    for texts in corpus_dialogues(150):
        normals = [normalize(text) for text in texts]
        index = Clauses(normals, prefilter)
        for turn, normal in enumerate(normals):
            for pattern in SCRIPT_PATTERNS:
                expected = clause_by_clause(normal, [pattern])
                assert index.find(turn, [pattern]) == expected, (pattern.pattern, normal.text)
                checked += 1
                matched += bool(expected)
    assert checked > 50_000 and matched > 500


def test_a_match_across_clauses_falls_back_to_clause_by_clause_search():
    normals = [normalize("请问，您好吗？"), normalize("好的。谢谢")]
    crossing = re.compile(r"问[^吗]*好")  # [^吗] would read across the clause end
    index = Clauses(normals)
    assert index.find(0, [crossing]) == clause_by_clause(normals[0], [crossing]) == []
    anchored = re.compile("^好的$|^谢谢")
    assert Clauses(normals).find(1, [anchored]) == clause_by_clause(normals[1], [anchored]) == [(0, 2), (3, 5)]


def test_unless_and_last_clause_work_on_clauses_of_the_turn():
    normals = [normalize("太慢了，不是说你们太慢。真是太慢"), normalize("太慢")]
    slow, denied = re.compile("太慢"), re.compile("不是说")
    index = Clauses(normals)
    assert index.find(0, [slow], [denied]) == [(0, 2), (14, 16)]
    assert index.find(0, [slow], [denied], last_clause=True) == [(14, 16)]
    assert index.turns(slow) == {0, 1}


@pytest.mark.parametrize(("pattern", "literals"), [
    ("(您|你|大家)好(?!像)", {"您好", "你好", "大家好"}),
    ("(?<![没不])什么(?!都)|怎么|几(个|点)", {"什么", "怎么", "几个", "几点"}),
    ("^.{0,12}(社区|居委会)$", {"社区", "居委会"}),
    ("留(下|个)?.{0,4}(电话|号码)", {"电话", "号码"}),
    ("(ab){2}c?", {"abab"}),
    ("a*", None), ("(?i)abc", None), ("[^a]", None), ("", None),
])
def test_required_literals_are_what_every_match_contains(pattern, literals):
    found = required_literals(re.compile(pattern))
    assert (set(found) if found is not None else None) == literals


ALPHABET = "您好不太慢谢"
PIECES = st.one_of(
    st.sampled_from(list(ALPHABET)),
    st.sampled_from(["[好慢]", "[^好]", ".", ".{0,2}", "^", "$", r"\b", "(?!好)", "(?<!不)", "(?=谢|慢)", "(?<=[不太])"]),
)


@st.composite
def patterns(draw) -> str:
    def sequence():
        pieces = draw(st.lists(PIECES, min_size=1, max_size=4))
        if draw(st.booleans()):
            pieces[-1] = f"(?:{pieces[-1]}){draw(st.sampled_from(['?', '*', '+', '{2}']))}"
        return "".join(pieces)
    return "|".join(sequence() for _ in range(draw(st.integers(1, 3))))


TEXTS = st.lists(st.text(alphabet=ALPHABET + "，。 啊", max_size=14), min_size=1, max_size=4)


@settings(max_examples=400, deadline=None)
@given(pattern=patterns(), unless=st.one_of(st.none(), patterns()), texts=TEXTS, last=st.booleans())
def test_clauses_find_equals_clause_by_clause_search_for_any_pattern(pattern, unless, texts, last):
    compiled = re.compile(pattern)
    unless_patterns = [re.compile(unless)] if unless else []
    normals = [normalize(text) for text in texts]
    index = Clauses(normals, Prefilter([compiled, *unless_patterns]))
    for turn, normal in enumerate(normals):
        assert index.find(turn, [compiled], unless_patterns, last) == clause_by_clause(normal, [compiled], unless_patterns, last)


@settings(max_examples=400, deadline=None)
@given(pattern=patterns(), text=st.text(alphabet=ALPHABET, max_size=12))
def test_every_non_empty_match_contains_a_required_literal(pattern, text):
    literals = required_literals(re.compile(pattern))
    if literals is not None:
        for match in re.finditer(pattern, text):
            if match.end() > match.start():
                assert any(literal in match.group() for literal in literals)


@settings(max_examples=400, deadline=None)
@given(pattern=patterns(), text=st.text(alphabet=ALPHABET, max_size=12))
def test_a_pattern_that_may_not_match_removes_nothing(pattern, text):
    compiled = re.compile(pattern)
    if not may_match(compiled, text):
        assert compiled.sub("", text) == text


@pytest.mark.skipif(not CORPORA.is_dir(), reason="shared/corpora not present")
def test_may_match_skips_most_real_turns_and_never_one_the_pattern_matches():
    says_nothing = [pattern for script in load_scripts().values() for item in script.items for pattern in item.says_nothing]
    texts = [normalize(text).text for dialogue in corpus_dialogues(300) for text in dialogue]
    skipped = 0
    for pattern in says_nothing:
        for text in texts:
            if may_match(pattern, text):
                continue
            skipped += 1
            assert not any(match.end() > match.start() for match in pattern.finditer(text)), (pattern.pattern, text)
    assert says_nothing and skipped > 0.8 * len(texts) * len(says_nothing)


def test_a_searched_pattern_is_kept_so_that_a_new_one_cannot_take_its_id_and_its_results():
    from re import _compiler  # compiles without re's cache, which would keep every pattern alive

    index = Clauses([normalize("您好，请坐。")])
    for word, expected in [("您好", [(0, 2)]), ("再见", []), ("请坐", [(3, 5)]), ("谢谢", [])] * 20:
        assert index.find(0, [_compiler.compile(word, 0)]) == expected, word
