"""The subject line is missing, too long or shouting.

## Why is this bad?
The subject decides whether the email is opened. A missing subject looks like
spam, a long one is cut off on a phone, and capitals or exclamation marks
read as a pitch before the prospect has read a word.

## Example
Subject: HUGE NEWS: the BEST deal of the year!!!

## Use instead
Subject: month-end close at Harbor Foods

## Options
max_length: characters before the subject is cut off on a phone (default 60).
"""
from __future__ import annotations

import sys

from emaillint.judge.checks.el504_shouting import shouted_words
from emaillint.base.problem import Finding, Level
from emaillint.judge.spec import code_rule

SPEC = code_rule(sys.modules[__name__], code="EL804", name="subject.form", category="subject",
                 principle=None, level=Level.INFO, options={"max_length": 60})


def check(ctx):
    subject = ctx.email.subject
    if subject is None or not subject.text.strip():
        if ctx.email.body and ctx.kind != "reply":
            first = ctx.email.body[0]
            yield Finding(first.start, first.start, "There is no subject line: the subject decides whether the email is opened.",
                          "Try: a short subject about their world, e.g. \"month-end close at Harbor Foods\".")
        return
    text = subject.text.strip()
    limit = int(ctx.options["max_length"])
    if len(text) > limit:
        yield Finding(subject.start, subject.end, f"The subject is {len(text)} characters; phones cut it off after about {limit}.",
                      "Try: four to seven words about the prospect's problem.")
    if shouted_words(text) or "!" in text:
        yield Finding(subject.start, subject.end,
                      "The subject shouts (capitals or exclamation marks): it reads as an ad before it is opened.",
                      "Try: plain lower-case words about their problem.")
