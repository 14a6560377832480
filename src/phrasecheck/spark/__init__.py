"""Score call archives on Apache Spark (``pip install "phrasecheck[spark]"``).

>>> from phrasecheck.spark import score_calls
>>> results = score_calls(spark.read.parquet("asr/2024/"), source="asr/2024")
>>> results.calls        # one row per call: the results store's call fields, version in every row
>>> results.findings     # one row per prohibited expression, wording to avoid or missing element
>>> results.problems     # what could not be read or scored, by call
>>> results.write("results/2024")   # Parquet: calls/, findings/, problems/ (``phrasecheck report --db`` reads it)

The table is one row per utterance or one row per call (see :mod:`.layout`). Every executor
process builds one :class:`~phrasecheck.api.Engine` from the rules shipped with the job (:mod:`.rules`)
and scores Arrow batches of calls with the local batch's own code (:mod:`.rows`), so the scores, grades and
findings are the ones ``phrasecheck batch`` gives on one machine.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.pandas.types import from_arrow_schema

from ..config import Config
from ..transcripts import ReadOptions
from .layout import Layout, LayoutError, calls_frame, find_layout
from .rows import CALL_FIELDS, SCORED, Job, score_batches
from .rules import RuleBundle, engine

__all__ = ["Counts", "Layout", "LayoutError", "Results", "RuleBundle", "score_calls"]

#: The folders of a results directory, one Parquet dataset each.
PARTS = ("calls", "findings", "problems")
#: Where :meth:`Results.write` keeps the scored calls while it writes the parts (Spark's readers skip ``_`` names).
SCORED_PART = "_scored"


@dataclass(frozen=True)
class Counts:
    """What a job wrote: calls (not applicable ones among them), errors and warnings."""

    calls: int
    errors: int
    warnings: int


@dataclass
class Results:
    """The scored calls of one job. ``scored`` is computed again by each use unless cached: :meth:`write` caches it."""

    scored: DataFrame

    @property
    def calls(self) -> DataFrame:
        """Scored calls (an exchange without staff speech is kept, with grade 不适用 and no score)."""
        return self.scored.where(F.col("grade").isNotNull()).select(*(name for name, _ in CALL_FIELDS))

    @property
    def findings(self) -> DataFrame:
        """Violations, one row each, as the results store's ``findings`` rows, with their call's source, ordinal, id and version."""
        return self.scored.select("source", "ordinal", "exchange_id", "version", F.inline("findings"))

    @property
    def problems(self) -> DataFrame:
        """Errors and warnings (source, line, message, level); calls with errors have no row in :attr:`calls`."""
        return self.scored.select(F.inline("problems"))

    def write(self, folder: str) -> Counts:
        """``folder``/calls, findings and problems as Parquet, replacing an earlier run's. The calls are
        scored once, into ``folder``/_scored (Parquet, removed at the end), and the three parts are read
        from there: a cache in executor memory ran out of heap at 200,000 calls on ``local[2]``."""
        base = folder.rstrip("/")
        self.scored.write.mode("overwrite").parquet(f"{base}/{SCORED_PART}")
        try:
            scored = Results(self.scored.sparkSession.read.parquet(f"{base}/{SCORED_PART}"))
            for name in PARTS:
                getattr(scored, name).write.mode("overwrite").parquet(f"{base}/{name}")
            levels = {row["level"]: row["count"] for row in scored.problems.groupBy("level").count().collect()}
            return Counts(scored.calls.count(), levels.get("error", 0), levels.get("warning", 0))
        finally:
            _remove(self.scored.sparkSession, f"{base}/{SCORED_PART}")


def _remove(spark: SparkSession, path: str) -> None:
    """Delete ``path`` and what is under it, on whatever file system holds it (local, HDFS, S3 …)."""
    hadoop = spark.sparkContext._jvm.org.apache.hadoop.fs.Path(path)
    hadoop.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()).delete(hadoop, True)


def score_calls(frame: DataFrame, rules: RuleBundle | None = None, options: ReadOptions | None = None,
                script: str | None = None, source: str = "spark", partitions: int | None = None) -> Results:
    """Score every call of ``frame``.

    ``rules``: the lexicons, scripts and settings (default: the built-in ones); ``options``: how to
    tell staff from residents, and ``columns`` naming the table's columns by role; ``script``: force
    a script; ``source``: the name the calls and problems are reported under; ``partitions``: spread
    the calls over this many tasks. Raises LayoutError when the table has no call id or no text,
    DataFileError for broken rule files, UnknownScript for an unknown ``script``.
    """
    rules = rules or RuleBundle.of(Config())
    options = options or ReadOptions()
    layout = find_layout(frame.schema, options.columns, source)
    built = engine(rules)  # on the driver: broken rules or an unknown script fail here, before the job starts
    if script:
        built.scorer.find_script(script)
    job = Job(rules, options, script, source, layout.per_turn, built.version, layout.names)
    calls = calls_frame(frame, layout)
    if partitions:
        calls = calls.repartition(partitions)
    return Results(calls.mapInArrow(partial(score_batches, job), from_arrow_schema(SCORED)))
