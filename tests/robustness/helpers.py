"""Run emaillint in a subprocess with a time bound and check the one-line-error contract."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def env(**extra: str) -> dict:
    out = dict(os.environ)
    out["PYTHONPATH"] = str(ROOT) + os.pathsep + out.get("PYTHONPATH", "")
    out.pop("EMAILLINT_JOBS", None)
    out.update(extra)
    return out


def run(*args, cwd=None, stdin=None, timeout: float = 15, extra_env: dict | None = None, **kwargs):
    """(exit code, stdout, stderr) of ``emaillint *args``; fails the test on a hang or a traceback."""
    proc = subprocess.run([sys.executable, "-m", "emaillint", *map(str, args)], capture_output=True, cwd=cwd,
                          input=stdin, timeout=timeout, env=env(**(extra_env or {})), **kwargs)
    out = proc.stdout.decode("utf-8", "replace")
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    return proc.returncode, out, err


def one_error_line(err: str) -> str:
    """The stderr of a refused input: exactly one 'emaillint: error:' line (warnings aside)."""
    errors = [line for line in err.splitlines() if line.startswith("emaillint: error:")]
    assert len(errors) == 1, err
    return errors[0]
