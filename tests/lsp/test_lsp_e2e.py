"""End to end: `emaillint lsp` over stdio, driven by pytest-lsp."""
from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.lsp.conftest import (
    apply_edit,
    change_doc,
    codes,
    open_doc,
    types,
    utf16_col,
    wait_published,
)

DRAFT = (Path(__file__).resolve().parents[1] / "fixtures" / "clinic-draft.txt").read_text(encoding="utf-8")


def _find(diagnostics, code):
    found = [d for d in diagnostics if d.code == code]
    assert found, f"no {code} in {[(d.code, d.message) for d in diagnostics]}"
    return found[0]


async def _actions(client, uri, diagnostic):
    return await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=diagnostic.range,
        context=types.CodeActionContext(diagnostics=[diagnostic])))


async def _apply(client, uri, text, actions, title_part, version):
    chosen = [a for a in actions if title_part in a.title]
    assert chosen, f"no action with {title_part!r} in {[a.title for a in actions]}"
    new_text = apply_edit(text, chosen[0].edit, uri)
    return new_text, await change_doc(client, uri, new_text, version)


@pytest.mark.asyncio
async def test_open_publishes_diagnostics_with_utf16_ranges(client, tmp_path):
    uri, diagnostics = await open_doc(client, tmp_path / "draft.txt", DRAFT)
    line = DRAFT.split("\n")[4]
    shout = _find(diagnostics, "EL504")
    col = line.index("AMAZING")
    assert col != utf16_col(line, col)  # the emoji make code points and UTF-16 differ
    assert (shout.range.start.line, shout.range.start.character) == (4, utf16_col(line, col))
    assert shout.range.end.character == utf16_col(line, col + len("AMAZING"))
    assert shout.severity == types.DiagnosticSeverity.Warning and shout.source == "emaillint"
    hedge = _find(diagnostics, "EL703")
    assert hedge.range.start.line == 5 and hedge.severity == types.DiagnosticSeverity.Information
    score = _find(diagnostics, "score")
    assert score.range.start.line == 0 and "emaillint score" in score.message and "/100" in score.message


@pytest.mark.asyncio
async def test_change_debounced_only_latest_version_published(client, tmp_path):
    uri, _ = await open_doc(client, tmp_path / "draft.txt", DRAFT)
    mark = len(client.published)
    text = DRAFT
    for version in range(2, 8):  # a burst of keystrokes, faster than the debounce
        text = text.replace("AMAZING", "AMAZING!" if version % 2 else "AMAZING")
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text.replace("AMAZING", "amazing") if version == 7 else text)]))
    diagnostics = await wait_published(client, uri, 7, after=mark)
    await asyncio.sleep(0.2)
    versions = [p.version for _, p in client.published[mark:] if p.uri == uri]
    assert versions == [7], versions
    assert "EL504" not in codes(diagnostics)


@pytest.mark.asyncio
async def test_hover_shows_explanation_better_example_and_score(client, tmp_path):
    uri, diagnostics = await open_doc(client, tmp_path / "draft.txt", DRAFT)
    hedge = _find(diagnostics, "EL703")
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=hedge.range.start))
    value = hover.contents.value
    assert "EL703" in value and "apologetic.just" in value
    assert "I wanted to share a study from two clinics your size." in value  # the better example
    assert "Why?" in value
    top = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=0, character=0)))
    assert "emaillint score" in top.contents.value and "| hype |" in top.contents.value
    nothing = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=11, character=1)))
    assert nothing is None


@pytest.mark.asyncio
async def test_code_lens_shows_score(client, tmp_path):
    uri, _ = await open_doc(client, tmp_path / "draft.txt", DRAFT)
    lenses = await client.text_document_code_lens_async(types.CodeLensParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    assert len(lenses) == 1 and lenses[0].range.start.line == 0
    assert lenses[0].command.title.startswith("emaillint score ")


@pytest.mark.asyncio
@pytest.mark.parametrize("code, title, safe", [("EL703", "Replace with 'I wanted to'", True),
                                               ("EL504", "Write 'amazing' (EL504) [review]", False)])
async def test_quick_fix_applied_and_diagnostic_gone(client, tmp_path, code, title, safe):
    """A safe fix is the preferred action; an unsafe one ("AMAZING" may be an acronym) is offered for review only."""
    uri, diagnostics = await open_doc(client, tmp_path / "draft.txt", DRAFT)
    actions = await _actions(client, uri, _find(diagnostics, code))
    preferred = [a for a in actions if a.is_preferred]
    assert [a.title for a in preferred if title in a.title] == ([preferred[0].title] if safe else [])
    new_text, after = await _apply(client, uri, DRAFT, actions, title, 2)
    assert code not in codes(after)
    assert ("I wanted to share" in new_text) if code == "EL703" else ("AMAZING" not in new_text and "🎉🎉" in new_text)


@pytest.mark.asyncio
async def test_the_preferred_fix_leaves_a_correct_sentence(client, tmp_path):
    """Issue 13: "Just wanted to bump this…" became "wanted to bump this…" as the preferred action. The preferred
    action is a safe fix, the same fix ``check --fix`` applies, and the sentence keeps its capital."""
    from emaillint.api import lint_text
    from emaillint.run.fixing import apply_fixes

    text = ("Subject: clinics\n\nHi Dana,\n\nJust wanted to bump this to the top of your inbox.\n"
            "Sorry to bother you, I know you're busy.\n\nWould Tuesday at 10 work for a call?\n\nSam\n")
    uri, diagnostics = await open_doc(client, tmp_path / "draft.txt", text)
    for code in ("EL703", "EL702"):
        preferred = [a for a in await _actions(client, uri, _find(diagnostics, code)) if a.is_preferred]
        assert len(preferred) == 1, [a.title for a in preferred]
        edited = apply_edit(text, preferred[0].edit, uri)
        problem = next(p for p in lint_text(text, str(tmp_path / "draft.txt")).problems if p.code == code)
        assert edited == apply_fixes(text, [problem])[0]  # the editor and the CLI apply one and the same fix
        assert "\nwanted" not in edited and "  " not in edited
    first = [a for a in await _actions(client, uri, _find(diagnostics, "EL703")) if a.is_preferred][0]
    assert "\nWanted to bump this to the top of your inbox.\n" in apply_edit(text, first.edit, uri)


@pytest.mark.asyncio
@pytest.mark.parametrize("name", ["draft.txt", "draft.md", "draft.txt.j2"])
async def test_disable_for_this_line(client, tmp_path, name):
    uri, diagnostics = await open_doc(client, tmp_path / name, DRAFT)
    actions = await _actions(client, uri, _find(diagnostics, "EL703"))
    new_text, after = await _apply(client, uri, DRAFT, actions, "Disable EL703 for this line", 2)
    assert "emaillint: disable-next-line=EL703" in new_text
    assert {"<!--": name.endswith(".md"), "{#": name.endswith(".j2")} == {
        "<!--": "<!--" in new_text, "{#": "{#" in new_text}
    assert "EL703" not in codes(after) and "EL003" not in codes(after)
    assert "EL504" in codes(after)


@pytest.mark.asyncio
@pytest.mark.parametrize("name", ["draft.txt", "draft.md", "draft.txt.j2", "draft.eml"])
async def test_disable_in_this_file(client, tmp_path, name):
    text = DRAFT if not name.endswith(".eml") else "From: Sam <sam@example.com>\nTo: dana@example.com\n" + DRAFT
    uri, diagnostics = await open_doc(client, tmp_path / name, text)
    actions = await _actions(client, uri, _find(diagnostics, "EL504"))
    new_text, after = await _apply(client, uri, text, actions, "Disable EL504 in this file", 2)
    assert "emaillint: disable-file=EL504" in new_text
    assert "EL504" not in codes(after) and "EL003" not in codes(after)


@pytest.mark.asyncio
async def test_disable_line_not_offered_inside_front_matter(client, tmp_path):
    text = "---\nsubject: AMAZING offer\nkind: cold\n---\nHi Dana,\n\nWould Tuesday at 10 work for a call?\n"
    uri, diagnostics = await open_doc(client, tmp_path / "draft.md", text)
    actions = await _actions(client, uri, _find(diagnostics, "EL504"))
    titles = [a.title for a in actions]
    assert "Disable EL504 for this line" not in titles and "Disable EL504 in this file" in titles
    new_text, after = await _apply(client, uri, text, actions, "Disable EL504 in this file", 2)
    assert new_text.startswith("---\nsubject: AMAZING offer\nkind: cold\n---\n<!-- emaillint: disable-file=EL504 -->\n")
    assert "EL504" not in codes(after)


FOLLOW_UP = (
    "Subject: Following up\n"
    "\n"
    "Hi Dana,\n"
    "\n"
    "Just following up on my last email. Did you get a chance to look at it?\n"
    "\n"
    "Best,\n"
    "Sam\n"
)


@pytest.mark.asyncio
@pytest.mark.parametrize("name, text, starts", [
    ("draft.txt", FOLLOW_UP, "Subject: "),
    ("draft.md", "---\nsubject: Following up\nkind: follow-up\n---\n" + FOLLOW_UP.split("\n\n", 1)[1], "---\nsubject: "),
    ("draft.eml", "From: Sam <sam@example.com>\n" + FOLLOW_UP, "From: Sam <sam@example.com>\nSubject: "),
])
async def test_insert_matching_template(client, tmp_path, name, text, starts):
    uri, diagnostics = await open_doc(client, tmp_path / name, text)
    cliche = _find(diagnostics, "EL301")
    actions = await _actions(client, uri, cliche)
    templates = [a for a in actions if a.title.startswith("Replace the draft with template")]
    assert templates, [a.title for a in actions]
    new_text, after = await _apply(client, uri, text, templates, "Replace the draft with template", 2)
    assert new_text.startswith(starts) and "ollowing up" not in new_text
    assert new_text.count("Subject:") <= 1 and "Hi Dana," in new_text  # the template's example values
    assert "EL301" not in codes(after)


@pytest.mark.asyncio
async def test_eml_fix_lands_on_the_right_text(client, tmp_path):
    text = ("From: Sam <sam@example.com>\nTo: Dana <dana@example.com>\nSubject: Clinics\n\nHi Dana,\n\n"
            "I just wanted to share a study. It is AMAZING.\n\nWould Tuesday at 10 work for a call?\n\nSam\n")
    uri, diagnostics = await open_doc(client, tmp_path / "draft.eml", text)
    shout = _find(diagnostics, "EL504")
    assert shout.range.start.line == 6
    actions = await _actions(client, uri, shout)
    new_text, after = await _apply(client, uri, text, actions, "Write 'amazing'", 2)
    assert "It is amazing." in new_text and new_text.startswith("From: Sam")
    assert "EL504" not in codes(after)


@pytest.mark.asyncio
async def test_crlf_buffer_positions_and_edits(client, tmp_path):
    text = DRAFT.replace("\n", "\r\n")
    uri, diagnostics = await open_doc(client, tmp_path / "draft.txt", text)
    hedge = _find(diagnostics, "EL703")
    assert (hedge.range.start.line, hedge.range.start.character) == (5, 0)
    actions = await _actions(client, uri, hedge)
    disable = [a for a in actions if a.title == "Disable EL703 for this line"][0]
    assert disable.edit.changes[uri][0].new_text.endswith("\r\n")


@pytest.mark.asyncio
async def test_utf8_position_encoding_negotiated(lsp_deps, tmp_path):
    """A client that prefers UTF-8 gets byte columns."""
    from pytest_lsp import ClientServerConfig

    from tests.lsp.conftest import SERVER, make_client

    config = ClientServerConfig(server_command=SERVER, client_factory=make_client)
    lsp = await config.start()
    try:
        result = await lsp.initialize_session(types.InitializeParams(capabilities=types.ClientCapabilities(
            general=types.GeneralClientCapabilities(position_encodings=[types.PositionEncodingKind.Utf8]))))
        assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf8
        uri, diagnostics = await open_doc(lsp, tmp_path / "draft.txt", DRAFT)
        line = DRAFT.split("\n")[4]
        shout = _find(diagnostics, "EL504")
        assert shout.range.start.character == len(line[: line.index("AMAZING")].encode("utf-8"))
        await lsp.shutdown_session()
    finally:
        await lsp.stop()


@pytest.mark.asyncio
@pytest.mark.parametrize("name", ["draft.txt", "draft.md", "draft.txt.j2", "draft.eml"])
async def test_every_code_action_keeps_crlf_bom_and_emoji(client, tmp_path, name):
    """Issue 10: each action offered on a CRLF document with a BOM and emoji, applied by an independent
    UTF-16 implementation, leaves a BOM first, only CRLF line ends and every emoji it did not replace."""
    body = DRAFT if not name.endswith(".eml") else "From: Sam <sam@example.com>\nTo: dana@example.com\n" + DRAFT
    text = "\ufeff" + body.replace("\n", "\r\n")
    uri, diagnostics = await open_doc(client, tmp_path / name, text)
    applied = 0
    for diagnostic in [d for d in diagnostics if d.code != "score"]:
        for action in await _actions(client, uri, diagnostic):
            new_text = apply_edit(text, action.edit, uri)
            assert new_text.startswith("\ufeff") and new_text.count("\ufeff") == 1, action.title
            assert "\n" not in new_text.replace("\r\n", "") and "\r" not in new_text.replace("\r\n", ""), action.title
            new_text.encode("utf-8")  # no half of a surrogate pair: an emoji was never cut
            if not action.title.startswith("Replace the draft with template"):
                assert new_text.count("🎉") == text.count("🎉"), action.title
            applied += 1
    assert applied >= 6
    shout = _find(diagnostics, "EL504")
    fixed, after = await _apply(client, uri, text, await _actions(client, uri, shout), "Write 'amazing'", 2)
    assert "EL504" not in codes(after) and "It is amazing growth.\r\n" in fixed
