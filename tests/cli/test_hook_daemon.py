"""emaillint-hook (the pre-commit hooks' entry) and its daemon: the output and exit code of `emaillint check`,
from a process that has the rules loaded already.

Each test has its own daemon folder and stops its daemons at the end. ``EMAILLINT_DAEMON=require`` makes the
client fail instead of judging in its own process, so a test that uses it proves the daemon answered.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from emaillint.daemon.client import stop

REPO_ROOT = Path(__file__).resolve().parents[2]
CLIENT = "import sys; from emaillint.daemon.client import main; sys.exit(main())"

BAD = "Subject: Quick question\n\nHi Dana,\n\nJust following up on my last email. Did you get a chance to look?\n\nSam\n"
GOOD = ("Subject: month-end close at Acme\n\nHi Dana,\n\nYou mentioned your controllers spend the last three days "
        "of every month on the close.\n\nWhich part of it takes longest today?\n\nWould Tuesday at 10am work for a "
        "20-minute call?\n\nSam\n")


@pytest.fixture
def env(tmp_path):
    folder = tmp_path / "daemons"
    environ = {k: v for k, v in os.environ.items() if not k.startswith("EMAILLINT_DAEMON")}
    environ.update(EMAILLINT_DAEMON="1", EMAILLINT_DAEMON_DIR=str(folder), EMAILLINT_DAEMON_IDLE="120", NO_COLOR="1",
                   PYTHONPATH=str(REPO_ROOT), EMAILLINT_CACHE_DIR=os.environ["EMAILLINT_CACHE_DIR"])
    yield environ
    _stop_all(folder)


def _stop_all(folder: Path) -> None:
    """Ask every daemon with a socket in ``folder`` to leave, and wait until its socket is gone."""
    for sock in folder.glob("*.sock") if folder.is_dir() else []:
        stop(str(sock))
        _wait(lambda: not sock.exists(), f"the daemon at {sock} did not leave")


def _wait(condition, why: str, seconds: float = 60) -> None:
    end = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > end:
            pytest.fail(why)
        time.sleep(0.05)


def hook(env: dict, *args: str, cwd: Path, **more: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", CLIENT, *args], capture_output=True, text=True, cwd=cwd,
                          env={**env, **more}, timeout=120)


def check(env: dict, *args: str, cwd: Path, **more: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "emaillint", *args], capture_output=True, text=True, cwd=cwd,
                          env={**env, **more}, timeout=120)


def same(a: subprocess.CompletedProcess, b: subprocess.CompletedProcess) -> tuple:
    return (a.returncode, a.stdout, a.stderr) == (b.returncode, b.stdout, b.stderr), (a, b)


def start(env: dict, cwd: Path) -> Path:
    """Run the hook once (no daemon yet: it judges itself and starts one); the daemon's socket once it answers."""
    first = hook(env, "check", "--format", "concise", *[p.name for p in sorted(cwd.glob("*.txt"))][:1], cwd=cwd)
    assert first.returncode in (0, 1), first.stderr
    sockets = lambda: list(Path(env["EMAILLINT_DAEMON_DIR"]).glob("*.sock"))  # noqa: E731
    _wait(lambda: sockets() and hook(env, "check", "--help", cwd=cwd, EMAILLINT_DAEMON="require").returncode == 0,
          "no daemon answered after the first run")
    return sockets()[0]


@pytest.fixture
def drafts(tmp_path) -> Path:
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "bad.txt").write_text(BAD, encoding="utf-8")
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    return folder


def test_the_daemon_answers_as_check_does(env, drafts):
    start(env, drafts)
    for args in (["check", "--format", "concise", "bad.txt", "good.txt"],
                 ["check", "--format", "json", "bad.txt"],
                 ["check", "good.txt"],
                 ["check", "--select", "EL301", "--format", "concise", "."],
                 ["check", "missing.txt"],
                 ["check", "--format", "nonsense", "bad.txt"]):
        served = hook(env, *args, cwd=drafts, EMAILLINT_DAEMON="require")
        ok, detail = same(served, check(env, *args, cwd=drafts))
        assert ok, (args, detail)
    assert hook(env, "check", "bad.txt", cwd=drafts, EMAILLINT_DAEMON="require").returncode == 1
    assert hook(env, "check", "missing.txt", cwd=drafts, EMAILLINT_DAEMON="require").returncode == 2


def test_a_config_changed_between_runs_counts_at_once(env, drafts):
    start(env, drafts)
    (drafts / "pyproject.toml").write_text('[tool.emaillint]\nignore = ["EL301"]\n', encoding="utf-8")
    quiet = hook(env, "check", "--format", "concise", "bad.txt", cwd=drafts, EMAILLINT_DAEMON="require")
    assert quiet.returncode == 1 and "EL301" not in quiet.stdout and "EL401" in quiet.stdout, quiet.stdout
    (drafts / "pyproject.toml").write_text("[tool.emaillint]\n", encoding="utf-8")
    loud = hook(env, "check", "--format", "concise", "bad.txt", cwd=drafts, EMAILLINT_DAEMON="require")
    assert "EL301" in loud.stdout, loud.stdout


def test_each_run_has_the_callers_environment_and_no_other(env, drafts):
    start(env, drafts)
    warned = hook(env, "check", "bad.txt", cwd=drafts, EMAILLINT_DAEMON="require", EMAILLINT_JOBS="lots")
    assert "EMAILLINT_JOBS='lots' is not a whole number" in warned.stderr, warned.stderr
    assert same(warned, check(env, "check", "bad.txt", cwd=drafts, EMAILLINT_JOBS="lots"))[0]
    again = hook(env, "check", "bad.txt", cwd=drafts, EMAILLINT_DAEMON="require", EMAILLINT_JOBS="lots")
    assert "EMAILLINT_JOBS='lots' is not a whole number" in again.stderr, "a warning is said once per run, not " \
                                                                            "once per daemon"
    after = hook(env, "check", "bad.txt", cwd=drafts, EMAILLINT_DAEMON="require")
    assert "EMAILLINT_JOBS" not in after.stderr, after.stderr


def test_the_first_run_judges_itself_and_stop_ends_the_daemon(env, drafts):
    first = hook(env, "check", "--format", "concise", "bad.txt", cwd=drafts)
    assert same(first, check(env, "check", "--format", "concise", "bad.txt", cwd=drafts))[0]
    sock = start(env, drafts)
    stopped = hook(env, "--stop-daemon", cwd=drafts)
    assert stopped.returncode == 0 and "stopped the daemon" in stopped.stdout, stopped
    _wait(lambda: not sock.exists(), "the socket outlived --stop-daemon")
    refused = hook(env, "check", "bad.txt", cwd=drafts, EMAILLINT_DAEMON="require")
    assert refused.returncode == 2 and "no emaillint daemon answered" in refused.stderr, refused
    assert refused.stdout == ""


def test_standard_input_and_other_commands_never_go_to_the_daemon(env, drafts):
    start(env, drafts)
    piped = subprocess.run([sys.executable, "-c", CLIENT, "check", "--format", "concise", "-"], input=BAD,
                           capture_output=True, text=True, cwd=drafts, env={**env, "EMAILLINT_DAEMON": "require"},
                           timeout=120)
    assert piped.returncode == 1 and "EL301" in piped.stdout, piped  # judged by the client itself
    explained = hook(env, "explain", "EL301", cwd=drafts, EMAILLINT_DAEMON="require")
    assert explained.returncode == 0 and "follow-up" in explained.stdout


def test_a_folder_other_users_can_enter_is_never_used(env, drafts, tmp_path):
    open_folder = tmp_path / "open"
    open_folder.mkdir()
    open_folder.chmod(0o777)
    env = {**env, "EMAILLINT_DAEMON_DIR": str(open_folder)}
    refused = hook(env, "check", "bad.txt", cwd=drafts, EMAILLINT_DAEMON="require")
    assert refused.returncode == 2 and "open to other users" in refused.stderr, refused
    judged = hook(env, "check", "--format", "concise", "bad.txt", cwd=drafts)
    assert same(judged, check(env, "check", "--format", "concise", "bad.txt", cwd=drafts))[0]
    time.sleep(1)
    assert not list(open_folder.iterdir()), "a daemon was started in a folder others can enter"


def test_the_daemon_leaves_when_idle(env, drafts):
    sock = start({**env, "EMAILLINT_DAEMON_IDLE": "1"}, drafts)
    _wait(lambda: not sock.exists(), "an idle daemon stayed", seconds=30)


def test_a_changed_installation_is_not_served_by_the_old_daemon(env, drafts, tmp_path):
    """Edit emaillint (an upgrade in place, a developer's change): the daemon answers "stale" and leaves, and the
    client judges with the new code."""
    copy = tmp_path / "install"
    for name in ("emaillint", "rules", "templates"):
        shutil.copytree(REPO_ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    env = {**env, "PYTHONPATH": str(copy)}
    sock = start(env, drafts)
    rule = copy / "rules" / "el301-follow-up-cliche.yaml"
    rule.write_text(rule.read_text(encoding="utf-8").replace("only reminds them they owe you a reply",
                                                             "reminds them of nothing new"), encoding="utf-8")
    stale = hook(env, "check", "--format", "concise", "bad.txt", cwd=drafts, EMAILLINT_DAEMON="require")
    assert stale.returncode == 2 and stale.stdout == "", stale
    _wait(lambda: not sock.exists(), "the stale daemon stayed")
    fresh = hook(env, "check", "--format", "concise", "bad.txt", cwd=drafts)
    assert "reminds them of nothing new" in fresh.stdout, fresh.stdout


def _cmdline(proc: Path) -> list[str]:
    try:
        return (proc / "cmdline").read_bytes().decode(errors="replace").split("\0")[:-1]
    except OSError:
        return []


def test_sigterm_ends_the_daemon_and_removes_its_socket(env, drafts):
    sock = start(env, drafts)
    pids = [int(proc.name) for proc in Path("/proc").iterdir() if proc.name.isdigit()
            and _cmdline(proc)[-2:] == ["emaillint.daemon.server", str(sock)]]
    assert len(pids) == 1, pids
    os.kill(pids[0], signal.SIGTERM)
    _wait(lambda: not sock.exists(), "the socket outlived SIGTERM")
    judged = hook(env, "check", "--format", "concise", "bad.txt", cwd=drafts)  # and the next run still works
    assert same(judged, check(env, "check", "--format", "concise", "bad.txt", cwd=drafts))[0]


def test_on_a_ci_machine_no_daemon_is_started_unless_asked(env, drafts):
    """A CI job runs the hook once: a daemon would only outlive the job."""
    ci = {k: v for k, v in env.items() if k != "EMAILLINT_DAEMON"}
    judged = hook({**ci, "CI": "true"}, "check", "--format", "concise", "bad.txt", cwd=drafts)
    assert same(judged, check(env, "check", "--format", "concise", "bad.txt", cwd=drafts))[0]
    time.sleep(1.5)
    assert not list(Path(env["EMAILLINT_DAEMON_DIR"]).glob("*.sock")), "a daemon was started on a CI machine"
    start({**ci, "CI": "true", "EMAILLINT_DAEMON": "1"}, drafts)  # asked for: started
