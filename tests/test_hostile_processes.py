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
    """They used to wait on their queue for minutes, each holding the store open."""
    write_logs(tmp_path / "logs", 20_000, 500)
    assert kill_parent_and_watch_workers(["batch", str(tmp_path / "logs"), "--db", str(tmp_path / "r.db"),
                                          "--workers", "2"]) == []


def test_check_workers_die_when_check_is_killed(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("您好，这事不归我管，你问别人去。请稍等，我帮您查一下。\n" * 300_000, encoding="utf-8")
    assert kill_parent_and_watch_workers(["check", str(draft), "--workers", "2"]) == []
