"""The email is too long to read on a phone.

## Why is this bad?
A first email is read in seconds, often on a phone. Every sentence that is
not about the prospect's problem or the next step makes the reply less likely.

## Example
Four paragraphs about the company's history, modules, services and partners.

## Use instead
Three short paragraphs: what you noticed about them, one question, one ask.

## Options
max_words: words in the body before the email counts as long (default 150).
"""
from __future__ import annotations

import sys

from emaillint.judge.analysis.text import words
from emaillint.base.problem import Finding, Level
from emaillint.judge.spec import code_rule

SPEC = code_rule(sys.modules[__name__], code="EL802", name="length.too-long", category="length",
                 principle=None, level=Level.WARNING, options={"max_words": 150})


def check(ctx):
    body = ctx.email.body
    count = sum(len(words(p.text)) for p in body)
    limit = int(ctx.options["max_words"])
    if count > limit:
        yield Finding(body[0].start, body[0].end,
                      f"The body has {count} words (over {limit}): cut it to what matters to the prospect.",
                      "Try: one observation about them, one question, one proposed next step.")
