#!/usr/bin/env bash
# Installs the VS Code extension's npm dependencies (from package-lock.json)
# and compiles it to editors/vscode/out/extension.js.
#
# Idempotent: `npm ci` reinstalls node_modules from the lock file every time
# and `tsc` overwrites out/. Needs node and npm (node 18+); exits non-zero with
# a clear message when they are missing or a step fails.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ext_dir="$repo_root/editors/vscode"

die() {
    echo "scripts/setup/vscode.sh: ERROR: $*" >&2
    exit 1
}

command -v node >/dev/null 2>&1 \
    || die "node is not installed or not on PATH; install Node.js 18 or newer (with npm) to build editors/vscode."
command -v npm >/dev/null 2>&1 \
    || die "npm is not installed or not on PATH; install npm (it ships with Node.js) to build editors/vscode."
[ -f "$ext_dir/package-lock.json" ] \
    || die "$ext_dir/package-lock.json is missing; cannot run npm ci."

cd "$ext_dir"
echo "scripts/setup/vscode.sh: npm ci in $ext_dir"
npm ci --no-audit --no-fund || die "npm ci failed in $ext_dir"
echo "scripts/setup/vscode.sh: npm run compile in $ext_dir"
npm run compile || die "npm run compile (tsc) failed in $ext_dir"
[ -f "$ext_dir/out/extension.js" ] \
    || die "compile finished but $ext_dir/out/extension.js was not produced."
echo "scripts/setup/vscode.sh: OK ($ext_dir/out/extension.js)"
