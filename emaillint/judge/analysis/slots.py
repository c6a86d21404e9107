"""Read merge tags as typed slots, so a template is judged as it would render.

"Saw {{trigger}}" is an observation about the prospect and "{{similar company}}
cut costs 30%" is a customer story, but only if the analysers know what the tag
stands for. The tag's name says it: each tag is replaced by the reading of its
slot type (``rules/knowledge/slots.yaml``) before a sentence is judged. Spans
are not affected: the analysers judge sentences, and findings point at the
sentence in the original text.
"""
from __future__ import annotations

import re
from functools import cache

from emaillint.base import mergetags
from emaillint.judge.knowledge import load

TAG = mergetags.TAG  # every spelling of a merge tag (emaillint.base.mergetags)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_NON_WORD = re.compile(r"[^a-z0-9%#]+")


def _name_words(raw: str) -> str:
    """'first_name | default("x")' -> 'first name'; 'FirstName' -> 'first name'."""
    name = raw.split("|", 1)[0] if "|" in raw and not raw.startswith("*") else raw
    name = _CAMEL.sub(" ", name.strip()).lower()
    return " ".join(_NON_WORD.split(name)).strip()


@cache
def _types() -> tuple[tuple[str, tuple[str, ...], str], ...]:
    return tuple((t["type"], tuple(w.lower() for w in t["words"]), t["reading"]) for t in load("slots")["types"])


@cache
def _type_of_words() -> tuple[dict[str, tuple[str, str]], int]:
    """{slot word: (type, reading)} (the first type listing a word has it) and the most words in one entry."""
    table: dict[str, tuple[str, str]] = {}
    for kind, words, reading in _types():
        for word in words:
            table.setdefault(" ".join(word.split()), (kind, reading))
    return table, max((len(w.split()) for w in table), default=1)


@cache
def slot_type(raw_name: str) -> tuple[str, str]:
    """(type, reading) for a tag's name; ('unknown', 'this') when no word matches.

    The slot word that starts earliest in the name decides, the longest at that place ("company name" over
    "company"): looked up word by word in one table, not searched for entry by entry."""
    name = _name_words(raw_name)
    table, most = _type_of_words()
    tokens = name.split()
    for i in range(len(tokens)):
        for n in range(min(most, len(tokens) - i), 0, -1):
            found = table.get(" ".join(tokens[i:i + n]))
            if found:
                return found
    compact, best = name.replace(" ", ""), None  # "firstname", "companyname": slot words run together
    for kind, words, reading in _types():
        for word in words:
            if len(word) >= 4 and word.replace(" ", "") in compact:
                at = compact.find(word.replace(" ", ""))
                if best is None or (at, -len(word)) < best[0]:
                    best = ((at, -len(word)), kind, reading)
    return (best[1], best[2]) if best else ("unknown", "this")


def _reading(match: re.Match) -> str:
    raw = mergetags.name(match)
    if mergetags.form(match) == "brackets" and not _looks_like_slot(raw):
        return match.group()
    return slot_type(raw)[1]


def _looks_like_slot(inner: str) -> bool:
    """[Company Name], [their niche], [x]: yes. [1], [sic], [image: …], a button "[Book a demo]": no."""
    low = inner.lower()
    return any(c.isalpha() for c in inner) and not low.startswith(("image:", "sic", "cid:", "mailto:")) \
        and low.split(" ", 1)[0] not in _button_verbs()


@cache
def _button_verbs() -> frozenset[str]:
    return frozenset(v.split()[0] for v in load("asks")["button_verbs"])


def read(text: str) -> str:
    """The text with every merge tag replaced by its slot's reading."""
    if "{" not in text and "[" not in text and "|*" not in text and "%" not in text and "<" not in text:  # every form
        return text
    return TAG.sub(_reading, text)


def has_tags(text: str) -> bool:
    return bool(TAG.search(text))
