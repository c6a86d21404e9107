"""A merge field was left unfilled.

## Why is this bad?
"Hi {FirstName}" or "[Company Name]" tells the prospect they are one of a
thousand recipients. Nothing kills a personal email faster.

## Example
I noticed that [Company Name] is hiring three new SDRs.

## Use instead
I noticed that Harbor Foods is hiring three new SDRs.
"""
from __future__ import annotations

import re
import sys

from emaillint.problem import Finding, Level
from emaillint.spec import code_rule

SPEC = code_rule(sys.modules[__name__], code="EL801", name="placeholder.unfilled", category="placeholder",
                 principle=None, level=Level.ERROR)
# Every repetition is bounded so a run of braces or spaces stays linear.
_PLACEHOLDER = re.compile(
    r"\[(?:[A-Z][A-Za-z]*|X+)(?:[ _-][A-Za-z]+){0,3}\](?!\()|(?<!\{)\{[A-Za-z_][A-Za-z0-9_. ]{0,30}\}(?!\})"
    r"|\{\{-?\s{0,20}[\w.|()'][\w.|()' ]{0,80}\s{0,20}-?\}\}|\*\|[A-Z0-9_]+\|\*|%[A-Z][A-Z_]{2,}%|<<[^<>\n]{1,30}>>|\bX{3,}\b|\bTBD\b"
)


def check(ctx):
    email = ctx.email
    parts = [p for p in (email.subject, email.greeting, *email.body, email.sign_off, email.signature) if p]
    for part in parts:
        for m in _PLACEHOLDER.finditer(part.text):
            yield Finding(part.start + m.start(), part.start + m.end(),
                          f"'{m.group()}' is an unfilled merge field: the prospect will see it as it is.",
                          "Try: fill it in, or render the template before sending.")
