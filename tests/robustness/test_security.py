"""Security: workflow-command injection, LanguageTool redirects (issue 10)."""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from tests.robustness.helpers import run


def test_github_format_escapes_a_file_name_that_tries_to_inject_a_command(tmp_path):
    name = "a,title=x::add-mask::x:y.txt"
    (tmp_path / name).write_text("Subject: hi\n\nJust checking in!\n")
    code, out, _ = run("check", "--isolated", "--format", "github", name, cwd=tmp_path)
    assert code == 1
    for line in out.splitlines():
        if not line.startswith("::"):
            continue
        command, _, message = line[2:].partition("::")
        assert "::" not in message, line
        keys = [item.split("=", 1)[0] for item in command.split(" ", 1)[1].split(",")]
        assert keys == ["file", "line", "col", "endLine", "endColumn", "title"], line
    assert "a%2Ctitle=x%3A%3Aadd-mask%3A%3Ax%3Ay.txt" in out


def test_github_format_escapes_newlines_in_a_file_name(tmp_path):
    name = "x\n::error::injected.txt"
    (tmp_path / name).write_text("Subject: hi\n\nJust checking in!\n")
    code, out, _ = run("check", "--isolated", "--format", "github", name, cwd=tmp_path)
    assert code == 1 and not any(line.startswith("::error::injected") for line in out.splitlines())


class _Recorder(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_POST(self):  # noqa: N802
        type(self).hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"software": {"version": "6.8"}, "matches": []}')

    def log_message(self, *args):
        pass


def _serve(handler):
    server = HTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.mark.parametrize("status", [301, 302, 307, 308])
def test_languagetool_redirects_are_not_followed(tmp_path, status):
    other = _serve(_Recorder)
    _Recorder.hits = []
    target = f"http://127.0.0.1:{other.server_port}/v2/check"

    class Redirect(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            self.send_response(status)
            self.send_header("Location", target)
            self.end_headers()

        def log_message(self, *args):
            pass

    lt = _serve(Redirect)
    try:
        (tmp_path / "a.txt").write_text("Subject: hi\n\nJust checking in, how are your shifts going?\n")
        (tmp_path / ".emaillint.toml").write_text(f'[grammar]\ncache-dir = "{tmp_path / "cache"}"\n')
        code, out, err = run("check", "--format", "concise", "--grammar", "--languagetool-url",
                             f"http://127.0.0.1:{lt.server_port}", "a.txt", cwd=tmp_path, timeout=60)
    finally:
        lt.shutdown()
        other.shutdown()
    assert _Recorder.hits == []  # the draft never reached the host the redirect named
    assert "EL301" in out and code == 1  # the coaching findings survive
    assert "redirect" in err and sum("warning" in line for line in err.splitlines()) == 1, err
