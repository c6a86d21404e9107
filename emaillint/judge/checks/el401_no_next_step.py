"""The email ends without proposing a next step.

## Why is this bad?
Prospects have full-time jobs; they rarely know what should happen next.
"Let me know your thoughts", "feel free to reach out", "looking forward to
hearing from you" or "what are the next steps on your side?" hand the work to
them. The seller leads: one concrete ask, at a specific time where it fits.

## Example
Let me know if you're interested. Looking forward to hearing from you.

## Use instead
Here's what I'd suggest as a next step: a 20-minute call on Tuesday at 10am
to map where the handoffs break.
"""
from __future__ import annotations

import re
import sys

from emaillint.judge.analysis import asks
from emaillint.judge.analysis.text import plain
from emaillint.base.problem import Finding, Level
from emaillint.judge.spec import code_rule

SPEC = code_rule(sys.modules[__name__], code="EL401", name="next-step.missing", category="no-next-step",
                 principle=4, level=Level.WARNING)


def check(ctx):
    sentences = ctx.email.sentences()
    if not sentences or ctx.asks:
        return
    designs = next((s for s in sentences if asks.DESIGNS.search(plain(s.text))), None)
    weak = next((s for s in reversed(sentences) if asks.WEAK.search(plain(s.text))), None)
    anchor = designs or weak or sentences[-1]
    if designs:
        why = "It asks the prospect to design the next step"
    elif weak:
        close = re.sub(r"[.!?]+$", "", " ".join(weak.text.split()))
        why = f"\"{close}\" leaves the next move to the prospect"
    else:
        why = "It ends without any ask"
    yield Finding(anchor.start, anchor.end,
                  f"{why}: propose one concrete next step yourself.",
                  "Try: \"Here's what I'd suggest as a next step: a 20-minute call on Tuesday at 10am to …\"")
