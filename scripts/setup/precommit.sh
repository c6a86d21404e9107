#!/usr/bin/env bash
# Make the pre-commit tests and hooks runnable offline. Idempotent.
#
#  1. pre-commit (>=4) is importable by the project's python; install it
#     from PyPI when it is not.
#  2. The wheelhouse holds every wheel listed in tests/precommit/wheelhouse.txt
#     (hatchling, emaillint's runtime dependencies, setuptools, the pinned
#     ruff and pre-commit-hooks) and their dependencies. When a check with
#     --no-index already succeeds nothing is downloaded; otherwise the
#     missing wheels are fetched from PyPI once.
#
#   EMAILLINT_WHEELHOUSE   wheelhouse folder (default ~/.cache/emaillint/wheelhouse)
#   PYTHON                 interpreter to use (default: python3); the wheels
#                          are for this interpreter's version and platform
#
# Prints the wheelhouse path on stdout. Afterwards, hook environments build
# with no network:
#   PIP_NO_INDEX=1 PIP_FIND_LINKS="$(scripts/setup/precommit.sh)" pre-commit install-hooks
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
reqs="$here/tests/precommit/wheelhouse.txt"
py="${PYTHON:-python3}"
wh="${EMAILLINT_WHEELHOUSE:-$HOME/.cache/emaillint/wheelhouse}"

die() { echo "precommit setup: $*" >&2; exit 1; }

[ -f "$reqs" ] || die "missing $reqs"
command -v "$py" >/dev/null 2>&1 || die "$py not found"

if ! "$py" -c 'import pre_commit' >/dev/null 2>&1 || ! command -v pre-commit >/dev/null 2>&1; then
    echo "precommit setup: installing pre-commit from PyPI ..." >&2
    "$py" -m pip install --quiet 'pre-commit>=4' >&2 || die "pip could not install pre-commit (is PyPI reachable?)"
fi

mkdir -p "$wh"
check() {
    # Resolve every requirement from the wheelhouse alone; quiet on success.
    env -u PIP_FIND_LINKS -u PIP_NO_INDEX "$py" -m pip download --quiet --no-index --find-links "$wh" \
        --only-binary=:all: --dest "$wh" -r "$reqs" >/dev/null 2>&1
}
if ! check; then
    echo "precommit setup: downloading wheels into $wh ..." >&2
    env -u PIP_NO_INDEX "$py" -m pip download --quiet --only-binary=:all: --dest "$wh" -r "$reqs" >&2 \
        || die "pip could not download the wheels (is PyPI reachable?)"
    check || die "the wheelhouse $wh is still incomplete after downloading"
fi
echo "$wh"
