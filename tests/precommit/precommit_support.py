"""Helpers for the pre-commit tests (the fixtures are in conftest.py): running
commands, git repositories of drafts.

Only building the wheelhouse may reach PyPI (once; it is cached under
``~/.cache/emaillint/wheelhouse`` or ``$EMAILLINT_WHEELHOUSE``). Every
pre-commit run happens with ``PIP_NO_INDEX=1``, ``PIP_FIND_LINKS=<wheelhouse>``
and proxies pointing at a closed port, so a hook install that tried the
network would fail.
"""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
REQUIREMENTS = Path(__file__).with_name("wheelhouse.txt")
DEAD_PROXY = "http://127.0.0.1:9"
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "emaillint tests",
    "GIT_AUTHOR_EMAIL": "tests@emaillint.invalid",
    "GIT_COMMITTER_NAME": "emaillint tests",
    "GIT_COMMITTER_EMAIL": "tests@emaillint.invalid",
}


def stop_daemons(folder: Path, seconds: float = 60) -> None:
    """Stop every emaillint-hook daemon whose socket is in ``folder`` and wait until each has left."""
    import time

    from emaillint.daemon.client import stop

    for sock in sorted(folder.glob("*.sock")):
        stop(str(sock))
        end = time.monotonic() + seconds
        while sock.exists():
            if time.monotonic() > end:
                raise AssertionError(f"the daemon at {sock} did not leave")
            time.sleep(0.05)


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float = 900) -> subprocess.CompletedProcess:
    """Run ``cmd``; stdout and stderr together in ``.stdout`` (text)."""
    return subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, timeout=timeout, check=False)


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, **GIT_IDENTITY}
    proc = run(["git", "-c", "commit.gpgsign=false", "-c", "core.hooksPath=/dev/null", *args], cwd, env)
    assert proc.returncode == 0, f"git {' '.join(args)} failed in {cwd}:\n{proc.stdout}"
    return proc.stdout.strip()


def make_git_repo(path: Path, files: dict[str, str]) -> str:
    """Write ``files`` under ``path``, commit them all, return the commit id."""
    path.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        target = path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    git(path, "init", "-q")
    git(path, "add", "--all")
    git(path, "commit", "-q", "-m", "drafts")
    return git(path, "rev-parse", "HEAD")


