"""The progress line: on stderr for long runs on a terminal, wiped before the report; never in a pipe."""
from __future__ import annotations

import os
import pty
import subprocess
import sys

DRAFT = "Subject: close\n\nHi Dana,\n\nJust checking in on approvals. Let me know.\n\nKevin\n"


def _drafts(tmp_path, n=30):
    for i in range(n):
        (tmp_path / f"d{i:02}.txt").write_text(DRAFT)
    return tmp_path


def _run_with_tty_stderr(args, cwd, env):
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "emaillint", "check", "--isolated", "--no-color", *args],
                            stdout=subprocess.PIPE, stderr=slave, cwd=cwd, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    out = proc.stdout.read().decode()
    proc.wait()
    os.close(master)
    return proc.returncode, out, b"".join(chunks).decode()


def test_progress_on_a_terminal_is_drawn_then_wiped(tmp_path):
    _drafts(tmp_path)
    env = dict(os.environ, EMAILLINT_PROGRESS_DELAY="0", EMAILLINT_JOBS="1")
    code, out, err = _run_with_tty_stderr(["."], tmp_path, env)
    assert code == 1
    assert "emaillint: judged 30/30 files" in err
    assert err.rstrip(" ").endswith("\r")  # the line is wiped: nothing is left on the terminal
    assert "judged" not in out
    assert out.splitlines()[-1].endswith("; 0 suppressed")


def test_no_progress_when_quiet_or_not_a_terminal(tmp_path):
    _drafts(tmp_path)
    env = dict(os.environ, EMAILLINT_PROGRESS_DELAY="0", EMAILLINT_JOBS="1")
    _, _, err = _run_with_tty_stderr(["--quiet", "."], tmp_path, env)
    assert "judged" not in err
    proc = subprocess.run([sys.executable, "-m", "emaillint", "check", "--isolated", "."], capture_output=True,
                          text=True, cwd=tmp_path, env=env)
    assert "judged" not in proc.stderr and "\r" not in proc.stderr


def test_short_runs_show_nothing(tmp_path):
    _drafts(tmp_path, 3)
    env = dict(os.environ, EMAILLINT_PROGRESS_DELAY="30", EMAILLINT_JOBS="1")
    _, _, err = _run_with_tty_stderr(["."], tmp_path, env)
    assert "judged" not in err
