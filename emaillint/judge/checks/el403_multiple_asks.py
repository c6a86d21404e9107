"""The email makes several competing asks.

## Why is this bad?
Every extra ask makes the reply harder to write. Faced with four requests,
a busy prospect answers none. One clear ask gets one clear answer.

## Example
Could you send me your contract, introduce me to your CFO, fill in the
survey, and let me know a good time for a demo? Also, would you be open to a pilot?

## Use instead
Would Tuesday at 10am work for a 20-minute call to see whether a pilot fits?

## Options
max_asks: how many separate asks are fine (default 2; a proposal plus its
"does that time work?" counts once).
"""
from __future__ import annotations

import sys

from emaillint.judge.analysis import asks
from emaillint.base.problem import Finding, Level
from emaillint.judge.spec import code_rule

SPEC = code_rule(sys.modules[__name__], code="EL403", name="next-step.multiple-asks", category="multiple-asks",
                 principle=4, level=Level.WARNING, options={"max_asks": 2})


def check(ctx):
    found = [(s, a) for s, a in ctx.asks if a.kind != "confirm"]
    total = sum(asks.count_actions(s.text) for s, _ in found)
    if total <= int(ctx.options["max_asks"]):
        return
    first, last = found[0][0], found[-1][0]
    yield Finding(first.start, last.end,
                  f"{total} separate asks compete for one reply: keep the one that matters most.",
                  "Try: one ask, e.g. \"Would Tuesday at 10am work for a 20-minute call?\"")
