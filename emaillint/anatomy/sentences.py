"""Split the author's paragraphs into sentences with exact character spans.

A small rule-based splitter of our own: it is fast enough for the pre-commit
hook (no model, no import cost), knows the abbreviations that appear in
business email (Dr., Inc., e.g., min.), treats list items as sentences of
their own and ignores line wrapping inside a paragraph. Rules only see this
interface, so a third-party splitter could replace it without touching them.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from emaillint.base.lexicons import lexicon_set

# A boundary starts where a run of . ! ? starts: (?<![.!?])([.!?]+|[.!?]*…)(["'”’)\]]*)(\s+), spelled so that
# every branch begins with its first mark and the look-behind comes after it. ``re`` then jumps from mark to
# mark instead of trying the look-behind at every character (5x faster on a paragraph); the look-behind still
# keeps a long run of marks linear. tests/core/test_sentences.py holds the two spellings to the same matches.
_RUN = r"(?:[.!?]*|[.!?]*…)"
_BOUNDARY = re.compile(rf"(\.(?<![.!?]\.){_RUN}|!(?<![.!?]!){_RUN}|\?(?<![.!?]\?){_RUN}|…(?<![.!?]…))"
                       r"([\"'”’)\]]*)(\s+)")
# A list item: a dash, a bullet, a number, or a symbol marketing mail bullets with ("✅ ", "→ ", "👉 ", "▪ "): arrows,
# geometric shapes, dingbats and emoji, with a variation selector after one at times
_LIST_ITEM = re.compile("^[ \t]*(?:[-*•·–‣⁃]|\\d{1,2}[.)]|[\u2190-\u21ff\u25a0-\u25ff\u2600-\u27bf\u2b50\U0001f300-\U0001faff]\ufe0f?)"
                        "[ \t]+", re.M)
_WORD_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.'’"
_LETTERS = frozenset(_WORD_CHARS[:52])


# The longest sentence handed to the analysers, in characters. Real sentences are far
# shorter; a longer one (a pasted log, a run of words with no full stop) is judged in
# chunks cut at a space, so no pattern ever sees more than this at once and time stays
# linear in the size of the draft.
MAX_SENTENCE = 500


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    list_item: bool = False

    @property
    def is_question(self) -> bool:
        return self.text.rstrip(" \"'”’)*_").endswith("?")  # "**Are you happy with…?**" in Markdown


def _last_word(before: str) -> str | None:
    """What ``([A-Za-z][A-Za-z.'’]*)$`` finds in ``before``: the word (letters, dots, apostrophes) that ends it,
    from its first letter. Stripped from the right, not searched: the regex tried every position of the text."""
    if before.endswith("\n"):
        before = before[:-1]  # ($ matches before a final newline too)
    tail = before[len(before.rstrip(_WORD_CHARS)):]
    for i, char in enumerate(tail):
        if char in _LETTERS:
            return tail[i:]
    return None


def _is_abbreviation(before: str) -> bool:
    word = _last_word(before[-60:])
    if word is None:
        return False
    if len(word) == 1:  # an initial ("John C. Smith", "lot C."), not the end of a word ("W-9s.", "3x.")
        said = before[:-1] if before.endswith("\n") else before
        return word.isalpha() and not said[-2:-1].isalnum() and said[-2:-1] not in "-_/'’"
    return word.lower() in lexicon_set("abbreviations")


def _is_symbol(char: str) -> bool:
    """An emoji, a check mark, an arrow: a sentence can start after one ("…agency. 🙂 Guessing…"), as after a
    capital letter."""
    return not char.isascii() and unicodedata.category(char) == "So"


_EMOJI_PARTS = frozenset(("So", "Sk", "Mn", "Cf"))  # a symbol, a skin tone, a variation selector, a joiner
_SPACES_AFTER = re.compile(r"\s*")


def closed_with_symbols(text: str, end: int, following: int) -> tuple[int, int]:
    """(where the sentence ends, where the next starts) when the one ending at ``end`` is followed, from
    ``following``, by an emoji ("Thanks! 🙂 How…"): the emoji closes the sentence before it, as a smile closes what
    was said, and is not a sentence or the start of one."""
    if following >= len(text) or not _is_symbol(text[following]):
        return end, following
    at = following
    while at < len(text) and not text[at].isascii() and unicodedata.category(text[at]) in _EMOJI_PARTS:
        at += 1
    return at, _SPACES_AFTER.match(text, at).end()


_LINK_START = re.compile(r"https?://|www\.")  # a web address after a full stop goes on with its sentence ("…in DCs.
# https://…"), whatever case the paragraph is in


def _split_block(text: str, offset: int, list_item: bool, lower_case: bool = False) -> list[Sentence]:
    """Sentences of one block (a list item, or the text between list items). ``lower_case``: the paragraph is
    written without capitals ("hi sam. saw your post. how do you…"), so a full stop ends a sentence whatever
    follows it, abbreviations aside."""
    out, start = [], 0
    for m in _BOUNDARY.finditer(text):
        if m.start() < start:
            continue  # inside the emoji a sentence closed with
        nxt = text[m.end():m.end() + 1]
        if not nxt:
            continue
        if m.group(1) == "." and _is_abbreviation(text[start:m.start()]):
            continue
        if m.group(1).endswith(".") and not (nxt.isupper() or nxt.isdigit() or nxt in "\"'“([{<*" or _is_symbol(nxt)
                                             or lower_case and nxt.islower() and not _LINK_START.match(text, m.end())):
            continue
        end, following = m.start() + len(m.group(1)) + len(m.group(2)), m.end()
        if not nxt.isascii():
            end, following = closed_with_symbols(text, end, following)
        out.append((start, end))
        start = following
    if text[start:].strip():
        out.append((start, len(text.rstrip())))
    if _GLUED_HINT.search(text):
        out = [piece for s, e in out for piece in _unglued(text, s, e)]
    if not _long_space_in(text):  # the usual paragraph: no sentence of it holds a long run either (one
        # would be in the paragraph too, as a sentence never ends in a space), so only a very long one is cut
        out = [piece for s, e in out for piece in (((s, e),) if e - s <= MAX_SENTENCE else _cut(text, s, e))]
    else:
        out = [piece for s, e in out for piece in _chunks(text, s, e)]
    if "\n" in text:  # a line break inside a sentence is a hard wrap: it reads as a space (same length, same offsets)
        return [Sentence(offset + s, offset + e, text[s:e].replace("\n", " "), list_item) for s, e in out if text[s:e].strip()]
    return [Sentence(offset + s, offset + e, text[s:e], list_item) for s, e in out if text[s:e].strip()]


# Sentences glued together where an export dropped the space or line break after them ("…in one school
# year.Would you be free…?Send me a time"): a mark between a lower-case word and a capitalised one still ends a
# sentence, but not inside a web or mail address ("example.Com/Page") or after an initial ("e.g.Ask").
_GLUED = re.compile(r"[.!?](?<=[a-z]{2}[.!?])(?=[A-Z][a-z])")
_GLUED_HINT = re.compile(r"[a-z][.!?][A-Z]")
_ADDRESS_SIGNS = ("/", "@", "www", "http", ".")


def _unglued(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces, at = [], start
    for m in _GLUED.finditer(text, start, end):
        token = text[text.rfind(" ", at, m.start()) + 1:m.start()]
        if any(sign in token for sign in _ADDRESS_SIGNS):
            continue
        pieces.append((at, m.end()))
        at = m.end()
    pieces.append((at, end))
    return pieces


# A run of 16 or more spaces inside a line ends a piece (the bound that keeps hostile input linear). One that
# ends its line does not: trailing spaces say nothing about where a sentence ends. {16,}+ takes the whole run (no backtracking).
_LONG_SPACE = re.compile(r"[^\S\n]{%d,}+(?!\n)" % 16)
# White space ``re`` counts as \s in ASCII, besides the space and the newline: an ASCII paragraph with none of them
# and no two spaces in a row cannot hold a long run, and needs no search (which tries every character)
OTHER_ASCII_SPACES = "\t\r\x0b\x0c\x1c\x1d\x1e\x1f"


def _long_space_in(text: str) -> bool:
    if "  " not in text and text.isascii() and not any(char in text for char in OTHER_ASCII_SPACES):
        return False
    return _LONG_SPACE.search(text) is not None


def _chunks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) pieces of one sentence: a run of 16 or more spaces ends a piece (and is left out),
    and no piece is longer than MAX_SENTENCE (cut after a space when there is one)."""
    if end - start <= MAX_SENTENCE and not _LONG_SPACE.search(text, start, end):
        return [(start, end)]
    out = []
    for gap in _LONG_SPACE.finditer(text, start, end):
        out += _cut(text, start, gap.start())
        start = gap.end()
    return out + _cut(text, start, end)


def _cut(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut + 1 if cut != -1 else start + MAX_SENTENCE
        piece_end = start + len(text[start:cut].rstrip())
        if piece_end > start:
            out.append((start, piece_end))
        start = cut
    if end > start:
        out.append((start, end))
    return out


def split(text: str, offset: int = 0, column: int = 0) -> list[Sentence]:
    """Sentences of one paragraph; ``offset`` is where the paragraph starts, ``column`` how many characters stand
    before it on its first line (a body after "Hi Tom, " on the greeting's line)."""
    blocks, last = [], 0
    # a list item starts a line: without a line break, only the start can be one (finditer tries every character)
    items = list(_LIST_ITEM.finditer(text)) if "\n" in text else [m for m in (_LIST_ITEM.match(text),) if m]
    for i, m in enumerate(items):
        if m.start() > last:
            blocks.append((last, m.start(), False))
        end = items[i + 1].start() if i + 1 < len(items) else len(text)
        blocks.append((m.end(), end, True))
        last = end
    if last < len(text):
        blocks.append((last, len(text), False))
    if "\n" in text:
        blocks = [piece for block in blocks for piece in _at_line_ends(text, *block, column if block[0] == 0 else 0)]
    sentences: list[Sentence] = []
    lower_case = text.lstrip()[:1].islower()  # a paragraph that starts in lower case is written without capitals
    for start, end, is_item in blocks:
        chunk = text[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        sentences.extend(_split_block(chunk.strip(), offset + start + lead, is_item, lower_case))
    return sentences


_WRAP_WIDTH = 80  # a paragraph whose lines are all this short may be hard-wrapped, at about its widest line
_NO_END = ",;&/(-–—"  # a line ending so goes on in the next, whatever the next starts with
_MARKS = ".!?…"
CLOSING = "\"'”’)]"  # what may follow a mark before the boundary pattern's white space


def _at_line_ends(text: str, start: int, end: int, is_item: bool, column: int = 0) -> list[tuple[int, int, bool]]:
    """The block cut after each line that ends a sentence without a mark: one that is not a hard wrap and is
    followed by a line starting as a sentence does ("{{observation}}\nI help agencies…", "Results after a
    month\n3x more calls"). A paragraph typed with single line breaks between its thoughts is then read as the
    same paragraphs with blank lines; a hard-wrapped one ("…companies like\nHarbor Foods…") is not cut."""
    lines = text[start:end].split("\n")
    if len(lines) < 2:
        return [(start, end, is_item)]
    widths = [len(line.rstrip()) for line in lines]
    widths[0] += column
    widest = max(widths)
    out, at, piece = [], start, start
    for line, width, following in zip(lines, widths, lines[1:]):
        at += len(line) + 1
        said, nxt = line.rstrip(), following.lstrip()
        if not said or not nxt or said[-1] in _NO_END:
            continue
        marked = said.rstrip(CLOSING + "*_")[-1:] in _MARKS
        # "…in lot C." or "…from Acme Inc.": a full stop the boundary pattern reads as an initial's or an
        # abbreviation's, which ends the sentence only where the line was ended on purpose
        abbreviated = said[-1] == "." and _is_abbreviation(said[:-1])
        wrapped = widest <= _WRAP_WIDTH and width + 1 + len(nxt.split(None, 1)[0]) > widest  # the next word
        # would not have fitted on the line
        if marked and not said.rstrip(CLOSING)[-1:] in "*_" and not abbreviated:
            # "…real money.\nworth a look?": a line ended on purpose; and a list item ends with its line when the
            # next starts a sentence ("- Quarterly review.\nThe new fee is…" typed without a blank line)
            if not wrapped and (nxt[0].islower() or (is_item and not out and nxt[0].isupper())):
                out.append((piece, at, is_item and not out))
                piece = at
            continue  # a mark, bare or in quotes, before anything else: the boundary pattern ends the sentence there
        if not (nxt[0].isupper() or nxt[0].isdigit() or nxt[0] in "{[*%<\"“✓✔→•" or _is_symbol(nxt[0])):
            continue
        if (not marked or abbreviated) and wrapped:
            continue  # a wrap (a mark in *bold* still ends one)
        out.append((piece, at, is_item and not out))  # what follows an item's own line is not the item
        piece = at
    out.append((piece, end, is_item and not out))
    return out
