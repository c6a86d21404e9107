"""`emaillint lsp` in a real editor: Neovim (Debian's 0.7.2) headless, driven by lsp_dump.lua.

The Lua script opens a draft, attaches the server with vim.lsp.start_client,
waits for diagnostics, asks for hover and code actions, optionally applies
one through Neovim's own apply_workspace_edit, and writes what it saw to JSON.

These tests FAIL (never skip) when nvim or pygls is missing:
run scripts/setup/neovim.sh and pip install -e '.[test]'.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "lsp_dump.lua"
SERVER = [sys.executable, "-m", "emaillint", "lsp"]

DRAFT = (Path(__file__).resolve().parents[2] / "fixtures" / "clinic-draft.txt").read_text(encoding="utf-8")


def require_nvim() -> str:
    """nvim's path; FAILS the calling test with an install hint when nvim or pygls is missing."""
    path = shutil.which("nvim")
    if path is None:
        pytest.fail("nvim is not installed: run scripts/setup/neovim.sh (apt-get install -y neovim)")
    probe = subprocess.run([sys.executable, "-c", "import pygls.lsp.server, lsprotocol.types"],
                           capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.fail("the language server needs pygls 2.1 and lsprotocol: pip install -e '.[lsp]' "
                    f"({probe.stderr.strip().splitlines()[-1] if probe.stderr.strip() else 'import failed'})")
    return path


def run_nvim(nvim: str, draft: Path, code: str, apply: str | None = None) -> dict:
    out = draft.parent / "nvim-lsp.json"
    env = dict(os.environ, EMAILLINT_LSP_CMD_JSON=json.dumps(SERVER), EMAILLINT_NVIM_OUT=str(out),
               EMAILLINT_NVIM_CODE=code)
    if apply:
        env["EMAILLINT_NVIM_APPLY"] = apply
    proc = subprocess.run([nvim, "--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", f"luafile {SCRIPT}", str(draft)],
                          cwd=draft.parent, env=env, capture_output=True, text=True, timeout=120)
    assert out.is_file(), f"nvim wrote no JSON (exit {proc.returncode}): {proc.stderr[-2000:]}"
    data = json.loads(out.read_text(encoding="utf-8"))
    assert "error" not in data, data["error"]
    assert data["waited_ok"], f"no {code} diagnostic reached Neovim: {data.get('diagnostics')}"
    return data


def test_neovim_diagnostics_hover_and_quick_fix(tmp_path):
    nvim = require_nvim()
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    data = run_nvim(nvim, draft, "EL703", apply="Replace with 'I wanted to'")
    assert data["nvim"]
    assert data["offset_encoding"] == "utf-16"
    by_code = {d["code"]: d for d in data["diagnostics"]}
    # Neovim turns the server's UTF-16 columns into byte columns: check them against the text.
    line = DRAFT.split("\n")[4]
    shout = by_code["EL504"]
    assert (shout["lnum"], shout["col"]) == (4, len(line[: line.index("AMAZING")].encode("utf-8")))
    assert shout["end_col"] - shout["col"] == len("AMAZING")
    assert by_code["score"]["lnum"] == 0 and "emaillint score" in by_code["score"]["message"]
    assert "I wanted to share a study from two clinics your size." in data["hover"]
    assert data["code_actions"][0] == "Replace with 'I wanted to' (EL703)"
    assert "Disable EL703 for this line" in data["code_actions"]
    assert "Disable EL703 in this file" in data["code_actions"]
    assert data["applied"] and data["changed"] and data["gone_after_apply"]
    assert data["lines_after"][5] == "I wanted to share a study from two clinics your size."
    assert "EL703" not in {d["code"] for d in data["diagnostics_after"]}
    assert "EL504" in {d["code"] for d in data["diagnostics_after"]}


@pytest.mark.parametrize("name, comment", [
    ("draft.md", "<!-- emaillint: disable-file=EL504 -->"),
    ("draft.txt.j2", "{# emaillint: disable-file=EL504 #}"),
    ("draft.eml", "# emaillint: disable-file=EL504"),
])
def test_neovim_disable_in_file_for_each_format(tmp_path, name, comment):
    nvim = require_nvim()
    text = DRAFT if not name.endswith(".eml") else "From: Sam <sam@example.com>\nTo: dana@example.com\n" + DRAFT
    draft = tmp_path / name
    draft.write_text(text, encoding="utf-8")
    data = run_nvim(nvim, draft, "EL504", apply="Disable EL504 in this file")
    assert data["gone_after_apply"], data.get("diagnostics_after")
    assert comment in data["lines_after"]
    codes_after = {d["code"] for d in data["diagnostics_after"]}
    assert "EL504" not in codes_after and "EL003" not in codes_after and "EL501" in codes_after
