"""Peak memory of the streaming batch mode, or of `emaillint check`, against the number of emails, in one run.

    python bench/batch_memory.py [--sizes 1000 8000] [--jobs 1]
    python bench/batch_memory.py --command check [--format json] [--sizes 2000 16000]

Feeds `emaillint batch` generated drafts (bench/corpus.py) as JSON Lines on a
pipe, written as it reads them (the input is never held whole, on either side),
and reads its results line by line; peak RSS from /usr/bin/time (the parent
process; with --jobs N each worker is reported by the pool separately). With
`--command check`, the drafts are files in a temporary folder and `emaillint
check --no-cache` (the result cache off) writes its report to a pipe that is read
as it comes. Constant memory means the peak does not grow with the number of emails.
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import make_email, write_corpus  # noqa: E402
from timing import bench_env  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]  # this checkout's emaillint is the one measured


def run_check(count: int, jobs: int, fmt: str) -> tuple[float, float, int]:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        write_corpus(Path(tmp), count)
        cmd = ["/usr/bin/time", "-f", "%M", sys.executable, "-m", "emaillint", "check", "--isolated", "--no-cache",
               "--jobs", str(jobs), "--format", fmt, tmp]
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=bench_env())
        size = sum(len(chunk) for chunk in iter(lambda: proc.stdout.read(1 << 16), b""))
        err = proc.stderr.read().decode()
        proc.wait()
        return time.perf_counter() - start, int(err.strip().splitlines()[-1]) / 1024, size


def run(count: int, jobs: int) -> tuple[float, float, int]:
    cmd = ["/usr/bin/time", "-f", "%M", sys.executable, "-m", "emaillint", "batch", "--isolated", "--jobs", str(jobs)]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
                            env=bench_env())

    def feed():
        rng = random.Random(5)
        for i in range(count):
            proc.stdin.write((json.dumps({"id": i, "text": make_email(rng)}) + "\n").encode())
        proc.stdin.close()

    start = time.perf_counter()
    writer = threading.Thread(target=feed)
    writer.start()
    lines = sum(1 for _ in proc.stdout)
    writer.join()
    err = proc.stderr.read().decode()
    proc.wait()
    return time.perf_counter() - start, int(err.strip().splitlines()[-1]) / 1024, lines


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 8000])
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--command", choices=["batch", "check"], default="batch")
    ap.add_argument("--format", default="json", help="the report format of `check` (json, text, sarif, …)")
    args = ap.parse_args()
    if args.command == "check":
        rows = [(n, *run_check(n, args.jobs, args.format)) for n in args.sizes]
        small = rows[0]
        print(f"`emaillint check --format {args.format} --jobs {args.jobs}`\n")
        print(f"| emails | report bytes | wall s | peak RSS MiB | RSS ratio to {small[0]} emails |")
        print("|---:|---:|---:|---:|---:|")
        for n, seconds, rss, size in rows:
            print(f"| {n} | {size:,} | {seconds:.2f} | {rss:.1f} | {rss / small[2]:.2f}x |")
        return
    rows = [(n, *run(n, args.jobs)) for n in args.sizes]
    small = rows[0]
    print(f"| emails | results | wall s | peak RSS MiB | RSS ratio to {small[0]} emails |")
    print("|---:|---:|---:|---:|---:|")
    for n, seconds, rss, lines in rows:
        print(f"| {n} | {lines} | {seconds:.2f} | {rss:.1f} | {rss / small[2]:.2f}x |")


if __name__ == "__main__":
    main()
