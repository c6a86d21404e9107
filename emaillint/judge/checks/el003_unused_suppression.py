"""A suppression comment that silences nothing, or can never work.

## Why is this bad?
Stale suppressions hide the next real problem in that spot and clutter the
draft. Remove the comment once the rule no longer fires there. A comment
that can never work (a misspelt action, a rule that does not exist, a
'disable-line' on a line of its own, a '#' comment after text in Markdown)
silences nothing either: the finding says how to write it instead.

## Example
<!-- emaillint: disable=follow-up-cliche --> above a paragraph with no cliché.

## Use instead
Delete the comment.
"""
from __future__ import annotations

import sys
from dataclasses import replace

from emaillint.base.problem import Finding, Level
from emaillint.judge.spec import code_rule
from emaillint.read.suppress import matches

SPEC = replace(code_rule(sys.modules[__name__], code="EL003", name="suppression.unused", category="suppression",
                         principle=None, level=Level.INFO), after_suppression=True)


def check(ctx):
    """Each comment the engine found silencing nothing (it runs once suppressions were applied)."""
    if ctx.silencing is None:
        return
    for d in ctx.silencing.unused:
        unknown = [s for s in d.selectors if not _names_a_rule(s, ctx.rules)]
        if d.problem:
            yield Finding(d.start, d.end, d.problem, d.instead, in_source=True)
        elif unknown:
            yield Finding(d.start, d.end, f"'{unknown[0]}' names no rule, so this comment silences nothing.",
                          "Try: a code (EL301), a code prefix (EL3), a rule name or a category; "
                          "'emaillint rules' lists them.", in_source=True)
        else:
            yield Finding(d.start, d.end, f"This 'emaillint: {d.action}' comment silences nothing: remove it.",
                          "Try: delete the comment.", in_source=True)


def _names_a_rule(selector: str, rules) -> bool:
    from emaillint.judge.registry import load_rules

    return any(matches(selector, r.code, r.name, r.spec.category) for r in (*load_rules(), *rules))
