"""Flesch-Kincaid grade, computed offline with a vowel-group syllable counter.

No dictionary download (textstat >= 0.7.9 fetches one at run time and fails
offline). The heuristic counter is within a syllable of a dictionary for most
business English, which is plenty for a coaching threshold.
"""
from __future__ import annotations

import re
from functools import lru_cache

from emaillint.judge.analysis.text import words

_VOWELS = re.compile(r"[aeiouy]+")
_SILENT_ENDING = re.compile(r"(?:[^laeiouy]es|ed|[^laeiouy]e)$")  # "makes", "booked", "make": no syllable of their own
MIN_SENTENCES, MIN_WORDS = 3, 40


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    w = word.lower().strip("'’-")
    if len(w) <= 3:
        return 1
    w = _SILENT_ENDING.sub("", w)
    w = w[1:] if w.startswith("y") else w  # a leading y is a consonant
    return max(1, len(_VOWELS.findall(w)))


def grade_of(sentences: list[str]) -> float | None:
    """FK grade, or None when the text is too short to grade honestly."""
    all_words = [w for s in sentences for w in words(s)]
    if len(sentences) < MIN_SENTENCES or len(all_words) < MIN_WORDS:
        return None
    syl = sum(map(syllables, all_words))
    return 0.39 * len(all_words) / len(sentences) + 11.8 * syl / len(all_words) - 15.59
