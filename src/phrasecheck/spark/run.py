"""``phrasecheck batch --engine spark``: read a table of calls, score it on Spark, write Parquet results."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from pyspark.sql import DataFrame, SparkSession

from . import Counts, score_calls
from ..transcripts import ReadOptions
from .rules import RuleBundle

#: Input formats by file extension.
FORMATS = {".parquet": "parquet", ".jsonl": "json", ".json": "json", ".csv": "csv", ".tsv": "tsv"}


def session(master: str | None) -> SparkSession:
    """The Spark session: ``master`` if given, else spark-submit's, else ``local[*]``. Local executors
    run this interpreter (so they find this phrasecheck)."""
    if master is None or master.startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("phrasecheck").config("spark.ui.showConsoleProgress", "false")
    spark = (builder.master(master) if master else builder).getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def input_format(path: str) -> str:
    """``parquet``, ``json``, ``csv`` or ``tsv`` by the extension of ``path`` or, for a local folder, of
    the files in it; ``parquet`` when neither says (a Hive table's folder). ValueError for others."""
    suffix = Path(path.rstrip("/*")).suffix.lower()
    folder = Path(path)
    if not suffix and folder.is_dir():
        suffix = next((file.suffix.lower() for file in sorted(folder.rglob("*"))
                       if file.is_file() and not file.name.startswith(("_", ".")) and file.suffix), "")
    if suffix and suffix not in FORMATS and not suffix.startswith(".snappy"):
        raise ValueError(f"{path}: 不支持的输入格式 / unsupported input format {suffix} "
                         f"(可用 / use {', '.join(sorted(FORMATS))})")
    return FORMATS.get(suffix, "parquet")


def read_table(spark: SparkSession, path: str) -> DataFrame:
    """The table at ``path``: Parquet, JSON lines (one call per line), or CSV/TSV with a header (UTF-8)."""
    kind = input_format(path)
    if kind == "parquet":
        return spark.read.parquet(path)
    if kind == "json":
        return spark.read.json(path)
    return spark.read.csv(path, header=True, multiLine=True, sep="\t" if kind == "tsv" else ",")


def run(spark: SparkSession, source: str, out: str, rules: RuleBundle, options: ReadOptions,
        script: str | None = None) -> Counts:
    """Score the table at ``source`` and write the results folder ``out``."""
    return score_calls(read_table(spark, source), rules, options, script, source).write(out)
