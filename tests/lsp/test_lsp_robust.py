"""The server stays up and responsive: broken drafts, broken config, a slow grammar server."""
from __future__ import annotations

import asyncio
import threading
import time

import pytest

from tests.fixtures.fake_languagetool import serve, utf16_len
from tests.lsp.conftest import change_doc, codes, open_doc, types, wait_published

DRAFT = "Subject: Clinics\n\nHi Dana,\n\nI just wanted to share teh study.\n\nWould Tuesday at 10 work for a call?\n\nSam\n"


@pytest.fixture
def slow_lt():
    """A LanguageTool look-alike that holds every check until the test releases it, and flags 'teh' (UTF-16 offsets)."""
    calls, release = [], threading.Event()

    def answer(form, text):
        calls.append(text)
        release.wait(30)  # held: every diagnostic published before the release did not wait for LanguageTool
        matches = []
        if "teh" in text:
            i = text.index("teh")
            matches.append({"message": "Possible spelling mistake found.", "replacements": [{"value": "the"}],
                            "offset": utf16_len(text[:i]), "length": 3,
                            "rule": {"id": "MORFOLOGIK_RULE_EN_US", "issueType": "misspelling",
                                     "category": {"id": "TYPOS"}}})
        return 200, matches

    with serve(answer) as url:
        yield url, calls, release
        release.set()


@pytest.mark.asyncio
async def test_slow_grammar_check_never_blocks_typing(client, tmp_path, slow_lt):
    url, calls, release = slow_lt
    (tmp_path / ".emaillint.toml").write_text(
        f'[grammar]\nenabled = true\nurl = "{url}"\ncache-dir = "{tmp_path / "ltcache"}"\n', encoding="utf-8")
    uri, first = await open_doc(client, tmp_path / "draft.txt", DRAFT)
    assert "EL703" in codes(first) and "EL902" not in codes(first)
    for _ in range(1500):  # the grammar pass has asked LanguageTool, which holds its answer
        if calls:
            break
        await asyncio.sleep(0.01)
    assert calls, "the grammar pass never asked LanguageTool"
    # typing while LanguageTool holds its answer: each change still gets its rule diagnostics
    for version in (2, 3):
        text = DRAFT.replace("Dana", "Dana" + "!" * (version - 1))
        after = await change_doc(client, uri, text, version)
        assert "EL703" in codes(after) and "EL902" not in codes(after)
    assert not release.is_set()  # so none of them waited for LanguageTool
    release.set()
    # then the grammar pass for the newest version arrives, with the spelling finding
    mark = 0
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        found = [p for _, p in client.published[mark:] if p.uri == uri and p.version == 3
                 and "EL902" in codes(p.diagnostics)]
        if found:
            break
        await asyncio.sleep(0.05)
    else:
        raise AssertionError(f"no grammar diagnostics for version 3: {[(p.version, codes(p.diagnostics)) for _, p in client.published]}")
    spelled = [d for d in found[0].diagnostics if d.code == "EL902"][0]
    line = text.split("\n")[4]
    assert (spelled.range.start.line, spelled.range.start.character) == (4, line.index("teh"))
    # nothing older than the newest version was published after it
    versions = [p.version for _, p in client.published if p.uri == uri]
    assert versions == sorted(versions), versions


@pytest.mark.asyncio
async def test_broken_config_is_a_diagnostic_and_recovers_on_save(client, tmp_path):
    config = tmp_path / ".emaillint.toml"
    config.write_text("select = [\n", encoding="utf-8")  # invalid TOML
    uri, diagnostics = await open_doc(client, tmp_path / "draft.txt", DRAFT)
    assert [d.code for d in diagnostics] == ["config"]
    assert "configuration error" in diagnostics[0].message and diagnostics[0].severity == types.DiagnosticSeverity.Error
    config.write_text('ignore = ["EL703"]\n', encoding="utf-8")
    mark = len(client.published)
    client.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=config.as_uri())))
    after = await wait_published(client, uri, 1, after=mark)
    assert "config" not in codes(after) and "EL703" not in codes(after) and "EL504" not in codes(after)
    assert "score" in [d.code for d in after]


BROKEN = [
    ("draft.txt.j2", "{% if x %}\nSubject: {{ \n\nHi {{ first_name\n\n{% for %}{# unclosed"),
    ("draft.md", "---\nsubject: [unclosed\nkind: 12\n---\n<!-- emaillint: disable-next-line= -->\n"),
    ("draft.eml", "From: \x00\x01 broken\nContent-Type: multipart/mixed; boundary=\"x\"\n\n--x\nContent-Type: text/html\n\n<p>Hi<b>\n"),
    ("draft.txt", ""),
    ("draft.txt", "\ufeff\r\n\r\n\u2028\u2029\x0c\x1c\x85 🎉" * 50),
]


@pytest.mark.asyncio
@pytest.mark.parametrize("name, text", BROKEN)
async def test_broken_documents_never_crash_the_server(client, tmp_path, name, text):
    uri, diagnostics = await open_doc(client, tmp_path / name, text)
    for d in diagnostics:
        assert d.range.start.line >= 0 and d.range.start.character >= 0
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=0, character=0)))
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=999, character=0)),
        context=types.CodeActionContext(diagnostics=[])))
    assert hover is None or hover.contents.value
    assert actions is None or isinstance(actions, (list, tuple))
    # still alive and linting
    after = await change_doc(client, uri, DRAFT, 2)
    assert "EL703" in codes(after)


@pytest.mark.asyncio
async def test_other_documents_are_ignored_and_close_clears(client, tmp_path):
    mark = len(client.published)
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=(tmp_path / "setup.py").as_uri(), language_id="python", version=1, text="print('hi')\n")))
    uri, diagnostics = await open_doc(client, tmp_path / "draft.txt", DRAFT)
    assert {p.uri for _, p in client.published[mark:]} == {uri}
    mark = len(client.published)
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    assert await wait_published(client, uri, None, after=mark) == []


@pytest.mark.asyncio
async def test_untitled_markdown_buffer(client):
    uri = "untitled:Untitled-1"
    mark = len(client.published)
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri, language_id="markdown", version=1, text="<!-- note -->\n" + DRAFT)))
    diagnostics = await wait_published(client, uri, 1, after=mark)
    assert "EL703" in codes(diagnostics)
