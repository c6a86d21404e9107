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


def _folded(text: str) -> str:
    """The form phrases are matched in: lower case, a curly apostrophe as a straight one (same length)."""
    return text.lower().replace("’", "'")


@lru_cache(maxsize=1024)  # per text: an email's texts are asked about together; more only holds memory
def _words_in_order(text: str) -> tuple[str, ...]:
    """The text's lower-case words, in order: one ``findall`` per text, shared by the word set every matcher
    asks for first and the places the few that go on ask for."""
    return tuple(_TOKEN.findall(_folded(text)))


@lru_cache(maxsize=8192)
def tokens(text: str) -> tuple[tuple[str, int, int], ...]:
    """(lower-case word, start, end) for each word; cached because every matcher asks.

    The words come from one ``findall`` and their places from ``str.find`` after the previous word (a word
    cannot start in the gap between two words, or the pattern would have matched there): cheaper than a
    match object per word."""
    low = _folded(text)
    out, at = [], 0
    for word in _words_in_order(text):
        at = low.find(word, at)
        out.append((word, at, at + len(word)))
        at += len(word)
    return tuple(out)


@lru_cache(maxsize=1024)  # per text: an email's texts are asked about together; more only holds memory
def token_words(text: str) -> frozenset[str]:
    """The text's lower-case words, as a set: most matchers stop here, finding none of their first words."""
    return frozenset(_words_in_order(text))


@lru_cache(maxsize=1024)
def word_places(text: str) -> tuple[tuple[str, ...], dict[str, list[int]]]:
    """The text's lower-case words, and for each word the indexes where it stands: a matcher then looks
    only where one of its phrases could start, not at every word of a whole body, and compares a
    phrase with the words there in one slice."""
    words = tuple(t[0] for t in tokens(text))
    places: dict[str, list[int]] = {}
    for i, word in enumerate(words):
        places.setdefault(word, []).append(i)
    return words, places


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
        # set against set: Python walks the smaller of the two (a dict's keys against a set walk the set)
        self.single_words = frozenset(first for first, seqs in self.index.items() if len(seqs[-1]) == 1)
        # each phrase of several words under its longest word after the first: every word of a phrase must be in
        # a text for it to match, and the longest is the likeliest to be missing ("i" heads many phrases, and is
        # in nearly every text), so a text is held against only the phrases whose rarest word it has
        self.by_key: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for first, seqs in self.index.items():
            for seq in seqs:
                if len(seq) > 1:
                    self.by_key.setdefault(max(seq[1:], key=len), []).append((first, seq))
        self.keys = frozenset(self.by_key)

    def __bool__(self) -> bool:
        return bool(self.index)

    def _possible_firsts(self, text: str, several_words_only: bool = False) -> list[str]:
        """First words of phrases that could match in the text: every word of the phrase is there (one-word
        phrases aside when ``several_words_only``), before any word's places are looked up."""
        words = token_words(text)
        found = set() if several_words_only else set(self.single_words & words)
        for key in self.keys & words:
            for first, seq in self.by_key[key]:
                if first not in found and words.issuperset(seq):
                    found.add(first)
        return list(found)

    def finditer(self, text: str) -> Iterator[tuple[int, int]]:
        """Leftmost matches that do not overlap, each the longest phrase at its place."""
        firsts = self._possible_firsts(text)
        if not firsts:
            return
        words, places = word_places(text)
        starts = sorted(i for word in firsts for i in places[word]) if len(firsts) > 1 else places[firsts[0]]
        toks = tokens(text)
        skip_to = 0
        for i in starts:
            if i < skip_to:
                continue
            hit = self._match_at(words, toks, i, text)
            if hit:
                yield toks[i][1], toks[i + hit - 1][2]
                skip_to = i + hit

    def search(self, text: str) -> bool:
        if not self.single_words.isdisjoint(token_words(text)):
            return True  # a one-word phrase is in the text
        firsts = self._possible_firsts(text, several_words_only=True)
        return bool(firsts) and self.found_at(text, firsts)

    def found_at(self, text: str, firsts) -> bool:
        """Does one of the phrases that start with one of ``firsts`` (words that are in the text) match?"""
        words, places = word_places(text)
        toks = tokens(text)
        return any(self._match_at(words, toks, i, text) for word in firsts for i in places[word])

    def _match_at(self, words, toks, i, text) -> int:
        for seq in self.index[words[i]]:
            n = len(seq)
            if n == 1:
                return 1  # the longest come first; a one-word phrase is the word at i itself
            if words[i:i + n] == seq and self._tight(toks, i, n, text):
                return n
        return 0

    @staticmethod
    def _tight(toks, i, n, text) -> bool:
        """Words of a phrase must be separated by white space only (no punctuation between)."""
        return all(not text[toks[i + k][2]:toks[i + k + 1][1]].strip() for k in range(n - 1))
