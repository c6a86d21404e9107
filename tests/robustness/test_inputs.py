"""Hostile inputs to `emaillint check`: each has a defined outcome, never a traceback or a hang (issue 10)."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from tests.robustness.helpers import env, one_error_line, run

DRAFT = "Subject: Tuesday\n\nHi Sam,\n\nHow are you handling the night shift handoffs today?\n\nI suggest a call on Tuesday at 10am.\n"


def test_a_file_over_the_size_limit_is_refused_with_one_line(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("word " * 60_000)  # 300 KB
    code, _, err = run("check", "--isolated", big, cwd=tmp_path)
    assert code == 2
    assert "size limit" in one_error_line(err) and "max-size" in err


def test_max_size_is_configurable(tmp_path):
    (tmp_path / "big.txt").write_text(DRAFT + "More words here. " * 20_000)  # ~340 KB
    (tmp_path / ".emaillint.toml").write_text("max-size = 1000000\n")
    code, _, err = run("check", "big.txt", cwd=tmp_path, timeout=60)
    assert code in (0, 1) and "size limit" not in err
    (tmp_path / ".emaillint.toml").write_text("max-size = 100\n")
    code, _, err = run("check", "big.txt", cwd=tmp_path)
    assert code == 2 and "size limit" in one_error_line(err)


@pytest.mark.parametrize("value", ["0", "-5", "'big'", "true"])
def test_a_bad_max_size_is_a_config_error(tmp_path, value):
    (tmp_path / "a.txt").write_text(DRAFT)
    (tmp_path / ".emaillint.toml").write_text(f"max-size = {value}\n")
    code, _, err = run("check", "a.txt", cwd=tmp_path)
    assert code == 2 and "max-size" in one_error_line(err)


def test_the_api_refuses_a_huge_buffer_with_an_error_not_a_hang(monkeypatch):
    from emaillint.anatomy import document
    from emaillint.api import lint_text
    from emaillint.run.config import Config

    def never(source):  # refused before any parsing: nothing is judged
        raise AssertionError("a buffer over the size limit was parsed")

    monkeypatch.setattr(document, "prepare", never)
    report = lint_text("x " * 1_000_000, path="big.txt", config=Config())
    assert report.error and "size limit" in report.error


def test_the_api_returns_an_error_for_text_it_cannot_read_and_never_raises():
    from emaillint.api import lint_text

    deep = "Subject: x\nContent-Type: multipart/mixed; boundary=b0\n\n" + "".join(
        f"--b{i - 1}\nContent-Type: multipart/mixed; boundary=b{i}\n\n" for i in range(1, 2000))
    report = lint_text(deep, path="deep.eml")
    assert report.error == "deep.eml: MIME parts are nested too deeply to read (a message inside a message, " \
                           "hundreds of levels down)" and not report.problems
    assert lint_text(DRAFT, path="odd\x00name.txt").error is None  # a NUL in the name: no config found, no crash


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_dev_zero_is_not_read():
    code, _, err = run("check", "--isolated", "/dev/zero", timeout=10)
    assert code == 2 and "not a regular file" in one_error_line(err)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_not_opened(tmp_path):
    fifo = tmp_path / "draft.txt"
    os.mkfifo(fifo)
    code, _, err = run("check", "--isolated", fifo, timeout=10)
    assert code == 2 and "not a regular file" in one_error_line(err)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_file_swapped_for_a_fifo_after_it_was_checked_is_not_waited_on(tmp_path):
    """The check before opening sees a regular file (faked here: the swap happens between the two); the
    reader must still not block on the FIFO it then opens."""
    fifo = tmp_path / "draft.txt"
    os.mkfifo(fifo)
    script = ("import os, sys\nfrom pathlib import Path\nreal = os.stat\n"
              "os.stat = lambda p, *a, **k: real(sys.executable) if str(p) == sys.argv[1] else real(p, *a, **k)\n"
              "from emaillint.read.source import InputError, read_path\n"
              "try:\n    read_path(Path(sys.argv[1]))\nexcept InputError as exc:\n    print(exc)\n")
    proc = subprocess.run([sys.executable, "-c", script, str(fifo)], capture_output=True, text=True, timeout=15,
                          env=env())
    assert proc.stdout.strip() == f"{fifo}: not a regular file (a pipe, socket or device), skipped", proc.stderr


def test_utf16_and_utf32_with_a_bom_are_decoded(tmp_path):
    for codec, bom in (("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-32-le", b"\xff\xfe\x00\x00")):
        path = tmp_path / f"{codec}.txt"
        path.write_bytes(bom + "Subject: hi\n\nJust checking in!\n".encode(codec))
        code, out, err = run("check", "--isolated", "--format", "concise", path)
        assert code == 1 and "EL301" in out, (codec, out, err)


def test_a_bad_byte_is_named_and_the_rest_stays_utf8(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes("Subject: café\n\nHi Zoë,\n\nJust checking in \xff!\n".encode("utf-8").replace(b"\xc3\xbf", b"\xff"))
    code, out, err = run("check", "--isolated", "--format", "concise", path)
    assert code == 1
    warning = [line for line in err.splitlines() if "0xff" in line]
    assert len(warning) == 1 and "line 5, column 18" in warning[0], err
    assert "Zoë" not in out or "Ã" not in out  # no cp1252 mojibake


def test_old_cp1252_drafts_still_read(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes("Subject: caf\xe9\n\nJust checking in!\n".encode("cp1252"))
    code, out, _ = run("check", "--isolated", "--format", "concise", path)
    assert code == 1 and "EL301" in out


def test_nul_bytes_are_a_binary_file(tmp_path):
    path = tmp_path / "bin.txt"
    path.write_bytes(b"\x00\x01\x02" * 100)
    code, _, err = run("check", "--isolated", path)
    assert code == 2 and "binary" in one_error_line(err)


def test_a_closed_stdin_is_one_line():
    proc = subprocess.run([sys.executable, "-m", "emaillint", "check", "--isolated", "-"], stdin=subprocess.DEVNULL,
                          capture_output=True, timeout=15, env=env(), close_fds=True)
    assert proc.returncode in (0, 1)  # empty input is an empty draft
    closed = subprocess.run(f'"{sys.executable}" -m emaillint check --isolated - <&-', shell=True,
                            capture_output=True, timeout=15, env=env())
    assert closed.returncode == 2, closed.stderr
    assert b"Traceback" not in closed.stderr and b"standard input" in closed.stderr


def test_undecodable_stdin_is_decoded_with_the_bad_byte_named():
    code, out, err = run("check", "--isolated", "--format", "concise", "-",
                         stdin="Subject: hé\n\nJust checking in \xff!\n".encode("utf-8").replace(b"\xc3\xbf", b"\xff"))
    assert code == 1 and "EL301" in out and "0xff" in err


def test_stdin_over_the_size_limit_is_refused():
    code, _, err = run("check", "--isolated", "-", stdin=b"word " * 60_000)
    assert code == 2 and "size limit" in one_error_line(err)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_for_stdout_is_one_line(tmp_path):
    (tmp_path / "a.txt").write_text(DRAFT)
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "emaillint", "check", "--isolated", "a.txt"], stdout=full,
                              stderr=subprocess.PIPE, cwd=tmp_path, timeout=15, env=env())
    assert proc.returncode == 2
    assert b"Traceback" not in proc.stderr and b"cannot write the output" in proc.stderr


def test_a_closed_stdout_is_quiet(tmp_path):
    (tmp_path / "a.txt").write_text(DRAFT)
    proc = subprocess.run(f'"{sys.executable}" -m emaillint check --isolated a.txt >&-', shell=True, cwd=tmp_path,
                          capture_output=True, timeout=15, env=env())
    assert proc.returncode in (0, 1, 2) and b"Traceback" not in proc.stderr


def test_a_closed_pipe_is_quiet(tmp_path):
    for i in range(30):
        (tmp_path / f"d{i}.txt").write_text("Subject: hi\n\nJust checking in!\n")
    proc = subprocess.run(f'"{sys.executable}" -m emaillint check --isolated . | head -c 10', shell=True, cwd=tmp_path,
                          capture_output=True, timeout=30, env=env())
    assert b"Traceback" not in proc.stderr and b"Exception" not in proc.stderr


@pytest.mark.parametrize("value", ["abc", "2.5", "0", "-3", ""])
def test_emaillint_jobs_garbage_is_a_warning_and_every_file_is_judged(tmp_path, value):
    for i in range(120):
        (tmp_path / f"d{i:03}.txt").write_text("Subject: hi\n\nJust checking in!\n")
    code, out, err = run("check", "--isolated", "--format", "json", ".", cwd=tmp_path, timeout=120,
                         extra_env={"EMAILLINT_JOBS": value})

    assert code == 1 and len(json.loads(out)["files"]) == 120
    if value.strip():
        assert "EMAILLINT_JOBS" in err


def test_a_path_that_vanishes_mid_run_is_one_error_and_the_rest_is_judged(tmp_path):
    from emaillint.api import lint_paths

    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(DRAFT)

    def listed():  # the run has begun (a.txt judged) when b.txt goes
        yield str(tmp_path / "a.txt")
        (tmp_path / "b.txt").unlink()
        yield str(tmp_path / "b.txt")
        yield str(tmp_path / "c.txt")

    reports = list(lint_paths(listed()))
    assert [r.error for r in reports] == [None, f"{tmp_path / 'b.txt'}: no such file", None]


@pytest.mark.parametrize("glob", ["[", "**/[!", "[]]", "\\", "*a" * 300 + "b", "**/" * 300 + "b", "a" * 5000])
def test_odd_include_and_exclude_globs_are_answered(tmp_path, glob):
    (tmp_path / "a.txt").write_text(DRAFT)
    code, _, err = run("check", "--isolated", "--include", glob, ".", cwd=tmp_path)
    assert (code, err.strip()) == (0, "emaillint: no draft files found")  # the glob matches no draft
    code, out, err = run("check", "--isolated", "--format", "json", "--exclude", glob, ".", cwd=tmp_path)
    assert code == 0 and [f["path"] for f in json.loads(out)["files"]] == ["a.txt"] and not err


def test_a_symlink_loop_as_an_argument_is_one_line(tmp_path):
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    code, _, err = run("check", "--isolated", "loop.txt", cwd=tmp_path)
    assert code == 2 and "symbolic links" in one_error_line(err)


def test_symlink_loops_inside_a_folder_are_skipped_with_a_warning(tmp_path):
    folder = tmp_path / "d"
    (folder / "sub").mkdir(parents=True)
    (folder / "ok.txt").write_text(DRAFT)
    (folder / "loop.txt").symlink_to("loop.txt")
    (folder / "sub" / "up").symlink_to("..")  # a folder loop: not followed
    code, out, err = run("check", "--isolated", "--format", "concise", "d", cwd=tmp_path, timeout=20)
    assert code in (0, 1) and "ok.txt" in out
    assert "loop.txt" in err and "skipped" in err


@pytest.fixture
def locked(tmp_path):
    """d/ holds a good draft, a folder and a draft nobody may read (restored afterwards for cleanup)."""
    (tmp_path / "d" / "locked").mkdir(parents=True)
    (tmp_path / "d" / "locked" / "hidden.txt").write_text(DRAFT)
    (tmp_path / "d" / "a.txt").write_text(DRAFT)
    (tmp_path / "d" / "secret.txt").write_text(DRAFT)
    os.chmod(tmp_path / "d" / "locked", 0)
    os.chmod(tmp_path / "d" / "secret.txt", 0)
    yield tmp_path
    os.chmod(tmp_path / "d" / "locked", 0o755)
    os.chmod(tmp_path / "d" / "secret.txt", 0o644)


def test_an_unreadable_folder_is_one_warning_and_the_rest_is_judged(locked):
    """Run without root's permission bypass, so the permissions really bite."""
    os.chmod(locked / "d" / "secret.txt", 0o644)
    for named in ("d", "d/locked"):
        code, out, err = run("check", "--isolated", "--format", "concise", named, cwd=locked, as_user=True)
        warnings = [line for line in err.splitlines() if line.strip()]
        assert warnings == ["emaillint: warning: d/locked: cannot read folder (Permission denied), skipped"], err
        assert code == 0 and "hidden.txt" not in out
        assert ("a.txt: score" in out) == (named == "d")


def test_an_unreadable_file_is_one_error_line_and_exit_2(locked):
    for named in ("d/secret.txt", "d"):
        code, out, err = run("check", "--isolated", "--format", "concise", named, cwd=locked, as_user=True)
        assert code == 2, (out, err)
        assert one_error_line(err) == "emaillint: error: d/secret.txt: cannot read (Permission denied)"
        assert ("a.txt: score" in out) == (named == "d")  # the other drafts are still judged
    code, _, err = run("batch", "d/secret.txt", cwd=locked, as_user=True)
    assert code == 2 and one_error_line(err) == "emaillint: error: d/secret.txt: cannot read (Permission denied)"


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file systems refuse non-UTF-8 names")
def test_a_file_name_that_is_not_utf8(tmp_path):
    name = os.fsdecode(b"caf\xe9.txt")
    (tmp_path / name).write_text("Subject: hi\n\nJust checking in!\n")
    code, out, err = run("check", "--isolated", "--format", "concise", ".", cwd=tmp_path)
    assert code == 1 and "EL301" in out
    code, out, _ = run("check", "--isolated", "--format", "github", ".", cwd=tmp_path)
    assert code == 1 and "::warning" in out


def test_deeply_nested_mime_is_one_line(tmp_path):
    text = "Subject: x\nContent-Type: multipart/mixed; boundary=b0\n\n"
    for i in range(1, 2000):
        text += f"--b{i - 1}\nContent-Type: multipart/mixed; boundary=b{i}\n\n"
    (tmp_path / "deep.eml").write_text(text + "--b1999\nContent-Type: text/plain\n\nHi\n")
    code, _, err = run("check", "--isolated", "deep.eml", cwd=tmp_path)
    assert code == 2 and "nested too deeply" in one_error_line(err)


def test_an_eml_without_mime_headers_keeps_its_emoji_and_accents_and_exact_places():
    """The email package decodes an undeclared body as ASCII: every emoji and accent was mangled, the body
    was no longer found in the file, and every finding lost its place and its fix."""
    from emaillint.api import lint_text

    text = ("From: Sam <sam@example.com>\nSubject: Clinics\n\nHi Zoë,\n\n"
            "Your team opened two clinics 🎉 this spring. It is AMAZING growth.\n\nWould Tuesday at 10 work?\n")
    shout = next(p for p in lint_text(text, path="draft.eml").problems if p.code == "EL504")
    assert text[shout.start:shout.end] == "AMAZING" and shout.line == 6 and shout.fix is not None


def _processes_in(folder) -> list[int]:
    """Processes whose working folder is ``folder`` (Linux /proc; empty elsewhere)."""
    found = []
    for pid in os.listdir("/proc") if os.path.isdir("/proc") else []:
        try:
            if pid.isdigit() and os.readlink(f"/proc/{pid}/cwd") == str(folder):
                found.append(int(pid))
        except OSError:
            pass
    return found


@pytest.mark.parametrize("stop", [lambda p: p.send_signal(signal.SIGINT), lambda p: p.terminate()], ids=["ctrl-c", "sigterm"])
def test_a_signal_during_a_batch_exits_130_without_a_traceback(tmp_path, stop):
    for i in range(1000):
        (tmp_path / f"d{i:03}.txt").write_text(DRAFT * 60)
    proc = subprocess.Popen([sys.executable, "-m", "emaillint", "check", "--isolated", "."], cwd=tmp_path,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env(EMAILLINT_JOBS="2"))
    time.sleep(1.2)
    stop(proc)
    _, err = proc.communicate(timeout=30)
    if proc.returncode in (0, 1):
        pytest.skip("the batch finished before the signal")
    assert proc.returncode == 130 and b"Traceback" not in err, err
    time.sleep(0.5)
    assert _processes_in(tmp_path) == []  # no orphaned worker


def test_a_killed_worker_fails_the_batch_with_one_line_instead_of_hanging(tmp_path):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    for i in range(1000):
        (drafts / f"d{i:03}.txt").write_text(DRAFT * 60)
    with open(tmp_path / "stderr.txt", "wb") as stderr:  # a file, not a pipe: a stuck survivor cannot hold it open
        proc = subprocess.Popen([sys.executable, "-m", "emaillint", "check", "--isolated", "."], cwd=drafts,
                                stdout=subprocess.DEVNULL, stderr=stderr, env=env(EMAILLINT_JOBS="2"))
    workers: list[int] = []
    deadline = time.monotonic() + 10
    while not workers and time.monotonic() < deadline and proc.poll() is None:
        for pid in _processes_in(drafts):
            try:
                with open(f"/proc/{pid}/stat") as fh:
                    parent = int(fh.read().rsplit(")", 1)[1].split()[1])
                with open(f"/proc/{pid}/cmdline", "rb") as fh:
                    forked = b"emaillint" in fh.read()  # a worker, not `git check-ignore`
                if parent == proc.pid and forked:
                    workers.append(pid)
            except OSError:
                pass
        time.sleep(0.05)
    if not workers:
        proc.kill()
        proc.wait()
        pytest.skip("no worker process seen (no /proc, or the batch finished first)")
    os.kill(workers[0], signal.SIGKILL)  # what the OOM killer does
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        raise
    finally:
        time.sleep(0.5)
        left = _processes_in(drafts)
        for pid in left:  # never leave a stuck worker on the machine, whatever the outcome
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
    err = (tmp_path / "stderr.txt").read_bytes()
    assert proc.returncode == 2 and b"Traceback" not in err, err
    assert b"worker process died" in err
    assert left == [], "a worker was left behind, stuck"


def test_sigterm_ends_the_run_even_when_unwinding_hangs():
    """Whatever hangs after SIGTERM (here an exit handler that never returns, as a worker pool's joined thread
    once did in CI), the run is over with 130 within the grace period, not after the supervisor's patience."""
    code = ("import atexit, os, signal, time\n"
            "from emaillint.cli import _on_sigterm\n"
            "signal.signal(signal.SIGTERM, _on_sigterm)\n"
            "atexit.register(time.sleep, 120)\n"
            "os.kill(os.getpid(), signal.SIGTERM)\n"
            "time.sleep(120)\n")
    began = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60, env=env())
    assert proc.returncode == 130
    assert time.monotonic() - began < 30
