"""A short coverage-guided fuzz run (atheris) over the readers and the engine; the long run is in the README."""
from __future__ import annotations

import platform
import subprocess
import sys

import pytest

from tests.robustness.helpers import ROOT, env

if sys.platform == "linux" and platform.machine() == "x86_64":
    import atheris  # noqa: F401 - the test extra installs it here: missing fails the run, never skips it
else:  # the extra has no atheris for this platform (see pyproject.toml)
    pytest.skip("atheris is installed only on Linux x86_64", allow_module_level=True)


def test_a_short_atheris_run_finds_no_crash(tmp_path):
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "fuzz_atheris.py"), "-atheris_runs=3000", "-seed=1",
                           "-timeout=10", f"-artifact_prefix={tmp_path}/", str(tmp_path)],
                          capture_output=True, text=True, timeout=240, cwd=ROOT, env=env())
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Done 3000" in proc.stderr
