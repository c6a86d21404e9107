#!/usr/bin/env python3
"""Does ``check --fix`` gain from worker processes? ``--fix --jobs 1`` against ``--fix --jobs 2`` (and more),
side by side on the same drafts.

The drafts: ``--files`` of them, half generated cold emails (bench/corpus.py) and half the fixable drafts
of tests/core/fix_cases.yaml, so most files get fixed and rewritten. Every run fixes a fresh copy of the
same folder (copied before the clock starts), with ``--no-cache``; the settings take turns ``--repeats``
times so a change in the machine's load hits each alike. Prints median wall and CPU seconds (CPU: the
process and its workers; the stable figure on a shared machine) and the ratios to ``--jobs 1``; checks
that every setting leaves the same files and prints the same output.

    python bench/fix_jobs.py --files 400 --repeats 5
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from corpus import write_corpus  # noqa: E402
from timing import bench_env, run_once  # noqa: E402


def fixable_drafts() -> list[str]:
    cases = yaml.safe_load((HERE.parent / "tests" / "core" / "fix_cases.yaml").read_text(encoding="utf-8"))
    out = []
    for case in cases["cases"]:
        if case.get("needs") or case.get("unsafe"):
            continue
        out.append(case["draft"] if "draft" in case else cases["frame"].format(body=case["body"]))
    return out


def make_folder(folder: Path, count: int) -> None:
    folder.mkdir(parents=True)
    write_corpus(folder, count - count // 2)
    drafts = fixable_drafts()
    for i in range(count // 2):
        (folder / f"fix-{i:05d}.txt").write_text(drafts[i % len(drafts)], encoding="utf-8")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=400)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--jobs", default="1,2", help="comma-separated --jobs values; the first is the reference")
    args = parser.parse_args()
    settings = [int(j) for j in args.jobs.split(",")]
    env = bench_env()
    with tempfile.TemporaryDirectory() as tmp:
        seed = Path(tmp) / "seed"
        make_folder(seed, args.files)
        runs: dict[int, list[tuple[float, float]]] = {j: [] for j in settings}
        results: dict[int, tuple] = {}
        for r in range(args.repeats):
            for jobs in settings:
                work = Path(tmp) / f"run-{r}-{jobs}"
                shutil.copytree(seed, work / "drafts")
                cmd = [sys.executable, "-m", "emaillint", "check", "--isolated", "--no-cache", "--fix",
                       "--format", "concise", "--jobs", str(jobs), "drafts"]
                wall, cpu, _ = run_once(cmd, cwd=work, env=env)
                runs[jobs].append((wall, cpu))
                if r == 0:  # the same files and the same output, whatever the number of workers
                    proc = subprocess.run([*cmd[:-1], "--diff", "drafts"], cwd=work, capture_output=True, env=env)
                    results[jobs] = (snapshot(work / "drafts"), proc.stdout)
                shutil.rmtree(work)
        reference = results[settings[0]]
        same = all(results[j] == reference for j in settings)
        changed = sum(1 for name, data in reference[0].items() if data != (seed / name).read_bytes())
    load = os.getloadavg()[0]
    print(f"check --fix on {args.files} drafts ({changed} rewritten), median of {args.repeats}, "
          f"{os.cpu_count()} CPUs, load average {load:.1f}; same files and output for every --jobs: {same}")
    base_wall = statistics.median(w for w, _ in runs[settings[0]])
    base_cpu = statistics.median(c for _, c in runs[settings[0]])
    print(f"{'command':<22} {'wall s':>8} {'ratio':>6} {'CPU s':>8} {'ratio':>6}")
    for jobs in settings:
        wall = statistics.median(w for w, _ in runs[jobs])
        cpu = statistics.median(c for _, c in runs[jobs])
        print(f"{'--fix --jobs ' + str(jobs):<22} {wall:>8.3f} {wall / base_wall:>5.2f}x {cpu:>8.3f} {cpu / base_cpu:>5.2f}x")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
