"""Phrase lists matched word by word: the shortcuts (word sets, places, one-word answers) never change an answer."""
from __future__ import annotations

import random

from emaillint.base.phrases import PhraseMatcher, tokens

PHRASES = ["just", "just following up", "following up", "touch base", "per my last email", "i'm", "checking in",
           "last", "circle back"]


def _reference(phrases, text):
    """Every word position, left to right, the longest phrase whose words stand there separated by blanks only."""
    seqs = sorted((tuple(t for t, _, _ in tokens(p)) for p in phrases), key=len, reverse=True)
    toks, out, i = tokens(text), [], 0
    while i < len(toks):
        for seq in seqs:
            n = len(seq)
            if tuple(t[0] for t in toks[i:i + n]) == seq and all(
                    not text[toks[i + k][2]:toks[i + k + 1][1]].strip() for k in range(n - 1)):
                out.append((toks[i][1], toks[i + n - 1][2]))
                i += n
                break
        else:
            i += 1
    return out


def test_longest_leftmost_without_overlap():
    matcher = PhraseMatcher(PHRASES)
    text = "Just following up: I'm CHECKING   in.\nPer my last\nemail, just touch, base"
    assert [text[a:b] for a, b in matcher.finditer(text)] == [
        "Just following up", "I'm", "CHECKING   in", "Per my last\nemail", "just"]
    assert list(matcher.finditer(text)) == _reference(PHRASES, text)


def test_a_search_answers_like_the_matches():
    matcher, multi = PhraseMatcher(PHRASES), PhraseMatcher(["touch base", "circle back"])
    assert matcher.search("I’m here")  # a curly apostrophe is a straight one
    assert not multi.search("touch the base, then back to the circle")  # every word there, not in a row
    assert not multi.search("touch, base")  # punctuation between the words
    assert multi.search("let's TOUCH base")
    assert not PhraseMatcher([]).search("anything")


def test_the_shortcuts_agree_with_a_plain_scan_on_random_texts():
    rng = random.Random(7)
    vocabulary = ["just", "following", "up", "touch", "base", "per", "my", "last", "email", "i'm", "checking",
                  "in", "circle", "back", "the", "a", "Just", "UP", "Base"]
    glue = [" ", "  ", "\n", ", ", ". ", " - "]
    matcher = PhraseMatcher(PHRASES)
    for _ in range(500):
        text = "".join(rng.choice(vocabulary) + rng.choice(glue) for _ in range(rng.randint(0, 12)))
        want = _reference(PHRASES, text)
        assert list(matcher.finditer(text)) == want, text
        assert matcher.search(text) == bool(want), text
