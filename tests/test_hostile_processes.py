"""Processes and stores under attack: workers die with their parent, concurrent runs do not mix their results."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from test_batch_support import cli_command, write_logs

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc; workers die with their parent on Linux")


def children(pid):
    """The live (not zombie) child processes of ``pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[1] == str(pid) and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def alive(pid):
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def kill_parent_and_watch_workers(args, workers=2):
    """Start ``phrasecheck ARGS``, kill it (-9) once its workers run, and return the workers still alive after 10 s."""
    process = subprocess.Popen(cli_command(*args), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    found = []
    try:
        deadline = time.monotonic() + 60
        while len(found := children(process.pid)) < workers:
            assert process.poll() is None and time.monotonic() < deadline, "the workers never started"
            time.sleep(0.02)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        deadline = time.monotonic() + 10
        while [pid for pid in found if alive(pid)] and time.monotonic() < deadline:
            time.sleep(0.05)
        return [pid for pid in found if alive(pid)]
    finally:
        for pid in found + children(process.pid):
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        if process.poll() is None:
            process.kill()


def test_batch_workers_die_when_the_batch_is_killed(tmp_path):
    """They used to wait on their queue for minutes, each holding the store open. (``--workers 3``: the
    main process scores too, beside two worker processes.)"""
    write_logs(tmp_path / "logs", 20_000, 500)
    assert kill_parent_and_watch_workers(["batch", str(tmp_path / "logs"), "--db", str(tmp_path / "r.db"),
                                          "--workers", "3"]) == []


def test_check_workers_die_when_check_is_killed(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("您好，这事不归我管，你问别人去。请稍等，我帮您查一下。\n" * 300_000, encoding="utf-8")
    assert kill_parent_and_watch_workers(["check", str(draft), "--workers", "2"]) == []


def test_a_second_batch_on_a_store_in_use_stops_instead_of_taking_the_first_ones_calls(tmp_path):
    """Two runs on the same store once both exited 0, the first one's CSV holding 280 of 3,000 rows."""
    write_logs(tmp_path / "logs", 3000, 100)
    runs = [subprocess.Popen(cli_command("batch", str(tmp_path / "logs"), "--db", str(tmp_path / "r.db"),
                                         "--out", str(tmp_path / f"run{n}.csv"), "--workers", "1"),
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for n in (1, 2)]
    results = [(run.wait(timeout=300), run.stderr.read()) for run in runs]
    for number, (status, stderr) in enumerate(results, 1):
        if status == 0:
            with open(tmp_path / f"run{number}.csv", encoding="utf-8-sig") as stream:
                assert sum(1 for _ in stream) == 3001
        else:
            assert status == 2 and "in use by another batch run" in stderr
    assert 0 in [status for status, _ in results]


def test_a_store_held_by_a_running_batch_is_refused_with_a_clean_error(tmp_path):
    from phrasecheck.batch.store import RunLock
    from typer.testing import CliRunner

    from phrasecheck.cli.app import app

    write_logs(tmp_path / "logs", 10, 10)
    with RunLock(tmp_path / "r.db"):
        held = CliRunner().invoke(app, ["batch", str(tmp_path / "logs"), "--db", str(tmp_path / "r.db")])
    assert held.exit_code == 2 and "in use by another batch run" in held.output
    free = CliRunner().invoke(app, ["batch", str(tmp_path / "logs"), "--db", str(tmp_path / "r.db"), "--workers", "1"])
    assert free.exit_code == 0, free.output
    assert not (tmp_path / "r.db-lock").exists()   # a finished run takes its lock file away (an outside trial found it left)


def test_a_lock_file_removed_by_the_run_finishing_is_not_held_by_the_next(tmp_path):
    """A run that opened the lock file just before the holder removed it must not run beside the next one."""
    import os

    from phrasecheck.batch.store import RunLock, StoreError

    first = RunLock(tmp_path / "r.db")
    opened_early = os.open(tmp_path / "r.db-lock", os.O_RDWR)   # as a second run's open, before the holder ends
    first.release()
    with RunLock(tmp_path / "r.db") as third:                    # a new file at the path
        late = RunLock.__new__(RunLock)
        late._lock, late._handle = str(tmp_path / "r.db-lock"), opened_early
        assert not late._still_there()                           # the early opener holds a removed file: it stops
        with pytest.raises(StoreError):
            RunLock(tmp_path / "r.db")
        assert third._still_there()
    os.close(opened_early)
