"""A short coverage-guided fuzz run (atheris) over the readers and the engine; the long run is in the README."""
from __future__ import annotations

import subprocess
import sys

import pytest

from tests.robustness.helpers import ROOT, env

pytest.importorskip("atheris")


def test_a_short_atheris_run_finds_no_crash(tmp_path):
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "fuzz_atheris.py"), "-atheris_runs=3000", "-seed=1",
                           "-timeout=10", f"-artifact_prefix={tmp_path}/", str(tmp_path)],
                          capture_output=True, text=True, timeout=240, cwd=ROOT, env=env())
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Done 3000" in proc.stderr
