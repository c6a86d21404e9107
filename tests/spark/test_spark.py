"""emaillint.spark against a real local Spark session (local[2]) on a few thousand rows.

pyspark, pandas and pyarrow come with the test extras; a missing one fails this
module loudly (an import error), it is never skipped.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pyarrow  # noqa: F401 - mapInPandas needs it: fail here, by name, when it is missing
import pyspark  # noqa: F401
import pytest
from pyspark.sql import SparkSession

from emaillint.api import lint_text
from emaillint.run.config import Config
from emaillint.spark import VERDICTS, lint_dataframe, verdict_field
from emaillint.base.vocabulary import CATEGORIES

ROOT = Path(__file__).resolve().parents[2]
ROWS = 3000


@pytest.fixture(scope="module")
def spark():
    os.environ["PYSPARK_PYTHON"] = sys.executable  # executors run this interpreter, with emaillint importable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (SparkSession.builder.master("local[2]").appName("emaillint-test")
               .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
               .config("spark.driver.memory", "1g").getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def _drafts() -> list[str]:
    """Real drafts from the regression corpora, varied by name so no two rows are alike."""
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(ROOT.glob("tests/corpus*/emails/*.txt"))]
    assert len(texts) > 100
    return [texts[i % len(texts)].replace("Hi ", f"Hi {i % 97}", 1) if i >= len(texts) else texts[i]
            for i in range(ROWS)]


def test_dataframe_judged_like_the_api_on_thousands_of_rows(spark):
    drafts = _drafts()
    df = spark.createDataFrame([(i, t) for i, t in enumerate(drafts)], "id long, text string").repartition(4)
    judged = lint_dataframe(df).orderBy("id").collect()
    assert len(judged) == ROWS
    for row in judged:
        expected = lint_text(drafts[row.id], config=Config())
        failed = {p.category for p in expected.problems}
        assert (row.score, row.kind, row.lint_error) == (expected.score, expected.kind, None), row.id
        verdicts = row.verdicts.asDict()
        for category in CATEGORIES:
            if category in ("grammar", "spelling", "internal"):
                continue
            want = None if category not in expected.subscores else category not in failed
            assert verdicts[verdict_field(category)] == want, (row.id, category)
    assert {r.kind for r in judged} >= {"cold", "follow-up", "reply"}
    assert any(r.verdicts.follow_up_cliche is False for r in judged) and any(r.score == 100 for r in judged)


def test_subject_kind_columns_nulls_and_bad_rows(spark):
    rows = [(1, "Hi Sam,\n\nJust checking in!\n\nJo", "QUICK QUESTION!!!", None, "keep"),
            (2, None, None, None, "keep"),
            (3, "Hi Sam,\n\nHow do you plan shifts?\n\nJo", None, "spam", "keep"),
            (4, "Hi Sam,\n\nHow do you plan shifts today? Could we talk Tuesday at 10am?\n\nJo", None, "reply", "keep")]
    df = spark.createDataFrame(rows, "id long, body string, subj string, kind string, other string")
    out = {r.id: r for r in lint_dataframe(df, "body", subject_col="subj", kind_col="kind").collect()}
    assert lint_dataframe(df, "body").columns == ["id", "body", "subj", "other", "score", "kind", "verdicts",
                                                  "lint_error"]  # an input "kind" column is replaced
    assert out[1].score == lint_text("Subject: QUICK QUESTION!!!\n\nHi Sam,\n\nJust checking in!\n\nJo",
                                     config=Config()).score
    assert out[1].verdicts.hype is False and out[1].verdicts.grammar is None and out[1].other == "keep"
    assert out[2].score is None and out[2].lint_error == "no text"
    assert out[3].score is None and "is not one of" in out[3].lint_error
    assert out[4].kind == "reply" and out[4].lint_error is None
    assert lint_dataframe(df, "body").schema["verdicts"].dataType == VERDICTS


def test_unknown_column_is_a_clear_error(spark):
    df = spark.createDataFrame([(1, "x")], "id long, text string")
    with pytest.raises(ValueError, match="no column 'body'"):
        lint_dataframe(df, "body")


def test_emaillint_imports_pyspark_only_in_emaillint_spark():
    offenders = [p.name for p in (ROOT / "emaillint").rglob("*.py")
                 if p.name != "spark.py" and "pyspark" in p.read_text(encoding="utf-8")]
    assert offenders == []
