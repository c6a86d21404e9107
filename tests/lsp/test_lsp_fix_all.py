"""The source action "Fix all emaillint problems" (``source.fixAll.emaillint``, as ruff's server offers): applied
by the test client, it leaves the buffer exactly as ``emaillint check --fix`` leaves the same draft."""
from __future__ import annotations

import subprocess
import sys

import pytest

from tests.lsp.conftest import apply_edit, change_doc, codes, open_doc, types

FIX_ALL = "source.fixAll.emaillint"
# fixes that need two passes (the pleasantry goes, then "Just" starts the sentence), a stack of marks, a capital
DRAFT = ("Subject: scheduling at the new clinics\n\nHi Dana,\n\nI hope this email finds you well. Just wanted to share "
         "a study from two clinics your size!!! It is FREE for the first month.\n\nSorry to bother you, I know you're "
         "busy.\n\nThe results were AMAZING.\n\nWould Tuesday at 10 work for a 15-minute call?\n\nSam\n")


def fixed_by_cli(text: str, name: str) -> str:
    proc = subprocess.run([sys.executable, "-m", "emaillint", "check", "--isolated", "--fix", "--stdin-filename", name,
                           "-"], input=text, capture_output=True, text=True)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.stdout


async def fix_all(client, uri, only=(FIX_ALL,)):
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
        context=types.CodeActionContext(diagnostics=[], only=list(only),
                                        trigger_kind=types.CodeActionTriggerKind.Automatic)))
    return [a for a in actions or [] if a.kind == FIX_ALL]


@pytest.mark.asyncio
@pytest.mark.parametrize("only", [(FIX_ALL,), ("source.fixAll",), ("source",)], ids=["exact", "fixAll", "source"])
async def test_fix_all_equals_check_fix(client, tmp_path, only):
    uri, diagnostics = await open_doc(client, tmp_path / "draft.txt", DRAFT)
    assert {"EL706", "EL703", "EL503", "EL504", "EL702"} <= set(codes(diagnostics))
    [action] = await fix_all(client, uri, only)
    assert action.title.startswith("Fix all emaillint problems") and action.is_preferred is not True
    fixed = apply_edit(DRAFT, action.edit, uri)
    expected = fixed_by_cli(DRAFT, "draft.txt")
    assert fixed == expected != DRAFT
    assert "Wanted to share a study from two clinics your size! It is free for the first month." in fixed
    assert "The results were AMAZING." in fixed  # an unsafe fix is left for review
    after = await change_doc(client, uri, fixed, 2)
    assert not {"EL706", "EL703", "EL503", "EL702"} & set(codes(after)) and "EL504" in codes(after)
    assert await fix_all(client, uri) == []  # nothing safe left: no action


@pytest.mark.asyncio
async def test_fix_all_keeps_crlf_and_is_not_offered_for_other_kinds(client, tmp_path):
    text = DRAFT.replace("\n", "\r\n")
    uri, _ = await open_doc(client, tmp_path / "draft.md", text)
    [action] = await fix_all(client, uri)
    fixed = apply_edit(text, action.edit, uri)
    assert "\n" not in fixed.replace("\r\n", "")
    assert fixed == fixed_by_cli(DRAFT, "draft.md").replace("\n", "\r\n")
    assert await fix_all(client, uri, ("quickfix",)) == []
    assert await fix_all(client, uri, ("source.organizeImports",)) == []
