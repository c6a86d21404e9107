"""Run `emaillint check` the way the report tests need it: isolated from any config, no colour."""
from __future__ import annotations

import subprocess
import sys


def run(*args, cwd):
    """(exit code, stdout, stderr) of ``emaillint check --isolated --no-color *args`` in ``cwd``."""
    proc = subprocess.run([sys.executable, "-m", "emaillint", "check", "--isolated", "--no-color", *args],
                          capture_output=True, text=True, cwd=cwd)
    return proc.returncode, proc.stdout, proc.stderr
