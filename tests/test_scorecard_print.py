"""The scorecard HTML prints on one A4 page for a call of up to 15 turns: printed to PDF by headless
Chromium, its pages counted. Skipped without Chromium (``apt-get install chromium``, or set
``PHRASECHECK_CHROMIUM``)."""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from phrasecheck.cli.app import app

ROOT = Path(__file__).resolve().parents[1]
CROSSWOZ = ROOT.parent / "shared" / "corpora" / "crosswoz" / "dialogues.jsonl"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM = os.environ.get("PHRASECHECK_CHROMIUM") or next(filter(None, map(shutil.which, BROWSERS)), None)

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium to print with (apt-get install chromium)")


def printed_pages(transcript: Path, tmp_path: Path) -> int:
    """Pages of the scorecard of ``transcript`` printed to an A4 PDF."""
    page, pdf = tmp_path / "card.html", tmp_path / "card.pdf"
    result = CliRunner().invoke(app, ["score", str(transcript), "--html", str(page)])
    assert page.exists(), result.output
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", page.as_uri()], capture_output=True, timeout=180, check=True)
    counts = re.findall(rb"/Type /Pages\b[^>]*?/Count (\d+)", pdf.read_bytes(), re.S)
    assert counts, "no page tree in the PDF"
    return max(map(int, counts))


def test_the_roleplay_prints_on_one_page(tmp_path):
    """11 turns with 9 findings: three pages before (the title alone on the first, the table alone on the last)."""
    assert printed_pages(ROOT / "examples" / "roleplay.txt", tmp_path) == 1


def test_fifteen_turns_with_many_findings_print_on_one_page(tmp_path):
    window = (ROOT / "tests" / "fixtures" / "transcripts" / "window_roleplay.txt").read_text(encoding="utf-8").splitlines()
    call = (ROOT / "examples" / "roleplay.txt").read_text(encoding="utf-8").splitlines() + window[7:11]
    assert len(call) == 15 and all("：" in line or ":" in line for line in call)
    (tmp_path / "call.txt").write_text("\n".join(call) + "\n", encoding="utf-8")
    assert printed_pages(tmp_path / "call.txt", tmp_path) == 1


@pytest.mark.skipif(not CROSSWOZ.is_file(), reason="shared/corpora not present")
def test_the_wordiest_fifteen_turns_of_crosswoz_print_on_one_page(tmp_path):
    with CROSSWOZ.open(encoding="utf-8") as stream:
        dialogues = [[turn for turn in json.loads(line)["turns"] if turn.get("text")] for line in stream]
    turns = max((dialogue[:15] for dialogue in dialogues if len(dialogue) >= 15),
                key=lambda turns: sum(len(turn["text"]) for turn in turns))
    call = {"id": "crosswoz", "turns": [{"role": "staff" if turn["role"] == "agent" else "resident", "text": turn["text"]}
                                        for turn in turns]}
    (tmp_path / "call.json").write_text(json.dumps(call, ensure_ascii=False), encoding="utf-8")
    assert printed_pages(tmp_path / "call.json", tmp_path) == 1


def test_a_veto_is_marked_on_its_own_line_however_few_points_are_left(tmp_path):
    """A trainer's trial: the header said 一票否决 but the insult's line said only that the item's points were used up, so a
    trainee could not tell which sentence failed them."""
    transcript = tmp_path / "veto.txt"
    transcript.write_text("工作人员：您好，请问您办理什么业务？\n居民：楼道堆杂物的事归谁管？\n工作人员：这事不归我管，你问别人去。\n"
                          "居民：那我该找谁啊？\n工作人员：跟我说有啥用，你这人怎么这么轴啊。\n居民：好吧。\n工作人员：您慢走，再见。\n",
                          encoding="utf-8")
    shown = CliRunner().invoke(app, ["score", str(transcript)]).output
    [insult] = [line for line in shown.splitlines() if "怎么这么轴" in line and "禁用语" in line]
    assert "一票否决：此句使本次服务评为不合格" in insult and "本项分数已扣完" not in insult
