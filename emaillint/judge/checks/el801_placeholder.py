"""A merge field was left unfilled.

## Why is this bad?
"Hi {FirstName}" or "[Company Name]" tells the prospect they are one of a
thousand recipients. Nothing kills a personal email faster.

One finding per email, on the first leftover field. A file that is clearly a
template (merge fields in three or more places, or one standing for the
sender, such as "[Your name]") is not a draft with leftovers: it is judged as
its rendering would read, and this rule stays quiet. Set the option
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

from emaillint.base.problem import Finding, Level
from emaillint.judge.spec import code_rule

SPEC = code_rule(sys.modules[__name__], code="EL801", name="placeholder.unfilled", category="placeholder",
                 principle=None, level=Level.ERROR, options={"template_files": "auto"})
# Every repetition is bounded so a run of braces or spaces stays linear.
_PLACEHOLDER = re.compile(
    r"\[(?:[A-Z][A-Za-z]*|X+)(?:[ _-][A-Za-z]+){0,3}\](?!\()|(?<!\{)\{[A-Za-z_][A-Za-z0-9_. ]{0,30}\}(?!\})"
    r"|\{\{-?\s{0,20}[\w.|()'][\w.|()' ]{0,80}\s{0,20}-?\}\}|\*\|[A-Z0-9_]+\|\*|%[A-Z][A-Z_]{2,}%|<<[^<>\n]{1,30}>>|\bX{3,}\b|\bTBD\b"
)

_SIGNS = ("[", "{", "*|", "%", "<<", "XXX", "TBD")  # every placeholder holds one: most parts never meet the regex


def check(ctx):
    email = ctx.email
    parts = [p for p in (email.subject, email.greeting, *email.body, email.sign_off, email.signature) if p]
    found = [(part, m) for part in parts if any(sign in part.text for sign in _SIGNS)
             for m in _PLACEHOLDER.finditer(part.text)]
    if not found or _is_template(ctx.options.get("template_files", "auto"), found):
        return
    part, first = found[0]
    others = len(found) - 1
    more = f" (and {others} more)" if others else ""
    yield Finding(part.start + first.start(), part.start + first.end(),
                  f"'{first.group()}'{more} is an unfilled merge field: the prospect will see it as it is.",
                  "Try: fill it in, or render the template before sending.")


_SENDER_SLOT = re.compile(r"\b(?:your|my|sender)[ _-]?(?:name|first[ _-]?name|title|company|email|phone|signature)\b", re.I)


def _is_template(setting: str, found) -> bool:
    """Merge fields throughout, or one for the sender: a template for others to fill, not a forgotten field."""
    if setting in ("always", "never"):
        return setting == "always"
    return len(found) >= 3 or any(_SENDER_SLOT.search(m.group()) for _, m in found)
