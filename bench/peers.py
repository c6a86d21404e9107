"""The peer table of issue 12: emaillint against proselint, write-good, textlint and a 30-rule `re` floor.

    bench/install_peers.sh            # once: proselint (pip), write-good and textlint (npm)
    python bench/peers.py [--emails 2000] [--repeats 5] [--one-repeats 15] [--against REV]

Every tool lints the same generated drafts (bench/corpus.py): all of them in one
run (CPU per email, the figure that holds on a shared machine) and one of them
from a cold start (wall time, and its ratio to `python -c pass`). The commands
run in turn, --repeats times, so the machine's load hits them alike; medians are
printed as a Markdown table. emaillint's batch row runs in one process (`--jobs 1`: the
default picks a pool or not by the machine's load, which this bench's own runs move, and a
pool only adds CPU; the `--jobs 2` line gives the wall time with two workers). emaillint runs with every rule on, `--no-cache` (no
result cache) and its pre-built rules in a cache folder private to this run,
filled by one warm-up run. A peer that is not installed is one "skipped: <peer>:
<why>" line, and its column says so. --against REV adds a column for emaillint at an
earlier commit (exported with `git archive` to a temporary folder), for before/after figures.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import write_corpus  # noqa: E402
from timing import bench_env, interleaved  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PEERS = Path(os.environ.get("EMAILLINT_BENCH_PEERS")
             or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "emaillint-bench-peers")


def _npm_bin(name: str) -> str | None:
    path = PEERS / "node_modules" / ".bin" / name
    return str(path) if path.exists() else None


def _version(cmd: list[str]) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    return out.splitlines()[-1].split()[-1] if out else "?"


def _emaillint(folder: Path, one: Path, checkout: Path, label: str) -> dict:
    py = sys.executable
    return {"batch": [py, "-m", "emaillint", "check", "--isolated", "--no-cache", "--format", "json", "--jobs", "1",
                      str(folder)],
            "one": [py, "-m", "emaillint", "check", "--isolated", "--no-cache", str(one)], "cwd": checkout,
            "version": f"{label}, every rule on"}


def export(rev: str, into: Path) -> Path:
    """This repository at ``rev``, written out under ``into`` (no git worktree: .git is left alone)."""
    into.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def tools(folder: Path, one: Path, against: dict[str, Path]) -> tuple[dict[str, dict], list[str]]:
    """name -> {"batch": cmd, "one": cmd, "version": str, "cwd"?}, and the skipped lines."""
    py = sys.executable
    found: dict[str, dict] = {"emaillint": _emaillint(folder, one, ROOT, "this checkout")}
    for rev, checkout in against.items():
        found[f"emaillint {rev}"] = _emaillint(folder, one, checkout, f"commit {rev}")
    skipped = []
    proselint = shutil.which("proselint")
    if proselint:
        found["proselint"] = {"batch": [proselint, "--output-format", "json", "check", str(folder)],
                              "one": [proselint, "check", str(one)],
                              "version": _version([py, "-c", "import importlib.metadata as m; print(m.version('proselint'))"])}
    else:
        skipped.append("skipped: proselint: not installed (run bench/install_peers.sh)")
    files = sorted(str(p) for p in folder.iterdir())
    write_good = _npm_bin("write-good")
    if write_good:
        found["write-good"] = {"batch": [write_good, *files], "one": [write_good, str(one)],
                               "version": _version(["node", "-p", f"require('{PEERS}/node_modules/write-good/package.json').version"])}
    else:
        skipped.append(f"skipped: write-good: not in {PEERS} (run bench/install_peers.sh; needs npm)")
    textlint = _npm_bin("textlint")
    if textlint and (PEERS / "node_modules" / "textlint-rule-write-good").is_dir():
        rule = ["--rule", "write-good", "--rules-base-directory", str(PEERS / "node_modules")]
        found["textlint"] = {"batch": [textlint, *rule, "--format", "json", str(folder)], "one": [textlint, *rule, str(one)],
                             "version": _version([textlint, "--version"]) + " + textlint-rule-write-good"}
    else:
        skipped.append(f"skipped: textlint: textlint or textlint-rule-write-good not in {PEERS} (run bench/install_peers.sh)")
    floor = str(Path(__file__).parent / "floor.py")
    found["30-rule re floor"] = {"batch": [py, floor, str(folder)], "one": [py, floor, str(one)],
                                 "version": "bench/floor.py"}
    return found, skipped


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--emails", type=int, default=2000)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--one-repeats", type=int, default=15, help="runs of each one-file command (they are short)")
    ap.add_argument("--against", action="append", default=[], metavar="REV", help="also time emaillint at this commit")
    ap.add_argument("--one-file-only", action="store_true",
                    help="only emaillint's one-file runs (here and at each --against commit), e.g. what each change gave")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "drafts"
        write_corpus(folder, args.emails)
        one = folder / "draft-00000.txt"
        against = {rev: export(rev, Path(tmp) / f"emaillint-{i}") for i, rev in enumerate(args.against)}
        found, skipped = tools(folder, one, against)
        if args.one_file_only:
            found, skipped = {n: spec for n, spec in found.items() if n.startswith("emaillint")}, []
        for line in skipped:
            print(line, file=sys.stderr)
        ones = {"python -c pass": {"cmd": [sys.executable, "-c", "pass"]}}
        batches = {}
        for i, (name, spec) in enumerate(found.items()):
            cwd = spec.get("cwd", ROOT)
            # each emaillint revision its own cache folder: a code cache written by other code is rewritten by
            # the next run (after an upgrade, once), so two revisions taking turns would rewrite it every run
            env = bench_env(EMAILLINT_CACHE_DIR=str(Path(tmp) / f"emaillint-cache-{i}"))
            if name.startswith("emaillint"):  # the warm-up: pre-built rules in the cache folder, bytecode compiled
                subprocess.run(spec["one"], capture_output=True, cwd=cwd, env=env)
            ones[f"{name} one"] = {"cmd": spec["one"], "cwd": cwd, "env": env}
            batches[f"{name} batch"] = {"cmd": spec["batch"], "cwd": cwd, "env": env}
            if name == "emaillint":  # the pool asked for: on a machine this bench keeps busy, what pays is one process
                batches["emaillint --jobs 2 batch"] = {"cmd": [*spec["batch"][:-3], "--jobs", "2", spec["batch"][-1]],
                                                       "cwd": cwd, "env": env}
        results = interleaved(ones, args.one_repeats) | ({} if args.one_file_only else interleaved(batches, args.repeats))
    python_wall, python_cpu = results["python -c pass"][:2]
    names = list(found)
    if args.one_file_only:
        print(f"one generated draft, cold, median of {args.one_repeats} interleaved runs; python -c pass: "
              f"{python_wall * 1000:.0f} ms, {python_cpu * 1000:.0f} ms CPU\n")
        print("| emaillint at | wall | ÷ python -c pass | CPU | ÷ python -c pass CPU |\n|---|---:|---:|---:|---:|")
        for n in names:
            wall, cpu = results[f"{n} one"][:2]
            print(f"| {n.removeprefix('emaillint').strip() or 'this checkout'} | {wall * 1000:.0f} ms | "
                  f"{wall / python_wall:.2f}x | {cpu * 1000:.0f} ms | {cpu / python_cpu:.2f}x |")
        return
    print(f"{args.emails} generated emails (bench/corpus.py), medians of interleaved runs ({args.repeats} of each batch, "
          f"{args.one_repeats} of each one-file run); python -c pass: {python_wall * 1000:.0f} ms, "
          f"{python_cpu * 1000:.0f} ms CPU\n")
    print("| | " + " | ".join(names) + " |")
    print("|---|" + "---:|" * len(names))
    print("| CPU per email, batch | " + " | ".join(f"{results[f'{n} batch'][1] / args.emails * 1000:.2f} ms" for n in names) + " |")
    emaillint_cpu = results["emaillint batch"][1]
    print("| CPU per email ÷ emaillint | " + " | ".join(f"{results[f'{n} batch'][1] / emaillint_cpu:.2f}x" for n in names) + " |")
    print(f"| wall, {args.emails} emails | " + " | ".join(f"{results[f'{n} batch'][0]:.2f} s" for n in names) + " |")
    print("| one file, cold | " + " | ".join(f"{results[f'{n} one'][0] * 1000:.0f} ms" for n in names) + " |")
    print("| one file ÷ `python -c pass` | " + " | ".join(f"{results[f'{n} one'][0] / python_wall:.1f}x" for n in names) + " |")
    print("| one file, cold, CPU | " + " | ".join(f"{results[f'{n} one'][1] * 1000:.0f} ms" for n in names) + " |")
    print("| one file CPU ÷ `python -c pass` CPU | " + " | ".join(f"{results[f'{n} one'][1] / python_cpu:.1f}x" for n in names) + " |")
    print("| peak RSS, batch | " + " | ".join(f"{results[f'{n} batch'][2]:.0f} MiB" for n in names) + " |")
    wall2, cpu2 = results["emaillint --jobs 2 batch"][:2]
    print(f"\nemaillint with `--jobs 2` (two worker processes; the default picks one process when the load average "
          f"says a core is busy, as this bench's own runs make it): {wall2:.2f} s wall for {args.emails} emails, "
          f"{cpu2 / args.emails * 1000:.2f} ms CPU per email.")
    print(f"\nIssue 12's one-file target, 2 x `python -c pass` + 40 ms: {(2 * python_wall + 0.040) * 1000:.0f} ms here "
          f"({(2 * python_cpu + 0.040) * 1000:.0f} ms in CPU).\n")
    for name in names:
        print(f"- {name}: {found[name]['version']}")
    for line in skipped:
        print(f"- {line}")


if __name__ == "__main__":
    main()
