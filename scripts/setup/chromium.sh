#!/usr/bin/env bash
# Installs Debian's Chromium for the HTML report test tests/report/test_html_browser.py,
# which renders the report headless, asserts on the DOM and saves a screenshot. No browser
# is downloaded from anywhere else. Idempotent; fails loudly (scripts/lib/apt-install.sh).
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/../lib/apt-install.sh" chromium chromium chromium fonts-dejavu-core
