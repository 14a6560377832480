"""Progress: the bar on a terminal, quiet JSON lines otherwise, and how far into a big file the reader is."""

import io
import json

from rich.console import Console

from phrasecheck.batch import progress as progress_module
from phrasecheck.batch.discover import InputFile
from phrasecheck.batch.progress import Position, QuietProgress, TerminalProgress
from phrasecheck.batch.runner import Totals


def test_position_counts_finished_files_and_the_line_reached_in_a_big_one(tmp_path, monkeypatch):
    monkeypatch.setattr(progress_module, "BIG_FILE", 100)
    big = tmp_path / "big.jsonl"
    big.write_text("x" * 9 + "\n" * 1 + ("y" * 9 + "\n") * 9, encoding="utf-8")
    position = Position(total=110)
    position.reading(InputFile("small.txt", "/small.txt", 10))
    position.file_done()
    position.reading(InputFile(str(big), str(big), 100))
    position.at_line(5)
    assert position.done == 10 + 50
    position.file_done()
    assert position.done == 110


def test_quiet_progress_prints_json_lines_only(tmp_path):
    stream = io.StringIO()
    quiet = QuietProgress(1000, stream, interval=0)
    totals = Totals(scored=3, skipped=1, errors=1)
    quiet.update(totals)
    quiet.finish({"status": "done", "scored": 3})
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert lines[0]["event"] == "progress" and lines[0]["calls"] == 4 and lines[0]["bytes_total"] == 1000
    assert lines[1] == {"event": "summary", "status": "done", "scored": 3}


def test_the_terminal_bar_shows_calls_rate_and_errors():
    console = Console(file=io.StringIO(), force_terminal=True, width=120)
    with TerminalProgress(100, "zh", console) as bar:
        bar.reading(InputFile("a.txt", "/a.txt", 100))
        bar.file_done()
        bar.update(Totals(scored=7, errors=2))
    bar.finish({"status": "done", "scored": 7, "skipped": 0, "errors": 2, "warnings": 0,
                "elapsed_s": 1.0, "calls_per_s": 7.0})
    shown = console.file.getvalue()
    assert "7 通" in shown and "通/秒" in shown and "错误 2" in shown and "100%" in shown
    assert "完成：新评分 7 通" in shown
