"""UTF-16 <-> code point offsets, and the AnnotatedText payload for a segment.

LanguageTool is Java: the ``offset``/``length`` of a match count UTF-16 code
units of the *original* text of the AnnotatedText (markup included). Python
strings index code points, so every character above U+FFFF (emoji, some CJK)
counts 2 for LanguageTool and 1 for Python.
"""

from __future__ import annotations

from bisect import bisect_right


class Utf16Map:
    """Maps UTF-16 code-unit offsets of ``text`` to Python str indexes."""

    def __init__(self, text: str) -> None:
        # utf16 offsets at which an astral (2-unit) character starts, ascending
        self._astral_u16: list[int] = []
        u16 = 0
        for ch in text:
            if ord(ch) > 0xFFFF:
                self._astral_u16.append(u16)
                u16 += 2
            else:
                u16 += 1
        self.length_u16 = u16
        self.length = len(text)

    def to_index(self, u16: int) -> int:
        """Code-point index for a UTF-16 offset (an offset inside a surrogate
        pair rounds down to the character start)."""
        u16 = max(0, min(u16, self.length_u16))
        # astral characters that start before u16 each took one unit more
        return u16 - bisect_right(self._astral_u16, u16 - 1)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def annotation(text: str, markup: tuple[tuple[int, int, str], ...]) -> list[dict[str, str]]:
    """LanguageTool AnnotatedText parts for ``text`` whose ``markup`` spans are
    template syntax. Spans are sorted, clipped and must not overlap."""
    parts: list[dict[str, str]] = []
    pos = 0
    for start, end, interpret_as in sorted(markup):
        start, end = max(start, pos), min(end, len(text))
        if end <= start:
            continue
        if start > pos:
            parts.append({"text": text[pos:start]})
        parts.append({"markup": text[start:end], "interpretAs": interpret_as})
        pos = end
    if pos < len(text):
        parts.append({"text": text[pos:]})
    return parts
