"""A misbehaving LanguageTool never costs the coaching findings (issue 10)."""
from __future__ import annotations

import json
import os

import pytest

import requests  # noqa: F401,E402 - a test extra: missing fails the run, never skips it

from tests.fixtures.fake_languagetool import serve  # noqa: E402
from tests.robustness.helpers import run  # noqa: E402

DRAFT = "Subject: hi\n\nJust checking in, how are your shifts going?\n"
GOOD = {"offset": 0, "length": 4, "message": "x", "rule": {"id": "R", "issueType": "grammar"}, "replacements": []}

BAD_MATCHES = {
    "null-matches": None,
    "string-matches": "oops",
    "null-match": [None],
    "string-offset": [dict(GOOD, offset="3")],
    "out-of-range": [dict(GOOD, offset=10**6, length=5)],
    "negative": [dict(GOOD, offset=-5, length=-1)],
    "rule-not-a-dict": [dict(GOOD, rule="R")],
    "replacements-not-a-list": [dict(GOOD, replacements="abc")],
}


@pytest.mark.parametrize("case", sorted(BAD_MATCHES))
def test_answers_of_the_wrong_shape_keep_the_coaching_findings(tmp_path, case):
    (tmp_path / "a.txt").write_text(DRAFT)
    (tmp_path / ".emaillint.toml").write_text(f'[grammar]\ncache-dir = "{tmp_path / "cache"}"\n')
    with serve(lambda form, text: (200, BAD_MATCHES[case])) as url:
        code, out, err = run("check", "--format", "concise", "--grammar", "--languagetool-url", url, "a.txt",
                             cwd=tmp_path, timeout=60)
    assert code == 1 and "EL301" in out and "EL000" not in out, (out, err)


def test_corrupt_cache_entries_are_misses(tmp_path):
    (tmp_path / "a.txt").write_text(DRAFT)
    cache = tmp_path / "cache"
    (tmp_path / ".emaillint.toml").write_text(f'[grammar]\ncache-dir = "{cache}"\n')
    with serve(lambda form, text: (200, [])) as url:
        code, out, _ = run("check", "--format", "concise", "--grammar", "--languagetool-url", url, "a.txt",
                           cwd=tmp_path, timeout=60)
        assert code == 1 and "EL301" in out
        for root, _, files in os.walk(cache):
            for name in files:
                with open(os.path.join(root, name), "w") as fh:
                    fh.write(json.dumps({"matches": "corrupt", "x": [None]}) if name.endswith(".json") else "\x00garbage")
        code, out, err = run("check", "--format", "concise", "--grammar", "--languagetool-url", url, "a.txt",
                             cwd=tmp_path, timeout=60)
    assert code == 1 and "EL301" in out and "EL000" not in out, err


def test_a_trickling_or_flooding_server_is_given_up_on(monkeypatch):
    import socket
    import threading
    import time

    from emaillint.grammar import _server
    from emaillint.grammar._server import Client, GrammarUnavailable

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    stop = threading.Event()

    def trickle():
        conn, _ = listener.accept()
        conn.recv(65536)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n")
        while not stop.is_set():
            try:
                conn.sendall(b" ")
            except OSError:
                break
            time.sleep(0.2)
        conn.close()

    threading.Thread(target=trickle, daemon=True).start()
    monkeypatch.setattr(_server, "READ_TIMEOUT", 1.5)
    monkeypatch.setattr(_server, "CONNECT_TIMEOUT", 0.5)
    began = time.monotonic()
    try:
        with pytest.raises(GrammarUnavailable, match="did not finish"):
            Client(f"http://127.0.0.1:{listener.getsockname()[1]}").check({"language": "en-US", "text": "x"})
    finally:
        stop.set()
        listener.close()
    assert time.monotonic() - began < 6


def test_a_silent_server_is_asked_once_per_run_not_once_per_file(tmp_path, monkeypatch):
    from emaillint.judge import grammar_bridge
    from emaillint.api import lint_paths
    from emaillint.run.config import Config, GrammarConfig
    from emaillint.grammar import GrammarUnavailable

    calls = []

    def unavailable(segments, settings):
        calls.append(1)
        raise GrammarUnavailable("LanguageTool server http://x did not answer within 120s")

    monkeypatch.setattr("emaillint.grammar.check", unavailable)
    monkeypatch.setattr(grammar_bridge, "_UNAVAILABLE", {})
    for i in range(5):
        (tmp_path / f"d{i}.txt").write_text(DRAFT)
    config = Config(grammar=GrammarConfig(enabled=True, url="http://x"))
    reports = list(lint_paths([str(p) for p in sorted(tmp_path.iterdir())], config))
    assert len(calls) == 1 and all("EL301" in {p.code for p in r.problems} for r in reports)
