#!/usr/bin/env bash
# Installs Neovim from the Debian package (bookworm: 0.7.2) for the editor test
# tests/editors/nvim/test_nvim_lsp.py. Idempotent; fails loudly (scripts/lib/apt-install.sh).
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/../lib/apt-install.sh" neovim nvim neovim
