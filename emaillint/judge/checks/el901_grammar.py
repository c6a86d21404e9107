"""Grammar findings from LanguageTool (only with --grammar).

## Why is this bad?
A grammar slip in a first email makes the prospect wonder how careful you
will be with their business. LanguageTool checks the author's own text only
(no quotes, signatures or template syntax).

## Example
This are a test.

## Use instead
This is a test.

## Fix safety
Unsafe: LanguageTool's first suggestion is a guess ("Dana" can become "Dan",
a product name a dictionary word); review each one.
"""
from __future__ import annotations

import sys

from emaillint.base.problem import Level
from emaillint.judge.spec import code_rule

SPEC = code_rule(sys.modules[__name__], code="EL901", name="grammar.languagetool", category="grammar",
                 principle=None, level=Level.WARNING, fix="unsafe")


def check(ctx):
    """LanguageTool's grammar matches on the author's text (one request per draft, shared with EL902)."""
    from emaillint.judge.grammar_bridge import findings

    return findings(ctx, "grammar")
