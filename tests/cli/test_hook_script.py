"""``emaillint-hook`` as an install leaves it: a plain script, not a console script, so that starting it imports
nothing but what the client needs (pip's console-script wrapper imports ``re`` first: ~8 ms of a ~25 ms start,
on every pre-commit run). These tests build the wheel and install it into a fresh virtual environment, with no
index and no dependencies: the client needs none of them on its way to the daemon."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.cli.support import build_wheel


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    return build_wheel(tmp_path_factory.mktemp("src"), tmp_path_factory.mktemp("wheel"))


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    """A virtual environment with the wheel installed (no dependencies: click, PyYAML and Jinja2 are not there)."""
    home = tmp_path_factory.mktemp("venv") / "env"
    subprocess.run([sys.executable, "-m", "venv", str(home)], check=True, capture_output=True, timeout=300)
    pip = subprocess.run([str(home / "bin" / "python"), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
                          str(wheel)], capture_output=True, text=True, timeout=300)
    assert pip.returncode == 0, pip.stderr
    return home


def test_the_wheel_ships_the_hook_as_an_executable_script(wheel):
    with zipfile.ZipFile(wheel) as archive:
        scripts = [i for i in archive.infolist() if i.filename.endswith(".data/scripts/emaillint-hook")]
        assert len(scripts) == 1, [i.filename for i in archive.infolist() if ".data/" in i.filename]
        assert archive.read(scripts[0]).startswith(b"#!python\n")  # what installers replace with their Python
        assert (scripts[0].external_attr >> 16) & stat.S_IXUSR
        entry_points = next(n for n in archive.namelist() if n.endswith(".dist-info/entry_points.txt"))
        assert "emaillint-hook" not in archive.read(entry_points).decode()  # no console script over it


def test_the_installed_hook_runs_with_its_environments_python(venv, tmp_path):
    script = venv / "bin" / "emaillint-hook"
    assert os.access(script, os.X_OK)
    assert script.read_text(encoding="utf-8").splitlines()[0] == f"#!{venv / 'bin' / 'python'}"
    daemons = tmp_path / "daemons"
    env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path), "EMAILLINT_DAEMON": "require",
           "EMAILLINT_DAEMON_DIR": str(daemons), "PYTHONPROFILEIMPORTTIME": "1"}
    (tmp_path / "draft.txt").write_text("Subject: hi\n\nJust checking in.\n", encoding="utf-8")
    result = subprocess.run([str(script), "check", "draft.txt"], cwd=tmp_path, env=env, capture_output=True,
                            text=True, timeout=60)
    errors = [line for line in result.stderr.splitlines() if not line.startswith("import time:")]
    assert result.returncode == 2 and len(errors) == 1, result.stderr[-2000:]
    assert errors[0].startswith(f"emaillint: error: no emaillint daemon answered at {daemons}{os.sep}hook-")
    imported = {line.rsplit("|", 1)[1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}
    assert "emaillint.daemon.client" in imported
    assert not imported & {"re", "click", "yaml", "emaillint.cli", "emaillint.api"}, sorted(imported)
