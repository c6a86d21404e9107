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


def random_texts(pieces, count: int, seed: int, longest: int = 24):
    """``count`` texts of up to ``longest`` random picks from ``pieces`` (characters or strings), the same ones for
    a seed: what the fast spellings of patterns are held to their plain ones on."""
    import random

    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(pieces) for _ in range(rng.randint(0, longest)))
