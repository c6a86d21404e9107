"""The spellings of a merge tag, in one place: what the anatomy, the analysers and the rules take for one.

Sales tools spell the field a template fills in many ways: ``{{first_name}}`` (Jinja, HubSpot, Outreach,
Salesloft, Apollo, lemlist), ``{FirstName}`` (GMass; ``#{first_name}`` and ``${firstName}`` with a sigil),
``[First Name]`` (the hand-written template), ``*|FNAME|*`` (Mailchimp), ``%FIRSTNAME%``, ``<<First Name>>``
(mail merges), ``<Name>`` and ``{!Contact.FirstName}`` (Salesforce). Each form has one group: the tag's name,
which the slot reader types ("first name" is the prospect, "your company" the sender's). Every repetition is
bounded, so a run of braces or brackets stays linear.
"""
from __future__ import annotations

import re

from emaillint.base import markup

# <b> and the like are markup, not a tag
_HTML_ELEMENTS = "|".join(re.escape(element) for element in markup.ELEMENTS)

# A line break inside a tag's name, where a hard-wrapped draft (72 columns) cut "{{key differentiator}}" or
# "[Company Name]" in two; a blank line still ends the paragraph, and with it any tag
_WRAP = r"\n(?![ \t]*\n)"

FORMS: tuple[tuple[str, str], ...] = (
    ("double braces", r"\{\{-?[ \t]{0,10}([^{}\s](?:[^{}\n]|" + _WRAP + r"){0,79}?)[ \t]{0,10}-?\}\}"),  # {{ name | default }}
    ("salesforce", r"\{!([A-Za-z_][\w.]{0,60})\}"),  # {!Contact.FirstName}
    ("braces", r"(?<![{\w#$])[#$]?\{([A-Za-z_][\w .-]{0,40})\}(?!\})"),  # {FirstName}, #{first_name}, ${firstName}
    ("brackets", r"\[((?:[^\[\]\n]|" + _WRAP + r"){1,80})\](?![(\[])"),  # [First Name]; "[text](url)" is a Markdown link
    ("mailchimp", r"\*\|([A-Z0-9_]{1,40})\|\*"),  # *|FNAME|*
    ("percent signs", r"%([A-Z][A-Z_]{2,40})%"),  # %FIRSTNAME%
    ("double angle brackets", r"<<([A-Za-z][A-Za-z0-9 _.-]{0,40})>>"),  # <<First Name>>
    ("angle brackets", r"<(?!(?:" + _HTML_ELEMENTS + r")>)([A-Za-z][A-Za-z _-]{0,40})>"),  # <Name>
)

TAG = re.compile("|".join(source for _, source in FORMS))
"""Any merge tag; ``name(match)`` is its name."""

EMBEDDABLE = "(?:" + "|".join(re.sub(r"\((?!\?)", "(?:", source) for _, source in FORMS) + ")"
"""The same, without its groups, to sit inside a larger pattern."""


def name(match: re.Match) -> str:
    """The name a :data:`TAG` match holds ("first_name | default('there')" for ``{{first_name | default('there')}}``)."""
    found = next(group for group in match.groups() if group is not None)
    return " ".join(found.split()) if "\n" in found else found  # a name a hard wrap cut reads as one line


def form(match: re.Match) -> str:
    """Which of :data:`FORMS` a :data:`TAG` match is spelled in ("brackets", "percent signs"...)."""
    return FORMS[match.lastindex - 1][0]


def spans(text: str) -> list[tuple[int, int]]:
    """Where the merge tags of ``text`` are (none when it holds no character a tag starts with)."""
    if not any(sign in text for sign in "{[*%<"):
        return []
    return [m.span() for m in TAG.finditer(text)]
