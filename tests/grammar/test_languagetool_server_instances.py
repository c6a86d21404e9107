"""Two checkouts or two test runs on one machine never stop each other's LanguageTool server (issue 10).

Real LanguageTool 6.8 through ``scripts/languagetool-server``: the session's server (``lt_url``) is one
run's; this test starts a second run's beside it, checks that a second checkout sees neither, and that
stopping the second leaves the first answering real checks.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import urllib.parse
import urllib.request
import uuid

from tests.grammar.conftest import SCRIPT, _healthy


def _script(*args, script=SCRIPT, run_name=None, timeout=300):
    env = {k: v for k, v in os.environ.items() if k != "EMAILLINT_LT_RUN"}
    if run_name:
        env["EMAILLINT_LT_RUN"] = run_name
    env["EMAILLINT_LT_WARMUP"] = "0"
    return subprocess.run([str(script), *args], capture_output=True, text=True, env=env, timeout=timeout)


def _spelling_matches(url: str) -> list[str]:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    data = urllib.parse.urlencode({"language": "en-US", "text": "Hi Sam, teh call is on Tuesday."}).encode()
    with opener.open(url + "/v2/check", data=data, timeout=60) as answer:
        return [m["rule"]["id"] for m in json.load(answer)["matches"]]


def test_stopping_one_runs_server_leaves_the_other_answering(lt_url, tmp_path):
    other_run = f"test-instances-{uuid.uuid4().hex[:8]}"
    other_checkout = tmp_path / "checkout" / "scripts" / "languagetool-server"
    other_checkout.parent.mkdir(parents=True)
    shutil.copy(SCRIPT, other_checkout)
    try:
        started = _script("start", run_name=other_run)
        assert started.returncode == 0, started.stderr
        other_url = started.stdout.strip().splitlines()[-1].rstrip("/")
        assert other_url != lt_url and _healthy(other_url) and _healthy(lt_url)
        assert _script("url", run_name=other_run).stdout.strip() == other_url

        # another checkout (no run name) has no server of its own, and its `stop` stops neither
        assert _script("url", script=other_checkout).returncode == 1
        assert _script("stop", script=other_checkout).returncode == 0
        assert _healthy(other_url) and _healthy(lt_url)

        stopped = _script("stop", run_name=other_run)
        assert stopped.returncode == 0 and "stopped pid" in stopped.stderr
        assert not _healthy(other_url) and _script("url", run_name=other_run).returncode == 1
        assert "MORFOLOGIK_RULE_EN_US" in _spelling_matches(lt_url)  # the session's server still checks
    finally:
        _script("stop", run_name=other_run)
