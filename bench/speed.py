"""Speed and memory of emaillint against peers, measured side by side in one run.

    python bench/speed.py [--emails 2000] [--repeats 3]

Peers: proselint (a Python prose linter, the closest peer; `pip install proselint`)
and two floors: starting Python, and `import click, jinja2`. Each command runs
--repeats times over the same generated corpus (bench/corpus.py); the median
wall time and the peak RSS (from /usr/bin/time when available, else
getrusage) are reported, with ratios against emaillint. emaillint judges with
--no-cache except in the rows marked "result cache" (an unchanged set of files
run again, the cache filled by one run before timing).
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import write_corpus  # noqa: E402
from timing import run_once  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]  # this checkout's emaillint is the one measured


def measure(cmd: list[str], repeats: int) -> tuple[float, float, float]:
    """Median seconds, peak RSS in MiB and median CPU seconds (user + system, children included) of a command."""
    runs = [run_once(cmd, cwd=ROOT) for _ in range(repeats)]
    return statistics.median(r[0] for r in runs), max(r[2] for r in runs), statistics.median(r[1] for r in runs)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--emails", type=int, default=2000)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "drafts"
        write_corpus(folder, args.emails)
        one = str(folder / "draft-00000.txt")
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "python -c 'import click, jinja2'": [sys.executable, "-c", "import click, jinja2"],
            f"emaillint check ({args.emails} emails)": [sys.executable, "-m", "emaillint", "check", "--isolated", "--no-cache", "--format", "json", str(folder)],
            f"emaillint check --jobs 1 ({args.emails} emails)": [sys.executable, "-m", "emaillint", "check", "--isolated", "--no-cache", "--jobs", "1", "--format", "json", str(folder)],
            f"emaillint check, unchanged: result cache ({args.emails} emails)": [sys.executable, "-m", "emaillint", "check", "--isolated", "--format", "json", str(folder)],
            "emaillint check (1 email)": [sys.executable, "-m", "emaillint", "check", "--isolated", "--no-cache", one],
            "emaillint check, unchanged: result cache (1 email)": [sys.executable, "-m", "emaillint", "check", "--isolated", one],
        }
        if shutil.which("proselint"):
            commands[f"proselint check ({args.emails} emails)"] = ["proselint", "--output-format", "json", "check", str(folder)]
            commands["proselint check (1 email)"] = ["proselint", "check", one]
        else:
            print("proselint is not installed (pip install proselint); peer rows skipped", file=sys.stderr)
        import os

        os.environ["EMAILLINT_CACHE_DIR"] = str(Path(tmp) / "emaillint-cache")  # private; the cached rows fill it first
        for name, cmd in commands.items():
            if "result cache" in name:
                subprocess.run(cmd, capture_output=True, cwd=ROOT)
        results = {name: measure(cmd, args.repeats) for name, cmd in commands.items()}
    base, _, base_cpu = results[f"emaillint check ({args.emails} emails)"]
    print(f"| command | median s | ratio to emaillint ({args.emails}) | CPU s | CPU ratio | peak RSS MiB |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, (seconds, rss, cpu) in results.items():
        print(f"| {name} | {seconds:.3f} | {seconds / base:.2f}x | {cpu:.3f} | {cpu / base_cpu:.2f}x | {rss:.0f} |")


if __name__ == "__main__":
    main()
