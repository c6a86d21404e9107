"""A merge field was left unfilled.

## Why is this bad?
"Hi {FirstName}" or "[Company Name]" tells the prospect they are one of a
thousand recipients. Nothing kills a personal email faster.

One finding per email, on the first leftover field. A file that is clearly a
template (merge fields in three or more places, one standing for the
sender, such as "[Your name]", or what only a sending tool reads: spintax such
as "{Hi|Hello}", a control tag such as "{% if x %}") is not a draft with
leftovers: it is judged as its rendering would read, and this rule stays quiet. Set the option
`template_files` to "never" (always report) or "always" (never report) to
decide for a repository.

## Example
I noticed that [Company Name] is hiring three new SDRs.

## Use instead
I noticed that Harbor Foods is hiring three new SDRs.
"""
from __future__ import annotations

import re
import sys

from emaillint.base import mergetags
from emaillint.judge.analysis import slots
from emaillint.base.problem import Finding, Level
from emaillint.judge.spec import code_rule

SPEC = code_rule(sys.modules[__name__], code="EL801", name="placeholder.unfilled", category="placeholder",
                 principle=None, level=Level.ERROR, options={"template_files": "auto"})
# A merge tag (any spelling in emaillint.base.mergetags) or a gap left to fill ("XXX", "TBD"). A tag in square
# brackets counts when it reads like a field's name ("[Company Name]", "[XX]", "[first name]"), not "[sic]", "[1]" or
# "[link]";
# one in single angle brackets does not count ("<Name>" is as often a quoted address or markup).
_GAP = re.compile(r"\bX{3,}\b|\bTBD\b")
_FIELD_IN_BRACKETS = re.compile(r"(?:[A-Z][A-Za-z]*|X+)(?:[ _-][A-Za-z]+){0,3}")
_SIGNS = ("[", "{", "*|", "%", "<<", "XXX", "TBD")  # every placeholder holds one: most parts never meet a regex


def _placeholders(text: str) -> list[re.Match]:
    """The leftover fields of ``text``, in order."""
    found = [m for m in mergetags.TAG.finditer(text) if _counts(m)]
    if "XXX" in text or "TBD" in text:
        found = sorted(found + list(_GAP.finditer(text)), key=lambda m: m.start())
    return found


def _counts(match: re.Match) -> bool:
    form = mergetags.form(match)
    if form == "brackets":
        name = mergetags.name(match)
        return _FIELD_IN_BRACKETS.fullmatch(name) is not None or _names_a_field(name)
    return form != "angle brackets"


def _names_a_field(name: str) -> bool:
    """A lower-case name in brackets is a field when it names what a field holds ("[first name]", "[company]",
    "[insert stat]"), not when it is a note ("[sic]", "[edit]") or a link's text ("[link]")."""
    return len(name) > 1 and name.islower() and slots.slot_type(name)[0] not in ("unknown", "link", "calendar_link")


def check(ctx):
    email = ctx.email
    parts = [p for p in (email.subject, email.greeting, *email.body, email.sign_off) if p] + email.signatures()
    found = [(part, m) for part in parts if any(sign in part.text for sign in _SIGNS)
             for m in _placeholders(part.text)]
    if not found or _is_template(ctx.options.get("template_files", "auto"), found,
                                   ctx.doc.spintax + ctx.doc.control_tags):
        return
    part, first = found[0]
    others = len(found) - 1
    more = f" (and {others} more)" if others else ""
    yield Finding(part.start + first.start(), part.start + first.end(),
                  f"'{first.group()}'{more} is an unfilled merge field: the prospect will see it as it is.",
                  "Try: fill it in, or render the template before sending.")


_SENDER_SLOT = re.compile(r"\b(?:your|my|sender)[ _-]?(?:name|first[ _-]?name|title|company|email|phone|signature)\b", re.I)


def _is_template(setting: str, found, tool_syntax: int) -> bool:
    """Merge fields throughout, one for the sender, or what only a sending tool reads (spintax "{Hi|Hello}", a
    control tag "{% if x %}"): a template for others to fill, not a forgotten field."""
    if setting in ("always", "never"):
        return setting == "always"
    return len(found) >= 3 or tool_syntax > 0 or any(_SENDER_SLOT.search(m.group()) for _, m in found)
