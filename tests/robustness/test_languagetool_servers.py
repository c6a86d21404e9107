"""A LanguageTool server that is not there or misbehaves at the HTTP level never costs the coaching
findings or the run (issue 10): one warning line, the usual exit code, in bounded time."""
from __future__ import annotations

import socket
import threading
from contextlib import contextmanager

import pytest

from tests.robustness.helpers import run

DRAFT = "Subject: hi\n\nJust checking in, how are your shifts going?\n"
HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
ANSWERS = {
    "http-500": b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 5\r\n\r\noops!",
    "garbage": HEAD + b"Content-Length: 20\r\n\r\n<html>not json</html>",
    "truncated-json": HEAD + b"Content-Length: 400\r\n\r\n{\"software\": {\"version\": \"6.8\"}, \"matches\": [{\"off",
    "huge": HEAD + b"Content-Length: 31457280\r\n\r\n[" + b" " * (30 * 1024 * 1024 - 1),
    "closed-at-once": b"",
}


@contextmanager
def _raw_server(answer: bytes | None, asked: list | None = None):
    """Accepts connections and sends ``answer`` (then closes); None: reads the request and never answers.
    Each request is appended to ``asked``."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    stop = threading.Event()
    held = []

    def serve():
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            conn.settimeout(2)
            try:
                conn.recv(65536)
                if asked is not None:
                    asked.append(1)
                if answer is None:
                    held.append(conn)
                    continue
                conn.sendall(answer)
            except OSError:
                pass
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(2)
        for conn in held:
            conn.close()
        listener.close()


def _check_with(tmp_path, url):
    """Three drafts, so a server that is given up on shows as asked for one draft, not three."""
    for i in range(3):
        (tmp_path / f"d{i}.txt").write_text(DRAFT)
    (tmp_path / ".emaillint.toml").write_text('[grammar]\ncache-dir = ""\n')
    return run("check", "--format", "concise", "--grammar", "--languagetool-url", url, ".", cwd=tmp_path,
               timeout=60)


@pytest.mark.parametrize("case", sorted(ANSWERS))
def test_a_misbehaving_server_is_one_warning_and_the_coaching_findings_stay(tmp_path, case):
    asked: list = []
    with _raw_server(ANSWERS[case], asked) as url:
        code, out, err = _check_with(tmp_path, url)
    warnings = [line for line in err.splitlines() if line.strip()]
    assert code == 1 and out.count("EL301") == 3 and "EL000" not in out, (out, err)
    assert len(warnings) == 1 and warnings[0].startswith("emaillint: warning: grammar checks skipped"), err
    assert 1 <= len(asked) < 3  # given up on after the first draft (a retry aside), not asked per draft


def test_nothing_listening_is_one_warning(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}"  # bound, not listening: connection refused
        code, out, err = _check_with(tmp_path, url)
    warnings = [line for line in err.splitlines() if line.strip()]
    assert code == 1 and out.count("EL301") == 3 and len(warnings) == 1 and "not reachable" in warnings[0], err


def test_a_server_that_never_answers_is_given_up_on_once_per_run(monkeypatch, tmp_path):
    """The read deadline (120 s by default) is shortened here; the point is that it holds, and that the
    second and third file do not wait for it again."""
    from emaillint.api import lint_paths
    from emaillint.grammar import _server
    from emaillint.judge import grammar_bridge
    from emaillint.run.config import Config, GrammarConfig

    monkeypatch.setattr(_server, "READ_TIMEOUT", 1.5)
    monkeypatch.setattr(grammar_bridge, "_UNAVAILABLE", {})
    for i in range(3):
        (tmp_path / f"d{i}.txt").write_text(DRAFT)
    asked: list = []
    with _raw_server(None, asked) as url:
        config = Config(grammar=GrammarConfig(enabled=True, url=url, cache_dir=""))
        reports = list(lint_paths([str(p) for p in sorted(tmp_path.glob("*.txt"))], config))
    assert all("EL301" in {p.code for p in r.problems} for r in reports) and len(asked) == 1
