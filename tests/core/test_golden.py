"""End-to-end golden outputs: the shipped examples, as JSON and as text, must not drift unnoticed.

Regenerate after an intended change with:  EMAILLINT_UPDATE_GOLDEN=1 pytest tests/core/test_golden.py
and review the diff like code.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).parent / "golden"
EXAMPLES = sorted((ROOT / "examples").iterdir())


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_example_output_matches_golden(example):
    proc = subprocess.run([sys.executable, "-m", "emaillint", "check", "--isolated", "--format", "json", example.name],
                          capture_output=True, text=True, cwd=example.parent)
    assert proc.returncode in (0, 1), proc.stderr
    actual = json.loads(proc.stdout)
    golden = GOLDEN / f"{example.name}.json"
    if os.environ.get("EMAILLINT_UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n")
    assert actual == json.loads(golden.read_text())


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_example_text_output_matches_golden(example):
    """What a person reads: each finding's words with markers under them (a window of a long line)."""
    proc = subprocess.run([sys.executable, "-m", "emaillint", "check", "--isolated", "--no-color", example.name],
                          capture_output=True, text=True, cwd=example.parent)
    assert proc.returncode in (0, 1), proc.stderr
    golden = GOLDEN / f"{example.name}.text"
    if os.environ.get("EMAILLINT_UPDATE_GOLDEN"):
        golden.write_text(proc.stdout)
    assert proc.stdout == golden.read_text()
