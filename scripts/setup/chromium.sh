#!/usr/bin/env bash
# Installs Debian's Chromium for the HTML report test tests/report/test_html_browser.py,
# which renders the report headless, asserts on the DOM and saves a screenshot.
#
# Idempotent: does nothing when `chromium` is already on PATH. Otherwise runs
# `apt-get update` then `apt-get install -y chromium` (as root, or through sudo).
# No browser is downloaded from anywhere else. Fails loudly (non-zero exit, a
# message on stderr) when anything goes wrong.
set -euo pipefail

die() {
    echo "scripts/setup/chromium.sh: ERROR: $*" >&2
    exit 1
}

if command -v chromium >/dev/null 2>&1; then
    echo "scripts/setup/chromium.sh: chromium already installed: $(chromium --version 2>/dev/null | head -n 1)"
    exit 0
fi

command -v apt-get >/dev/null 2>&1 \
    || die "chromium is missing and apt-get is not available; install Debian's chromium package by hand."

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "chromium is missing; run this script as root (or install sudo) to apt-get install chromium."
    sudo_cmd=(sudo)
fi

echo "scripts/setup/chromium.sh: apt-get update"
"${sudo_cmd[@]}" apt-get update || die "apt-get update failed"
echo "scripts/setup/chromium.sh: apt-get install -y chromium"
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y --no-install-recommends chromium fonts-dejavu-core \
    || die "apt-get install -y chromium failed"

command -v chromium >/dev/null 2>&1 || die "chromium was installed but is still not on PATH"
echo "scripts/setup/chromium.sh: installed $(chromium --version 2>/dev/null | head -n 1)"
