"""``phrasecheck batch`` (score many call logs into the results store) and ``phrasecheck report`` (summaries from it)."""

from __future__ import annotations

import os
import re
import sqlite3
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.cells import cell_len
from rich.measure import Measurement
from rich.table import Table as RichTable

from ..batch.dates import bound
from ..batch.parquet import is_results, results_store
from ..batch.discover import InputFile, discover
from ..batch.labels import Labels
from ..batch.progress import QuietProgress, TerminalProgress, count_in_background, make_progress
from ..batch.runner import Runner, Setup, Totals
from ..batch.store import DEFAULT_DB, LOCK_SUFFIX, RunLock, Scope, Store, StoreError
from ..textio import os_reason
from ..batch.summary import overall_summary
from ..batch.tables import Table, report_table, staff_table
from ..batch.words import word
from ..batch.writers import output_format, write_batch_output, write_report_output
from ..models import Diagnostic
from ..scoring import Scorer, UnknownScript
from ..lexicon.load import LexiconError
from ..tomlfile import DataFileError
from ..transcripts import ReadOptions
from ..transcripts.roles import role_table
from .common import (
    EXIT_CLEAN, EXIT_FINDINGS, ConfigOption, ParaphraseOption, LangOption, LexiconOption, chosen_lang, err, fail, out, settings, visible,
)
from .show import (
    ColumnOption, InputFormatOption, ResidentLabelOption, StaffChannelOption, StaffFromOption, StaffLabelOption,
    StaffSpeakerOption, read_options,
)

if TYPE_CHECKING:
    from ..batch.html_report import Spool
    from ..config import Config

#: Exit status of a batch stopped by Ctrl-C (128 + SIGINT).
EXIT_INTERRUPTED = 130
#: Problems listed at the end of a run; the rest are in the store.
PROBLEMS_SHOWN = 20


class EngineName(str, Enum):
    local = "local"
    spark = "spark"


class By(str, Enum):
    staff = "staff"
    month = "month"
    rule = "rule"
    channel = "channel"


DbOption = Annotated[
    Path, typer.Option("--db", metavar="PATH", help="结果库（SQLite） / results store (SQLite)")
]
HtmlOption = Annotated[
    Path | None, typer.Option("--html", metavar="FILE", help="另存为一页 HTML 报告 / also write a one-page HTML report")
]


def batch(
    inputs: Annotated[list[str], typer.Argument(metavar="INPUT", help="转写文件、目录（递归）或通配符 / transcript files, directories (recursive) or globs")],
    out_files: Annotated[list[Path] | None, typer.Option("--out", "-o", metavar="FILE", help="逐通结果：.csv、.xlsx 或 .jsonl（可重复） / per-call results: .csv, .xlsx or .jsonl (repeatable)")] = None,
    html: HtmlOption = None,
    db: DbOption = Path(DEFAULT_DB),
    workers: Annotated[int | None, typer.Option("--workers", "-j", min=1, help="并行进程数（默认：全部核心） / worker processes (default: all cores)")] = None,
    script: Annotated[str | None, typer.Option("--script", help="指定话术（默认自动识别） / force a script (default: detect)")] = None,
    lexicon: LexiconOption = None,
    scripts: Annotated[list[Path] | None, typer.Option("--scripts", help="额外的话术文件或目录（可重复） / extra script file or directory (repeatable)")] = None,
    lang: LangOption = None,
    config: ConfigOption = None,
    paraphrase: ParaphraseOption = False,
    input_format: InputFormatOption = None,
    staff_label: StaffLabelOption = None,
    resident_label: ResidentLabelOption = None,
    staff_channel: StaffChannelOption = None,
    staff_speaker: StaffSpeakerOption = None,
    column: ColumnOption = None,
    staff_from: StaffFromOption = None,
    engine: Annotated[EngineName, typer.Option("--engine", help="local：本机多进程；spark：在 Spark 上评分，结果为 Parquet（需 phrasecheck[spark]） / local: worker processes here; spark: score on Spark into Parquet")] = EngineName.local,
    master: Annotated[str | None, typer.Option("--master", metavar="URL", help="Spark master，如 local[4]、yarn、spark://主机:7077、k8s://… / Spark master URL (default: spark-submit's, else local[*])")] = None,
    clear_staff: Annotated[bool, typer.Option("--clear-staff", help="重新评分时允许清除结果库中已有的工号（默认遇到即停止） / let a rescore clear staff ids stored before (by default it stops)")] = False,
) -> None:
    """批量评分：并行、可续跑，结果存入结果库 / Score many call logs: parallel, resumable, stored."""
    project = settings(config, paraphrase)
    language = chosen_lang(lang, project)
    options = read_options(input_format, staff_label, resident_label, staff_channel, staff_speaker, column,
                           staff_from, project)
    if engine is EngineName.spark:
        _spark_batch(inputs, out_files or [], html, master, project, options, lexicon, scripts, language, script)
    outputs = _checked_outputs(out_files or [], ("csv", "xlsx", "jsonl"))
    if html:
        _checked_outputs([html])
    setup = Setup(tuple(map(str, lexicon or ())), tuple(map(str, scripts or ())), language, script, html is not None,
                  project)
    scorer = _build_scorer(setup)
    labels = Labels.of_scorer(scorer)
    workers = workers or os.cpu_count() or 1
    excluded = [*_store_files(db), *outputs, *([html] if html else [])]
    with _failing_store(db), _lock(db), _open_store(db) as store:
        store.clear_staff = clear_staff
        files = discover(inputs, excluded)
        run_id = store.start_run(inputs, setup.scoring(scorer), workers)
        spool = _spool() if html else None
        totals, written = Totals(), []
        try:
            with Runner(scorer, setup, options, store, run_id, workers, spool.add if spool else None, freeze_gc=True) as runner, \
                    make_progress(language) as progress:
                # Walked twice, the second time for the total size only: a list of 100,000s of files would not keep memory flat.
                count_in_background(progress, (f.size for f in discover(inputs, excluded) if isinstance(f, InputFile)))
                totals = _run(runner, files, progress)
            _refresh_reviews(store, run_id, scorer, language)
            _write_batch_outputs(store, run_id, outputs, html, spool, language, labels, written)
        except KeyboardInterrupt:  # after the calls were stored: the store is complete, no output half-written
            interrupted = True
        else:
            interrupted = False
        if interrupted:  # out of the handler: the interrupted frames and their queries are let go while the store is open
            _interrupted_writing(store, run_id, totals, written, progress)
        _finish(store, run_id, totals, written, progress, language, labels)


def report(
    by: Annotated[By, typer.Option("--by", help="汇总方式 / group by")] = By.staff,
    db: DbOption = Path(DEFAULT_DB),
    since: Annotated[str | None, typer.Option("--since", metavar="DATE", help="起始日期（含），如 2024-03-01 或 2024-03 / first date (inclusive)")] = None,
    until: Annotated[str | None, typer.Option("--until", metavar="DATE", help="截止日期（含） / last date (inclusive)")] = None,
    out_files: Annotated[list[Path] | None, typer.Option("--out", "-o", metavar="FILE", help="另存为 .csv 或 .xlsx（可重复） / also write .csv or .xlsx (repeatable)")] = None,
    html: HtmlOption = None,
    lang: LangOption = None,
    config: ConfigOption = None,
    lexicon: Annotated[list[Path] | None, typer.Option("--lexicon", "-l", help="批量评分时另加的词库，用于显示其规则名称（可重复） / extra lexicons the batch used, to name their rules (repeatable)")] = None,
    scripts: Annotated[list[Path] | None, typer.Option("--scripts", help="批量评分时另加的话术（可重复） / extra scripts the batch used (repeatable)")] = None,
) -> None:
    """按坐席、月份、规则或渠道汇总结果库 / Summaries and trends from the results store."""
    project = settings(config)
    language = chosen_lang(lang, project)
    scope = Scope(since=_bound(since, "--since", False), until=_bound(until, "--until", True))
    if scope.since and scope.until and scope.since > scope.until:
        raise typer.BadParameter(f"起始日期晚于截止日期 / the first date is after the last: {scope.since} > {scope.until}",
                                 param_hint="--since/--until")
    outputs = _checked_outputs(out_files or [], ("csv", "xlsx"))
    if html:
        _checked_outputs([html])
    with _failing_store(db), _report_store(db) as store:
        labels = _labels(project, lexicon or [], scripts or [])
        table = report_table(store, by.value, scope, language, labels)
        if overall_summary(store, scope).calls:
            _print_table(table, language)
        else:
            err.print(word("no_calls", language))
        for path in outputs:
            _write(path, lambda p: write_report_output(p, table, store, scope, language, labels))
        if html:
            from ..batch.html_report import write_report_page

            _write(html, lambda p: write_report_page(p, store, scope, by.value, table, language, labels))


@contextmanager
def _report_store(db: Path) -> Iterator[Store]:
    """The store to report on: ``db``, or the results folder of a Spark run read into a temporary one."""
    if db.is_dir() and is_results(db):
        with results_store(db) as (store, _):
            yield store
        return
    with Store(db, create=False) as store:
        yield store


def _spark_batch(inputs: list[str], outputs: list[Path], html: Path | None, master: str | None, project: Config,
                 options: ReadOptions, lexicons: list[Path] | None, scripts: list[Path] | None, lang: str,
                 script: str | None) -> None:
    """``batch --engine spark``: one input table, one results folder (Parquet), then the local batch's summary."""
    if len(inputs) != 1 or len(outputs) != 1 or html or outputs[0].suffix.lower() in (".csv", ".xlsx", ".jsonl", ".html"):
        raise typer.BadParameter("--engine spark 读一个输入（文件、文件夹或通配符），写一个结果文件夹（Parquet），不写 --html / "
                                 "with --engine spark give one INPUT (file, folder or glob) and one --out folder (Parquet), no --html",
                                 param_hint="--out")
    try:
        from ..spark.rules import RuleBundle, engine
        from ..spark.run import run, session
    except ImportError as error:
        fail([Diagnostic("pyspark", 0, f"未安装 Spark 支持，请 pip install \"phrasecheck[spark]\" / Spark support is not installed: {error}")])
    totals = Totals()
    try:
        rules = RuleBundle.of(project, lexicons or (), scripts or (), lang)
        counts = run(session(master), inputs[0], str(outputs[0]), rules, options, script)
    except DataFileError as error:
        fail(error.diagnostics)
    except UnknownScript as error:
        raise typer.BadParameter(error.message, param_hint="--script") from None
    except (OSError, ValueError) as error:  # a rule file, a table without call ids or text, an unknown input format
        fail([Diagnostic(inputs[0], 0, str(error))])
    except Exception as error:  # noqa: BLE001 - Spark's own (a missing path, a cluster that cannot be reached), said plainly
        fail([Diagnostic(inputs[0], 0, f"Spark 作业失败 / the Spark job failed: {type(error).__name__}: {str(error).splitlines()[0]}")])
    totals.scored, totals.errors, totals.warnings = counts.calls, counts.errors, counts.warnings
    progress = make_progress(lang)
    if not outputs[0].is_dir():  # on the cluster's storage: counts only
        progress.finish({"status": "done", "calls": totals.calls, "scored": totals.scored, "errors": totals.errors,
                         "warnings": totals.warnings, "elapsed_s": round(totals.elapsed, 2),
                         "calls_per_s": round(totals.rate, 1), "outputs": [str(outputs[0])]})
        raise typer.Exit(EXIT_FINDINGS if totals.errors else EXIT_CLEAN)
    with _failing_store(outputs[0]), results_store(outputs[0]) as (store, run_id):
        _finish(store, run_id, totals, [str(outputs[0])], progress, lang, Labels.of_scorer(engine(rules).scorer))


def register(app: typer.Typer) -> None:
    """Add the ``batch`` and ``report`` commands to ``app``."""
    app.command("batch")(batch)
    app.command("report")(report)


def _run(runner: Runner, files: Iterable[InputFile | Diagnostic], progress: TerminalProgress | QuietProgress) -> Totals:
    """Score the files; Ctrl-C records the run as interrupted, says how to resume and exits 130."""
    store, run_id = runner.store, runner.run_id
    try:
        totals = runner.run(files, progress)
    except KeyboardInterrupt:
        totals = runner.totals
        store.finish_run(run_id, "interrupted", totals.scored, totals.skipped, totals.errors)
        progress.finish(_summary("interrupted", store, run_id, totals, [], EXIT_INTERRUPTED))
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except StoreError:
        _record_failure(store, run_id, runner.totals)
        raise
    store.finish_run(run_id, "done", totals.scored, totals.skipped, totals.errors)
    return totals


def _record_failure(store: Store, run_id: int, totals: Totals) -> None:
    """Record the run as ``failed`` when the store refused a call (the staff-id guard) but still takes writes; a store
    that fails itself keeps the run as ``running``, as it keeps nothing else of it."""
    try:
        store.finish_run(run_id, "failed", totals.scored, totals.skipped, totals.errors)
    except StoreError:
        return


def _refresh_reviews(store: Store, run_id: int, scorer: Scorer, lang: str) -> None:
    """Reviewed calls scored again keep their reviews; say how many the machine now judges differently."""
    from ..batch.reviews import refresh, scripts_bands

    changed = refresh(store, run_id, scripts_bands(scorer.scripts, scorer.bands))
    if changed:
        err.print(f"[yellow]{escape(word('reviews_changed', lang, count=changed))}[/]")


def _spool() -> Spool:
    """Where rendered scorecards wait for the HTML report (its module is loaded only for --html)."""
    from ..batch.html_report import Spool

    return Spool()


def _write_batch_outputs(store: Store, run_id: int, outputs: list[Path], html: Path | None,
                         spool: Spool | None, lang: str, labels: Labels, written: list[str]) -> None:
    """Write every requested output from the store (so calls kept from an earlier run are included), adding each to
    ``written`` once it is complete."""
    for path in outputs:
        _write(path, lambda p: write_batch_output(p, store, Scope(run_id=run_id), lang, labels))
        written.append(str(path))
    if spool:
        from ..batch.html_report import write_batch_page

        _write(html, lambda p: write_batch_page(p, store, run_id, spool, lang, labels))
        spool.close()
        written.append(str(html))


def _interrupted_writing(store: Store, run_id: int, totals: Totals, written: list[str],
                         progress: TerminalProgress | QuietProgress) -> None:
    """Ctrl-C while the outputs were written: say which were, how to get the rest, and exit 130 with the summary."""
    done = "、".join(written) or "无"
    typer.echo(f"已中断：全部结果已存入结果库；已写出的输出：{done}，其余未写出（不会留下写了一半的文件）。再次运行同一命令即写出全部"
               f"输出，不会重新评分 / interrupted: every result is in the store; outputs written: {', '.join(written) or 'none'}, "
               "the others not (no file is left half written). Run the same command again: nothing is scored again and "
               "every output is written", err=True)
    progress.finish(_summary("interrupted", store, run_id, totals, written, EXIT_INTERRUPTED))
    raise typer.Exit(EXIT_INTERRUPTED)


def _finish(store: Store, run_id: int, totals: Totals, written: list[str],
            progress: TerminalProgress | QuietProgress, lang: str, labels: Labels) -> None:
    """Show the staff summary (on a terminal), the problems, and the run's summary; exit 0 or 1."""
    if isinstance(progress, TerminalProgress):
        for path in written:
            err.print(word("written", lang, path=escape(path)))
        staff = staff_table(store, Scope(run_id=run_id), lang, labels)
        if staff.rows:
            _print_table(staff, lang)
    _print_problems(store.problems(run_id), lang)
    counts = store.run_counts(run_id) | {"staff_cleared": store.staff_cleared}
    for key in ("not_applicable", "dated_by_file_time", "staff_cleared"):
        if counts[key]:
            err.print(f"[yellow]{escape(word(key, lang, count=counts[key]))}[/]")
    code = EXIT_FINDINGS if totals.errors else EXIT_CLEAN
    progress.finish(_summary("done", store, run_id, totals, written, code) | counts)
    raise typer.Exit(code)


def _summary(status: str, store: Store, run_id: int, totals: Totals, written: list[str], code: int) -> dict:
    """The run's summary: the JSON line printed last when not on a terminal."""
    return {"status": status, "run": run_id, "db": store.path, "calls": totals.calls, "scored": totals.scored,
            "skipped": totals.skipped, "errors": totals.errors, "warnings": totals.warnings,
            "elapsed_s": round(totals.elapsed, 2), "calls_per_s": round(totals.rate, 1), "outputs": written,
            "exit": code}


def _print_problems(problems: list[Diagnostic], lang: str) -> None:
    """The first problems met, each with its file and line: at most three of each file first, of those errors (red),
    then warnings about a whole file (文件为空), so that no number of other warnings (yellow: roles inferred …) hides
    one, then the rest."""
    if not problems:
        return
    errors = sum(problem.level == "error" for problem in problems)
    err.print(f"[bold]{escape(word('problems', lang, errors=str(errors), warnings=str(len(problems) - errors)))}[/]")
    for problem in sorted(problems, key=_shown_first(problems))[:PROBLEMS_SHOWN]:
        err.print(f"[{'red' if problem.level == 'error' else 'yellow'}]{escape(problem.said(lang))}[/]")
    if len(problems) > PROBLEMS_SHOWN:
        err.print(word("more_problems", lang, count=len(problems) - PROBLEMS_SHOWN))


def _shown_first(problems: list[Diagnostic]):
    """The order problems are shown in: each file's first three, errors, whole-file warnings, then the kinds of warning
    taken in turn — the first of each kind, then the second of each … (a call read by the default script is not hidden
    behind a warning every file has, such as roles inferred) — then the rest (one file misread line by line does not push
    every other file out of the list)."""
    seen: dict[str, int] = {}
    rank, turn = {}, {}
    kinds: Counter = Counter()
    for problem in problems:
        rank[id(problem)] = seen[problem.path] = seen.get(problem.path, 0) + 1
        kinds[_kind(problem)] += 1
        turn[id(problem)] = kinds[_kind(problem)]
    return lambda problem: (rank[id(problem)] > 3, problem.level != "error", problem.line != 0, turn[id(problem)])


def _kind(problem: Diagnostic) -> str:
    """What kind of problem it is: its message up to the first thing it quotes (文件未标明角色，按问候语和服务用语推断)."""
    return re.split(r"[“（(:：]", problem.message, maxsplit=1)[0]


def _print_table(table: Table, lang: str = "zh") -> None:
    """A table on standard output: drawn on a terminal, tab-separated lines otherwise. A terminal too narrow for it is
    shown the columns of counts and scores (each kept on one line), and told which columns of words were left out."""
    rows = [["" if value is None else f"{value:g}" if isinstance(value, float) else str(value) for value in row]
            for row in table.rows]
    if not out.is_terminal:
        for row in [table.headers, *rows]:
            typer.echo("\t".join(visible(cell).replace("\t", " ").replace("\n", " ") for cell in row))
        return
    widest = [max((cell_len(row[i]) for row in rows), default=0) for i in range(len(table.headers))]
    columns = list(range(len(table.headers)))
    shown = _drawn(table, rows, columns, widest)
    if Measurement.get(out, out.options.update(max_width=10**6), shown).maximum > out.width:
        wordy = [i for i in columns if widest[i] > WORDY_CELL]
        columns = [i for i in columns if i not in wordy]
        shown = _drawn(table, rows, columns, widest)
        if wordy:
            err.print(word("narrow_terminal", lang, columns="、".join(table.headers[i] for i in wordy)))
    out.print(shown)


#: A cell wider than this (terminal cells) holds words, not a count or a score.
WORDY_CELL = 12


def _drawn(table: Table, rows: list[list[str]], columns: list[int], widest: list[int]) -> RichTable:
    """``columns`` of the table, each as wide as its ``widest`` cell needs: a count or a score never broken across
    lines (72.1, not 72. / 1), words folded to a readable width; headers fold."""
    drawn = RichTable(title=table.name)
    for i in columns:
        wordy = widest[i] > WORDY_CELL
        drawn.add_column(table.headers[i], overflow="fold", min_width=None if wordy else widest[i],
                         max_width=2 * WORDY_CELL if wordy else None)
    for row in rows:
        drawn.add_row(*(row[i] for i in columns))
    return drawn


def _build_scorer(setup: Setup) -> Scorer:
    """Load rules and scripts once in the main process; a broken file or unknown --script is a usage error."""
    try:
        scorer = setup.scorer()
        role_table(ReadOptions())
    except DataFileError as error:
        fail(error.diagnostics)
    if setup.script:
        try:
            scorer.find_script(setup.script)
        except UnknownScript as error:
            raise typer.BadParameter(error.message, param_hint="--script") from None
    return scorer


def _labels(project: Config, lexicons: list[Path] = (), scripts: list[Path] = ()) -> Labels:
    """Grades, script titles and rule words of the configured rules and the extra ones; a broken rule file is a usage error."""
    try:
        return Labels.of_config(project, lexicons, scripts)
    except (DataFileError, LexiconError) as error:
        fail(error.diagnostics)


def _open_store(db: Path) -> Store:
    try:
        return Store(db)
    except StoreError as error:
        fail([Diagnostic(str(db), 0, str(error))])


@contextmanager
def _failing_store(db: Path) -> Iterator[None]:
    """A store that fails while in use (a full disk, a damaged file) stops the command with exit status 2."""
    try:
        yield
    except StoreError as error:
        fail([Diagnostic(str(db), 0, str(error))])
    except sqlite3.Error as error:  # the --html spool, a database in the temporary folder
        fail([Diagnostic(tempfile.gettempdir(), 0, f"临时文件读写失败 / a temporary file failed: {error}")])


def _lock(db: Path) -> RunLock:
    """The store kept for this run; another batch running on it is a usage error."""
    try:
        return RunLock(db)
    except StoreError as error:
        fail([Diagnostic(str(db), 0, str(error))])


def _store_files(db: Path) -> list[str]:
    return [str(db), *(f"{db}{suffix}" for suffix in ("-wal", "-shm", "-journal", LOCK_SUFFIX))]


def _checked_outputs(paths: list[Path], formats: tuple[str, ...] | None = None) -> list[Path]:
    """Outputs with a known extension (when ``formats``) in a folder that exists; else a usage error."""
    for path in paths:
        try:
            if formats:
                output_format(path, formats)
        except ValueError as error:
            raise typer.BadParameter(str(error), param_hint="--out") from None
        if not path.resolve().parent.is_dir():
            raise typer.BadParameter(f"目录不存在 / no such directory: {path.parent}", param_hint=str(path))
    return paths


def _bound(text: str | None, option: str, end: bool) -> str | None:
    if text is None:
        return None
    try:
        return bound(text, end)
    except ValueError:
        raise typer.BadParameter(f"应为日期或月份，如 2024-03-05 或 2024-03 / expected a date or month: {text}",
                                 param_hint=option) from None


def _write(path: Path, write) -> None:
    """Write one output; a file that cannot be written stops with exit 2 (the results stay in the store)."""
    try:
        write(path)
    except OSError as error:
        fail([Diagnostic(str(path), 0, f"无法写入 / cannot write: {os_reason(error)}")])
