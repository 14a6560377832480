"""Fixtures shared by test modules."""

import pytest


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
