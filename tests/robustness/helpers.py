"""Run emaillint in a subprocess with a time bound and check the one-line-error contract."""
from __future__ import annotations

import os
import shutil
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


def unprivileged() -> list[str]:
    """A command prefix under which file permissions bite, as they do for a user's editor or CI job.

    Tests run as root on our machines, and root reads everything. Run as root, the command keeps its
    user but loses the two capabilities that bypass permission checks (CAP_DAC_OVERRIDE and
    CAP_DAC_READ_SEARCH), so a folder or file made unreadable with chmod is unreadable to it (another
    user such as nobody could not reach this Python under /root). Run as a normal user, nothing is
    needed. A missing setpriv fails the test: a permission test that silently ran as root would pass
    for nothing."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    assert setpriv, "setpriv (util-linux) is needed to drop root's permission bypass for this test"
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--"]


def run(*args, cwd=None, stdin=None, timeout: float = 15, extra_env: dict | None = None, as_user: bool = False,
        **kwargs):
    """(exit code, stdout, stderr) of ``emaillint *args``; fails the test on a hang or a traceback.
    ``as_user``: without root's permission bypass (see ``unprivileged``)."""
    prefix = unprivileged() if as_user else []
    proc = subprocess.run([*prefix, sys.executable, "-m", "emaillint", *map(str, args)], capture_output=True, cwd=cwd,
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
