"""Progress: the bar on a terminal, quiet JSON lines otherwise, and how far into a big file the reader is (by bytes read)."""

import io
import json
import time

from rich.console import Console

from phrasecheck.batch import runner
from phrasecheck.batch.discover import InputFile
from phrasecheck.batch.progress import Position, QuietProgress, TerminalProgress
from phrasecheck.batch.runner import Runner, Setup, Totals
from phrasecheck.batch.store import Store
from phrasecheck.transcripts import ReadOptions, iter_exchanges


def test_position_counts_finished_files_and_the_bytes_read_of_the_current_one(tmp_path):
    big = tmp_path / "big.csv"
    big.write_text("通话ID,角色,内容\n" + "".join(f"c{n // 6},{'坐席' if n % 2 else '市民'},您好，请问有什么可以帮您？\n"
                                               for n in range(60_000)), encoding="utf-8")
    size = big.stat().st_size
    position = Position(total=10 + size)
    position.reading(InputFile("small.txt", "/small.txt", 10))
    position.file_done()
    position.reading(InputFile(str(big), str(big), size))
    seen = []
    for number, _ in enumerate(iter_exchanges(big, on_open=position.opened)):
        if number % 1000 == 0:
            seen.append(position.done)
    assert len(seen) == 10 and seen == sorted(seen) and len(set(seen)) == len(seen)  # it moves all along
    assert 10 <= seen[0] < 10 + size // 5 and seen[-1] > 10 + size * 4 // 5
    position.file_done()
    assert position.done == 10 + size


def test_the_bar_moves_while_one_big_csv_is_scored(tmp_path, monkeypatch):
    """One file too big for a worker to read whole (made smaller here, for speed), read by the main process:
    progress lines report the bytes read before it is done."""
    monkeypatch.setattr(runner, "WORKER_READS_UP_TO", 64 * 1024)
    big = tmp_path / "calls.csv"
    rows = "".join(f"c{n // 6},{'坐席' if n % 2 else '市民'},您好，这里是社区服务中心，请问有什么可以帮您？我帮您查一下。\n"
                   for n in range(6_000))
    big.write_text("通话ID,角色,内容\n" + rows, encoding="utf-8")
    assert big.stat().st_size > runner.WORKER_READS_UP_TO
    stream = io.StringIO()
    quiet = QuietProgress(big.stat().st_size, stream, interval=0)
    with Store(tmp_path / "r.db") as store:
        setup = Setup()
        scorer = setup.scorer()
        run_id = store.start_run([str(big)], setup.scoring(scorer), 1)
        with Runner(scorer, setup, ReadOptions(), store, run_id, 1) as run:
            run.run([InputFile(str(big), str(big), big.stat().st_size)], quiet)
    read = [line["bytes_read"] for line in map(json.loads, stream.getvalue().splitlines()) if line["event"] == "progress"]
    partial = [value for value in read if 0 < value < big.stat().st_size]
    assert len(partial) >= 3 and partial == sorted(partial)


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


def test_a_resumed_run_skipping_stored_calls_shows_the_calls_it_passes_per_second():
    """A supervisor's trial: the bar read 0.0 通/秒 while a resumed run passed 13,150 stored calls."""
    console = Console(file=io.StringIO(), force_terminal=True, width=120)
    with TerminalProgress(100, "zh", console) as bar:
        bar.reading(InputFile("a.txt", "/a.txt", 100))
        bar.update(Totals(skipped=500, started=time.perf_counter() - 10))
    assert "500 通 · 50.0 通/秒" in console.file.getvalue()
