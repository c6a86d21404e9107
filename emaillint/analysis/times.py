"""Does a sentence name a specific time? ("Tuesday at 10am", "tomorrow", "March 3")."""
from __future__ import annotations

import re

_DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
SPECIFIC_TIME = re.compile(
    rf"\b{_DAY}s?\b|\b(?:mon|tue|tues|wed|thu|thur|thurs|fri)\b\.?(?!\w)|\btomorrow\b|\btoday at\b|\bthis (?:afternoon|morning|evening)\b|\bend of (?:the )?day\b"
    rf"|\b\d{{1,2}}(?::\d\d)?\s?(?:am|pm|a\.m\.|p\.m\.)(?!\w)|\b\d{{1,2}}:\d\d\b|\bnoon\b"
    rf"|\b{_MONTH}\.? \d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{1,2}}(?:st|nd|rd|th)? (?:of )?{_MONTH}\b|\b\d{{1,2}}/\d{{1,2}}\b",
    re.I,
)


def has_specific_time(text: str) -> bool:
    return bool(SPECIFIC_TIME.search(text))
