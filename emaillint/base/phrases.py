"""Find any of many fixed phrases in a text without compiling a huge regex.

Phrase lists (hype words, clichés, self-praise) can hold hundreds of entries.
As one regex alternation they cost tens of milliseconds to compile at every
start-up and scan slowly; here the text is tokenised once and each token is
looked up in a dict keyed by a phrase's first word, so start-up is free and a
scan is linear in the number of words. Matching ignores case, treats curly
and straight apostrophes alike, and respects word boundaries.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

_TOKEN = re.compile(r"#?[A-Za-z0-9]+(?:['’\-][A-Za-z0-9]+)*")


@lru_cache(maxsize=8192)
def tokens(text: str) -> tuple[tuple[str, int, int], ...]:
    """(lower-case word, start, end) for each word; cached because every matcher asks.

    The words come from one ``findall`` and their places from ``str.find`` after the previous word (a word
    cannot start in the gap between two words, or the pattern would have matched there): cheaper than a
    match object per word."""
    low = text.lower().replace("’", "'")
    out, at = [], 0
    for word in _TOKEN.findall(low):
        at = low.find(word, at)
        out.append((word, at, at + len(word)))
        at += len(word)
    return tuple(out)


@lru_cache(maxsize=8192)
def word_places(text: str) -> dict[str, list[int]]:
    """Each lower-case word of the text and the indexes (in ``tokens(text)``) where it stands: a matcher
    then looks only where one of its phrases could start, not at every word of a whole body."""
    places: dict[str, list[int]] = {}
    for i, tok in enumerate(tokens(text)):
        places.setdefault(tok[0], []).append(i)
    return places


class PhraseMatcher:
    """All occurrences of a set of phrases, longest match first at each position."""

    def __init__(self, phrases: Iterable[str]):
        self.index: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            words = tuple(t for t, _, _ in tokens(phrase))
            if words:
                self.index.setdefault(words[0], []).append(words)
        for seqs in self.index.values():
            seqs.sort(key=len, reverse=True)

    def __bool__(self) -> bool:
        return bool(self.index)

    def finditer(self, text: str) -> Iterator[tuple[int, int]]:
        """Leftmost matches that do not overlap, each the longest phrase at its place."""
        places = word_places(text)
        starts = [i for word in self.index.keys() & places.keys() for i in places[word]]
        if not starts:
            return
        starts.sort()
        toks = tokens(text)
        skip_to = 0
        for i in starts:
            if i < skip_to:
                continue
            hit = self._match_at(toks, i, text)
            if hit:
                yield toks[i][1], toks[i + hit - 1][2]
                skip_to = i + hit

    def search(self, text: str) -> bool:
        places = word_places(text)
        firsts = self.index.keys() & places.keys()
        if not firsts:
            return False
        toks = tokens(text)
        return any(self._match_at(toks, i, text) for word in firsts for i in places[word])

    def _match_at(self, toks, i, text) -> int:
        for seq in self.index.get(toks[i][0], ()):
            n = len(seq)
            if n == 1:
                return 1  # the longest come first; a one-word phrase is the word at i itself
            if i + n <= len(toks) and all(toks[i + k][0] == seq[k] for k in range(1, n)) and self._tight(toks, i, n, text):
                return n
        return 0

    @staticmethod
    def _tight(toks, i, n, text) -> bool:
        """Words of a phrase must be separated by white space only (no punctuation between)."""
        return all(not text[toks[i + k][2]:toks[i + k + 1][1]].strip() for k in range(n - 1))
