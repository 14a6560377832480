"""Generated call logs for the batch tests (no tests here): JSONL logs of varied, realistic calls."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

SRC = str(Path(__file__).resolve().parents[1] / "src")

OPENINGS = ["您好，这里是幸福社区服务中心，请问有什么可以帮您？", "您好，请讲。", "喂，什么事？"]
ANSWERS = ["请稍等，我帮您查一下。好的，低保需要带身份证和户口本到社区办理。", "这事不归我管，你问别人去吧。",
           "不知道。你把电话留下吧。", "别啰嗦，快点讲！", "好的，已经为您登记了，三个工作日内有人上门维修。",
           "这个问题我们记下了，会尽快答复您。"]
CLOSINGS = ["感谢您的来电，再见！", "您慢走，再见。", "行了，挂了。"]
QUESTIONS = ["我想问一下低保怎么申请？", "我家楼道的灯坏了好几天了，能不能派人修一下？", "居住证在哪里办？",
             "你们怎么回事，一直没人管！", "谢谢你们，服务真好！"]
STAFF = [f"A{number:03d}" for number in range(1, 8)]


def make_call(number: int, rng: random.Random, turns: int = 3) -> dict:
    """One call with a staff id, a date in the first half of 2024 and alternating resident/staff turns."""
    lines = [{"speaker": "坐席", "role": "staff", "text": rng.choice(OPENINGS)}]
    for _ in range(turns):
        lines.append({"speaker": "市民", "role": "resident", "text": rng.choice(QUESTIONS)})
        lines.append({"speaker": "坐席", "role": "staff", "text": rng.choice(ANSWERS)})
    lines.append({"speaker": "坐席", "role": "staff", "text": rng.choice(CLOSINGS)})
    return {"id": f"call-{number:05d}", "staff_id": STAFF[number % len(STAFF)],
            "date": f"2024-{1 + number % 6:02d}-{1 + number % 28:02d} 09:30", "channel": "phone", "turns": lines}


def write_logs(folder: Path, calls: int, per_file: int, turns: int = 3, seed: int = 5) -> list[Path]:
    """``calls`` generated calls in JSONL logs of ``per_file`` calls each; returns the files."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for start in range(0, calls, per_file):
        path = folder / f"log-{start // per_file:04d}.jsonl"
        records = (make_call(number, rng, turns) for number in range(start, min(calls, start + per_file)))
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        files.append(path)
    return files


def cli_command(*args: str) -> list[str]:
    """The command line running ``phrasecheck ARGS`` from this checkout in a fresh interpreter."""
    code = f"import sys; sys.path.insert(0, {SRC!r}); from phrasecheck.cli.app import main; main()"
    return [sys.executable, "-c", code, *args]


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(cli_command(*args), cwd=cwd, capture_output=True, text=True, timeout=300)
