"""Fixtures for the grammar tests.

``lt_url``: the URL of a *real* LanguageTool server. Taken from
EMAILLINT_LANGUAGETOOL_URL (the test runner starts the server and exports
it); if unset, ``scripts/languagetool-server start`` is run once per session
(and the server it started is stopped at the end). If no server can be had,
the test FAILS: a grammar test never passes because no server was there.

``fake_lt``: a tiny LanguageTool look-alike on 127.0.0.1 that counts requests
and answers with UTF-16 offsets like the real server, for unit tests.
"""

from __future__ import annotations

import json
import os
import subprocess
import threading
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "languagetool-server"


def _healthy(url: str) -> bool:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url.rstrip("/") + "/v2/healthcheck", timeout=5) as r:
            return r.status == 200
    except OSError:
        return False


@pytest.fixture(scope="session")
def lt_url() -> str:
    url = os.environ.get("EMAILLINT_LANGUAGETOOL_URL")
    started = False
    if not url:
        running = subprocess.run([str(SCRIPT), "url"], capture_output=True, text=True)
        if running.returncode == 0:
            url = running.stdout.strip()
        else:
            proc = subprocess.run([str(SCRIPT), "start"], capture_output=True, text=True, timeout=900)
            if proc.returncode != 0:
                pytest.fail(
                    "no LanguageTool server for the grammar tests: EMAILLINT_LANGUAGETOOL_URL is unset "
                    f"and `scripts/languagetool-server start` failed:\n{proc.stderr[-2000:]}",
                    pytrace=False,
                )
            url = proc.stdout.strip().splitlines()[-1]
            started = True
    if not _healthy(url):
        pytest.fail(
            f"LanguageTool server {url} does not answer /v2/healthcheck; "
            "start one with `scripts/languagetool-server start`",
            pytrace=False,
        )
    yield url.rstrip("/")
    if started:
        subprocess.run([str(SCRIPT), "stop"], capture_output=True, text=True)


# ---------------------------------------------------------------- fake server


@dataclass
class FakeLT:
    url: str
    requests: list[dict[str, str]] = field(default_factory=list)
    # word -> (rule id, issue type, replacements): each occurrence in the
    # original text (markup included, like real LT) becomes a match
    flag: dict[str, tuple[str, str, list[str]]] = field(default_factory=dict)
    status: int = 200


def _original_text(form: dict[str, str]) -> str:
    if "text" in form:
        return form["text"]
    parts = json.loads(form["data"])["annotation"]
    return "".join(p.get("text", p.get("markup", "")) for p in parts)


def _u16(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


@pytest.fixture
def fake_lt():
    state = FakeLT(url="")
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # quiet
            pass

        def do_POST(self):  # noqa: N802
            body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
            form = {k: v[0] for k, v in urllib.parse.parse_qs(body, keep_blank_values=True).items()}
            with lock:
                state.requests.append(form)
            if state.status != 200:
                self.send_response(state.status)
                self.end_headers()
                self.wfile.write(b"busy")
                return
            text = _original_text(form)
            matches = []
            for word, (rule, issue, reps) in state.flag.items():
                start = 0
                while (i := text.find(word, start)) >= 0:
                    matches.append({
                        "message": f"<suggestion>{reps[0] if reps else word}</suggestion>  is better",
                        "replacements": [{"value": r} for r in reps],
                        "offset": _u16(text[:i]), "length": _u16(word),
                        "rule": {"id": rule, "issueType": issue, "category": {"id": "X"}},
                    })
                    start = i + len(word)
            out = json.dumps({"software": {"version": "6.8-fake"}, "matches": matches}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(out)))
            self.end_headers()
            self.wfile.write(out)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def closed_port_url() -> str:
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens there now
    return f"http://127.0.0.1:{port}"
