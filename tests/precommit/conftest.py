"""Fixtures for the pre-commit tests: the real `pre-commit` program, an offline
wheelhouse, a committed copy of this checkout to use as the hook repository.
See precommit_support.py for what runs offline and what may use PyPI.
"""
from __future__ import annotations

import os
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from precommit_support import (
    DEAD_PROXY,
    GIT_IDENTITY,
    REPO_ROOT,
    REQUIREMENTS,
    git,
    run,
    stop_daemons,
)


@pytest.fixture(scope="session")
def pre_commit() -> str:
    """Path of the `pre-commit` program (>= 4). Missing means FAIL, never skip."""
    exe = shutil.which("pre-commit")
    if exe is None:
        pytest.fail("pre-commit is not installed (needed for tests/precommit): "
                    "run scripts/setup/precommit.sh or `pip install 'pre-commit>=4'`", pytrace=False)
    out = run([exe, "--version"], REPO_ROOT).stdout
    match = re.search(r"(\d+)\.(\d+)", out)
    if not match or int(match.group(1)) < 4:
        pytest.fail(f"pre-commit >= 4 is needed, found: {out.strip()!r} at {exe}", pytrace=False)
    return exe


def _wheelhouse_complete(folder: Path) -> bool:
    env = {k: v for k, v in os.environ.items() if k not in ("PIP_FIND_LINKS", "PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL")}
    proc = run([sys.executable, "-m", "pip", "download", "--quiet", "--no-index", "--find-links", str(folder),
                "--only-binary=:all:", "--dest", str(folder), "-r", str(REQUIREMENTS)], REPO_ROOT, env)
    return proc.returncode == 0


@pytest.fixture(scope="session")
def wheelhouse() -> Path:
    """Wheels for hatchling, emaillint's dependencies and the pinned tools.

    Filled from PyPI only when incomplete (the one step that may use the
    network); the same folder scripts/setup/precommit.sh fills.
    """
    folder = Path(os.environ.get("EMAILLINT_WHEELHOUSE") or Path.home() / ".cache" / "emaillint" / "wheelhouse")
    folder.mkdir(parents=True, exist_ok=True)
    if not _wheelhouse_complete(folder):
        env = {k: v for k, v in os.environ.items() if k != "PIP_NO_INDEX"}
        proc = run([sys.executable, "-m", "pip", "download", "--quiet", "--only-binary=:all:",
                    "--dest", str(folder), "-r", str(REQUIREMENTS)], REPO_ROOT, env)
        if proc.returncode != 0 or not _wheelhouse_complete(folder):
            pytest.fail(f"could not fill the wheelhouse {folder} from PyPI "
                        f"(run scripts/setup/precommit.sh while PyPI is reachable):\n{proc.stdout}", pytrace=False)
    return folder


@pytest.fixture(scope="session")
def offline_env(tmp_path_factory, wheelhouse):
    """Environment for pre-commit runs: private PRE_COMMIT_HOME, no index, no network, a daemon folder of its own
    (the hook's daemons are stopped when the session ends)."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PIP_", "PRE_COMMIT", "VIRTUALENV_", "EMAILLINT_DAEMON"))
           and k not in ("SKIP", "GIT_DIR", "GIT_WORK_TREE")}
    daemons = tmp_path_factory.mktemp("daemons")
    env.update(EMAILLINT_DAEMON="1", EMAILLINT_DAEMON_DIR=str(daemons), EMAILLINT_DAEMON_IDLE="300")  # even under CI
    env.update(GIT_IDENTITY)
    env.update({
        "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home")),
        "PRE_COMMIT_COLOR": "never",
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": str(wheelhouse),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "VIRTUALENV_NO_PERIODIC_UPDATE": "1",
        "HTTP_PROXY": DEAD_PROXY, "HTTPS_PROXY": DEAD_PROXY, "http_proxy": DEAD_PROXY, "https_proxy": DEAD_PROXY,
        "ALL_PROXY": DEAD_PROXY, "NO_PROXY": "", "no_proxy": "",
    })
    yield env
    stop_daemons(daemons)


@dataclass(frozen=True)
class HookRepo:
    path: Path
    rev: str


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory) -> HookRepo:
    """This checkout's working tree, uncommitted and untracked (not ignored)
    files included, committed into a temporary git repository: what pre-commit
    clones is the code under test."""
    listing = run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], REPO_ROOT)
    if listing.returncode != 0:
        pytest.fail(f"{REPO_ROOT} must be a git checkout to copy it:\n{listing.stdout}", pytrace=False)
    dest = tmp_path_factory.mktemp("hook-repo") / "emaillint"
    dest.mkdir()
    for rel in filter(None, listing.stdout.split("\0")):
        src = REPO_ROOT / rel
        if not src.is_file():  # deleted in the working tree, or a submodule
            continue
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, target)
    assert (dest / ".pre-commit-hooks.yaml").is_file()
    git(dest, "init", "-q")
    git(dest, "add", "--all")
    git(dest, "commit", "-q", "-m", "snapshot of the working tree under test")
    return HookRepo(dest, git(dest, "rev-parse", "HEAD"))
