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

from .conftest import random_texts



@pytest.mark.parametrize("seed", [1, 2])
def test_words_in_capitals_are_what_the_plain_pattern_finds(seed):
    plain = re.compile(r"\b[A-Z]{2,}\b")
    alphabet = list("ABZabz09_ -'!.\n") + ["É", "é", "ß", "’"]
    for text in random_texts(alphabet, 20000, seed):
        assert [m.span() for m in el504_shouting._CAPS.finditer(text)] == [m.span() for m in plain.finditer(text)], repr(text)


def test_shouting_is_found_in_the_body_and_the_subject():
    from .conftest import codes, lint

    report = lint("Subject: HUGE NEWS for Northwind\n\nHi Dana,\n\nThis is AMAZING and our API is ready.\n\nBest,\nTom\n")
    assert "EL504" in codes(report)
    assert any(p.code == "EL804" and "shouts" in p.message for p in report.problems)
    shouted = [p for p in report.problems if p.code == "EL504"]
    assert any("AMAZING" in p.message for p in shouted) and not any("'API'" in p.message for p in shouted)


def test_squeezing_white_space_gives_what_the_plain_substitution_gives():
    from emaillint.anatomy import parts

    def plain(text):
        def one(m):
            run = m.group()
            return "\n\n" if run.count("\n") > 1 else "\n" if "\n" in run else " "
        return re.sub(r"\s{2,}", one, text)

    for text in random_texts(list("ab. \n\n\n") + ["\t", "\x0b", "\x1c", "é", "\u00a0", "  "], 20000, 3):
        assert parts._squeeze(text) == plain(text), repr(text)


def test_quote_headers_are_found_as_the_plain_search_finds_them():
    """The quote-header search is skipped when none of its needles is in the email; every kind of header is
    still found, in any case, and only there."""
    from emaillint.anatomy import parts

    lines = ["On Mon, Mar 2, 2026 at 9:12 AM Dana <dana@example.com> wrote:", "ON TUESDAY DANA WROTE:",
             "-----Original Message-----", "-- Forwarded message --", "Begin forwarded message:", "________",
             "From: Dana Lee", "Sent: Monday", "DATE: today", "Thanks for the note.", "> quoted", "--", "wrote"]
    rng = random.Random(4)
    for _ in range(5000):
        text = "\n".join(rng.choice(lines) for _ in range(rng.randint(0, 6)))
        text = text.swapcase() if rng.random() < 0.3 else text
        found = parts._QUOTE_HEADER.search(text, 0)
        end, quotes = parts._region_end(text, 0)
        assert end == (found.start() if found else len(text)) and len(quotes) == (1 if found else 0), repr(text)


def test_a_negation_is_found_in_the_last_characters_before_a_match_as_in_the_whole_text():
    from emaillint.judge import datarules

    words = ["not", "cannot", "no", "notice", "never", "isn't", "won’t", "instead of", "rather than", "sure", "just",
             "following", "up", "a", "quick", "-", "'", "\n", "x" * 13, "NOT", "Rather Than"]
    rng = random.Random(5)
    for _ in range(20000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 12)))
        start = rng.randint(0, len(text))
        assert datarules._negated(text, start) == (datarules._NEGATION.search(text[:start]) is not None), (text, start)


def test_a_match_inside_single_quotes_is_seen_as_quoted():
    from emaillint.judge import datarules

    for sentence, rel, inside in [("I said 'just checking in' once.", 8, True), ("It's just checking in.", 5, False),
                                  ("We're 'done' and just checking in", 16, False), ("'just", 1, True), ("just", 0, False)]:
        assert datarules._inside_quotes(sentence, rel) is inside, sentence


def test_the_asked_for_pattern_behind_its_pieces_finds_what_the_regex_finds():
    from emaillint.judge.checks import el101_self_centric

    guarded = el101_self_centric._ASKED_FOR
    plain = re.compile(guarded.pattern)
    words = ["you", "asked", "for", "about", "your", "question", "as", "promised", "requested", "the", "pricing", "quote",
             "numbers", "breakdown", "yours", "asks", "we"]
    rng = random.Random(6)
    for _ in range(3000):  # past the filter's warm-up, so both the regex and the pieces are tried
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 8)))
        assert (guarded.search(text) is None) == (plain.search(text) is None), text
