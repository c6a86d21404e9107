"""The language server never freezes and follows the exit protocol (issue 10), over real stdio."""
from __future__ import annotations

import time

import pytest

import pygls  # noqa: F401,E402 - a test extra: missing fails the run, never skips it

from tests.robustness.helpers import env  # noqa: E402
from tests.robustness.test_files_and_templates import BOMB  # noqa: E402
from tests.robustness.lspclient import RawClient  # noqa: E402


@pytest.fixture
def client(tmp_path, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", env()["PYTHONPATH"])
    c = RawClient(cwd=tmp_path)
    c.initialize()
    yield c
    c.close()


def _open(client, uri, text, version=1):
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext", "version": version,
                                                            "text": text}})


def _diagnostics(client, uri, timeout=10):
    return client.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                           and m["params"]["uri"] == uri, timeout)


def _hover(client, uri, timeout=10):
    rid = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 1}})
    return client.response(rid, timeout)


def _stderr(client) -> str:
    return b"".join(client.stderr).decode("utf-8", "replace")


def test_a_5mb_buffer_gets_one_diagnostic_and_the_server_keeps_answering(client, tmp_path):
    uri = (tmp_path / "big.txt").as_uri()
    began = time.monotonic()
    _open(client, uri, "Hi {{" + " " * 3000 + "x\n" + "word " * 1_000_000)
    diag = _diagnostics(client, uri)
    assert diag is not None and "size limit" in diag["params"]["diagnostics"][0]["message"]
    assert _hover(client, uri) is not None
    assert time.monotonic() - began < 10


def test_hostile_buffers_under_the_limit_are_judged_in_seconds(client, tmp_path):
    texts = {"braces": "Hi {{" + " " * 200_000 + "x\n", "bangs": "Hi Sam,\n\nGreat" + "!?" * 100_000 + "\n",
             "cliches": "Hi,\n\n" + "just following up checking in " * 6_000 + "\n",
             "template": "{% if a %}" * 20_000 + "{" * 20_000,
             "aliases": "---\n" + BOMB + "kind: *h\nvariables: *h\n---\nHi Sam,\n"}
    suffix = {"template": ".txt.j2", "aliases": ".md"}
    for name, text in texts.items():
        uri = (tmp_path / (name + suffix.get(name, ".txt"))).as_uri()
        _open(client, uri, text)
        published = _diagnostics(client, uri, timeout=20)
        assert published is not None, name
        assert _hover(client, uri) is not None, name
        if name == "aliases":  # the "billion laughs" in front matter: one finding, not a frozen server
            assert any("aliases" in d["message"] for d in published["params"]["diagnostics"]), published


def test_malformed_messages_do_not_stop_the_server_or_print_tracebacks(client, tmp_path):
    client.raw(b"Content-Length: 5\r\n\r\n{bad}")
    client.raw(b"Content-Length: 12\r\n\r\n[1, 2, 3, 4]")
    client.send({"jsonrpc": "2.0", "id": 99, "method": "no/suchMethod", "params": {}})
    client.notify("textDocument/didChange", {"textDocument": {"uri": "file:///never/opened.txt", "version": 2},
                                             "contentChanges": [{"text": "x"}]})
    uri = (tmp_path / "a.txt").as_uri()
    _open(client, uri, "Subject: hi\n\nJust checking in!\n")
    assert _diagnostics(client, uri) is not None
    assert client.response(99) is not None  # an error answer, not silence
    assert "Traceback" not in _stderr(client)


def test_rapid_changes_publish_the_newest_version(client, tmp_path):
    uri = (tmp_path / "a.txt").as_uri()
    _open(client, uri, "Hi,\n")
    for version in range(2, 502):
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                 "contentChanges": [{"text": f"Hi Sam {version}, just checking in!\n"}]})
    assert client.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                           and m["params"].get("version") == 501, 20) is not None


def test_shutdown_then_exit_is_0_and_requests_in_between_get_an_error(client, tmp_path):
    rid = client.request("shutdown")
    assert client.response(rid) is not None
    late = _hover(client, (tmp_path / "a.txt").as_uri(), timeout=5)
    assert late is not None and late["error"]["code"] == -32600
    client.notify("exit")
    assert client.proc.wait(10) == 0


def test_exit_without_shutdown_is_1(client):
    client.notify("exit")
    assert client.proc.wait(10) == 1


@pytest.mark.parametrize("busy", [False, True])
@pytest.mark.parametrize("name", ["SIGINT", "SIGTERM"])
def test_a_signal_ends_the_server_at_once(client, tmp_path, busy, name):
    """An editor that stops its servers with SIGINT or SIGTERM (or Ctrl-C in a terminal) must not leave one behind:
    a KeyboardInterrupt inside asyncio's loop used to leave the server waiting forever for a half-stepped task."""
    import signal

    signum = getattr(signal, name)

    uri = (tmp_path / "a.txt").as_uri()
    _open(client, uri, "Hi Sam,\n\nJust following up on my last email!!\n\nBest,\nTom\n")
    assert _diagnostics(client, uri) is not None
    if busy:  # interrupted in the middle of judging a long draft, not only while idle
        client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            {"text": "Hi,\n\n" + "just following up checking in circling back. " * 5_000}]})
        time.sleep(0.2)
    client.proc.send_signal(signum)
    assert client.proc.wait(10) == 128 + signum
    assert "Traceback" not in _stderr(client)


def test_exit_is_prompt_even_while_a_lint_runs(client, tmp_path):
    uri = (tmp_path / "a.txt").as_uri()
    _open(client, uri, "Hi,\n\n" + "just following up checking in circling back. " * 5_000)
    rid = client.request("shutdown")
    client.response(rid, 20)
    began = time.monotonic()
    client.notify("exit")
    assert client.proc.wait(10) == 0 and time.monotonic() - began < 10


def test_out_of_range_positions_are_answered(client, tmp_path):
    uri = (tmp_path / "a.txt").as_uri()
    _open(client, uri, "Subject: hi\n\nJust checking in!\n")
    assert _diagnostics(client, uri) is not None
    far = {"line": 10**6, "character": 10**6}
    rid = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": far})
    assert client.response(rid) is not None
    rid = client.request("textDocument/codeAction", {"textDocument": {"uri": uri},
                                                     "range": {"start": {"line": 5000, "character": 7}, "end": far},
                                                     "context": {"diagnostics": []}})
    assert client.response(rid) is not None
    rid = client.request("textDocument/hover", {"textDocument": {"uri": "file:///never/opened.txt"},
                                                "position": {"line": 0, "character": 0}})
    assert client.response(rid) is not None
    assert "Traceback" not in _stderr(client)


def test_a_request_with_invalid_params_gets_an_error_answer(client, tmp_path):
    uri = (tmp_path / "a.txt").as_uri()
    _open(client, uri, "Subject: hi\n\nJust checking in!\n")
    rid = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": -1, "character": "x"}})
    answer = client.response(rid)
    assert answer is not None and "error" in answer
    assert _hover(client, uri) is not None  # and the server goes on


@pytest.mark.parametrize("header", [
    b"Content-Length: abc\r\n\r\n{}",  # not a number
    b"Content-Length: -5\r\n\r\n",  # negative
    b"X-Nothing: 1\r\n\r\n{\"jsonrpc\": \"2.0\"}",  # no length at all
    b"Content-Length: 1\r\n\r\n{}",  # shorter than the body
    b"Content-Length: 3\r\n\r\n{}",  # longer than the body: swallows the next message's first byte
    b"Content-Length: 99999999999999999999\r\n\r\n{}",  # absurd
    b"Content-Length: 9999999999\r\n\r\n{}",  # over the size any message may have
])
def test_a_bad_content_length_costs_at_most_one_message(client, tmp_path, header):
    client.raw(header)
    uri = (tmp_path / "a.txt").as_uri()
    _hover(client, uri, timeout=2)  # may be the one message lost
    assert _hover(client, uri) is not None and client.proc.poll() is None
    assert "Traceback" not in _stderr(client)


TEMPLATE_HEAD = "---\nname: {name}\nkind: follow-up\ndescription: x\nanswers: [follow-up-cliche]\nsubject: Hi\nnotes: x\n---\n"
HOSTILE_TEMPLATES = {
    "includes": "Hi {% include 'x' %}",
    "loops": "{% for a in range(9999) %}{% for b in range(9999) %}x{% endfor %}{% endfor %}",
    "huge": "{{ 'x' * 10**9 }}",
    "escapes": "{{ cycler.__init__.__globals__.os.system('touch pwned') }}",
    "slow": "{% for a in 'x' * 99999 %}{% for b in 'y' * 99999 %}{% endfor %}{% endfor %}",  # the 2 s budget
}


def test_hostile_user_templates_give_way_in_code_actions_without_stalling_the_server(client, tmp_path):
    (tmp_path / "tpl").mkdir()
    (tmp_path / ".emaillint.toml").write_text("templates = ['tpl']\n")
    for name, body in HOSTILE_TEMPLATES.items():
        (tmp_path / "tpl" / f"{name}.txt.j2").write_text(TEMPLATE_HEAD.format(name=name) + body + "\n")
    uri = (tmp_path / "draft.txt").as_uri()
    _open(client, uri, "Subject: Following up\n\nHi Dana,\n\nJust following up on my last email.\n\nBest,\nSam\n")
    diagnostics = _diagnostics(client, uri)["params"]["diagnostics"]
    cliche = [d for d in diagnostics if d["code"] == "EL301"][:1]
    rid = client.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": cliche[0]["range"],
                                                     "context": {"diagnostics": cliche}})
    hover = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 1}})
    answer = client.response(rid, 20)
    order = [m.get("id") for m in client.messages if m.get("id") in (rid, hover)]
    assert order[:1] == [hover], order  # the hover asked after it was answered first: rendering did not stall it
    titles = [a["title"] for a in answer["result"]]
    offered = [t for t in titles if t.startswith("Replace the draft with template")]
    assert len(offered) == 2 and not any(f"'{name}'" in t for t in offered for name in HOSTILE_TEMPLATES), titles
    assert not (tmp_path / "pwned").exists() and "Traceback" not in _stderr(client)
