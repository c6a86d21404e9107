"""The first Neovim snippet in docs/editors.md (the README shows the same one), read from the page
and used as the whole init.lua of Debian's Neovim 0.7.2, headless, with no plugins: opening a
draft starts ``emaillint lsp`` and its findings arrive as diagnostics; the documented keys work
(``K`` shows the hover, ``]d`` goes to a finding, ``<leader>a`` offers and applies a fix).
``emaillint`` on PATH runs this checkout, as it would after ``pip install '.[lsp]'``. These tests
FAIL (never skip) when nvim or pygls is missing: run scripts/setup/neovim.sh."""
from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.cli.support import REPO_ROOT, isolated_env
from tests.docs.doc_commands import fenced_blocks
from tests.editors.nvim.test_nvim_lsp import DRAFT, require_nvim

KEYS = Path(__file__).with_name("keys.lua")


def first_neovim_snippet(doc: Path) -> str:
    """The first Lua block after the doc's Neovim heading."""
    text = doc.read_text(encoding="utf-8")
    heading = re.search(r"^#+ .*Neovim", text, re.M) or re.search(r"^#+ Editors", text, re.M)
    assert heading, f"{doc.name} has no Neovim section"
    start = text.count("\n", 0, heading.start()) + 1
    blocks = [b for b in fenced_blocks(doc) if b.lang == "lua" and b.line > start]
    assert blocks, f"{doc.name} has no Lua snippet after its Neovim heading"
    return "\n".join(blocks[0].lines) + "\n"


SNIPPET = first_neovim_snippet(REPO_ROOT / "docs" / "editors.md")


def test_the_readme_shows_the_same_snippet():
    assert first_neovim_snippet(REPO_ROOT / "README.md") == SNIPPET


def test_the_snippet_needs_no_plugin():
    assert "require(" not in SNIPPET, "Debian packages no Neovim LSP plugin; the first snippet must not need one"


def run_snippet(tmp_path: Path, name: str, text: str, code: str, apply: str | None = None) -> dict:
    nvim = require_nvim()
    env = isolated_env(tmp_path)
    init = tmp_path / "home" / ".config" / "nvim" / "init.lua"
    init.parent.mkdir(parents=True, exist_ok=True)
    init.write_text(SNIPPET, encoding="utf-8")  # where the doc says to put it; Neovim reads it from there
    project = tmp_path / "drafts"
    project.mkdir()
    (project / name).write_text(text, encoding="utf-8")
    out = tmp_path / "keys.json"
    env.update(EMAILLINT_NVIM_OUT=str(out), EMAILLINT_NVIM_CODE=code)
    if apply:
        env["EMAILLINT_NVIM_APPLY"] = apply
    proc = subprocess.run([nvim, "--headless", "-i", "NONE", "-n", name, "-c", f"luafile {KEYS}"], cwd=project,
                          env=env, capture_output=True, text=True, timeout=180)
    assert out.is_file(), f"nvim wrote no JSON (exit {proc.returncode}): {proc.stderr[-2000:]}"
    data = json.loads(out.read_text(encoding="utf-8"))
    assert "error" not in data, data["error"]
    assert data["nvim"].startswith("0.7."), f"the tests use Debian's Neovim 0.7, found {data['nvim']}"
    assert data["clients"] == 1, "the snippet did not attach emaillint to the draft"
    assert data["waited_ok"], f"no {code} diagnostic reached Neovim: {data['diagnostics']}"
    return data


def test_a_txt_draft_gets_diagnostics_hover_next_finding_and_a_fix(tmp_path):
    data = run_snippet(tmp_path, "draft.txt", DRAFT, "EL703", apply="Replace with 'I wanted to'")
    assert data["filetype"] == "text"
    codes = {d["code"] for d in data["diagnostics"]}
    assert {"EL703", "EL504", "score"} <= codes
    assert tuple(data["after_next"]) in {(d["lnum"], d["col"]) for d in data["diagnostics"]}
    assert data["after_next"] != [0, 0]
    hover = "\n".join(data["hover"])
    assert data["hover_shown"] and "EL703" in hover and "I wanted to" in hover, hover
    assert data["actions_offered"] and "Replace with 'I wanted to' (EL703)" in data["actions"], data.get("actions")
    assert data["changed"] and data["gone_after_apply"]
    assert "I wanted to share a study from two clinics your size." in data["lines_after"]


@pytest.mark.parametrize("name, filetype", [("draft.md", "markdown"), ("draft.eml", "mail"),
                                            ("draft.txt.j2", "jinja")])
def test_other_drafts_get_diagnostics_and_hover(tmp_path, name, filetype):
    text = DRAFT if name != "draft.eml" else "From: Sam <sam@example.com>\nTo: dana@example.com\n" + DRAFT
    data = run_snippet(tmp_path, name, text, "EL504")
    assert data["filetype"] == filetype
    assert data["hover_shown"] and "EL504" in "\n".join(data["hover"])
