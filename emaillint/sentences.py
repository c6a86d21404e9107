"""Split the author's paragraphs into sentences with exact character spans.

A small rule-based splitter of our own: it is fast enough for the pre-commit
hook (no model, no import cost), knows the abbreviations that appear in
business email (Dr., Inc., e.g., min.), treats list items as sentences of
their own and ignores line wrapping inside a paragraph. Rules only see this
interface, so a third-party splitter could replace it without touching them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from emaillint.lexicons import lexicon_set

_BOUNDARY = re.compile(r"([.!?]+|[.!?]*…)([\"'”’)\]]*)(\s+)")
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*•·–]|\d{1,2}[.)])[ \t]+", re.M)
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.'’]*)$")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    list_item: bool = False

    @property
    def is_question(self) -> bool:
        return self.text.rstrip(" \"'”’)").endswith("?")


def _is_abbreviation(before: str) -> bool:
    match = _WORD_BEFORE.search(before)
    if not match:
        return False
    word = match.group(1).lower()
    return word in lexicon_set("abbreviations") or (len(word) == 1 and word.isalpha())


def _split_block(text: str, offset: int, list_item: bool) -> list[Sentence]:
    out, start = [], 0
    for m in _BOUNDARY.finditer(text):
        nxt = text[m.end():m.end() + 1]
        if not nxt:
            continue
        if m.group(1) == "." and _is_abbreviation(text[start:m.start()]):
            continue
        if m.group(1).endswith(".") and not (nxt.isupper() or nxt.isdigit() or nxt in "\"'“(["):
            continue
        end = m.start() + len(m.group(1)) + len(m.group(2))
        out.append((start, end))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text.rstrip())))
    return [Sentence(offset + s, offset + e, text[s:e], list_item) for s, e in out if text[s:e].strip()]


def split(text: str, offset: int = 0) -> list[Sentence]:
    """Sentences of one paragraph; ``offset`` is where the paragraph starts."""
    blocks, last = [], 0
    items = list(_LIST_ITEM.finditer(text))
    for i, m in enumerate(items):
        if m.start() > last:
            blocks.append((last, m.start(), False))
        end = items[i + 1].start() if i + 1 < len(items) else len(text)
        blocks.append((m.end(), end, True))
        last = end
    if last < len(text):
        blocks.append((last, len(text), False))
    sentences: list[Sentence] = []
    for start, end, is_item in blocks:
        chunk = text[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        sentences.extend(_split_block(chunk.strip(), offset + start + lead, is_item))
    return sentences
