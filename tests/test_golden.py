"""Golden outputs: what check, score and batch write for the examples and a sample of the real corpora.

A change to any of them shows up here as a diff of a file under tests/golden/. When the change is
meant, rewrite them with ``PHRASECHECK_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py`` and
say in the commit why each difference is right.
"""

import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from phrasecheck.cli.app import app

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "golden"
CORPORA = ROOT.parent / "shared" / "corpora"
SAMPLE = 30  # dialogues from the start of each corpus scored
DRAFT_SAMPLE = 400  # dialogues whose staff turns are checked as drafts
#: The inputs' modification time (2026-06-01 12:00 UTC): the call date when a log has none.
MTIME = 1780315200
UPDATE = os.environ.get("PHRASECHECK_UPDATE_GOLDEN") == "1"
#: The goldens are made from the shared corpora, beside the checkout.
pytestmark = pytest.mark.skipif(not CORPORA.is_dir(), reason="shared/corpora not present")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    """The examples and the first dialogues of each corpus, with a fixed modification time."""
    folder = tmp_path_factory.mktemp("golden")
    for name in ("roleplay.txt", "draft.txt"):
        shutil.copy(ROOT / "examples" / name, folder / name)
    for corpus in ("stc3-weibo-helpdesk", "crosswoz"):
        lines = (CORPORA / corpus / "dialogues.jsonl").read_text(encoding="utf-8").splitlines()[:DRAFT_SAMPLE]
        (folder / f"{corpus}.jsonl").write_text("\n".join(lines[:SAMPLE]) + "\n", encoding="utf-8")
        (folder / f"{corpus}-staff.txt").write_text(_staff_lines(lines), encoding="utf-8")
    for path in folder.iterdir():
        os.utime(path, (MTIME, MTIME))
    return folder


def _staff_lines(lines: list[str]) -> str:
    """The agent's turns of neutral-JSONL dialogues, one per line: a draft of real staff text."""
    turns = [turn["text"] for line in lines for turn in json.loads(line)["turns"] if turn["role"] == "agent"]
    return "\n".join(turns) + "\n"


def run(folder: Path, *args: str) -> str:
    cwd = os.getcwd()
    os.chdir(folder)  # paths in the outputs are relative, the same on every machine
    try:
        result = CliRunner().invoke(app, list(args))
    finally:
        os.chdir(cwd)
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def compare(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from tests/golden/{name}"


def test_check_json(inputs):
    compare("check.json", run(inputs, "check", "--format", "json", "--courtesy", "draft.txt",
                              "stc3-weibo-helpdesk-staff.txt", "crosswoz-staff.txt"))


def test_score_json(inputs):
    compare("score.json", run(inputs, "score", "--format", "json", "roleplay.txt", "stc3-weibo-helpdesk.jsonl",
                              "crosswoz.jsonl"))


@pytest.fixture(scope="module")
def batch(inputs) -> Path:
    run(inputs, "batch", "roleplay.txt", "stc3-weibo-helpdesk.jsonl", "crosswoz.jsonl", "--db", "golden.db",
        "--workers", "1", "-o", "calls.csv", "-o", "calls.xlsx", "-o", "calls.jsonl")
    return inputs


def test_batch_csv_and_jsonl(batch):
    compare("batch.csv", (batch / "calls.csv").read_text(encoding="utf-8-sig"))
    compare("batch.jsonl", (batch / "calls.jsonl").read_text(encoding="utf-8"))


def test_batch_xlsx_contents(batch):
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.load_workbook(batch / "calls.xlsx")
    sheets = {sheet.title: [[_cell(cell.value) for cell in row] for row in sheet.iter_rows()] for sheet in workbook}
    compare("batch.xlsx.json", json.dumps(sheets, ensure_ascii=False, indent=1) + "\n")


def _cell(value):
    return value if value is None or isinstance(value, (str, int, float)) else str(value)
