"""The README's ``pip install 'git+https://GIT-HOST/OWNER/emaillint.git@<pin>'``, run by pip in a
fresh virtual environment with no network: the placeholder becomes this repository's file:// URL,
the pin (a commit SHA or a release tag) stays as written, and the installed ``emaillint`` must be
the version that commit declares and lint a draft."""
from __future__ import annotations

import re
import subprocess
import tomllib
import venv

from precommit_support import REPO_ROOT, run

from tests.docs.doc_commands import DOCS, commands, segments, shell_blocks

PLACEHOLDER = "https://GIT-HOST/OWNER/emaillint.git"


def _documented_git_install() -> list[str]:
    for doc in DOCS:
        for block in shell_blocks(doc):
            for command in commands(block):
                for argv in segments(command.text):
                    if argv[:2] == ["pip", "install"] and argv[-1].startswith(f"git+{PLACEHOLDER}@"):
                        return argv
    raise AssertionError(f"no doc shows pip install 'git+{PLACEHOLDER}@<pin>'")


def test_pip_installs_the_documented_git_url_offline(tmp_path, offline_env):
    argv = _documented_git_install()
    pin = argv[-1].rsplit("@", 1)[1]
    pyproject = subprocess.run(["git", "show", f"{pin}:pyproject.toml"], cwd=REPO_ROOT, capture_output=True,
                               text=True, check=True).stdout
    declared = tomllib.loads(pyproject)["project"]["version"]
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    pip = [str(env_dir / "bin" / "python"), "-m", "pip"]
    url = argv[-1].replace(PLACEHOLDER, REPO_ROOT.as_uri())
    proc = run(pip + argv[1:-1] + [url], tmp_path, offline_env)
    assert proc.returncode == 0, proc.stdout
    version = run([str(env_dir / "bin" / "emaillint"), "--version"], tmp_path, offline_env)
    assert version.returncode == 0 and version.stdout.strip() == f"emaillint, version {declared}", version.stdout
    draft = tmp_path / "draft.txt"
    draft.write_text("Subject: Checking in\n\nHi Dana,\n\nJust following up on my last email.\n\nSam\n",
                     encoding="utf-8")
    check = run([str(env_dir / "bin" / "emaillint"), "check", "--format", "concise", str(draft)], tmp_path,
                offline_env)
    assert check.returncode == 1 and re.search(r"draft\.txt:\d+:\d+: EL301 ", check.stdout), check.stdout
