"""Small text helpers used by the analysers."""
from __future__ import annotations

import re
import weakref
from functools import lru_cache

from emaillint.base.prefilter import Prefiltered
from emaillint.judge.analysis.slots import read

# Curly quotes, and the cp1252 quote bytes that a mis-decoded draft carries as C1 controls.
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\x92": "'", "\x91": "'", "\x93": '"', "\x94": '"'})
_WORDS = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_YOU = re.compile(r"\b(you|your|yours|you're|you've|you'd|you'll|yourself|y'all)\b")


_TEXTSPEAK = {"u": "you", "ur": "your", "r": "are", "pls": "please", "plz": "please", "thx": "thanks",
              "ill": "i'll", "im": "i'm", "ive": "i've", "dont": "don't", "cant": "can't"}


@lru_cache(maxsize=8192)
def plain(text: str) -> str:
    """Lower case, straight quotes, single spaces, text-speak spelled out, merge tags read as their
    slots ("{{company}}" as "your company"): the form the patterns are written for."""
    text = read(text)
    if not text.isascii():  # the quotes to straighten are all outside ASCII; translating costs µs per sentence
        text = text.translate(_APOSTROPHES)
    words = text.lower().split()
    if _TEXTSPEAK.keys().isdisjoint(words):
        return " ".join(words)
    return " ".join(_TEXTSPEAK.get(w, w) for w in words)


def token_count(text: str) -> int:
    """How many words a reader counts in ``text``: its white-space pieces, an emoji or a lone dash not among them
    ("Glad the audit was helpful! 🙂" is five)."""
    pieces = text.split()
    if text.isascii() and "-" not in text:
        return len(pieces)
    return sum(1 for piece in pieces if any(char.isalnum() for char in piece))


@lru_cache(maxsize=256)  # an email's sentences are counted together: more would only hold memory
def words(text: str) -> tuple[str, ...]:
    """The words of a sentence; kept, since the length check, the reading grade and the reading stats each
    count them."""
    return tuple(_WORDS.findall(text))


def mentions_prospect(low: str) -> bool:
    """True when a plain() sentence speaks to the reader (you / your …)."""
    return bool(_YOU.search(low))


def any_match(patterns: list[re.Pattern[str]], text: str) -> bool:
    return any(p.search(text) for p in patterns)


def _source(template: str, knowledge: str | None) -> str:
    """The pattern's text: the template itself, or with its {lists} filled in from the knowledge file."""
    if knowledge is None:
        return template
    from emaillint.judge.knowledge import pattern

    return pattern(knowledge, template)


class Guarded:
    """A compiled pattern behind a cheap substring check.

    Every match of the pattern contains at least one of ``needles``; texts that
    contain none are rejected without running the regex. It keeps the
    analysers fast on the hot path (each runs on every sentence of every email).
    With ``knowledge``, ``{name}`` in the pattern is the list ``name`` of
    ``rules/knowledge/<knowledge>.yaml``: the needles must still cover it.
    """

    __slots__ = ("_template", "_knowledge", "needles", "_compiled")

    def __init__(self, pattern: str, needles: tuple[str, ...], knowledge: str | None = None):
        self._template, self._knowledge = pattern, knowledge
        self.needles = needles
        self._compiled = None  # compiled on first use: start-up matters for the pre-commit hook

    @property
    def source(self) -> str:
        return _source(self._template, self._knowledge)

    @property
    def pattern(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.source)
        return self._compiled

    def search(self, text: str):
        for needle in self.needles:
            if needle in text:
                return self.pattern.search(text)
        return None


class Start:
    """A pattern tried only at the start of the text (one match() instead of a scan), compiled on first use."""

    __slots__ = ("_template", "_knowledge", "_compiled")

    def __init__(self, pattern: str, knowledge: str | None = None):
        self._template, self._knowledge, self._compiled = pattern, knowledge, None

    @property
    def pattern(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(_source(self._template, self._knowledge))
        return self._compiled

    def search(self, text: str):
        return self.pattern.match(text)


class Either:
    """The first of several (cheap, guarded or anchored) patterns that matches."""

    __slots__ = ("parts",)

    def __init__(self, *parts):
        self.parts = parts

    def search(self, text: str):
        for part in self.parts:
            match = part.search(text)
            if match:
                return match
        return None


class Lazy:
    """A regular expression compiled on first use.

    The analysers hold ~80 patterns; compiling them all at import costs tens of
    milliseconds that a one-file pre-commit run may never need. With
    ``knowledge``, ``{name}`` in the source is the list ``name`` of
    ``rules/knowledge/<knowledge>.yaml`` as alternatives, so the file is read on
    first use too. Once built, the pre-filtered pattern's own methods replace these
    (no ``__slots__``, so they can): an analyser's search is then one call, not two, and
    analysers search a few hundred times per email. A pattern found to have no literal
    pieces (``^…`` anchored ones) hands over to the compiled regex's methods instead.
    """

    def __init__(self, source: str, flags: int = 0, knowledge: str | None = None, positions_only: bool = False):
        self._template, self._knowledge, self.flags, self._compiled = source, knowledge, flags, None
        self.positions_only = positions_only  # see Prefiltered: a case-blind pattern then runs on the lower-cased text
        _MADE.add(self)

    @property
    def source(self) -> str:
        return _source(self._template, self._knowledge)

    @property
    def compiled(self) -> Prefiltered:
        """The pattern, compiled on first need, behind its literal pre-filter (most sentences hold none of its words)."""
        if self._compiled is None:
            self._compiled = built = Prefiltered(self.source, self.flags, positions_only=self.positions_only)
            self._hand_over(built)
            built.unfiltered = self._hand_over  # a pattern with no literal pieces: the regex's own methods
        return self._compiled

    def _hand_over(self, to) -> None:
        self.search, self.match, self.sub = to.search, to.match, to.sub
        self.findall, self.finditer = to.findall, to.finditer

    def search(self, text: str, *args):
        return self.compiled.search(text, *args)

    def match(self, text: str, *args):
        return self.compiled.match(text, *args)

    def sub(self, repl, text: str, count: int = 0):
        return self.compiled.sub(repl, text, count=count)

    def findall(self, text: str):
        return self.compiled.findall(text)

    def finditer(self, text: str):
        return self.compiled.finditer(text)

    @property
    def pattern(self) -> str:
        return self.source


_MADE: weakref.WeakSet[Lazy] = weakref.WeakSet()


def build_all() -> None:
    """Compile every analyser pattern now (a long batch's parent, before it forks: see Prefiltered.prepare)."""
    for pattern in list(_MADE):
        _ = pattern.compiled


def knowledge_patterns(knowledge: str):
    """A factory of Lazy patterns whose {lists} come from ``rules/knowledge/<knowledge>.yaml``;
    several arguments are alternatives of one pattern (each kept to a line)."""
    def make(*alternatives: str, flags: int = 0, positions_only: bool = False) -> Lazy:
        return Lazy("|".join(alternatives), flags, knowledge, positions_only)
    return make
