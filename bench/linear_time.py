#!/usr/bin/env python3
"""Does judging time grow linearly? Each known worst-case input at n and 2n characters, as ratios.

Every input once hung or grew quadratically or worse (they are listed in
``tests/robustness/_timing.py``; the test suite only checks that each finishes
at the size limit). Doubling a linear input about doubles its time, so each
row's ratio should stay near 2; the run is one process, best of 2 per size.

    python bench/linear_time.py              # n = 20,000 characters
    python bench/linear_time.py --n 50000 --json

Exit status 1 when a ratio exceeds ``--max-ratio`` (default 3) on an input slow
enough to measure (over 50 ms at 2n).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20_000, help="characters of the smaller input")
    ap.add_argument("--max-ratio", type=float, default=3.0)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    proc = subprocess.run([sys.executable, "-m", "tests.robustness._timing", str(args.n)], capture_output=True,
                          text=True, cwd=ROOT, timeout=600)
    if proc.returncode != 0:
        print(proc.stderr[-2000:], file=sys.stderr)
        return 2
    rows = {name: {"n_s": small, "2n_s": large, "ratio": large / small if small else None}
            for name, (small, large) in json.loads(proc.stdout).items()}
    too_slow = [name for name, r in rows.items() if r["2n_s"] > 0.05 and r["ratio"] and r["ratio"] > args.max_ratio]
    if args.json:
        print(json.dumps({"n": args.n, "rows": rows, "over": too_slow}, indent=2))
    else:
        print(f"{'input':<32} {'n s':>8} {'2n s':>8} {'2n/n':>6}")
        for name, r in sorted(rows.items()):
            ratio = "-" if r["ratio"] is None else f"{r['ratio']:.2f}"
            print(f"{name:<32} {r['n_s']:8.4f} {r['2n_s']:8.4f} {ratio:>6}")
        print(f"over {args.max_ratio}x: {', '.join(too_slow) or 'none'}")
    return 1 if too_slow else 0


if __name__ == "__main__":
    sys.exit(main())
