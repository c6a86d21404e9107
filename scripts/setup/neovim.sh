#!/usr/bin/env bash
# Installs Neovim from the Debian package (bookworm: 0.7.2) for the editor test
# tests/editors/nvim/test_nvim_lsp.py.
#
# Idempotent: does nothing when `nvim` is already on PATH. Otherwise runs
# `apt-get update` then `apt-get install -y neovim` (as root, or through sudo).
# Fails loudly (non-zero exit, a message on stderr) when anything goes wrong.
set -euo pipefail

die() {
    echo "scripts/setup/neovim.sh: ERROR: $*" >&2
    exit 1
}

if command -v nvim >/dev/null 2>&1; then
    echo "scripts/setup/neovim.sh: nvim already installed: $(nvim --version | head -n 1)"
    exit 0
fi

command -v apt-get >/dev/null 2>&1 \
    || die "nvim is missing and apt-get is not available; install Neovim 0.7 or newer by hand."

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "nvim is missing; run this script as root (or install sudo) to apt-get install neovim."
    sudo_cmd=(sudo)
fi

echo "scripts/setup/neovim.sh: apt-get update"
"${sudo_cmd[@]}" apt-get update || die "apt-get update failed"
echo "scripts/setup/neovim.sh: apt-get install -y neovim"
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y neovim || die "apt-get install -y neovim failed"

command -v nvim >/dev/null 2>&1 || die "neovim was installed but nvim is still not on PATH"
echo "scripts/setup/neovim.sh: installed $(nvim --version | head -n 1)"
