"""docs/editors.md's fix-on-save snippet, read from the page and put after its first snippet as the whole
init.lua of Debian's Neovim 0.7.2 (headless, no plugins): ``:w`` on a draft writes exactly what
``emaillint check --fix`` writes for it. FAILS (never skips) when nvim or pygls is missing."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.support import REPO_ROOT, isolated_env
from tests.docs.doc_commands import fenced_blocks
from tests.editors.nvim.test_nvim_lsp import require_nvim
from tests.editors.nvim.test_nvim_snippet import SNIPPET

KEYS = Path(__file__).with_name("keys.lua")
DOC = REPO_ROOT / "docs" / "editors.md"
# two passes (the pleasantry goes, then "Just" starts the sentence), a stack of marks, a known shouting word;
# "AMAZING" has only an unsafe fix and stays
DRAFT = ("Subject: scheduling at the new clinics\n\nHi Dana,\n\nI hope this email finds you well. Just wanted to share "
         "a study from two clinics your size!!! It is FREE for the first month.\n\nThe results were AMAZING.\n\n"
         "Would Tuesday at 10 work for a 15-minute call?\n\nSam\n")


def fix_on_save_snippet() -> str:
    text = DOC.read_text(encoding="utf-8")
    heading = re.search(r"^### Fix on save in Neovim$", text, re.M)
    assert heading, "docs/editors.md has no 'Fix on save in Neovim' section"
    start = text.count("\n", 0, heading.start()) + 1
    blocks = [b for b in fenced_blocks(DOC) if b.lang == "lua" and b.line > start]
    assert blocks, "no Lua snippet after 'Fix on save in Neovim'"
    return "\n".join(blocks[0].lines) + "\n"


def fixed_by_cli(path: Path) -> str:
    proc = subprocess.run([sys.executable, "-m", "emaillint", "check", "--isolated", "--fix", "-"],
                          input=path.read_text(encoding="utf-8"), capture_output=True, text=True)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.stdout


@pytest.mark.parametrize("name", ["draft.txt", "draft.md"])
def test_saving_a_draft_applies_the_safe_fixes_as_check_fix_does(tmp_path, name):
    nvim = require_nvim()
    env = isolated_env(tmp_path)
    init = tmp_path / "home" / ".config" / "nvim" / "init.lua"
    init.parent.mkdir(parents=True, exist_ok=True)
    init.write_text(SNIPPET + "\n" + fix_on_save_snippet(), encoding="utf-8")
    project = tmp_path / "drafts"
    project.mkdir()
    draft = project / name
    draft.write_text(DRAFT, encoding="utf-8")
    expected = fixed_by_cli(draft)
    assert expected != DRAFT and "Wanted to share a study from two clinics your size! It is free" in expected
    out = tmp_path / "save.json"
    env.update(EMAILLINT_NVIM_OUT=str(out), EMAILLINT_NVIM_CODE="EL703", EMAILLINT_NVIM_SAVE="1")
    proc = subprocess.run([nvim, "--headless", "-i", "NONE", "-n", name, "-c", f"luafile {KEYS}"], cwd=project,
                          env=env, capture_output=True, text=True, timeout=180)
    assert out.is_file(), f"nvim wrote no JSON (exit {proc.returncode}): {proc.stderr[-2000:]}"
    data = json.loads(out.read_text(encoding="utf-8"))
    assert "error" not in data, data["error"]
    assert data["nvim"].startswith("0.7.") and data["clients"] == 1 and data["waited_ok"], data
    assert not data["modified_after_write"]
    assert draft.read_text(encoding="utf-8") == expected
    assert "The results were AMAZING." in expected  # the unsafe fix waits for review
