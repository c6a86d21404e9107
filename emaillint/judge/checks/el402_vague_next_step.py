"""The next step has no time: make it concrete.

## Why is this bad?
"Can we talk next week?" is an ask, but it leaves the prospect to find a
slot and compare calendars. Proposing a day and time makes yes a one-word
reply.

## Example
Would you be open to a call sometime next week?

## Use instead
Would Tuesday at 10am work for a 20-minute call?
"""
from __future__ import annotations

import sys

from emaillint.base.problem import Finding, Level
from emaillint.judge.spec import code_rule

SPEC = code_rule(sys.modules[__name__], code="EL402", name="next-step.vague", category="vague-next-step",
                 principle=4, level=Level.INFO)


def check(ctx):
    found = ctx.asks
    if not found or any(ask.timed or not ask.meeting for _, ask in found):
        return
    sentence, _ = found[0]
    yield Finding(sentence.start, sentence.end,
                  "The ask names no time: propose a specific day and time so saying yes takes one word.",
                  "Try: \"Would Tuesday at 10am work for 20 minutes?\"")
