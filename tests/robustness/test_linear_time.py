"""Every known worst-case input finishes at the size limit (issue 10): a hang is a timeout here, never a hung run.

How the time grows (doubling each input about doubles it) is measured in
``bench/linear_time.py``, as ratios: a timing is a benchmark, not a test.
"""
from __future__ import annotations

import subprocess
import sys

from tests.robustness.helpers import ROOT, env


def test_the_largest_allowed_draft_of_each_kind_finishes_in_seconds():
    """At the default size limit (256 KB) every worst case still finishes (a hang is a timeout here)."""
    proc = subprocess.run([sys.executable, "-m", "tests.robustness._timing", str(100_000),
                           "braces-then-spaces", "one-sentence-of-cliches", "run-of-dots", "eml-content-type-parameters",
                           "run-of-open-spintax", "run-of-html-blocks", "placeholder-brackets-wrapped", "front-matter-plain-pairs",
                           "mojibake-runs", "paragraphs-then-footer", "emphasis-marks", "indented-lines", "references-in-plain-text", "quoted-and-not-paragraphs", "quoted-and-not-lines", "footer-phrase-lines", "initials-at-line-ends"],
                          capture_output=True, text=True, timeout=120, cwd=ROOT, env=env())
    assert proc.returncode == 0, proc.stderr[-2000:]
