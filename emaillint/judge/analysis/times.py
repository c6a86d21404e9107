"""Does a sentence name a specific time? ("Tuesday at 10am", "tomorrow", "March 3").

The day and month names are data (``rules/knowledge/times.yaml``); the forms are here.
"""
from __future__ import annotations

import re

from emaillint.judge.analysis.text import knowledge_patterns

_K = knowledge_patterns("times")
_DAY_OF_MONTH = r"\d{1,2}(?:st|nd|rd|th)?"
SPECIFIC_TIME = _K(
    r"\b(?:{weekday_stems})days?\b|\b(?:{weekday_abbreviations})\b\.?(?!\w)|\btomorrow\b|\btoday at\b",
    r"\bthis (?:{times_of_day})\b|\bend of (?:the )?day\b",
    r"\b\d{1,2}(?::\d\d)?\s?(?:am|pm|a\.m\.|p\.m\.)(?!\w)|\b\d{1,2}:\d\d\b|\bnoon\b",
    r"\b(?:{month_patterns})\.? " + _DAY_OF_MONTH + r"\b|\b" + _DAY_OF_MONTH + r" (?:of )?(?:{month_patterns})\b|\b\d{1,2}/\d{1,2}\b",
    flags=re.I,
    positions_only=True,  # only whether there is one
)


def has_specific_time(text: str) -> bool:
    return bool(SPECIFIC_TIME.search(text))
