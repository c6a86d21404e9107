"""Patterns spelled for speed find exactly what their plain spelling finds.

``re`` jumps straight to the places where a pattern can start only when the pattern begins with a
character or a set of characters; one that begins with \\b or a look-behind is tried at every character.
Some hot patterns are therefore written with their first character ahead of the look-behind that stands
for the leading \\b. Each is held here to its plain spelling on random texts made of the characters that
matter to it. (The sentence splitter's patterns are held so in test_sentences.py.)"""
from __future__ import annotations

import random
import re

import pytest

from emaillint.judge.checks import el504_shouting


def _random_texts(alphabet, count, seed, longest=24):
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest)))


@pytest.mark.parametrize("seed", [1, 2])
def test_words_in_capitals_are_what_the_plain_pattern_finds(seed):
    plain = re.compile(r"\b[A-Z]{2,}\b")
    alphabet = list("ABZabz09_ -'!.\n") + ["É", "é", "ß", "’"]
    for text in _random_texts(alphabet, 20000, seed):
        assert [m.span() for m in el504_shouting._CAPS.finditer(text)] == [m.span() for m in plain.finditer(text)], repr(text)


def test_shouting_is_found_in_the_body_and_the_subject():
    from .conftest import codes, lint

    report = lint("Subject: HUGE NEWS for Northwind\n\nHi Dana,\n\nThis is AMAZING and our API is ready.\n\nBest,\nTom\n")
    assert "EL504" in codes(report)
    assert any(p.code == "EL804" and "shouts" in p.message for p in report.problems)
    shouted = [p for p in report.problems if p.code == "EL504"]
    assert any("AMAZING" in p.message for p in shouted) and not any("'API'" in p.message for p in shouted)
