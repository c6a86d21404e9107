"""Too many exclamation marks.

## Why is this bad?
Stay slightly behind the prospect: a little less enthusiastic than they are.
Stacked or repeated exclamation marks put the seller ahead of the prospect
and read as pressure.

## Example
It will transform your business overnight!!! Let me know when you want to sign up!

## Use instead
Two teams your size cut their close to one day.

## Options
max: exclamation marks tolerated in the subject and body together (default 1).

## Fix safety
Safe: a stack ("!!!", "!!1", "?!") becomes one mark ("!", or "?" when it asks), which
keeps the sentence and what it says. Too many single marks get no fix: which to keep
is the author's call.
"""
from __future__ import annotations

import re
import sys

from emaillint.base.problem import Edit, Finding, Fix, Level
from emaillint.judge.spec import code_rule

SPEC = code_rule(sys.modules[__name__], code="EL503", name="hype.exclamations", category="hype",
                 principle=5, level=Level.WARNING, options={"max": 1}, fix="safe")
_STACK = re.compile(r"(?<![!?])[!?]*!(?:[!?1]|\s!)+")  # starts where a run starts: linear on a run of ?


def check(ctx):
    parts = [p for p in (ctx.email.subject, *ctx.email.body) if p is not None and "!" in p.text]  # most hold none
    stacked = [(p.start + m.start(), p.start + m.end()) for p in parts for m in _STACK.finditer(p.text)]
    text = ctx.email.text
    for start, end in stacked:
        mark = "?" if "?" in text[start:end] else "!"
        fix = Fix(f"Use one '{mark}'", (Edit(start, end, mark),))
        yield Finding(start, end, "Stacked exclamation marks shout: stay a little less excited than the prospect.",
                      "Try: end the sentence with a full stop.", fix)
    if stacked:
        return
    marks = [(p.start + m.start()) for p in parts for m in re.finditer("!", p.text)]
    if len(marks) > int(ctx.options["max"]):
        yield Finding(marks[0], marks[-1] + 1,
                      f"{len(marks)} exclamation marks: that much enthusiasm puts you ahead of the prospect.",
                      "Try: keep at most one, or none.", marks=tuple((m, m + 1) for m in marks))
