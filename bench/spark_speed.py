"""Rows per second per core: emaillint.spark on a local Spark session against the in-process API, side by side.

    python bench/spark_speed.py [--rows 4000] [--cores 2]

Same generated drafts (bench/corpus.py) for every path:
  - the in-process API (``lint_text`` in a loop, one core);
  - ``emaillint batch`` (JSON Lines through one process, and through --jobs CORES);
  - ``emaillint.spark.lint_dataframe`` on ``local[CORES]``, timed after a warm-up
    job (so the JVM start, the Python workers' start and the rule loading are
    left out, as they are on a long-running cluster), forced with the ``noop`` sink.
Rows per second per core are printed with their ratio to the in-process API, two ways:
per core of wall time (rows/s divided by the cores used; moves with the machine's load)
and per CPU-second actually spent (the stable figure on a shared machine: for Spark, the
CPU of the JVM and of its Python workers, read from /proc).
Needs pyspark, pandas and pyarrow (pip install '.[spark]') and Java 17.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import make_email  # noqa: E402


def _tree_cpu(root: int) -> float:
    """CPU seconds (user + system) of every live process below ``root`` plus their reaped children (Linux /proc)."""
    parents: dict[int, int] = {}
    stats: dict[int, list[str]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry)], stats[int(entry)] = int(fields[1]), fields
    below, frontier = set(), [root]
    while frontier:
        pid = frontier.pop()
        children = [p for p, parent in parents.items() if parent == pid]
        below.update(children)
        frontier += children
    ticks = os.sysconf("SC_CLK_TCK")
    return sum(sum(int(x) for x in stats[p][11:15]) for p in below) / ticks


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=4000)
    ap.add_argument("--cores", type=int, default=2)
    args = ap.parse_args()
    rng = random.Random(11)
    drafts = [make_email(rng) for _ in range(args.rows)]
    results: dict[str, tuple[float, int, float]] = {}  # wall seconds, cores used, CPU seconds

    from emaillint.api import lint_text
    from emaillint.run.config import Config

    lint_text(drafts[0], config=Config())  # rules loaded and patterns compiled, as in a long-running worker
    start, cpu = time.perf_counter(), time.process_time()
    for text in drafts:
        lint_text(text, config=Config())
    results["in-process API (lint_text loop)"] = (time.perf_counter() - start, 1, time.process_time() - cpu)

    lines = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(drafts))
    for jobs in (1, args.cores):
        start, cpu = time.perf_counter(), _children_cpu()
        proc = subprocess.run([sys.executable, "-m", "emaillint", "batch", "--isolated", "--jobs", str(jobs)],
                              input=lines, capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        assert proc.returncode == 0 and proc.stdout.count("\n") == args.rows, proc.stderr[-500:]
        results[f"emaillint batch --jobs {jobs} (incl. start-up)"] = (elapsed, jobs, _children_cpu() - cpu)

    os.environ["PYSPARK_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession

    from emaillint.spark import lint_dataframe

    spark = (SparkSession.builder.master(f"local[{args.cores}]").appName("emaillint-bench")
             .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", str(args.cores))
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    df = spark.createDataFrame([(i, t) for i, t in enumerate(drafts)], "id long, text string")
    df = df.repartition(args.cores * 2).cache()
    df.count()
    lint_dataframe(df.limit(args.cores * 20).repartition(args.cores), config=Config()).write.format("noop").mode(
        "overwrite").save()  # warm-up: Python workers started, rules loaded once per worker
    start, cpu = time.perf_counter(), _tree_cpu(os.getpid())
    lint_dataframe(df, config=Config()).write.format("noop").mode("overwrite").save()
    results[f"emaillint.spark on local[{args.cores}] (warm)"] = (time.perf_counter() - start, args.cores,
                                                                  _tree_cpu(os.getpid()) - cpu)
    spark.stop()

    _, _, base_cpu = results["in-process API (lint_text loop)"]
    base = args.rows / results["in-process API (lint_text loop)"][0]
    print(f"{args.rows} rows, {os.cpu_count()} cores on the machine, load {os.getloadavg()[0]:.1f}")
    print("| path | wall s | cores | rows/s | rows/s per core | vs API | CPU s | rows per CPU-s | vs API |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, (seconds, cores, cpu) in results.items():
        rate = args.rows / seconds
        print(f"| {name} | {seconds:.2f} | {cores} | {rate:.0f} | {rate / cores:.0f} | {rate / cores / base:.2f}x "
              f"| {cpu:.2f} | {args.rows / cpu:.0f} | {base_cpu / cpu:.2f}x |")


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    main()
