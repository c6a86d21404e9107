"""A whole `emaillint check` batch, this checkout against an earlier revision, in back-to-back pairs of runs.

    python bench/batch_pairs.py --against 55c8be6 [--emails 2000] [--pairs 12] [--jobs 1]

Both revisions (the other one exported with `git archive`) lint the same generated drafts
(`check --isolated --no-cache --format json --jobs N`), each with a cache folder of its own, filled
by one warm-up run (pre-built rules, code cache). They take turns, A B, B A, …; each back-to-back
pair gives one ratio of CPU time (this checkout / the other), and the median of those ratios is the
figure, printed with the middle half of them. A slow spell of the machine then lands on both runs of
a pair. Unlike bench/judgement_speed.py, which times the judgement alone in warm processes, this
counts everything a batch pays for: start-up, reading the files, the warm-up before a pool, the
workers, the report.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import write_corpus  # noqa: E402
from peers import ROOT, export  # noqa: E402
from timing import bench_env, run_once  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--against", required=True, metavar="REV", help="the revision to compare with")
    ap.add_argument("--emails", type=int, default=2000)
    ap.add_argument("--pairs", type=int, default=12)
    ap.add_argument("--jobs", type=int, default=1, help="worker processes for both (default 1: the judging alone)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "drafts"
        write_corpus(folder, args.emails)
        trees = {args.against: export(args.against, Path(tmp) / "other"), "this checkout": ROOT}
        cmd = [sys.executable, "-m", "emaillint", "check", "--isolated", "--no-cache", "--format", "json",
               "--jobs", str(args.jobs), str(folder)]
        envs = {name: bench_env(EMAILLINT_CACHE_DIR=str(Path(tmp) / f"cache-{i}")) for i, name in enumerate(trees)}
        for name, tree in trees.items():
            run_once(cmd, cwd=tree, env=envs[name])  # warm-up: pre-built rules, code cache, bytecode
        cpu: dict[str, list[float]] = {name: [] for name in trees}
        ratios = []
        for i in range(args.pairs):
            order = list(trees) if i % 2 == 0 else list(trees)[::-1]
            spent = {name: run_once(cmd, cwd=trees[name], env=envs[name])[1] for name in order}
            for name in trees:
                cpu[name].append(spent[name])
            ratios.append(spent["this checkout"] / spent[args.against])
    ratios.sort()
    quarter = len(ratios) // 4
    print(f"{args.emails} generated drafts, `check --jobs {args.jobs} --format json`, {args.pairs} pairs of runs")
    for name in trees:
        print(f"  {name}: median CPU {statistics.median(cpu[name]):.2f} s "
              f"({statistics.median(cpu[name]) / args.emails * 1000:.2f} ms per email)")
    print(f"  this checkout / {args.against}: median ratio {statistics.median(ratios):.2f}x "
          f"(middle half {ratios[quarter]:.2f}-{ratios[-quarter - 1]:.2f}x)")


if __name__ == "__main__":
    main()
