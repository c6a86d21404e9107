"""Build checks for the VS Code extension in editors/vscode.

VS Code itself cannot be run here, so these tests prove only that the
extension compiles with tsc (strict), that the compiled client launches
`emaillint lsp` (checked in the JS text and by loading out/extension.js in
node with a stub `vscode` module), and that package.json activates for and
selects plaintext, markdown, .eml and Jinja documents.

Needs `scripts/setup/vscode.sh` to have been run first (npm ci). The tests
fail, never skip, when that has not happened.
"""

from __future__ import annotations

import fnmatch
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
EXT_DIR = REPO_ROOT / "editors" / "vscode"
OUT_JS = EXT_DIR / "out" / "extension.js"
SETUP_HINT = "run scripts/setup/vscode.sh (npm ci + npm run compile in editors/vscode) first"

REQUIRED_LANGUAGES = ("plaintext", "markdown", "email", "jinja")
SAMPLE_FILES = {
    "eml": ("draft.eml",),
    "jinja": ("follow_up.j2", "follow_up.jinja", "follow_up.txt.j2", "follow_up.md.j2"),
}

# Loads out/extension.js with a stub `vscode` module and prints what the
# client would launch and which documents it selects.
NODE_PROBE = r"""
const Module = require("module");
const origLoad = Module._load;
const config = JSON.parse(process.argv[3] || "{}");
function anyStub(name) {
  const fn = function () {};
  return new Proxy(fn, {
    get(t, p) {
      if (p === "prototype") return t.prototype;
      if (p === Symbol.toPrimitive) return () => name;
      return anyStub(name + "." + String(p));
    },
    construct() { return anyStub(name + "()"); },
    apply() { return anyStub(name + "()"); },
  });
}
const vscodeStub = new Proxy({
  workspace: {
    workspaceFolders: undefined,
    getConfiguration: (section) => ({
      get: (key, dflt) => (key in config ? config[key] : dflt),
      section,
    }),
  },
}, { get(t, p) { return p in t ? t[p] : anyStub("vscode." + String(p)); } });
Module._load = function (request) {
  if (request === "vscode") return vscodeStub;
  return origLoad.apply(this, arguments);
};
const ext = require(process.argv[2]);
const exe = ext.serverExecutable();
console.log(JSON.stringify({
  command: exe.command,
  args: exe.args,
  selector: ext.documentSelector(),
}));
"""


def _run(args: list[str], timeout: int = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=EXT_DIR, capture_output=True, text=True, timeout=timeout, check=False
    )


def _require_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"`{name}` is not on PATH; install Node.js/npm, then {SETUP_HINT}")
    return path


@pytest.fixture(scope="module")
def npm() -> str:
    npm_path = _require_tool("npm")
    _require_tool("node")
    if not (EXT_DIR / "node_modules").is_dir():
        pytest.fail(f"{EXT_DIR / 'node_modules'} does not exist; {SETUP_HINT}")
    if not (EXT_DIR / "node_modules" / ".bin" / "tsc").exists():
        pytest.fail(f"TypeScript is not installed in {EXT_DIR / 'node_modules'}; {SETUP_HINT}")
    return npm_path


@pytest.fixture(scope="module")
def compiled_js(npm: str) -> str:
    result = _run([npm, "run", "compile"])
    assert result.returncode == 0, (
        f"npm run compile failed (exit {result.returncode}):\n{result.stdout}\n{result.stderr}"
    )
    assert OUT_JS.is_file(), f"npm run compile did not produce {OUT_JS}"
    return OUT_JS.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def package_json() -> dict:
    return json.loads((EXT_DIR / "package.json").read_text(encoding="utf-8"))


def _expand_braces(pattern: str) -> list[str]:
    match = re.search(r"\{([^{}]*)\}", pattern)
    if match is None:
        return [pattern]
    head, tail = pattern[: match.start()], pattern[match.end() :]
    return [p for alt in match.group(1).split(",") for p in _expand_braces(head + alt + tail)]


def _glob_matches(pattern: str, filename: str) -> bool:
    # "**/" matches any directory prefix, including none.
    return any(
        fnmatch.fnmatch(filename, p.removeprefix("**/")) or fnmatch.fnmatch("dir/" + filename, p)
        for p in _expand_braces(pattern)
    )


def _probe(node_config: dict | None, tmp_path: Path) -> dict:
    script = tmp_path / "probe.js"
    script.write_text(NODE_PROBE, encoding="utf-8")
    result = subprocess.run(
        ["node", str(script), str(OUT_JS), json.dumps(node_config or {})],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, f"node probe failed:\n{result.stdout}\n{result.stderr}"
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_compile_produces_extension_js_that_launches_emaillint_lsp(compiled_js: str) -> None:
    assert re.search(r'DEFAULT_EXECUTABLE\s*=\s*"emaillint"', compiled_js), compiled_js
    assert re.search(r'LSP_ARGS\s*=\s*\[\s*"lsp"\s*\]', compiled_js), compiled_js
    assert re.search(r"args:\s*\[\.\.\.exports\.LSP_ARGS", compiled_js), compiled_js
    assert "vscode-languageclient/node" in compiled_js
    assert "TransportKind.stdio" in compiled_js
    assert '"emaillint.restartServer"' in compiled_js


def test_compiled_client_launch_command(compiled_js: str, tmp_path: Path) -> None:
    default = _probe(None, tmp_path)
    assert default["command"] == "emaillint"
    assert default["args"] == ["lsp"]

    custom = _probe({"path": "/venv/bin/emaillint", "args": ["--verbose"]}, tmp_path)
    assert custom["command"] == "/venv/bin/emaillint"
    assert custom["args"] == ["lsp", "--verbose"]


def test_document_selector_covers_languages_and_schemes(compiled_js: str, tmp_path: Path) -> None:
    selector = _probe(None, tmp_path)["selector"]
    for scheme in ("file", "untitled"):
        languages = {f.get("language") for f in selector if f.get("scheme") == scheme}
        for language in REQUIRED_LANGUAGES:
            assert language in languages, f"{language!r} missing for scheme {scheme!r}: {selector}"
    patterns = [f["pattern"] for f in selector if "pattern" in f]
    for names in SAMPLE_FILES.values():
        for name in names:
            assert any(_glob_matches(p, name) for p in patterns), (name, patterns)


def test_package_json_activation_and_languages(package_json: dict) -> None:
    assert package_json["main"] == "./out/extension.js"
    assert package_json["engines"]["vscode"] == "^1.82.0"
    assert package_json["scripts"]["compile"] == "tsc -p ."
    assert package_json["dependencies"]["vscode-languageclient"].lstrip("^~").startswith("9.")

    events = set(package_json["activationEvents"])
    for language in REQUIRED_LANGUAGES:
        assert f"onLanguage:{language}" in events, events

    contributed = {lang["id"]: lang for lang in package_json["contributes"]["languages"]}
    extensions = {
        kind: set(contributed[lang_id].get("extensions", []))
        for kind, lang_id in (("eml", "email"), ("jinja", "jinja"))
    }
    for kind, names in SAMPLE_FILES.items():
        for name in names:
            assert any(name.endswith(ext) for ext in extensions[kind]), (name, extensions[kind])

    props = package_json["contributes"]["configuration"]["properties"]
    assert props["emaillint.path"]["default"] == "emaillint"
    assert props["emaillint.args"]["default"] == []
    commands = {c["command"]: c for c in package_json["contributes"]["commands"]}
    restart = commands["emaillint.restartServer"]
    assert f'{restart["category"]}: {restart["title"]}' == "emaillint: Restart server"


def test_tsc_no_emit_has_no_errors(npm: str) -> None:
    tsc = EXT_DIR / "node_modules" / ".bin" / "tsc"
    result = _run([str(tsc), "--noEmit", "-p", "."])
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"tsc --noEmit failed:\n{output}"
    assert "error TS" not in output, output
