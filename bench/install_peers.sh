#!/usr/bin/env bash
# Install the peers bench/peers.py measures emaillint against, each from its own registry:
#   proselint 0.16           PyPI, into the current Python (pip)
#   write-good 1.0.8         npm, into the peers folder
#   textlint 15.8 with textlint-rule-write-good 2.0 (its English style rule), npm, same folder
# The peers folder is $EMAILLINT_BENCH_PEERS, else ~/.cache/emaillint-bench-peers (outside the
# repository). A peer that cannot be installed is one "skipped: <peer>: <why>" line and the others
# still install; the exit code is 1 when any was skipped. Needs python and, for the npm peers, npm.
set -u

peers="${EMAILLINT_BENCH_PEERS:-${XDG_CACHE_HOME:-$HOME/.cache}/emaillint-bench-peers}"
python="${PYTHON:-python3}"
status=0

skip() { echo "skipped: $1: $2"; status=1; }

if "$python" -m pip install --quiet 'proselint==0.16.*' >/dev/null 2>"${TMPDIR:-/tmp}/peers-pip.err"; then
    echo "installed: proselint $("$python" -c 'import importlib.metadata as m; print(m.version("proselint"))')"
else
    skip proselint "pip install failed ($(tail -n 1 "${TMPDIR:-/tmp}/peers-pip.err"))"
fi

if ! command -v npm >/dev/null; then
    skip write-good "npm is not installed (apt-get install npm)"
    skip textlint "npm is not installed (apt-get install npm)"
    exit "$status"
fi
mkdir -p "$peers"
for spec in "write-good@1.0.8" "textlint@15.8.0 textlint-rule-write-good@2.0.0"; do
    name="${spec%%@*}"
    # shellcheck disable=SC2086 # spec is a list of package@version words
    if npm install --prefix "$peers" --no-audit --no-fund --silent $spec >/dev/null 2>"${TMPDIR:-/tmp}/peers-npm.err"; then
        echo "installed: $spec (in $peers)"
    else
        skip "$name" "npm install failed ($(grep -m1 -i 'err' "${TMPDIR:-/tmp}/peers-npm.err" || echo 'no message'))"
    fi
done
exit "$status"
