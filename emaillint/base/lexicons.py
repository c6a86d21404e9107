"""Word and phrase lists kept as data in ``rules/lexicons/*.txt``.

One entry per line, ``#`` starts a comment. Lists are read once per process
and compiled into one alternation each, so a lookup costs one regex search.
"""
from __future__ import annotations

import re
from functools import cache

from emaillint.base.prefilter import exact_lower, required_pieces
from emaillint.base.resources import rules_dir


@cache
def lexicon(name: str) -> tuple[str, ...]:
    """Entries of ``rules/lexicons/<name>.txt`` in file order."""
    path = rules_dir() / "lexicons" / f"{name}.txt"
    entries = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split(" #", 1)[0].strip()
        if line and not line.startswith("#"):
            entries.append(line)
    return tuple(entries)


@cache
def lexicon_set(name: str) -> frozenset[str]:
    """Lower-cased entries, for membership tests on single words."""
    return frozenset(e.lower() for e in lexicon(name))


def phrase_pattern(phrase: str) -> str:
    """Regex source for a phrase: flexible whitespace, straight or curly apostrophes."""
    parts = [re.escape(w).replace("'", "['’]") for w in phrase.split()]
    body = r"\s+".join(parts)
    head = r"\b" if phrase[:1].isalnum() else ""
    tail = r"\b" if phrase[-1:].isalnum() else ""
    return f"{head}{body}{tail}"


@cache
def lexicon_regex(name: str) -> re.Pattern[str]:
    """One case-insensitive alternation matching any phrase of the lexicon."""
    phrases = sorted(lexicon(name), key=len, reverse=True)
    return re.compile("|".join(phrase_pattern(p) for p in phrases), re.I)


@cache
def _lexicon_pieces(name: str) -> tuple[str, ...] | None:
    regex = lexicon_regex(name)
    return required_pieces(regex.pattern, regex.flags)


def lexicon_may_match(name: str, text: str) -> bool:
    """False only when ``lexicon_regex(name)`` cannot match anywhere in ``text`` (none of the literal pieces
    its phrases need is there): one test of a whole email spares a search of each of its paragraphs."""
    pieces = _lexicon_pieces(name)
    low = exact_lower(text) if pieces is not None else None
    return low is None or any(piece in low for piece in pieces)


@cache
def lexicon_matcher(name: str):
    """A PhraseMatcher over the lexicon (no regex to compile)."""
    from emaillint.base.phrases import PhraseMatcher

    return PhraseMatcher(lexicon(name))


@cache
def reply_prefix() -> re.Pattern[str]:
    """The "Re:" / "Fwd:" / "AW:" (…) prefixes a mail client puts before a subject, from
    ``rules/lexicons/reply-prefixes.txt``: the one list the kind inference and the rules share."""
    words = "|".join(sorted(lexicon("reply-prefixes"), key=len, reverse=True))
    return re.compile(rf"^\s*(?:(?:{words})\s*(?:\[\d+\])?\s*:\s*)+", re.I)
