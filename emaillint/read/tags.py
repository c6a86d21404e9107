"""Find Jinja tags and mask them so the rest of the engine sees plain prose.

Masking keeps every offset: each tag is replaced by filler of the same length
("x" for ``{{ }}`` so a merge field still reads like a word, spaces for
``{% %}`` and ``{# #}``), and newlines inside a tag are kept. A span found in
the masked text is therefore the same span in the original file, and no
position map is needed. Broken templates never crash the scan: an unclosed
tag is masked to the end of its line and reported by the template rule.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_OPEN = re.compile(r"\{\{|\{%|\{#")


@dataclass(frozen=True)
class Tag:
    start: int
    end: int
    kind: str  # "expr", "stmt" or "comment"
    source: str

    @property
    def inner(self) -> str:
        return self.source[2:-2].strip(" -+\n\t")


_CLOSERS = {"{{": "}}", "{%": "%}", "{#": "#}"}
_KINDS = {"{{": "expr", "{%": "stmt", "{#": "comment"}


def scan(text: str) -> list[Tag]:
    """All complete Jinja tags in text, in order.

    The same tags as ``_TAG.finditer`` finds, found in linear time: once an
    opener has no closer after it, no later opener of that kind can have one.
    """
    out: list[Tag] = []
    pos, hopeless = 0, set()
    while True:
        m = _OPEN.search(text, pos)
        if m is None:
            return out
        opener, at = m.group(), m.start()
        close = -1 if opener in hopeless else text.find(_CLOSERS[opener], at + 2)
        if close == -1:
            hopeless.add(opener)
            pos = at + 1
            continue
        out.append(Tag(at, close + 2, _KINDS[opener], text[at:close + 2]))
        pos = close + 2


def unclosed(text: str, tags: list[Tag]) -> list[int]:
    """Offsets of tag openers that are not part of any complete tag."""
    from bisect import bisect_right

    starts = [t.start for t in tags]
    out = []
    for m in _OPEN.finditer(text):
        i = bisect_right(starts, m.start()) - 1
        if not (i >= 0 and tags[i].start <= m.start() < tags[i].end):
            out.append(m.start())
    return out


def _filler(tag: str, char: str) -> str:
    return "".join(c if c == "\n" else char for c in tag)


def mask(text: str, tags: list[Tag]) -> str:
    """Replace each tag by same-length filler; newlines are kept."""
    if not tags:
        return text
    pieces, last = [], 0
    for tag in tags:
        pieces.append(text[last:tag.start])
        pieces.append(_filler(tag.source, "x" if tag.kind == "expr" else " "))
        last = tag.end
    pieces.append(text[last:])
    return "".join(pieces)
