"""Where the time of `emaillint check` goes, from py-spy samples, grouped by what the code is doing.

    pip install py-spy                     # the sampling profiler (PyPI); needs ptrace rights (root, or sudo)
    python bench/profile.py                # one draft, judged from a cold start, 20 runs pooled
    python bench/profile.py --emails 2000 --runs 1

Each run is `python -m emaillint check --isolated --no-cache` under `py-spy record` (raw stacks, 1000
samples a second), after a warm-up run that fills the pre-built rules and the code cache as a user's
second run would find them. Samples are put in the first of these groups that their stack matches:
regular expressions compiled, YAML parsed, imports (by the innermost module being imported), then the
innermost emaillint module on the stack (each analyser and rule under judge/, the code cache and
pre-built data under base/, the report…), and the rest. Samples outside Python code (the interpreter starting) are not seen by py-spy;
`python -c pass` beside the run says what that costs.
"""
from __future__ import annotations

import argparse
import collections
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import write_corpus  # noqa: E402
from timing import bench_env  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def group(stack: str) -> str:
    """The group of one sampled stack (frames from the outermost to the innermost, ';'-separated)."""
    frames = stack.split(";")
    if any("re/_compiler.py" in f or "re/_parser.py" in f for f in frames):
        return "regular expressions compiled"
    if any("yaml/" in f for f in frames):
        return "YAML parsed (pre-built data out of date)"
    imports = [f[len("<module> ("):].split(":")[0] for f in frames if f.startswith("<module> (")]
    imports = [m for m in imports if not m.startswith(("emaillint/__main__", "<frozen runpy"))]
    if imports:  # the innermost module being imported
        parts = imports[-1].split("/")
        return "import " + ("/".join(parts[:2]).removesuffix(".py") if parts[0] == "emaillint" else parts[0])
    for f in reversed(frames):  # the innermost emaillint frame
        if "(emaillint/" in f:
            where = f.split("(emaillint/")[1].split(":")[0].removesuffix(".py")
            stage, _, module = where.partition("/")
            return f"{stage}: {module or stage}"
    return "other: " + frames[-1].split(" (")[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--emails", type=int, default=1)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--rate", type=int, default=1000)
    ap.add_argument("--top", type=int, default=25)
    args = ap.parse_args()
    if not shutil.which("py-spy"):
        sys.exit("py-spy is not installed: pip install py-spy")
    counts: collections.Counter = collections.Counter()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "drafts"
        write_corpus(folder, args.emails)
        target = str(folder / "draft-00000.txt") if args.emails == 1 else str(folder)
        env = bench_env(EMAILLINT_CACHE_DIR=str(Path(tmp) / "cache"), EMAILLINT_JOBS="1")
        cmd = [sys.executable, "-m", "emaillint", "check", "--isolated", "--no-cache", "--format", "json", target]
        subprocess.run(cmd, capture_output=True, cwd=ROOT, env=env)  # warm-up: pre-built rules, code cache
        for i in range(args.runs):
            out = Path(tmp) / f"run{i}.txt"
            # a short run is sampled without stopping it (stopping it to read each stack would double its
            # start-up); a long one is stopped for each sample, or stacks caught mid-change are misread
            mode = ["--nonblocking"] if args.emails == 1 else []
            subprocess.run(["py-spy", "record", *mode, "-r", str(args.rate), "-f", "raw", "-o", str(out), "--", *cmd],
                           capture_output=True, cwd=ROOT, env=env)
            for line in out.read_text().splitlines():
                stack, _, n = line.rpartition(" ")
                if stack.strip():
                    counts[group(stack)] += int(n)
    total = sum(counts.values())
    print(f"py-spy, {args.runs} run(s) of `emaillint check` over {args.emails} email(s), {total} samples "
          f"at {args.rate}/s ({total / args.runs / args.rate * 1000:.0f} ms of Python per run)\n")
    print("| share | ms per run | what |")
    print("|---:|---:|---|")
    for name, n in counts.most_common(args.top):
        print(f"| {100 * n / total:.1f} % | {n / args.runs / args.rate * 1000:.1f} | {name} |")


if __name__ == "__main__":
    main()
