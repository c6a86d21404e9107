"""Time is linear: doubling each known worst-case input at most about doubles the time (issue 10).

Measured as a ratio inside one run (not against a wall clock), in a subprocess
with a timeout, so a regression shows as a failed ratio or a timeout, never as a
hung test run.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.robustness._timing import WORST
from tests.robustness.helpers import ROOT, env

N = 20_000  # characters; the doubled input is 40,000


@pytest.fixture(scope="module")
def timings():
    proc = subprocess.run([sys.executable, "-m", "tests.robustness._timing", str(N)], capture_output=True, text=True,
                          timeout=240, cwd=ROOT, env=env())
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout)


@pytest.mark.parametrize("name", sorted(WORST))
def test_doubling_the_input_at_most_about_doubles_the_time(timings, name):
    small, large = timings[name]
    # linear is 2x; allow noise on a busy machine, and ignore inputs too fast to measure
    assert large < max(3.0 * small, 0.05), f"{name}: {small:.3f}s at {N} characters, {large:.3f}s at {2 * N}"


def test_the_largest_allowed_draft_of_each_kind_finishes_in_seconds():
    """At the default size limit (256 KB) every worst case still finishes (a hang is a timeout here)."""
    proc = subprocess.run([sys.executable, "-m", "tests.robustness._timing", str(100_000),
                           "braces-then-spaces", "one-sentence-of-cliches", "run-of-dots", "eml-content-type-parameters"],
                          capture_output=True, text=True, timeout=120, cwd=ROOT, env=env())
    assert proc.returncode == 0, proc.stderr[-2000:]
