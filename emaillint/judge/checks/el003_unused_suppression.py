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

## Fix safety
Safe: a comment that silences nothing changes nothing when it goes. The fix removes the
whole line when the comment is alone on it (and a blank line it would leave doubled),
otherwise just the comment and the space before it. A comment that can never work, or
names no rule, gets no fix: the author meant to silence something, and the finding says
how to write it instead.
"""
from __future__ import annotations

import sys
from dataclasses import replace

from emaillint.base.problem import Edit, Finding, Fix, Level
from emaillint.judge.spec import code_rule
from emaillint.read.suppress import matches

SPEC = replace(code_rule(sys.modules[__name__], code="EL003", name="suppression.unused", category="suppression",
                         principle=None, level=Level.INFO, fix="safe"), after_suppression=True)


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
                          "Try: delete the comment.", in_source=True,
                          fix=Fix("Remove the comment", (removal(ctx.doc.source.text, d.start, d.end),), safe=True))


def removal(text: str, start: int, end: int) -> Edit:
    """The edit that takes the comment at ``text[start:end]`` (source offsets) out and leaves the draft tidy: its
    whole line when nothing else is on it, and then one blank line too when the comment stood alone between
    blank lines (or at the start or the end of the text), so no paragraph break doubles; otherwise the comment
    and the blanks before it (after it, when it starts the line)."""
    line_start = text.rfind("\n", 0, start) + 1
    newline = text.find("\n", end)
    line_end = len(text) if newline == -1 else newline + 1
    if not text[line_start:start].strip() and not text[end:line_end].strip():
        blank_before = line_start == 0 or text.endswith("\n\n", 0, line_start)
        if blank_before and text.startswith("\n", line_end):
            return Edit(line_start, line_end + 1, "")
        if line_end == len(text) and line_start > 0 and blank_before:
            return Edit(line_start - 1, line_end, "")
        return Edit(line_start, line_end, "")
    before = len(text[line_start:start]) - len(text[line_start:start].rstrip(" \t"))
    if start - before > line_start:
        return Edit(start - before, end, "")
    after = len(text[end:line_end]) - len(text[end:line_end].lstrip(" \t"))
    return Edit(start, end + after, "")


def _names_a_rule(selector: str, rules) -> bool:
    from emaillint.judge.registry import load_rules

    return any(matches(selector, r.code, r.name, r.spec.category) for r in (*load_rules(), *rules))
