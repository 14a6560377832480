"""The results store: every scored call, every batch run and the problems met, in one SQLite file.

The file is in WAL mode and the batch commits after each chunk of results, so a killed batch
loses at most the calls that were being scored. A call is one conversation of one file, named
by the file's absolute path and its position in the file (``ordinal``). It is scored again only
when its content or the scoring (lexicon/script version, forced script) changed; the new row then
replaces the old one, so no call is ever counted twice. The language is not part of that: results
are kept by rule id, without words, and every output names them in the language asked (``batch
--lang en`` over calls scored in Chinese reuses them); calls stored before schema version 6 keep the
words they were scored with, shown only for a rule no longer loaded.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import sqlite3
import time
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path

from ..jsontext import compact
from ..models import Diagnostic, pickled_as_arguments
from ..textio import os_reason

#: Where results go when ``--db`` is not given: this file in the working directory.
DEFAULT_DB = "phrasecheck.db"
#: Bumped when the tables change; older stores are migrated when opened (see :data:`_MIGRATIONS`).
SCHEMA_VERSION = 7
#: From this version on, a store is read as it is (``report`` on last year's store migrates nothing, not
#: even a copy in memory): later versions only add indexes the queries work without (6: and store new
#: results without the words every output looks up by rule id anyway; 7: an index of calls by content).
READ_AS_IS_FROM = 3
#: Finding kinds kept as rows of ``findings`` (all findings stay in each call's ``card``); a finding another charge covers
#: (one fault, one charge: the same expression again in its sentence, a reply missed twice for one wait) is not a row, so
#: 禁用语次数, 缺失项 and the summaries count what the card charged (two supervisors' trials: one hold listed twice).
VIOLATIONS: tuple[str, ...] = ("prohibited", "informal", "missing")
#: A missed reply (``findings f``) that is not one listed at no cost beside a prohibited expression charged in the same
#: turn (the expression stands for the replies it left out): what the calls table's 缺失项 and the staff summary count.
UNCOVERED_MISS = ("NOT (coalesce(f.points, 1) = 0 AND EXISTS (SELECT 1 FROM findings p WHERE p.call_id = f.call_id "
                  "AND p.kind = 'prohibited' AND p.turn = f.turn))")
#: Each call's reviewed result (``r``), joined by file and position, so that reviews outlive re-scoring.
JOIN_REVIEWED = "LEFT JOIN reviewed r ON r.path = calls.path AND r.ordinal = calls.ordinal"
#: Writes after which the store commits even if the batch has not asked it to.
_MAX_PENDING = 500

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL,
    inputs TEXT NOT NULL,
    version TEXT NOT NULL,
    lang TEXT NOT NULL,
    script_choice TEXT NOT NULL,
    workers INTEGER NOT NULL,
    scored INTEGER NOT NULL DEFAULT 0,
    skipped INTEGER NOT NULL DEFAULT 0,
    errors INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS calls (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    source TEXT NOT NULL,
    exchange_id TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    staff_id TEXT,
    date TEXT,
    date_from TEXT,
    channel TEXT,
    script TEXT,
    score REAL,
    grade TEXT NOT NULL,
    prohibited INTEGER NOT NULL,
    card TEXT NOT NULL,
    version TEXT NOT NULL,
    lang TEXT NOT NULL,
    script_choice TEXT NOT NULL,
    scored_at TEXT NOT NULL,
    run_id INTEGER NOT NULL REFERENCES runs(id),
    UNIQUE (path, ordinal)
);
CREATE INDEX IF NOT EXISTS calls_run ON calls(run_id);
CREATE INDEX IF NOT EXISTS calls_staff ON calls(staff_id);
CREATE INDEX IF NOT EXISTS calls_date ON calls(date);
CREATE TABLE IF NOT EXISTS findings (
    call_id INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    rule TEXT NOT NULL,
    category TEXT,
    severity TEXT,
    turn INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT,
    message TEXT,
    points REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS findings_call ON findings(call_id);
CREATE INDEX IF NOT EXISTS findings_rule ON findings(kind, rule);
CREATE TABLE IF NOT EXISTS errors (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs(id),
    source TEXT NOT NULL,
    line INTEGER NOT NULL,
    message TEXT NOT NULL,
    level TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS errors_run ON errors(run_id);
"""

_REVIEW_SCHEMA = """
CREATE TABLE IF NOT EXISTS reviews (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    action TEXT NOT NULL,
    finding TEXT,
    rule TEXT,
    turn INTEGER,
    start INTEGER,
    "end" INTEGER,
    text TEXT,
    points REAL,
    score REAL,
    grade TEXT,
    reason TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    created_at TEXT NOT NULL,
    machine TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS reviews_call ON reviews(path, ordinal, id);
CREATE INDEX IF NOT EXISTS reviews_rule ON reviews(rule, action);
CREATE TABLE IF NOT EXISTS reviewed (
    path TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    score REAL,
    grade TEXT NOT NULL,
    reviews INTEGER NOT NULL,
    reviewer TEXT NOT NULL,
    reviewed_at TEXT NOT NULL,
    changed INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (path, ordinal)
);
CREATE INDEX IF NOT EXISTS calls_date_id ON calls(date, id);
CREATE INDEX IF NOT EXISTS calls_score ON calls(score, id);
CREATE INDEX IF NOT EXISTS calls_grade ON calls(grade, date, id);
CREATE INDEX IF NOT EXISTS findings_rule_call ON findings(rule, call_id);
"""
_CALL_COLUMNS = ("path", "ordinal", "source", "exchange_id", "content_hash", "staff_id", "date", "date_from", "channel",
                 "script", "score", "grade", "prohibited", "card", "version", "lang", "script_choice",
                 "scored_at", "run_id")
#: The columns of a finding row, as kept in :attr:`CallRecord.findings`.
FINDING_COLUMNS = ("kind", "rule", "category", "severity", "turn", "start", "end", "text", "message", "points")
#: Every table and column phrasecheck reads: a store without one of them is not (or not wholly) a phrasecheck store.
_TABLES = {
    "runs": ("id", "started_at", "finished_at", "status", "inputs", "version", "lang", "script_choice", "workers",
             "scored", "skipped", "errors"),
    "calls": ("id", *_CALL_COLUMNS),
    "findings": ("call_id", *FINDING_COLUMNS),
    "errors": ("id", "run_id", "source", "line", "message", "level"),
    "reviews": ("id", "path", "ordinal", "action", "finding", "rule", "turn", "start", "end", "text", "points", "score",
                "grade", "reason", "reviewer", "created_at", "machine"),
    "reviewed": ("path", "ordinal", "score", "grade", "reviews", "reviewer", "reviewed_at", "changed"),
}
#: Queries that fail unless a table has every column phrasecheck reads.
_PROBES = tuple('SELECT "' + '", "'.join(columns) + f'" FROM {table} LIMIT 0' for table, columns in _TABLES.items())

#: A finding of a score-v1 card as a row of ``findings``.
_finding_row = itemgetter(*FINDING_COLUMNS)
#: The card comes as UTF-8 bytes (see :class:`CallRecord`) and is stored as the text they spell.
_INSERT_CALL = (f"INSERT INTO calls ({', '.join(_CALL_COLUMNS)}) VALUES "
                f"({', '.join('CAST(? AS TEXT)' if name == 'card' else '?' for name in _CALL_COLUMNS)})")
_QUOTED_FINDING_COLUMNS = ", ".join(f'"{name}"' for name in FINDING_COLUMNS)
_INSERT_FINDING = f"INSERT INTO findings (call_id, {_QUOTED_FINDING_COLUMNS}) VALUES (?{', ?' * len(FINDING_COLUMNS)})"


#: Schema changes, from each older version to the next: (statements, what they do). Run with foreign
#: keys off, in one transaction (SQLite's way to change a column: copy the table).
#: Summaries: the middle scores of a staff member are found in this index, not by sorting their calls.
_SUMMARY_INDEXES = "CREATE INDEX IF NOT EXISTS calls_staff_score ON calls(staff_id, score);"
#: Summaries read only indexes: every column a summary groups, filters or counts by is in ``calls_summary``
#: (in the staff/score order the medians need), and a call's findings, with what the summaries count
#: of them, in ``findings_cover``; a call's row (its scorecard, kilobytes) is never read. They take
#: the place of the narrower indexes they begin with.
_COVERING_INDEXES = """
CREATE INDEX IF NOT EXISTS calls_summary ON calls(staff_id, score, grade, prohibited, date, channel, run_id);
CREATE INDEX IF NOT EXISTS findings_cover ON findings(call_id, kind, text, category);
DROP INDEX IF EXISTS calls_staff_score;
DROP INDEX IF EXISTS calls_staff;
DROP INDEX IF EXISTS findings_call;
"""
#: Results without words (see :mod:`phrasecheck.scoring.catalogue`): a finding's category and message,
#: a breakdown line's name and explanation and the grade's label are looked up by rule id in the language
#: an output is asked in, so rows and cards written from version 6 on keep none (their columns stay,
#: empty). Missed steps are counted by rule. Rows written before keep their words: they name a rule no
#: longer loaded (a site's own rules given to one batch), and nothing is lost by migrating.
_NEUTRAL_RESULTS = """
DROP INDEX IF EXISTS findings_cover;
CREATE INDEX IF NOT EXISTS findings_cover ON findings(call_id, kind, text, rule, category);
"""
#: A call already stored under another file (a log exported twice under two names) is found by its content.
_CONTENT_INDEX = "CREATE INDEX IF NOT EXISTS calls_content ON calls(content_hash);"

_MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE calls_v2 (
        id INTEGER PRIMARY KEY, path TEXT NOT NULL, ordinal INTEGER NOT NULL, source TEXT NOT NULL,
        exchange_id TEXT NOT NULL, content_hash TEXT NOT NULL, staff_id TEXT, date TEXT, date_from TEXT,
        channel TEXT, script TEXT, score REAL, grade TEXT NOT NULL, prohibited INTEGER NOT NULL, card TEXT NOT NULL,
        version TEXT NOT NULL, lang TEXT NOT NULL, script_choice TEXT NOT NULL, scored_at TEXT NOT NULL,
        run_id INTEGER NOT NULL REFERENCES runs(id), UNIQUE (path, ordinal));
    INSERT INTO calls_v2 SELECT id, path, ordinal, source, exchange_id, content_hash, staff_id, date, NULL, channel,
        script, score, grade, prohibited, card, version, lang, script_choice, scored_at, run_id FROM calls;
    DROP TABLE calls;
    ALTER TABLE calls_v2 RENAME TO calls;
    CREATE INDEX calls_run ON calls(run_id);
    CREATE INDEX calls_staff ON calls(staff_id);
    CREATE INDEX calls_date ON calls(date);
    """,  # score may be NULL (an exchange without staff speech is not applicable); date_from says where the date came from
    2: _REVIEW_SCHEMA,  # human review: the audit trail, each reviewed call's result, indexes for the console's lists
    3: _SUMMARY_INDEXES,  # each staff member's median score read from an index
    4: _COVERING_INDEXES,  # summaries from indexes alone
    5: _NEUTRAL_RESULTS,  # new results without words: outputs name findings and steps by rule id in the language asked
    6: _CONTENT_INDEX,  # the same call stored under another file is told
}


def _in_name(staff: str, path: str) -> bool:
    """Whether ``staff`` stands in the file name of ``path`` as a word of its own (A007 in A007_20240305.txt; not 101 in
    坐席通话_20240101.csv), widths folded as stored ids are (ａ００７)."""
    name = unicodedata.normalize("NFKC", os.path.basename(path))
    return re.search(rf"(?<![0-9A-Za-z]){re.escape(staff)}(?![0-9A-Za-z])", name, re.IGNORECASE) is not None


class StoreError(Exception):
    """The results store cannot be opened or is not a phrasecheck store."""


#: Added to the store's name: the file a batch run holds locked (see :class:`RunLock`).
LOCK_SUFFIX = "-lock"


class RunLock:
    """The store kept for one batch run. A run's outputs are the calls it read, and a second run on
    the same store would claim them meanwhile: it stops with StoreError instead. The lock is the
    operating system's (flock on ``<store>-lock``), so a killed run leaves none behind; a run that ends
    removes the file, still holding it (a run that opened the file just before finds it gone, and stops)."""

    def __init__(self, path: str | Path):
        self._handle: int | None = None
        self._lock = f"{path}{LOCK_SUFFIX}"
        try:
            import fcntl
        except ImportError:  # Windows: runs are not kept apart
            return
        try:
            self._handle = os.open(self._lock, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as error:
            raise StoreError(f"无法创建锁文件 / cannot create the lock file {self._lock}: {os_reason(error)}") from None
        try:
            fcntl.flock(self._handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if not self._still_there():
                raise OSError
        except OSError:
            os.close(self._handle)
            self._handle = None
            raise StoreError(f"结果库正被另一个 batch 使用，请等它结束 / the results store {path} is in use by another "
                             "batch run; wait for it to finish") from None

    def _still_there(self) -> bool:
        """Whether the lock file held is the one at its path (not one a finishing run has just removed)."""
        try:
            return os.stat(self._lock).st_ino == os.fstat(self._handle).st_ino
        except OSError:
            return False

    def release(self) -> None:
        if self._handle is not None:
            with contextlib.suppress(OSError):
                os.unlink(self._lock)
            os.close(self._handle)
            self._handle = None

    def __enter__(self) -> RunLock:
        return self

    def __exit__(self, *exc_info) -> None:
        self.release()


@dataclass(frozen=True, slots=True)
class Scoring:
    """What a stored score depends on besides the call itself (rules and scripts, forced script), and the
    language the run was asked for, recorded but not compared: results are stored without words, and
    outputs put them in the language asked."""

    version: str
    lang: str
    script_choice: str = "auto"


#: Turns from which a call stored under another file with the same content is taken for a copy whatever its id: a
#: short one (您好。/ 再见。) may be said the same in two calls.
COPIED_FROM_TURNS = 6


@pickled_as_arguments
@dataclass(slots=True)
class CallRecord:
    """One scored call as stored: where it is, its content hash, its main fields, its violations, its card.

    ``findings`` are the violation rows (values in :data:`FINDING_COLUMNS` order); ``card`` is the
    score-v1 exchange as compact JSON in UTF-8 (made in the worker, so the parent only stores it).
    """

    path: str
    ordinal: int
    content_hash: str
    date: str | None
    date_from: str | None
    source: str
    exchange_id: str
    staff_id: str | None
    channel: str | None
    script: str | None
    score: float | None
    grade: str
    findings: list[tuple]
    card: bytes

    @classmethod
    def of(cls, path: str, ordinal: int, content_hash: str, card: dict) -> CallRecord:
        """The record of ``card`` (a score-v1 exchange) for the call at ``ordinal`` in the file ``path``."""
        findings = [_finding_row(f) for f in card["findings"] if f["kind"] in VIOLATIONS and not f.get("covered_by")]
        return cls(path, ordinal, content_hash, card.get("date"), card.get("date_from"), card["source"], card["id"], card.get("staff_id"),
                   card.get("channel"), card.get("script"), card["score"], card["grade"], findings,
                   compact(card))

    @property
    def prohibited(self) -> int:
        """How many prohibited expressions were found."""
        return sum(1 for finding in self.findings if finding[0] == "prohibited")


@dataclass(frozen=True, slots=True)
class Scope:
    """Which calls a summary covers: those read by one run, and/or those dated in a range, and/or one staff member's."""

    run_id: int | None = None
    since: str | None = None
    until: str | None = None
    staff: str | None = None

    def where(self) -> tuple[str, list]:
        """An SQL condition on the ``calls`` table, and its parameters."""
        conditions, parameters = ["1"], []
        for sql, value in (("calls.run_id = ?", self.run_id), ("calls.date >= ?", self.since),
                           ("calls.date <= ?", self.until), ("calls.staff_id = ?", self.staff)):
            if value is not None:
                conditions.append(sql)
                parameters.append(value)
        return " AND ".join(conditions), parameters


class Store:
    """A phrasecheck results database. Writes are grouped into transactions that :meth:`commit` ends.

    Every database error (a full disk, a read-only or damaged file) is raised as :class:`StoreError`
    naming the store. ``create=False`` opens an existing store read-only, without writing anything
    beside it, so that a store in a read-only folder can be reported on.
    """

    def __init__(self, path: str | Path, create: bool = True):
        if not create and not Path(path).is_file():
            raise StoreError(f"结果库不存在 / no results store at {path}")
        self.path = str(path)
        self._pending = 0
        #: Calls stored again without the staff id they were stored with (a new export's empty column; or a rerun
        #: without --staff-from, which stops before the call is replaced unless ``clear_staff``: :meth:`_count_cleared`).
        self.staff_cleared = 0
        self.clear_staff = False
        self._clock = _Clock()
        try:
            self.db = sqlite3.connect(path, isolation_level=None) if create else _read_only(Path(path))
        except sqlite3.Error as error:
            raise StoreError(f"无法打开结果库 / cannot open results store {path}: {error}") from None
        try:
            self.db.row_factory = sqlite3.Row
            self._prepare(create)
        except sqlite3.Error as error:
            self.db.close()
            raise StoreError(f"无法打开结果库 / cannot open results store {path}: {error}") from None

    def _prepare(self, create: bool) -> None:
        self.db.execute("PRAGMA busy_timeout = 10000")
        if create:
            for pragma in ("journal_mode = WAL", "synchronous = NORMAL", "foreign_keys = ON"):
                self.db.execute(f"PRAGMA {pragma}")
        else:  # a report sorts its groups (a few per staff member and rule) in memory: a full disk fails only its output
            self.db.execute("PRAGMA temp_store = MEMORY")
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version == 0 and create:
            self.db.executescript(f"BEGIN; {_SCHEMA} {_REVIEW_SCHEMA} {_SUMMARY_INDEXES} {_COVERING_INDEXES} "
                                  f"{_NEUTRAL_RESULTS} {_CONTENT_INDEX} PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;")
        elif 0 < version < SCHEMA_VERSION and (create or version < READ_AS_IS_FROM):
            self._migrate(version, create)
        elif not 0 < version <= SCHEMA_VERSION:
            raise sqlite3.DatabaseError(f"not a phrasecheck store (schema version {version}, expected {SCHEMA_VERSION})")
        for probe in _PROBES:  # a store created elsewhere, or half made: every column must be there
            try:
                self.db.execute(probe)
            except sqlite3.OperationalError as error:
                raise sqlite3.DatabaseError(f"not a complete phrasecheck store ({error})") from None

    def _migrate(self, version: int, create: bool) -> None:
        """Bring an older store up to :data:`SCHEMA_VERSION`: in place when writing, else in a copy in
        memory (``report`` on last year's store changes nothing on disk)."""
        if not create:
            copy = sqlite3.connect(":memory:", isolation_level=None)
            self.db.backup(copy)
            self.db.close()
            self.db = copy
            self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA foreign_keys = OFF")  # else dropping the old calls table deletes their findings
        while version < SCHEMA_VERSION:
            self.db.executescript(f"BEGIN; {_MIGRATIONS[version]} PRAGMA user_version = {version + 1}; COMMIT;")
            version += 1
        self.db.execute(f"PRAGMA foreign_keys = {'ON' if create else 'OFF'}")

    def _failed(self, error: sqlite3.Error) -> StoreError:
        return StoreError(f"结果库读写失败 / the results store {self.path} failed: {error}")

    def close(self) -> None:
        try:
            self.commit()
        finally:
            self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    # --- runs -------------------------------------------------------------------------------

    def start_run(self, inputs: Sequence[str], scoring: Scoring, workers: int) -> int:
        """Record a new run and return its id."""
        cursor = self._write(
            "INSERT INTO runs (started_at, status, inputs, version, lang, script_choice, workers) VALUES (?, 'running', ?, ?, ?, ?, ?)",
            (_now(), json.dumps(list(inputs), ensure_ascii=False), scoring.version, scoring.lang,
             scoring.script_choice, workers))
        self.commit()
        return cursor.lastrowid

    def finish_run(self, run_id: int, status: str, scored: int, skipped: int, errors: int) -> None:
        """Record how a run ended: ``done``, ``interrupted`` or ``failed``, and its counts."""
        self._write("UPDATE runs SET finished_at = ?, status = ?, scored = ?, skipped = ?, errors = ? WHERE id = ?",
                    (_now(), status, scored, skipped, errors, run_id))
        self.commit()

    # --- calls ------------------------------------------------------------------------------

    def mark_read(self, path: str, ordinal: int, run_id: int) -> None:
        """Record that ``run_id`` read this stored call again (found it unchanged)."""
        self._write("UPDATE calls SET run_id = ? WHERE path = ? AND ordinal = ?", (run_id, path, ordinal))
        self._commit_if_many()

    def scored_before(self, scoring: Scoring, run_id: int) -> bool:
        """Whether a run before ``run_id`` scored with ``scoring`` (if none did, no call is stored with it)."""
        rows = self.query("SELECT 1 FROM runs WHERE version = ? AND script_choice = ? AND id < ? LIMIT 1",
                          (scoring.version, scoring.script_choice, run_id))
        return next(rows, None) is not None

    def relative_keys(self) -> dict[str, str]:
        """Calls stored under a relative file path (a store made portable, like the bundled example),
        by the real path that file has from the working directory."""
        # paths not starting with "/" (which all sort in ["/", "0")): two index ranges, empty on a usual store
        rows = self.query("SELECT path FROM calls WHERE path < '/' UNION SELECT path FROM calls WHERE path >= '0'")
        return {os.path.realpath(row["path"]): row["path"] for row in rows if not os.path.isabs(row["path"])}

    def adopt(self, old: str, new: str) -> None:
        """Key the calls, reviews and reviewed results stored under ``old`` by ``new`` (the real path a
        batch keys the same file by), unless calls are stored under ``new`` already."""
        if next(self.query("SELECT 1 FROM calls WHERE path = ? LIMIT 1", (new,)), None):
            return
        for table in ("calls", "reviews", "reviewed"):
            self._write(f"UPDATE {table} SET path = ? WHERE path = ?", (new, old))

    def stored_calls(self, path: str, scoring: Scoring) -> dict[int, tuple[str, str | None, str]]:
        """The content hash, script and grade of each call of ``path`` stored with ``scoring``, by ordinal:
        one query per file."""
        try:
            rows = self.db.execute("SELECT ordinal, content_hash, script, grade FROM calls WHERE path = ? AND version = ? "
                                   "AND script_choice = ?", (path, scoring.version, scoring.script_choice))
            return {ordinal: (content_hash, script, grade) for ordinal, content_hash, script, grade in rows}
        except sqlite3.Error as error:
            raise self._failed(error) from None

    def save(self, record: CallRecord, scoring: Scoring, run_id: int) -> None:
        """Store a scored call, replacing whatever was stored for the same path and ordinal."""
        values = (record.path, record.ordinal, record.source, record.exchange_id, record.content_hash, record.staff_id,
                  record.date, record.date_from, record.channel, record.script, record.score, record.grade, record.prohibited,
                  record.card, scoring.version, scoring.lang, scoring.script_choice, self._clock(), run_id)
        try:
            call_id = self._write(_INSERT_CALL, values).lastrowid
        except sqlite3.IntegrityError:  # stored before (another content or scoring): replace it
            self._count_cleared(record)
            self._write("DELETE FROM calls WHERE path = ? AND ordinal = ?", (record.path, record.ordinal))
            call_id = self._write(_INSERT_CALL, values).lastrowid
        if record.findings:
            try:
                self.db.executemany(_INSERT_FINDING, [(call_id, *finding) for finding in record.findings])
            except sqlite3.Error as error:
                raise self._failed(error) from None
        self._commit_if_many()

    def stored_elsewhere(self, record: CallRecord) -> str | None:
        """The file, other than the record's, where a call of the same content is stored under the same id (a log
        exported twice), or, for a call of :data:`COPIED_FROM_TURNS` turns or more, under any id (a call file copied
        under another name: its id is the name); not two short calls that happen to say the same."""
        rows = self.db.execute("SELECT source, exchange_id FROM calls WHERE content_hash = ? AND path != ? LIMIT 8",
                               (record.content_hash, record.path)).fetchall()
        same_id = next((source for source, exchange_id in rows if exchange_id == record.exchange_id), None)
        if same_id is not None or not rows:
            return same_id
        return rows[0][0] if len(json.loads(record.card).get("turns", ())) >= COPIED_FROM_TURNS else None

    def forget_after(self, path: str, calls: int) -> int:
        """Delete the calls stored for the file ``path`` at ordinals from ``calls`` on (whatever scoring stored them:
        the file holds only ``calls`` now); how many there were. Their reviews stay, as history."""
        return self._write("DELETE FROM calls WHERE path = ? AND ordinal >= ?", (path, calls)).rowcount

    def _count_cleared(self, record: CallRecord) -> None:
        """Count ``record`` when it replaces a call stored with a staff id and has none itself; when that id is in its
        file's name (as --staff-from took it) and not ``clear_staff``, refuse it (:class:`StoreError`), so that the call
        and those after it keep their staff (a supervisor's trial: a rerun without --staff-from moved 200 calls' history
        to no one). An id from a column that a new export leaves empty is the export's word (an independent review)."""
        if record.staff_id is None:
            old = self.db.execute("SELECT staff_id FROM calls WHERE path = ? AND ordinal = ?",
                                  (record.path, record.ordinal)).fetchone()
            if old and old[0] is not None and _in_name(old[0], record.path) and not self.clear_staff:
                raise StoreError(
                    f"结果库中 {record.source} 的通话“{record.exchange_id}”原有取自文件名的工号“{old[0]}”，本次重新评分读到的没有工号"
                    f"（是否漏了 --staff-from？）：为免清掉历史已停止，这一通及其后的通话未改动；确要清除工号，请加 --clear-staff / "
                    f"call “{record.exchange_id}” of {record.source} is stored with the staff id “{old[0]}” its file name gave "
                    "and read now without one (--staff-from left out?): stopped so as not to clear the history, and this "
                    "call and the rest are unchanged; to clear staff ids, add --clear-staff")
            self.staff_cleared += bool(old and old[0] is not None)

    def add_error(self, run_id: int, problem: Diagnostic) -> None:
        """Record a problem (an unreadable file, an unscorable call, a warning) met by ``run_id``."""
        self._write("INSERT INTO errors (run_id, source, line, message, level) VALUES (?, ?, ?, ?, ?)",
                    (run_id, problem.path, problem.line, problem.message, problem.level))
        self._commit_if_many()

    # --- reading ----------------------------------------------------------------------------

    def query(self, sql: str, parameters: Sequence = ()) -> Iterator[sqlite3.Row]:
        """Rows of a read-only query, fetched as they are used."""
        try:
            yield from self.db.execute(sql, parameters)
        except sqlite3.Error as error:
            raise self._failed(error) from None

    def reviewed(self, path: str, ordinal: int) -> tuple[float | None, str] | None:
        """The reviewed score and grade of a call, or None when no one reviewed it."""
        row = next(self.query("SELECT score, grade FROM reviewed WHERE path = ? AND ordinal = ?", (path, ordinal)), None)
        return (row["score"], row["grade"]) if row else None

    def calls(self, scope: Scope) -> Iterator[sqlite3.Row]:
        """The stored calls in ``scope``, by file and position."""
        where, parameters = scope.where()
        return self.query(f"SELECT * FROM calls WHERE {where} ORDER BY path, ordinal", parameters)

    def run_counts(self, run_id: int) -> dict[str, int]:
        """Of the calls ``run_id`` read: how many were not applicable (no staff speech, no score), and
        how many are dated by their file's modification time (neither the log nor the name said)."""
        row = self.db.execute("SELECT count(*) FILTER (WHERE score IS NULL), count(*) FILTER (WHERE date_from = "
                              "'file_time') FROM calls WHERE run_id = ?", (run_id,)).fetchone()
        return {"not_applicable": row[0], "dated_by_file_time": row[1]}

    def problems(self, run_id: int, level: str | None = None) -> list[Diagnostic]:
        """The problems ``run_id`` met, of one level or all, by file and line (the same whatever order the
        workers finished in)."""
        rows = self.query("SELECT source, line, message, level FROM errors WHERE run_id = ? AND level = coalesce(?, level) "
                          "ORDER BY source, line, id", (run_id, level))
        return [Diagnostic(row["source"], row["line"], row["message"], row["level"]) for row in rows]

    def input_problems(self, run_id: int) -> list[Diagnostic]:
        """What ``run_id`` met in its input, as the workbook's 输入问题 sheet and the batch page list it: each error (a file
        not scored, or lines of one that could not be read) and each warning about a whole file (文件为空), by file and line."""
        rows = self.query("SELECT source, line, message, level FROM errors WHERE run_id = ? AND (level = 'error' OR line = 0) "
                          "ORDER BY source, line, id", (run_id,))
        return [Diagnostic(row["source"], row["line"], row["message"], row["level"]) for row in rows]

    # --- transactions -----------------------------------------------------------------------

    def commit(self) -> None:
        """End the open transaction, if any: everything written so far survives a crash."""
        try:
            if self.db.in_transaction:
                self.db.execute("COMMIT")
        except sqlite3.Error as error:
            raise self._failed(error) from None
        self._pending = 0

    def rollback(self) -> None:
        """Undo what was written since the last commit (a call half-stored when the batch was interrupted)."""
        try:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
        except sqlite3.Error as error:
            raise self._failed(error) from None
        self._pending = 0

    def _write(self, sql: str, parameters: Sequence) -> sqlite3.Cursor:
        """Execute one write; an IntegrityError (a row stored before) is the caller's to handle."""
        try:
            if not self.db.in_transaction:
                self.db.execute("BEGIN")
            self._pending += 1
            return self.db.execute(sql, parameters)
        except sqlite3.IntegrityError:
            raise
        except sqlite3.Error as error:
            raise self._failed(error) from None

    def _commit_if_many(self) -> None:
        if self._pending >= _MAX_PENDING:
            self.commit()


def _read_only(path: Path) -> sqlite3.Connection:
    """The store opened for reading only. SQLite still creates its shared-memory file beside a WAL
    store; where it cannot (a read-only folder) and no write is pending in a WAL file, the store is
    read as an unchanging file, which writes nothing."""
    uri = path.absolute().as_uri()
    db = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None)
    try:
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return db
    except sqlite3.OperationalError:
        db.close()
        if Path(f"{path}-wal").exists():
            raise
    return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, isolation_level=None)


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


class _Clock:
    """The time as :func:`_now` gives it, read again at most once a second (it is stored with every call)."""

    def __init__(self):
        self._read_at, self._now = -1.0, ""

    def __call__(self) -> str:
        ticks = time.monotonic()
        if ticks - self._read_at >= 1:
            self._read_at, self._now = ticks, _now()
        return self._now
