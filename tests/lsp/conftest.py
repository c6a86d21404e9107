"""Fixtures for the language server tests: a pytest-lsp client over stdio.

The server runs as ``python -m emaillint lsp`` in a subprocess. Every test
that needs a client FAILS (never skips) with an install hint when pygls,
lsprotocol or pytest-lsp is missing.

Helpers:
  ``open_doc(client, path, text)``      didOpen and wait for its diagnostics
  ``change_doc(client, uri, text, v)``  full-text didChange and wait for version v
  ``apply_edit(text, edit, uri)``       apply a WorkspaceEdit to a string (UTF-16 ranges)
"""
from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

import pytest

try:
    import pygls  # noqa: F401  (imported to fail early with an install hint)
    import pytest_lsp
    from lsprotocol import types
    from pygls.protocol import default_converter
    from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
    from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

    MISSING = None
except ImportError as exc:  # pragma: no cover - exercised only on a broken install
    MISSING = (f"the LSP tests need pygls 2.1, lsprotocol 2025.0.0 and pytest-lsp 1.0 ({exc}); "
               f"install them with: pip install -e '.[test]'")
    types = None

SERVER = [sys.executable, "-m", "emaillint", "lsp"]
TIMEOUT = 15.0


def utf16_col(line: str, index: int) -> int:
    """Column of code point ``index`` in UTF-16 code units (independent of the server code)."""
    return len(line[:index].encode("utf-16-le")) // 2


def _record(client: LanguageClient, params):
    client.diagnostics[params.uri] = params.diagnostics
    client.published.append((time.perf_counter(), params))


def _lens_refresh(client: LanguageClient, params):
    client.lens_refreshes += 1


def make_client():
    client = LanguageClient(converter_factory=default_converter)
    client.published = []
    client.lens_refreshes = 0
    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: _record,
                                   types.WORKSPACE_CODE_LENS_REFRESH: _lens_refresh})
    return client


async def wait_published(client, uri: str, version: int | None = None, timeout: float = TIMEOUT, after: int = 0):
    """The first diagnostics published for ``uri`` (at ``version``) after index ``after``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for _, params in client.published[after:]:
            if params.uri == uri and (version is None or params.version == version):
                return list(params.diagnostics)
        await asyncio.sleep(0.002)
    seen = [(p.uri, p.version) for _, p in client.published]
    raise AssertionError(f"no diagnostics for {uri} version {version} within {timeout}s (got {seen})")


LANGUAGE = {".txt": "plaintext", ".md": "markdown", ".eml": "plaintext", ".j2": "jinja"}


async def open_doc(client, path: Path, text: str, version: int = 1, language_id: str | None = None):
    uri = path.as_uri()
    mark = len(client.published)
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri, language_id=language_id or LANGUAGE.get(path.suffix, "plaintext"), version=version, text=text)))
    return uri, await wait_published(client, uri, version, after=mark)


async def change_doc(client, uri: str, text: str, version: int):
    mark = len(client.published)
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
    return await wait_published(client, uri, version, after=mark)


def _offset(text: str, pos) -> int:
    lines = text.split("\n")
    before = sum(len(line) + 1 for line in lines[: pos.line])
    line = lines[pos.line] if pos.line < len(lines) else ""
    units = 0
    for i, ch in enumerate(line):
        if units >= pos.character:
            return before + i
        units += 2 if ord(ch) > 0xFFFF else 1
    return before + len(line)


def apply_edit(text: str, edit, uri: str) -> str:
    """Apply a WorkspaceEdit's changes for ``uri`` to ``text`` (LF text, UTF-16 positions)."""
    edits = list(edit.changes[uri])
    spans = sorted(((_offset(text, e.range.start), _offset(text, e.range.end), e.new_text) for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def codes(diagnostics) -> list[str]:
    return [d.code for d in diagnostics if d.code != "score"]


@pytest.fixture
def lsp_deps():
    """For tests that start their own client: FAIL with an install hint when the LSP packages are missing."""
    if MISSING:
        pytest.fail(MISSING)


if MISSING is None:

    @pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER, client_factory=make_client))
    async def client(lsp_client: LanguageClient):
        await lsp_client.initialize_session(types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            initialization_options={"debounceMs": 20}))
        yield
        await lsp_client.shutdown_session()

    @pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER, client_factory=make_client))
    async def nvim_client(lsp_client: LanguageClient):
        """A client with Neovim 0.7's captured capabilities (UTF-16, plain text hovers allowed)."""
        await lsp_client.initialize_session(types.InitializeParams(capabilities=client_capabilities("neovim@v0.7.0")))
        yield
        await lsp_client.shutdown_session()

else:

    @pytest.fixture
    def client():
        pytest.fail(MISSING)

    @pytest.fixture
    def nvim_client():
        pytest.fail(MISSING)
