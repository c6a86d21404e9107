"""Spelling findings from LanguageTool (only with --grammar).

## Why is this bad?
A misspelt word, or worse a misspelt name, tells the prospect the email was
not written with care. House words (product and people names) listed under
grammar.words in the config are never flagged.

## Example
I'd be happy to recieve your feedback.

## Use instead
I'd be happy to receive your feedback.

## Fix safety
Unsafe: LanguageTool's first suggestion is a guess ("Dana" can become "Dan",
a product name a dictionary word); review each one.
"""
from __future__ import annotations

import sys

from emaillint.base.problem import Level
from emaillint.judge.spec import code_rule

SPEC = code_rule(sys.modules[__name__], code="EL902", name="spelling.languagetool", category="spelling",
                 principle=None, level=Level.WARNING, fix="unsafe")


def check(ctx):
    """LanguageTool's spelling matches on the author's text (one request per draft, shared with EL901)."""
    from emaillint.judge.grammar_bridge import findings

    return findings(ctx, "spelling")
