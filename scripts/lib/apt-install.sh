#!/usr/bin/env bash
# Installs a Debian package that a test needs, once: scripts/lib/apt-install.sh NAME COMMAND PACKAGE...
#
# Idempotent: does nothing when COMMAND is already on PATH. Otherwise runs `apt-get update`
# then `apt-get install -y --no-install-recommends PACKAGE...` (as root, or through sudo).
# Nothing is downloaded from anywhere but Debian's archive. Fails loudly (non-zero exit,
# a message on stderr naming NAME) when anything goes wrong.
set -euo pipefail

name=$1 command=$2
shift 2
die() {
    echo "scripts/setup/$name.sh: ERROR: $*" >&2
    exit 1
}

if command -v "$command" >/dev/null 2>&1; then
    echo "scripts/setup/$name.sh: $command already installed: $("$command" --version 2>/dev/null | head -n 1)"
    exit 0
fi

command -v apt-get >/dev/null 2>&1 \
    || die "$command is missing and apt-get is not available; install Debian's $* by hand."

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "$command is missing; run this script as root (or install sudo) to apt-get install $*."
    sudo_cmd=(sudo)
fi

echo "scripts/setup/$name.sh: apt-get update"
"${sudo_cmd[@]}" apt-get update || die "apt-get update failed"
echo "scripts/setup/$name.sh: apt-get install -y $*"
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y --no-install-recommends "$@" \
    || die "apt-get install -y $* failed"

command -v "$command" >/dev/null 2>&1 || die "$* was installed but $command is still not on PATH"
echo "scripts/setup/$name.sh: installed $("$command" --version 2>/dev/null | head -n 1)"
