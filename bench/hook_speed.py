"""How long a pre-commit run of the emaillint hook takes, next to starting Python.

    python bench/hook_speed.py [--drafts 200] [--repeats 9]

Makes a temporary git repository of N drafts (a mix of good ones and ones with
"just following up"), points its .pre-commit-config.yaml at a committed copy
of this checkout's working tree, installs the hook environment once with no
network (PIP_NO_INDEX=1 and the wheelhouse from scripts/setup/precommit.sh),
then times, several times each, and prints the median and the minimum:

  python -c pass                     the floor: starting the interpreter
  pre-commit run --files <1 draft>   one changed draft (nothing cached), and the no-op hook on it; once
                                     answered by the hook's warm daemon (emaillint-hook, the default), once
                                     without it (EMAILLINT_DAEMON=0: emaillint starts for the draft)
  emaillint check (hook env)         the hook's command alone, on the N files
  pre-commit run, no-op hook         pre-commit's own cost (git, file filtering)
  pre-commit run --all-files         what a developer waits for at commit time

The hook's daemon lives in a folder private to this run and is stopped at the end.
The emaillint rows run twice: with nothing cached (EMAILLINT_NO_CACHE=1) and over
an unchanged repository (the result cache, in a folder private to this run,
filled by the warm-up run), each with its ratio to the no-op hook.

pre-commit is run as `python -m pre_commit` so a pyenv shim's start-up is not
counted. The figures go in docs/pre-commit.md.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
IDENTITY = {"GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@emaillint.invalid",
            "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@emaillint.invalid"}

NAMES = ["Dana", "Priya", "Tom", "Ines", "Kenji", "Maya", "Omar", "Lena", "Raul", "Zoe"]
TOPICS = ["month-end close", "supplier onboarding", "expense approvals", "invoice matching", "audit prep"]
GOOD = """\
Subject: {topic} at Acme

Hi {name},

You mentioned your controllers spend the last three days of every month on {topic}.

Which part of {topic} takes longest, and what happens to the close when it runs late?

If it helps, I can walk you through how Northwind cut that from three days to one. \
Would Tuesday at 10am work for a 20-minute call?

Sam
"""
NOOP_CONFIG = ".noop-pre-commit-config.yaml"
BAD = """\
Subject: Quick question

Hi {name},

Just following up on my last email about {topic}. Did you get a chance to look?

We are the leading platform and our customers love us!

Thanks,
Sam
"""


def sh(cmd: list[str], cwd: Path, env: dict[str, str] | None = None, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          check=False)
    if check and proc.returncode != 0:
        sys.exit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stdout}")
    return proc


def git_commit_all(path: Path) -> str:
    env = {**os.environ, **IDENTITY}
    sh(["git", "init", "-q"], path, env)
    sh(["git", "add", "--all"], path, env)
    sh(["git", "-c", "commit.gpgsign=false", "commit", "-q", "-m", "bench"], path, env)
    return sh(["git", "rev-parse", "HEAD"], path, env).stdout.strip()


def copy_working_tree(dest: Path) -> str:
    listing = sh(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], ROOT).stdout
    for rel in filter(None, listing.split("\0")):
        src = ROOT / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    return git_commit_all(dest)


def make_drafts(dest: Path, count: int, hook_repo: Path, rev: str) -> None:
    for i in range(count):
        text = (BAD if i % 4 == 0 else GOOD).format(name=NAMES[i % len(NAMES)], topic=TOPICS[i % len(TOPICS)])
        path = dest / "drafts" / f"draft-{i:03d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (dest / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook_repo}\n    rev: {rev}\n    hooks:\n      - id: emaillint\n", encoding="utf-8")
    (dest / NOOP_CONFIG).write_text(
        "repos:\n  - repo: local\n    hooks:\n      - id: noop\n        name: noop\n        entry: 'true'\n"
        "        language: unsupported\n        files: \\.txt$\n        require_serial: true\n", encoding="utf-8")
    git_commit_all(dest)


def timed(cmd: list[str], cwd: Path, env: dict[str, str], repeats: int) -> tuple[list[float], int]:
    times, rc = [], 0
    for _ in range(repeats):
        start = time.perf_counter()
        proc = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              check=False)
        times.append(time.perf_counter() - start)
        rc = proc.returncode
    return times, rc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--drafts", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=9)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and print its path")
    opts = parser.parse_args()

    wheelhouse = sh(["bash", str(ROOT / "scripts/setup/precommit.sh")], ROOT).stdout.strip().splitlines()[-1]
    tmp = Path(tempfile.mkdtemp(prefix="emaillint-hook-speed-"))
    try:
        hook_repo, drafts = tmp / "emaillint", tmp / "drafts"
        hook_repo.mkdir()
        drafts.mkdir()
        rev = copy_working_tree(hook_repo)
        make_drafts(drafts, opts.drafts, hook_repo, rev)
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("PIP_", "PRE_COMMIT", "VIRTUALENV_", "EMAILLINT_DAEMON"))
               and k != "PYTHONDONTWRITEBYTECODE"}
        env.update(IDENTITY, PRE_COMMIT_HOME=str(tmp / "pre-commit-home"), PIP_NO_INDEX="1",
                   EMAILLINT_DAEMON="1", EMAILLINT_DAEMON_DIR=str(tmp / "daemons"),
                   PIP_FIND_LINKS=wheelhouse, VIRTUALENV_NO_PERIODIC_UPDATE="1", PRE_COMMIT_COLOR="never")
        pre_commit = [sys.executable, "-m", "pre_commit"]

        start = time.perf_counter()
        sh([*pre_commit, "install-hooks"], drafts, env)
        install = time.perf_counter() - start
        hook_bins = list((tmp / "pre-commit-home").glob("repo*/py_env-*/bin/emaillint"))
        if len(hook_bins) != 1:
            sys.exit(f"expected one installed hook environment, found {hook_bins}")
        files = sorted(str(p.relative_to(drafts)) for p in (drafts / "drafts").iterdir())

        env["EMAILLINT_CACHE_DIR"] = str(tmp / "emaillint-cache")  # the result cache, private to this run
        cold = dict(env, EMAILLINT_NO_CACHE="1")
        one = files[0]  # a draft with findings: what a commit that changed one draft runs the hook on
        rows = [
            ("python -c pass", [sys.executable, "-c", "pass"], env),
            ("pre-commit run --files <1 draft>, no-op hook (pre-commit alone)",
             [*pre_commit, "run", "--files", one, "--config", NOOP_CONFIG], env),
            ("pre-commit run --files <1 changed draft> (emaillint judges it)", [*pre_commit, "run", "--files", one], cold),
            ("pre-commit run --files <1 changed draft>, no daemon (EMAILLINT_DAEMON=0)",
             [*pre_commit, "run", "--files", one], dict(cold, EMAILLINT_DAEMON="0")),
            (f"emaillint check --format concise <{len(files)} files> (hook env, nothing cached)",
             [str(hook_bins[0]), "check", "--format", "concise", *files], cold),
            (f"emaillint check --format concise <{len(files)} files> (hook env, unchanged: result cache)",
             [str(hook_bins[0]), "check", "--format", "concise", *files], env),
            ("pre-commit run --all-files, no-op hook (pre-commit alone)",
             [*pre_commit, "run", "--all-files", "--config", NOOP_CONFIG], env),
            ("pre-commit run --all-files, nothing cached", [*pre_commit, "run", "--all-files"], cold),
            ("pre-commit run --all-files", [*pre_commit, "run", "--all-files"], env),
        ]
        results = {label: ([], 0) for label, _, _ in rows}
        for label, cmd, row_env in rows:
            timed(cmd, drafts, row_env, 1)  # warm the page cache (and fill the result cache)
        hook_client = [str(hook_bins[0].with_name("emaillint-hook")), "check", "--format", "concise", one]
        deadline = time.perf_counter() + 60  # the first hook run started the daemon: wait until it answers
        while subprocess.run(hook_client, cwd=drafts, env=dict(cold, EMAILLINT_DAEMON="require"),
                             capture_output=True, check=False).returncode == 2:
            if time.perf_counter() > deadline:
                sys.exit("the hook's daemon did not start (see its log in the daemon folder)")
            time.sleep(0.2)
        for _ in range(opts.repeats):  # in turn, so a change in the machine's load hits every row alike
            for label, cmd, row_env in rows:
                times, rc = timed(cmd, drafts, row_env, 1)
                results[label] = (results[label][0] + times, rc)

        print(f"emaillint pre-commit hook speed: {len(files)} drafts ({sum(1 for i in range(len(files)) if i % 4 == 0)} "
              f"with findings), {opts.repeats} runs each, Python {sys.version.split()[0]}, "
              f"{os.cpu_count()} CPUs")
        print(f"hook environment install (once, offline): {install:.1f} s")
        noop = statistics.median(results["pre-commit run --all-files, no-op hook (pre-commit alone)"][0])
        noop_one = statistics.median(results["pre-commit run --files <1 draft>, no-op hook (pre-commit alone)"][0])
        print(f"{'command':82} {'median':>8} {'min':>8} {'/ no-op hook':>12}  exit")
        for label, (times, rc) in results.items():
            base_noop = noop_one if "<1 " in label else noop  # against the no-op hook on the same files
            print(f"{label:82} {statistics.median(times):7.3f}s {min(times):7.3f}s "
                  f"{statistics.median(times) / base_noop:11.2f}x  {rc}")
        base = statistics.median(results["python -c pass"][0])
        run = statistics.median(results["pre-commit run --all-files"][0])
        print(f"pre-commit run --all-files minus python -c pass (medians): {run - base:.3f} s")
    finally:
        hook_stop = list((tmp / "pre-commit-home").glob("repo*/py_env-*/bin/emaillint-hook"))
        if hook_stop:
            subprocess.run([str(hook_stop[0]), "--stop-daemon"], env=env, capture_output=True, check=False)
        if opts.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
