"""Timing one command: wall seconds, CPU seconds (its process and every child it waited for), peak RSS.

Shared by the bench scripts. CPU is the figure to compare on a shared machine: it
moves far less with the load than wall time does.
"""
from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import time
from pathlib import Path

GNU_TIME = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)


def bench_env(**extra: str) -> dict[str, str]:
    """The environment to time commands in: this one, plus ``extra``, but with Python writing bytecode. An
    installed emaillint has its bytecode compiled (pip does it); a shell with PYTHONDONTWRITEBYTECODE set would
    have every run compile emaillint's sources again, timing the compiler instead of emaillint."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(extra)
    return env


def run_once(cmd: list[str], *, cwd: str | os.PathLike | None = None, env: dict | None = None,
             stdin: bytes | None = None) -> tuple[float, float, float]:
    """(wall s, CPU s, peak RSS MiB) of one run; RSS is nan without GNU time."""
    full = [GNU_TIME, "-f", "%M", *cmd] if GNU_TIME else cmd
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(full, input=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd,
                          env=env if env is not None else bench_env())
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    rss = float("nan")
    if GNU_TIME:
        try:
            rss = int(proc.stderr.decode().strip().splitlines()[-1]) / 1024
        except (ValueError, IndexError):
            pass
    return wall, cpu, rss


def interleaved(commands: dict[str, dict], repeats: int) -> dict[str, tuple[float, float, float]]:
    """Median wall, median CPU and max peak RSS of each command, the commands run in turn ``repeats``
    times (so a change in the machine's load hits every command alike). A command is a dict with
    ``cmd`` and optionally ``cwd``, ``env`` and ``stdin``."""
    runs: dict[str, list[tuple[float, float, float]]] = {name: [] for name in commands}
    for _ in range(repeats):
        for name, spec in commands.items():
            runs[name].append(run_once(spec["cmd"], cwd=spec.get("cwd"), env=spec.get("env"), stdin=spec.get("stdin")))
    return {name: (statistics.median(r[0] for r in rs), statistics.median(r[1] for r in rs), max(r[2] for r in rs))
            for name, rs in runs.items()}
