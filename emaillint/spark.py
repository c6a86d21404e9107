"""emaillint on Apache Spark: judge a DataFrame of emails where it lives.

    pip install '.[spark]'      # in a clone of emaillint (there is no PyPI release)

    from emaillint.spark import lint_dataframe
    judged = lint_dataframe(df, text_col="body", subject_col="subject")
    judged.select("id", "score", "kind", "verdicts.follow_up_cliche").show()

``lint_dataframe`` returns ``df`` with four more columns (a column of the same
name is replaced, as ``withColumn`` would): ``score`` (int, 0–100), ``kind``
(cold, follow-up, reply, re-engagement), ``verdicts`` (a struct with one
boolean per category, ``true`` when the email passes it: ``self_centric``,
``no_problem_question``, ``follow_up_cliche``, ``no_next_step``, …) and
``lint_error`` (null, or why the row could not be judged: no text, over the
size limit, an unknown kind). It runs as ``mapInPandas``: rows travel in Arrow
batches to the Python workers, each worker process loads the rules once and
keeps them for every later batch and task (Spark reuses its Python workers),
and no row ever goes through the driver. emaillint must be installed on the
executors (in the cluster's image, or ``--py-files``/``spark.archives`` with a
packed environment).

This is the only module that imports pyspark; the rest of emaillint never does.
"""
from __future__ import annotations

from collections.abc import Iterator

from pyspark.sql import DataFrame
from pyspark.sql.types import BooleanType, IntegerType, StringType, StructField, StructType

from emaillint.run.config import Config
from emaillint.base.vocabulary import CATEGORIES

OUTPUT_COLUMNS = ("score", "kind", "verdicts", "lint_error")


def verdict_field(category: str) -> str:
    """The struct field of a category: 'follow-up-cliche' -> 'follow_up_cliche'."""
    return category.replace("-", "_")


VERDICTS = StructType([StructField(verdict_field(c), BooleanType(), True) for c in CATEGORIES])


def output_schema(schema: StructType) -> StructType:
    """The input's columns (less any named like an output column) followed by the four output columns."""
    kept = [f for f in schema.fields if f.name not in OUTPUT_COLUMNS]
    return StructType(kept + [StructField("score", IntegerType(), True), StructField("kind", StringType(), True),
                              StructField("verdicts", VERDICTS, True), StructField("lint_error", StringType(), True)])


def judge_row(text, subject=None, kind=None, config: Config | None = None) -> tuple:
    """(score, kind, verdicts dict, error) for one email; the same judgement as ``emaillint.lint_text``."""
    from emaillint.api import _internal_error, lint_source
    from emaillint.read.source import Source, detect_format
    from emaillint.run.stream import RecordError, _config_for, _email_text

    config = config if config is not None else Config()
    if text is None or text != text:  # null, or pandas' NaN for a missing value
        return None, None, None, "no text"
    record = {"text": text}
    if subject is not None and subject == subject:
        record["subject"] = subject
    if kind is not None and kind == kind:
        record["kind"] = kind
    try:
        draft, _ = _email_text(record)
        cfg = _config_for(record, config)
    except RecordError as exc:
        return None, None, None, str(exc)
    source = Source("-", draft, detect_format(None, draft))
    try:
        report = lint_source(source, cfg)
    except Exception as exc:  # noqa: BLE001 - one bad row must not fail the task
        report = _internal_error(source, exc)
    if report.error:
        return None, None, None, report.error.removeprefix("-: ")
    failed = {p.category for p in report.problems}
    judged = set(report.subscores) | failed
    if not cfg.grammar.enabled:  # LanguageTool did not run: no verdict on grammar and spelling
        judged -= {"grammar", "spelling"}
    verdicts = {verdict_field(c): (c not in failed) if c in judged else None for c in CATEGORIES}
    return report.score, report.kind, verdicts, None


def _judge_batches(text_col: str, subject_col: str | None, kind_col: str | None, config: Config):
    """The function mapInPandas runs on the executors, one call per partition."""

    def judge(batches: Iterator) -> Iterator:
        for pdf in batches:
            texts = pdf[text_col].tolist()
            subjects = pdf[subject_col].tolist() if subject_col else [None] * len(texts)
            kinds = pdf[kind_col].tolist() if kind_col else [None] * len(texts)
            rows = [judge_row(t, s, k, config) for t, s, k in zip(texts, subjects, kinds)]
            out = pdf.drop(columns=[c for c in OUTPUT_COLUMNS if c in pdf.columns])
            out["score"] = [r[0] for r in rows]
            out["score"] = out["score"].astype("Int32")
            out["kind"] = [r[1] for r in rows]
            out["verdicts"] = [r[2] for r in rows]
            out["lint_error"] = [r[3] for r in rows]
            yield out

    return judge


def lint_dataframe(df: DataFrame, text_col: str = "text", *, subject_col: str | None = None,
                   kind_col: str | None = None, config: Config | None = None) -> DataFrame:
    """``df`` with ``score``, ``kind``, ``verdicts`` and ``lint_error`` added, judged on the executors.

    ``text_col`` holds the draft (a ``Subject:`` first line is read as the subject);
    ``subject_col`` and ``kind_col`` are optional columns with the subject and a
    declared kind. ``config`` defaults to the shipped rules with no config file
    (executors have no project folder to discover one from); pass
    ``emaillint.run.config.load_file(path)`` to use a project's settings.
    """
    for name in (text_col, subject_col, kind_col):
        if name is not None and name not in df.columns:
            raise ValueError(f"no column {name!r} in the DataFrame (columns: {', '.join(df.columns)})")
    cfg = config if config is not None else Config()
    return df.mapInPandas(_judge_batches(text_col, subject_col, kind_col, cfg), output_schema(df.schema))
