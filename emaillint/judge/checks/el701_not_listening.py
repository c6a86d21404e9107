"""A reply that pitches before it responds to what the prospect wrote.

## Why is this bad?
Listen to learn: when a prospect writes to you, answer their words and their
situation first. Pouncing on a keyword with a pitch tells them you weren't
listening.

## Example
Great news: our BI platform is exactly what you need! We have built-in dashboards.

## Use instead
You mentioned the regional managers rebuild the revenue report by hand every
Monday. How much of their Monday does that take today?
"""
from __future__ import annotations

import sys

from emaillint.base.vocabulary import Orientation
from emaillint.base.problem import Finding, Level
from emaillint.judge.spec import code_rule

SPEC = code_rule(sys.modules[__name__], code="EL701", name="reply.not-listening", category="not-listening",
                 principle=7, level=Level.WARNING, kinds=("reply",))


def check(ctx):
    if not ctx.email.quotes:
        return
    for sentence, side in zip(ctx.email.sentences(), ctx.orientation):
        if side == Orientation.PROSPECT:
            return
        if side == Orientation.SELLER:
            yield Finding(sentence.start, sentence.end,
                          "This reply pitches before it responds to what the prospect wrote: reflect their words first.",
                          "Try: \"You mentioned <their words>. How much does that cost you today?\"")
            return
