"""A suppression comment that silences nothing.

## Why is this bad?
Stale suppressions hide the next real problem in that spot and clutter the
draft. Remove the comment once the rule no longer fires there.

## Example
<!-- emaillint: disable=follow-up-cliche --> above a paragraph with no cliché.

## Use instead
Delete the comment.
"""
from __future__ import annotations

import sys

from emaillint.base.problem import Level
from emaillint.judge.spec import code_rule

SPEC = code_rule(sys.modules[__name__], code="EL003", name="suppression.unused", category="suppression",
                 principle=None, level=Level.INFO)


def check(ctx):
    """The engine reports unused suppressions after all rules ran; nothing to do per email."""
    return iter(())
