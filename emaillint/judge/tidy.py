"""Every fix leaves a correct sentence.

A rule's fix says what to change in the words it flagged: "just wanted to" becomes
"wanted to", "AMAZING" becomes "amazing", a sentence that is nothing but an apology
goes. Applied as written, a fix at the start of a sentence leaves it lower-case
("wanted to bump this…"), a removal leaves two spaces or a space before a full stop,
and a removed sentence leaves its space or its empty line behind. ``tidy_edit``
widens or adjusts one edit so the text around it stays correct; ``faults`` counts
what a correct text does not have, and a tidied edit that would still add a fault
is dropped, because no fix is better than a wrong one. Pure functions over the
analysed text; the engine calls them before it moves a fix to the source file.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter

from emaillint.base.problem import Edit

#: What may stand before a sentence's first word: opening quotes and brackets, Markdown emphasis.
OPENERS = "\"'“‘([*_"
_BEFORE_PUNCT = ",;:"
_DASHES = "-–—"

_FAULTS = {
    "double space": re.compile(r"(?<=\S) {2,}(?=\S)"),
    "space before punctuation": re.compile(r"(?<=\w)[ \t]+[.,;:!?](?=\s|$)"),
    "lower-case sentence start": re.compile(r"(?:[.!?][\"'”’)]*[ \t]+|(?:^|\n)[ \t]*\n[ \t]*)[\"'“‘(]*([a-z])"),
    "text starts lower-case": re.compile(r"^[\"'“‘(]*[a-z]"),
    "dangling punctuation": re.compile(r"(?:^|\n)[ \t]*[,;:]|[,;:][ \t]*[,.;:!?]|[.!?][ \t]*[,;:]"),
    "empty lines stacked": re.compile(r"\n[ \t]*\n[ \t]*\n"),
    "space at line start": re.compile(r"(?<=\n\n) +(?=\S)"),
}
# characters either side of an edit that the fault check reads: every fault is a few characters long, and one
# that crosses the window's edge is in the text before and after the edit alike, so it cancels out (160 read
# three times as much text for the same answers; the check is most of what a fix costs)
_WINDOW = 48


# what a fault cannot be without: a text holding none of these has none of that fault (no regex run)
_FAULT_SIGNS = {"double space": ("  ",), "dangling punctuation": (",", ";", ":"), "empty lines stacked": ("\n",),
                "space at line start": ("\n\n ",),
                "space before punctuation": (" .", " ,", " ;", " :", " !", " ?", "\t")}


def faults(text: str, names=None) -> Counter:
    """How many of each fault ``text`` has (what a fix must not add): two spaces between words,
    a space before a full stop or comma, a sentence or paragraph starting lower-case, a comma
    with nothing before it, stacked empty lines, a paragraph indented by a space. ``names``: only these."""
    found = Counter()
    for name, pattern in _FAULTS.items():
        if names is not None and name not in names:
            continue
        signs = _FAULT_SIGNS.get(name)
        if signs is not None and not any(sign in text for sign in signs):
            continue
        n = len(pattern.findall(text))
        if n:
            found[name] = n
    return found


def sentence_start(text: str, pos: int, starts: list[int]) -> bool:
    """Whether ``pos`` is the first word of a sentence (``starts``: sorted sentence starts),
    quotes, brackets and emphasis marks before it allowed."""
    i = bisect_right(starts, pos) - 1
    return i >= 0 and all(c in OPENERS for c in text[starts[i]:pos])


def _capital(word: str) -> str:
    return word[:1].upper() + word[1:]


def _lower_word_at(text: str, pos: int) -> bool:
    """A plain lower-case word starts at ``pos`` (not 'iPhone', not a URL or a merge tag)."""
    m = re.match(r"[a-z][a-z'’-]*(?=[\s.,;:!?)\"'”’]|$)", text[pos:pos + 60])
    return m is not None


def tidy_edit(text: str, edit: Edit, starts: list[int], *, capitalise: bool = True) -> Edit | None:
    """``edit`` widened so the text around it stays correct, or None when that cannot be done.

    ``starts``: the sorted offsets where sentences start (capitals matter there; pass none
    for a subject line, whose case is the author's choice)."""
    a, b, new = edit.start, edit.end, edit.text
    at_start = capitalise and sentence_start(text, a, starts)
    if new:
        old = text[a:b]
        capitalised = old[:1].isupper() and old[1:2].islower()  # "Just wanted" where the splitter saw no start
        if (at_start or (capitalise and capitalised)) and new[:1].islower():
            new = _capital(new)
        tidied = Edit(a, b, new)
    elif at_start and _ends_sentence(text, b, starts):
        tidied = _remove_sentence(text, a, b)
    else:
        tidied = _remove_words(text, a, b, at_start)
    if tidied is None or _adds_faults(text, tidied):
        return None
    return tidied


def _ends_sentence(text: str, b: int, starts: list[int]) -> bool:
    """Nothing but spaces between ``b`` and the end of its line, the text, or the next sentence."""
    rest = len(text[b:].lstrip(" \t")) if b < len(text) else 0
    nxt = len(text) - rest
    return nxt >= len(text) or text[nxt] == "\n" or nxt in starts


def _remove_sentence(text: str, a: int, b: int) -> Edit:
    """Remove a whole sentence with the space after it, or before it when it ends its line;
    a sentence alone on its line takes the line, and an emptied paragraph its blank line."""
    line_start = text.rfind("\n", 0, a) + 1
    line_end = text.find("\n", b)
    line_end = len(text) if line_end == -1 else line_end
    after = text[b:line_end]
    if after.strip(" \t"):
        return Edit(a, b + len(after) - len(after.lstrip(" \t")), "")
    before = text[line_start:a]
    if before.strip(" \t"):
        return Edit(line_start + len(before.rstrip(" \t")), line_end, "")
    if line_end == len(text):  # the last line: take the line break before it
        start = line_start - 1 if line_start > 0 else line_start
        if start > 0 and text[start - 1] == "\n":  # and the blank line above
            start -= 1
        return Edit(start, line_end, "")
    end = line_end + 1
    blank_above = line_start == 0 or text[max(0, line_start - 2):line_start] == "\n\n"
    if blank_above and text[end:end + 1] == "\n":
        end += 1  # the paragraph is gone: one blank line, not two
    return Edit(line_start, end, "")


def _remove_words(text: str, a: int, b: int, at_start: bool) -> Edit | None:
    """Remove words inside a sentence: one space stays between its neighbours, none before a
    full stop; at a sentence start the comma after the words goes too and the next word takes
    the capital."""
    while b < len(text) and text[b] in " \t":
        b += 1
    if at_start:
        if b < len(text) and text[b] in _BEFORE_PUNCT + _DASHES:
            b += 1
            while b < len(text) and text[b] in " \t":
                b += 1
        if _lower_word_at(text, b):
            return Edit(a, b + 1, text[b].upper())
        return Edit(a, b, "")
    if b == len(text) or text[b] in ".,;:!?\n":
        while a > 0 and text[a - 1] in " \t":  # "the deck ." -> "the deck."
            a -= 1
        return Edit(a, b, "")
    if a > 0 and text[a - 1] not in " \t\n":  # glued to the word before: keep one space
        return Edit(a, b, " ")
    return Edit(a, b, "")


def _adds_faults(text: str, edit: Edit) -> bool:
    """Whether applying ``edit`` gives the text around it a fault it did not have."""
    lo = max(0, edit.start - _WINDOW)
    hi = min(len(text), edit.end + _WINDOW)
    if lo:  # start at a paragraph break when one is near, so '^' means one
        brk = text.rfind("\n\n", max(0, lo - 4 * _WINDOW), lo)
        lo = brk + 2 if brk != -1 else (0 if lo <= 4 * _WINDOW else lo)
    before = text[lo:hi]
    after = text[lo:edit.start] + edit.text + text[edit.end:hi]
    now = faults(after)
    if not now:
        return False
    was = faults(before, now.keys())  # only a fault the edited text has can have been added
    return any(now[name] > was[name] for name in now)
