"""Fixtures shared by test modules."""

import os

import pytest

# The commands' consoles take their width from the environment when first imported: pytest-xdist's workers are
# given COLUMNS=80 and LINES=24, a serial run nothing. Without them every run is alike and a test's own CliRunner
# width holds.
for _name in ("COLUMNS", "LINES"):
    os.environ.pop(_name, None)


@pytest.fixture(scope="session")
def spark():
    """One local Spark session (two cores) for every Spark test: starting one takes seconds."""
    pyspark = pytest.importorskip("pyspark.sql")
    session = (pyspark.SparkSession.builder.master("local[2]").appName("phrasecheck-tests")
               .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.shuffle.partitions", "2").getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
