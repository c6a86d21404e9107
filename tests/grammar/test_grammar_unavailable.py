"""Without a server, Java or network: GrammarUnavailable with one clear line."""

import pytest
import requests

from emaillint.grammar import GrammarOptions, GrammarUnavailable, Segment, check
from emaillint.grammar import _server

SEGS = [Segment(0, "This are a test.")]


def _one_line(exc: GrammarUnavailable) -> str:
    text = str(exc)
    assert text and "\n" not in text and "Traceback" not in text
    return text


def test_closed_port_is_unavailable(closed_port_url):
    with pytest.raises(GrammarUnavailable) as info:
        check(SEGS, GrammarOptions(url=closed_port_url, cache_dir=""))
    line = _one_line(info.value)
    assert closed_port_url in line and "not reachable" in line
    assert "scripts/languagetool-server start" in line


def test_env_url_is_used(closed_port_url, monkeypatch):
    monkeypatch.setenv("EMAILLINT_LANGUAGETOOL_URL", closed_port_url + "/v2/")
    with pytest.raises(GrammarUnavailable) as info:
        check(SEGS, GrammarOptions(cache_dir=""))
    assert closed_port_url in _one_line(info.value)


def test_bad_url_is_unavailable():
    with pytest.raises(GrammarUnavailable) as info:
        check(SEGS, GrammarOptions(url="ftp://example", cache_dir=""))
    assert "not an http(s) URL" in _one_line(info.value)


def test_http_error_is_unavailable(fake_lt):
    fake_lt.status = 500
    with pytest.raises(GrammarUnavailable) as info:
        check(SEGS, GrammarOptions(url=fake_lt.url, cache_dir=""))
    assert "HTTP 500" in _one_line(info.value)


def test_not_a_languagetool_server(fake_lt, monkeypatch):
    class Answer:
        status_code = 200
        text = "<html>"

        def json(self):
            raise ValueError("not json")

    monkeypatch.setattr(requests.Session, "post", lambda *a, **k: Answer())
    with pytest.raises(GrammarUnavailable) as info:
        check(SEGS, GrammarOptions(url=fake_lt.url, cache_dir=""))
    assert "did not answer like a LanguageTool server" in _one_line(info.value)


@pytest.mark.parametrize(
    "error, words",
    [
        (requests.exceptions.ConnectionError("Max retries exceeded ... NameResolutionError"), "could not download"),
        (ModuleNotFoundError("No java install detected. Please install java ..."), "no Java found"),
        (SystemError("Detected java 11.0. LanguageTool requires Java >= 17"), "java 11.0"),
        (RuntimeError("boom\nwith a second line"), "RuntimeError: boom with a second line"),
    ],
)
def test_local_mode_failures_become_one_line(monkeypatch, error, words):
    import language_tool_python

    monkeypatch.delenv("EMAILLINT_LANGUAGETOOL_URL", raising=False)
    monkeypatch.setattr(_server, "_local_tool", None)

    def fail(*args, **kwargs):
        raise error

    monkeypatch.setattr(language_tool_python, "LanguageTool", fail)
    with pytest.raises(GrammarUnavailable) as info:
        check(SEGS, GrammarOptions(cache_dir=""))
    line = _one_line(info.value)
    assert words in line
    assert "scripts/languagetool-server start" in line and "--languagetool-url" in line


def test_local_mode_reuses_one_server(monkeypatch, fake_lt):
    import language_tool_python

    made = []

    class Tool:
        def __init__(self, language):
            made.append(language)
            self.url = fake_lt.url + "/v2/"

    monkeypatch.delenv("EMAILLINT_LANGUAGETOOL_URL", raising=False)
    monkeypatch.setattr(_server, "_local_tool", None)
    monkeypatch.setattr(language_tool_python, "LanguageTool", Tool)
    check(SEGS, GrammarOptions(cache_dir=""))
    check([Segment(0, "Another one.")], GrammarOptions(cache_dir=""))
    assert made == ["en-US"]
    assert len(fake_lt.requests) == 2


def test_import_is_light():
    import subprocess
    import sys
    from pathlib import Path

    code = "import sys, emaillint.grammar; print('requests' in sys.modules, 'language_tool_python' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[2])
    assert out.stdout.split() == ["False", "False"]
