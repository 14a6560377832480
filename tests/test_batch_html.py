"""The batch HTML page scales and reads at a glance: only failing calls' scorecards (collapsed, the
lowest scores first within a size budget), colours by grade with a legend, staff bars on an axis
fitted to the data, violations ranked by severity then count."""

import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from phrasecheck.batch import html_report
from phrasecheck.batch.html_report import axis, histogram_svg
from phrasecheck.batch.labels import FAILING, Labels
from phrasecheck.batch.reviews import Action, record
from phrasecheck.batch.store import Store
from phrasecheck.cli.app import app
from phrasecheck.scoring.grade import DEFAULT_BANDS, Bands
from test_batch_support import write_logs

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
#: A good visit but for one insult: 75 points, graded 不合格 by the veto.
VETOED = ("居民：你好，我想办居住证。\n工作人员：您好，请坐，请问有什么可以帮您？居住证在一楼三号窗口办理，请带好身份证。\n"
          "居民：上次说的材料我忘带了。\n工作人员：你是不是傻，说了几遍了。\n居民：好的，谢谢。\n工作人员：不客气，您慢走，再见。\n")
STAFF_BAR = re.compile(r'>([^<]+)</text>(?:</a>)?<rect x="160" y="[\d.]+" height="16" width="([\d.]+)" fill="(#\w+)"/>'
                       r'<text[^>]*>([\d.]+) · ')


def batch(folder: Path, page: Path, db: Path):
    result = CliRunner().invoke(app, ["batch", str(folder / "logs"), str(EXAMPLES / "roleplay.txt"), str(folder / "vetoed.txt"),
                                      "--db", str(db), "--workers", "1", "--html", str(page)])
    assert result.exit_code == 0, result.output
    return page.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("html")
    write_logs(folder / "logs", 40, 10)
    (folder / "vetoed.txt").write_text(VETOED, encoding="utf-8")
    page = batch(folder, folder / "b.html", folder / "r.db")
    return folder, page, sqlite3.connect(folder / "r.db")


def test_only_failing_calls_are_shown_each_collapsed(run):
    _, page, db = run
    failing = db.execute("SELECT count(*) FROM calls WHERE grade = '不合格'").fetchone()[0]
    assert 0 < failing < 42
    cards = re.findall(r'<details class="call"><summary>(.*?)</summary><div id="call-\d+"><section class="exchange"', page)
    assert len(cards) == page.count('<section class="exchange"') == failing
    assert all("不合格" in summary for summary in cards)
    vetoed = next(summary for summary in cards if "vetoed.txt" in summary)
    assert " · 75 <span class=\"badge\"" in vetoed  # graded 不合格 by the veto, at 75 points
    assert "全部 42 通的结果见 XLSX/CSV" in page and "phrasecheck serve" in page and "复核：" not in page


def test_histogram_bars_take_the_colour_of_the_grades_their_calls_got(run):
    _, page, db = run
    vetoed = re.search(r'<rect [^>]*fill="(#\w+)"><title>70–79 · 不合格: \d+</title>', page)
    assert vetoed and vetoed.group(1) == FAILING.colour
    figure = page[page.index("<figcaption>得分分布"):]
    legend = re.search(r'<ul class="legend">(.*?)</ul>', figure).group(1)
    given = {grade for (grade,) in db.execute("SELECT DISTINCT grade FROM calls WHERE score IS NOT NULL")}
    assert re.findall(r"</span>([^<]+)</li>", legend) == [g for g in ("优秀", "良好", "合格", "不合格") if g in given]
    assert len(given) >= 3


def test_a_band_that_fails_under_stricter_grades_is_drawn_failing():
    """With 合格 from 70, the calls in 60–69 are 不合格 and their bar is red, not green."""
    labels = Labels(Bands.from_mapping({"优秀": 90, "良好": 80, "合格": 70, "不合格": 0}).bands)
    bins = [{}] * 6 + [{"不合格": 3}, {"合格": 5}, {"良好": 2}, {"优秀": 1}]
    svg = histogram_svg(bins, "zh", labels)
    assert f'fill="{FAILING.colour}"><title>60–69 · 不合格: 3</title>' in svg
    assert re.search(r'fill="(#\w+)"><title>70–79 · 合格: 5', svg).group(1) != FAILING.colour


def test_staff_bars_are_scaled_to_the_data_and_coloured_by_the_grade_of_the_mean(run):
    _, page, _ = run
    figure = page[page.index("<figcaption>坐席平均分"):page.index("<figcaption>坐席平均分") + 6000]
    bars = [(name, float(width), colour, float(mean)) for name, width, colour, mean in STAFF_BAR.findall(figure)]
    assert len(bars) >= 7
    low, high = axis(mean for *_, mean in bars)
    ticks = [float(t) for t in re.findall(r'text-anchor="middle">([\d.]+)</text>', figure)]
    step = 5 if high - low <= 30 else 10   # a tick every five or ten points from the low end (so the last may fall short of high)
    assert ticks == [low + step * i for i in range(int((high - low) // step) + 1)] and 0 < low and high <= 100
    assert low <= min(m for *_, m in bars) and max(m for *_, m in bars) <= high
    for _, width, colour, mean in bars:
        assert width == pytest.approx(400 * (mean - low) / (high - low), abs=0.1)
        assert (colour == FAILING.colour) == (mean < 60)
    assert f"横轴从 {low:g} 分起" in figure


def test_axis_is_whole_fives_around_the_means_at_least_ten_wide():
    assert axis([62.3, 71.5, 88.0]) == (60.0, 90.0)
    assert axis([99.5]) == (90.0, 100.0) and axis([0.5]) == (0.0, 10.0) and axis([]) == (0.0, 100.0)


def test_violations_are_ranked_by_severity_then_count(run):
    _, page, _ = run
    table = page[page.index("<h2>高频违规"):page.index('<section class="calls">')]
    rows = re.findall(r'<tr><td class="num">(\d+)</td><td>([^<]+)<br><small>([^<]+)</small></td><td>([^<]+)</td>'
                      r'<td class="num">(\d+)</td>', table)
    ranked = {rule: (int(rank), severity, int(count)) for rank, _, rule, severity, count in rows}
    insult, you = ranked["prohibited.insult.stupid"], ranked["informal.address.ni"]
    assert insult[:2] == (1, "一票否决") and insult[2] < you[2]  # said once, above the far more frequent 你
    order = {"一票否决": 4, "严重": 3, "一般": 2, "轻微": 1}
    keys = [(-order[severity], -count) for _, severity, count in sorted(ranked.values())]
    assert keys == sorted(keys)


def test_the_page_holds_the_lowest_scores_within_its_budget(run, monkeypatch, tmp_path):
    folder, page, _ = run
    cards = sorted((float(score), len(card.encode())) for score, card in re.findall(
        r" · ([\d.]+) <span class=\"badge\".*?<div id=\"call-\d+\">(.*?)</div></details>", page, re.S))
    monkeypatch.setattr(html_report, "SCORECARD_BYTES", 3 * sorted(size for _, size in cards)[len(cards) // 2])
    small = batch(folder, tmp_path / "small.html", tmp_path / "r.db")
    shown = sorted(float(score) for score in re.findall(r' · ([\d.]+) <span class="badge"', small))
    assert 1 <= len(shown) < len(cards) and shown == [score for score, _ in cards[:len(shown)]]
    assert f"另有 {len(cards) - len(shown)} 通不合格通话（得分较高者）未列出" in small
    links = re.findall(r'href="#([^"]+)"', small)  # staff bars and examples link to the calls shown only
    assert links and all(f'id="{link}"' in small for link in links)


def test_a_reviewed_call_shows_its_reviewed_score_beside_the_machine_s(run, tmp_path):
    folder, _, db = run
    path, ordinal = db.execute("SELECT path, ordinal FROM calls WHERE path LIKE '%vetoed.txt'").fetchone()
    with Store(folder / "r.db") as store:
        record(store, path, ordinal, Action("override", "王组长", "录音显示是在复述居民的话", score=95, grade="优秀"),
               lambda script: DEFAULT_BANDS)
    page = batch(folder, tmp_path / "again.html", folder / "r.db")
    vetoed = next(summary for summary in re.findall(r'<details class="call"><summary>(.*?)</summary>', page)
                  if "vetoed.txt" in summary)
    assert " · 75 <span" in vetoed and "复核：95 <span" in vetoed and ">优秀</span>" in vetoed
    overview = page[page.index('<ul class="overview">'):].split("</ul>")[0]
    assert "<b>1</b>通已复核" in overview and "复核后平均分" in overview


def test_a_rerun_scores_again_only_the_failing_calls_its_page_shows(run, tmp_path, monkeypatch):
    from phrasecheck.scoring import Scorer

    folder, page, db = run
    failing = db.execute("SELECT count(*) FROM calls WHERE grade = '不合格'").fetchone()[0]
    shutil.copy(folder / "r.db", tmp_path / "r.db")
    scored, score = [], Scorer.score
    monkeypatch.setattr(Scorer, "score", lambda self, exchange, *more: scored.append(exchange.id) or score(self, exchange, *more))
    again = batch(folder, tmp_path / "rerun.html", tmp_path / "r.db")
    assert len([id for id in scored if id != "warm-up"]) == failing < 42  # all 42 are stored; the failing are shown
    cards = lambda html: re.findall(r'<div id="call-\d+">(.*?)</div></details>', html, re.S)  # noqa: E731
    assert cards(again) == cards(page)


def test_scorecards_of_equal_score_are_chosen_by_file_and_position_not_by_which_worker_finished_first():
    from phrasecheck.batch.store import CallRecord

    def record(path):
        card = {"id": "c", "source": path, "score": 40.0, "grade": "不合格", "findings": []}
        return CallRecord.of(path, 0, "h", card)

    for arrival in (["/b.txt", "/a.txt"], ["/a.txt", "/b.txt"]):
        spool = html_report.Spool()
        for path in arrival:
            spool.add(record(path), "x" * 100)
        assert spool.fit(150) == 1 and [row[2] for row in spool.rows()] == ["/a.txt"], arrival
        spool.close()


def test_an_empty_file_is_listed_among_the_input_problems_as_in_the_sheets(tmp_path):
    """A water company's trial: an empty file was in the workbook's 输入问题 sheet but nowhere on the page."""
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "vetoed.txt").write_text(VETOED, encoding="utf-8")
    page = batch(tmp_path, tmp_path / "b.html", tmp_path / "r.db")
    [section] = re.findall(r'<section class="problems">.*?</section>', page, re.S)
    assert "<h2>输入问题</h2>" in section and 'class="warning">' in section and "empty.txt" in section and "文件为空" in section
