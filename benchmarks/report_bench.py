"""Size and render time of the HTML reports (and the XLSX) for a month of calls, through the CLI.

Generates the call-log corpus of ``batch_bench.py`` (20,000 calls by default, from the shared
CrossWOZ and STC-3 Weibo helpdesk dialogues), then runs, as separate processes:

  1. ``phrasecheck batch … --html batch.html --out batch.xlsx`` (2 workers);
  2. ``phrasecheck report --by staff --html report.html --out report.xlsx`` on the same store;

and prints each output's size, the command's wall time, and how long headless Chromium takes
to load, lay out and paint each page (``--screenshot``: the first paint needs the whole page
laid out), less its time for an empty page (the browser's start-up), best of three rounds.
Target: the batch page under ~5 MB and rendered in seconds.

Run: ``python benchmarks/report_bench.py [--calls N]``. Needs Chromium (``apt-get install chromium``);
without it the render times are left out.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from batch_bench import CORPORA, ROOT, generate, load_dialogues  # noqa: E402

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def phrasecheck(*args: str) -> float:
    """Run the CLI from this checkout in its own process; its wall time in seconds."""
    code = f"import sys; sys.path.insert(0, {str(ROOT / 'src')!r}); from phrasecheck.cli.app import main; main()"
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"phrasecheck {' '.join(args)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return elapsed


def browser() -> str | None:
    """A Chromium to render with: $PHRASECHECK_CHROMIUM or one on the PATH."""
    return os.environ.get("PHRASECHECK_CHROMIUM") or next(filter(None, map(shutil.which, BROWSERS)), None)


def render_seconds(chrome: str, page: Path, shot: Path) -> float:
    """Seconds for headless Chromium to load ``page`` and paint its first screen (a screenshot)."""
    command = [chrome, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1280,2000",
               f"--screenshot={shot}", page.as_uri()]
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, timeout=900)
    return time.perf_counter() - started


def render_times(chrome: str, pages: list[Path], rounds: int) -> dict[Path, float]:
    """Each page's render time less an empty page's (both best of ``rounds``)."""
    blank = pages[0].parent / "blank.html"
    blank.write_text("<!DOCTYPE html><title>-</title>", encoding="utf-8")
    shot = pages[0].parent / "shot.png"
    best = {page: min(render_seconds(chrome, page, shot) for _ in range(rounds)) for page in [blank, *pages]}
    return {page: max(0.0, best[page] - best[blank]) for page in pages}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=20_000, help="calls in the corpus")
    parser.add_argument("--rounds", type=int, default=3, help="renders of each page; the fastest counts")
    args = parser.parse_args()
    dialogues = load_dialogues()
    print(f"{len(dialogues):,} dialogues from {CORPORA}")
    with tempfile.TemporaryDirectory(prefix="report-bench-") as temp:
        folder = Path(temp)
        corpus = generate(folder / "corpus", args.calls, dialogues)
        print(f"corpus: {corpus.calls:,} calls in {corpus.files:,} files")
        db, out = folder / "results.db", folder / "out"
        out.mkdir()
        batch = phrasecheck("batch", str(corpus.folder / "logs"), str(corpus.folder / "calls"), "--db", str(db),
                            "--workers", "2", "--html", str(out / "batch.html"), "--out", str(out / "batch.xlsx"))
        report = phrasecheck("report", "--db", str(db), "--by", "staff", "--html", str(out / "report.html"),
                             "--out", str(out / "report.xlsx"))
        chrome = browser()
        pages = [out / "batch.html", out / "report.html"]
        rendered = render_times(chrome, pages, args.rounds) if chrome else {}
        print(f"\n{'output':14}{'MB':>9}{'command s':>11}{'render s':>10}")
        for name, seconds in (("batch.html", batch), ("batch.xlsx", batch), ("report.html", report),
                              ("report.xlsx", report)):
            path = out / name
            render = f"{rendered[path]:.1f}" if path in rendered else "—"
            print(f"{name:14}{path.stat().st_size / 1e6:>9.2f}{seconds:>11.1f}{render:>10}")
        if not chrome:
            print("no Chromium found (apt-get install chromium, or set PHRASECHECK_CHROMIUM): render times left out")
        size = (out / "batch.html").stat().st_size / 1e6
        print(f"\nbatch page: {size:.2f} MB (target under ~5 MB: {'met' if size < 5.5 else 'NOT MET'})")


if __name__ == "__main__":
    main()
