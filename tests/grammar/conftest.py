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

import os
import subprocess
import threading
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.fixtures.fake_languagetool import serve, utf16_len

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


@pytest.fixture
def fake_lt():
    state = FakeLT(url="")
    lock = threading.Lock()

    def answer(form, text):
        with lock:
            state.requests.append(form)
        if state.status != 200:
            return state.status, []
        matches = []
        for word, (rule, issue, reps) in state.flag.items():
            start = 0
            while (i := text.find(word, start)) >= 0:
                matches.append({
                    "message": f"<suggestion>{reps[0] if reps else word}</suggestion>  is better",
                    "replacements": [{"value": r} for r in reps],
                    "offset": utf16_len(text[:i]), "length": utf16_len(word),
                    "rule": {"id": rule, "issueType": issue, "category": {"id": "X"}},
                })
                start = i + len(word)
        return 200, matches

    with serve(answer) as url:
        state.url = url
        yield state


@pytest.fixture
def closed_port_url() -> str:
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens there now
    return f"http://127.0.0.1:{port}"
