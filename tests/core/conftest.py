"""Helpers for the core tests: lint a snippet with the shipped defaults."""
from __future__ import annotations

import pytest

from emaillint.api import lint_text
from emaillint.run.config import Config


def lint(text: str, path: str = "draft.txt", **config):
    """Lint ``text`` with shipped defaults (no config discovery from the test machine)."""
    return lint_text(text, path=path, config=Config(**config))


@pytest.fixture
def lint_email():
    return lint


def codes(report) -> set[str]:
    return {p.code for p in report.problems}


def categories(report) -> set[str]:
    return {p.category for p in report.problems}
