"""Work grows linearly with the input: each command, on inputs of size n and 8n, makes at most 10×
the function calls in all, and at most 16× the calls of any one function, or the runs of any one
line of phrasecheck's own code, done often enough to judge (linear is 8×, a loop over pairs 64×).
Calls are counted by cProfile (Python and built-in alike) and lines by a trace function, so the
counts are the same on a busy machine or a quiet one: a loop over findings, candidates, turns or
calls that compares each with all the others shows up here, named, even while it is a small share
of the total, and even inside a comprehension that makes no call.

The inputs are built from the held-out utterances (real sentences written by people) interleaved
with the lexicon's must-flag examples, so every stage of the pipeline has work to do.
"""

from __future__ import annotations

import contextlib
import cProfile
import csv
import io
import json
import pstats
import random
import re
import sqlite3
import sys
from collections import Counter
from pathlib import Path
from unittest import mock

import pytest

import phrasecheck
from phrasecheck.cli.app import main

PACKAGE = str(Path(phrasecheck.__file__).parent)

UTTERANCES = Path(__file__).parent / "heldout" / "matching"
GROWTH_LIMIT = 10  # for 8× the input, all calls together
#: For one function: linear is 8× and a loop over pairs 64×; between, room for what the content
#: varies (which windows the boundary cache already holds, which turns have stutters).
FUNCTION_GROWTH_LIMIT = 16
#: A function's growth is judged when input n makes it this many calls more than the fixed cost does
#: (below that, the count depends on which lines were drawn: a family rule whose words meet in 15
#: windows of the n text met in 925 of a 32n text, linear from 4n on).
MEANINGFUL = 250


def _pool() -> list[str]:
    """Held-out utterances (real sentences by people) interleaved with every lexicon example that
    must be flagged, so that the matcher finds something in most lines."""
    from phrasecheck.lexicon.load import load_lexicon

    flagged = [example for rule in load_lexicon().rules for example in rule.flag]
    said = []
    for name in ("dev.jsonl", "heldout.jsonl"):
        said += [json.loads(line)["text"] for line in (UTTERANCES / name).read_text(encoding="utf-8").splitlines() if line]
    mixed = [text for pair in zip(said, flagged * (len(said) // len(flagged) + 1)) for text in pair]
    random.Random(7).shuffle(mixed)
    return mixed


def _stream(lines: int, copies: int, seed: int) -> list[str]:
    """``copies`` reshuffled copies of the same ``lines`` utterances: n and 8n have the same density of phrases."""
    base, chosen = _pool()[:lines], []
    for copy in range(copies):
        shuffled = base[:]
        random.Random(seed * 100 + copy).shuffle(shuffled)
        chosen += shuffled
    return chosen


def _draft(copies: int, seed: int) -> str:
    return "\n".join(_stream(60, copies, seed)) + "\n"


def _one_line(copies: int, seed: int, joiner: str) -> str:
    return joiner.join(_stream(60, copies, seed)) + "\n"


def _call(copies: int, seed: int) -> str:
    """A call of 80 utterances a copy: with 40, a reply check's count at n sat near :data:`MEANINGFUL` and hung on which
    lexicon examples were drawn (18× for 8× after a few examples were added; 4n → 32n grew 9.5×, linear)."""
    labels = ("工作人员：", "居民：")
    return "".join(f"{labels[i % 2]}{text}\n" for i, text in enumerate(_stream(80, copies, seed)))


def _questions_then_reply(copies: int, seed: int) -> str:
    """A call where the resident asks question after question and the staff answer them all in one long turn
    (every clause of it an answer of the kind asked: a place)."""
    said = _stream(40, copies, seed)
    return ("".join(f"居民：{text}在哪里办？\n" for text in said) + "工作人员："
            + "，".join(f"{text}在三楼窗口办" for text in said) + "。\n")


def _regulation(copies: int, seed: int) -> str:
    """A regulation document: numbered lists under headings, quotes after cues, run-on items. Its copies
    reorder the same articles, so that each utterance stays a list item, a quote or a run-on item in
    n and 8n alike (reshuffling lines into new places made the single size too noisy to compare)."""
    said = _stream(120, 1, 0)  # the same utterances whatever the seed: only the articles' order varies
    articles = [said[start:start + 8] for start in range(0, len(said), 8)]
    lines = []
    for copy in range(copies):
        for group in random.Random(seed * 100 + copy).sample(articles, len(articles)):
            lines += [f"第{len(lines) // 7 + 1}条 服务禁语", *(f"{i}、{text}" for i, text in enumerate(group[:4], start=1)),
                      "接待群众应使用" + "、".join(f"“{text}”" for text in group[4:6]) + "等文明用语。",
                      "".join(f"{i}.{text}。" for i, text in enumerate(group[6:], start=1))]
    return "\n".join(lines) + "\n"


def _page_chunks(copies: int, seed: int) -> str:
    """A regulation document as a document site gives it: chunks of one length, each opening with its number."""
    text = _regulation(copies, seed).replace("\n", "")
    return "".join(f"{number}、{text[start:start + 300]}\n" for number, start in enumerate(range(0, len(text), 300), start=1))


def _escaped_string(copies: int, seed: int) -> str:
    """A regulation document kept as one string of source code, its line breaks escaped."""
    return '    NSString *A = @"' + _regulation(copies, seed).replace("\n", "\\n      ") + '";\n'


def _quoted_line(copies: int, seed: int) -> str:
    return "禁止使用伤人的语言，如：" + "。".join(f"接待时应说“{text}”" for text in _stream(60, copies, seed)) + "\n"


def _call_log(copies: int, seed: int) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["call_id", "speaker", "text"])
    for i, text in enumerate(_stream(60, copies, seed)):
        writer.writerow([f"c{i // 10}", "坐席" if i % 2 == 0 else "客户", text])
    return out.getvalue()


def _work(argv: list[str]) -> Counter:
    """What one in-process run of the command does: the calls of each function (Python and built-in),
    their ``total``, how often each line of phrasecheck's own code runs (a loop inside a
    comprehension makes no call, but runs its line once per element), and the steps SQLite takes
    (a query's plan can scan a table per row without a single Python call)."""
    profile = cProfile.Profile()
    lines: Counter = Counter()

    def line_counter(frame, event, arg):
        if event == "line":
            lines[(frame.f_code.co_filename, frame.f_lineno)] += 1
        return line_counter

    def tracer(frame, event, arg):
        return line_counter if frame.f_code.co_filename.startswith(PACKAGE) else None

    def connect(*args, **kwargs):  # SQLite's own work: every thousand steps of its virtual machine
        connection = sqlite_connect(*args, **kwargs)
        connection.set_progress_handler(lambda: lines.update(["sqlite steps (thousands)"]), 1000)
        return connection

    sqlite_connect = sqlite3.connect
    # Every run compiles its patterns as a new process does: re's own cache holds 512, and what earlier runs
    # (another command's patterns) left in it would make one run's fixed cost differ from the next one's.
    re.purge()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()), \
            mock.patch("sqlite3.connect", connect):
        sys.settrace(tracer)
        profile.enable()
        try:
            main(argv)
        except SystemExit:
            pass
        finally:
            profile.disable()
            sys.settrace(None)
    stats = pstats.Stats(profile)
    counts = Counter({function: row[1] for function, row in stats.stats.items()})
    counts["total"] = stats.total_calls
    return counts + lines


def _warm_up(argv: list[str]) -> None:
    """One in-process run of the command, not counted (and so not traced, which costs five times the run)."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()), \
            contextlib.suppress(SystemExit):
        main(argv)


SHAPES = {
    "check: a long draft": (("check", "--format", "json"), "draft.txt", _draft),
    "check text: a long draft": (("check",), "draft.txt", _draft),
    "check: one line with thousands of clauses": (("check", "--format", "json"), "line.txt",
                                                 lambda n, s: _one_line(n, s, "，")),
    "check: one line without punctuation (ASR)": (("check", "--format", "json"), "asr.txt",
                                                 lambda n, s: _one_line(n, s, "")),
    "check: one line spaced by phrase (ASR)": (("check", "--format", "json"), "asr.txt",
                                               lambda n, s: _one_line(n, s, " ").replace("，", " ").replace("。", " ")),
    "check explain: one line without punctuation (ASR)": (("check", "--explain"), "asr.txt",
                                                         lambda n, s: _one_line(n, s, "")),
    "fix: a long draft": (("fix",), "draft.txt", _draft),
    "fix json --unsafe: one line of overlapping findings": (("fix", "--unsafe", "--format", "json"), "line.txt",
                                                           lambda n, s: _one_line(n, s, "，")),
    "fix --write --unsafe: a long draft": (("fix", "--write", "--unsafe"), "draft.txt", _draft),
    # quotation after quotation on one line, one's own words and others' by turns: each judged by the marks around it
    "check: one line of quoted words, one's own and others'": (
        ("check", "--format", "json"), "line.txt",
        lambda n, s: "我跟他说：“不知道，你问别人去。”居民跟我说：“别啰嗦，快点讲。”" * 40 * n + "\n"),
    # every edit followed by a clause telling the resident off, and no full stop: each edit reads a few clauses on
    "fix: one line of edits, each told off after": (("fix", "--format", "json"), "line.txt",
                                                   lambda n, s: "有意见找领导去，别跟我说，" * 40 * n + "\n"),
    "check sarif: a long draft": (("check", "--format", "sarif", "--courtesy"), "draft.txt", _draft),
    "check github: a long draft": (("check", "--format", "github"), "draft.txt", _draft),
    "score: one call with hundreds of turns": (("score", "--format", "json"), "call.txt", _call),
    "score text: one call with hundreds of turns": (("score",), "call.txt", _call),
    "score: a CSV of many calls": (("score", "--format", "json"), "log.csv", _call_log),
    "score: hundreds of questions, one long reply": (("score", "--format", "json"), "call.txt", _questions_then_reply),
    "score html: one call with hundreds of turns": (("score", "--html", "{out}/card.html"), "call.txt", _call),
    "batch: a CSV of many calls": (("batch", "--workers", "1", "--db", "{out}/store.db", "--out", "{out}/calls.xlsx",
                                    "--html", "{out}/report.html"), "log.csv", _call_log),
    "batch csv: a CSV of many calls": (("batch", "--workers", "1", "--db", "{out}/store.db", "--out", "{out}/calls.csv"),
                                       "log.csv", _call_log),
    "show: one call with hundreds of turns": (("show",), "call.txt", _call),
    "show: a CSV of many calls": (("show",), "log.csv", _call_log),
    "lexicon extract: a long regulation document": (("lexicon", "extract", "--format", "json"), "rules.txt", _regulation),
    "lexicon extract: one line of many quoted phrases": (("lexicon", "extract", "--format", "json"), "line.txt",
                                                         _quoted_line),
    "lexicon extract: a document site's page chunks": (("lexicon", "extract", "--format", "json"), "chunks.txt", _page_chunks),
    "lexicon extract: a string with escaped line breaks": (("lexicon", "extract", "--format", "json"), "code.m",
                                                           _escaped_string),
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_work_grows_at_most_linearly(shape, tmp_path, monkeypatch):
    command, name, make = SHAPES[shape]
    # A cache of built engines of its own: in the shared one, another process's engines could evict the
    # warm-up's, and a run that builds the engine again is not the fixed cost the counts subtract.
    monkeypatch.setenv("PHRASECHECK_CACHE", str(tmp_path / "cache"))
    # Warm-ups on 8n and on a few lines, not counted (whatever a process builds or loads once, on first need,
    # is: the engine kept on disk is loaded, its patterns compiled), then a few lines (the fixed cost), n and 8n.
    counts = []
    for run_number, size in enumerate((8, 0, 0, 1, 8)):
        run = tmp_path / str(run_number)
        run.mkdir()
        path = run / name
        path.write_text(make(size, run_number) if size else make(1, 0)[:60], encoding="utf-8")
        argv = [*(part.format(out=run) for part in command), str(path)]
        if run_number < 2:
            _warm_up(argv)
        else:
            counts.append(_work(argv))
    base, single, eightfold = counts
    growth = {function: (eightfold[function] - base[function]) / (single[function] - base[function])
              for function in single if single[function] - base[function] >= MEANINGFUL}
    steepest = max(growth, key=growth.get)
    assert growth["total"] <= GROWTH_LIMIT, f"{shape}: {growth['total']:.1f}× the work for 8× the input"
    assert growth[steepest] <= FUNCTION_GROWTH_LIMIT, f"{shape}: {steepest} ran {growth[steepest]:.1f}× as often for 8× the input"


def test_phrases_are_given_back_as_printed_reading_each_line_once(tmp_path, monkeypatch):
    """The call counts above miss work done inside one call: each phrase of a line of thousands searched the whole
    line again (8× the phrases on one line took 58× as long). Pinned by the characters read to give phrases back."""
    from phrasecheck.ruletools import extract as extraction

    read = Counter()

    def counted(text: str) -> str:
        read["characters"] += len(text)
        return readable(text)

    readable = extraction.readable
    monkeypatch.setattr(extraction, "readable", counted)
    characters = []
    for copies in (1, 8):
        path = tmp_path / f"line{copies}.txt"
        path.write_text("服务忌语：" + "、".join(f"“不知道{i}号”" for i in range(250 * copies)) + "。\n", encoding="utf-8")
        read.clear()
        assert len(extraction.extract(path).prohibited) == 250 * copies
        characters.append(read["characters"])
    assert characters[1] <= GROWTH_LIMIT * characters[0]


def test_single_quotes_are_paired_reading_the_line_once():
    """Pairing straight single quotes looked back by copying the whole line before each pair (a run-on line of 80,000
    quoted words took 1.4 s): pinned by the characters the pairing reads, sliced or indexed."""
    from phrasecheck.ruletools.document import _curly_single_quotes

    class Counted(str):
        read = 0

        def __getitem__(self, index):
            part = str.__getitem__(self, index)
            Counted.read += len(part)
            return part

    characters = []
    for copies in (1, 8):
        Counted.read = 0
        assert _curly_single_quotes(Counted("说'您好'，" * 500 * copies)).count("‘") == 500 * copies
        characters.append(Counted.read)
    assert characters[1] <= GROWTH_LIMIT * characters[0]
