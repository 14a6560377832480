"""The review console for the tests (no tests here): the example store, a server run as a real process."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

from test_batch_support import cli_command, run_cli

EXAMPLE_CALLS = Path(__file__).resolve().parents[1] / "examples" / "calls.jsonl"
#: A call whose every text is markup, to show that nothing from a transcript is obeyed by the browser.
HOSTILE = {"id": "<img src=x onerror=alert(1)>", "staff_id": "<b>A9</b>", "date": "2024-03-09",
           "turns": [{"speaker": "坐席<script>", "text": "<script>alert('x')</script>这事不归我管，你问别人去。"},
                     {"speaker": "来电人", "text": "\"><svg onload=alert(2)>"}]}


def build_store(folder: Path) -> Path:
    """A store of the example calls and the hostile one, scored by ``phrasecheck batch``."""
    folder.mkdir(parents=True, exist_ok=True)
    logs = folder / "logs"
    logs.mkdir()
    shutil.copy(EXAMPLE_CALLS, logs / "calls.jsonl")
    (logs / "hostile.jsonl").write_text(json.dumps(HOSTILE, ensure_ascii=False) + "\n", encoding="utf-8")
    db = folder / "console.db"
    result = run_cli("batch", str(logs), "--db", str(db), "--workers", "1")
    assert result.returncode == 0, result.stderr
    return db


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_console(db: Path, *options: str):
    """``phrasecheck serve`` as its own process on a free port of this machine; stopped on leaving."""
    port = free_port()
    process = subprocess.Popen(cli_command("serve", "--db", str(db), "--port", str(port), *options),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PHRASECHECK_CACHE": "off"})
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_listening(port, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_until_listening(port: int, process: subprocess.Popen, attempts: int = 600) -> None:
    for _ in range(attempts):
        if process.poll() is not None:
            raise RuntimeError(f"the console stopped: {process.stderr.read()}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError("the console did not start listening")


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def sign_in(client, name: str = "王组长", token: str | None = None):
    """Sign ``client`` (httpx or Starlette's test client) in; returns the page it lands on."""
    page = client.get("/login")
    form = {"csrf": csrf_of(page.text), "reviewer": name, "next": "/calls"}
    if token is not None:
        form["token"] = token
    return client.post("/login", data=form, follow_redirects=True)
