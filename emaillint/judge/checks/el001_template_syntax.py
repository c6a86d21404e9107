"""The Jinja template does not parse.

## Why is this bad?
A template with a syntax error cannot be rendered, so the email it should
produce cannot be sent, or gets sent with raw template code in it.

## Example
Hi {{ first_name },

## Use instead
Hi {{ first_name }},
"""
from __future__ import annotations

import sys

from emaillint.base.problem import Finding, Level
from emaillint.judge.spec import code_rule

SPEC = code_rule(sys.modules[__name__], code="EL001", name="template.syntax", category="template",
                 principle=None, level=Level.ERROR)


MAX_UNCLOSED = 10


def check(ctx):
    doc = ctx.doc
    for offset, message in doc.errors:
        at = doc.to_analysed(offset)
        yield Finding(at, at, message)
    if doc.fmt != "jinja":
        return
    for offset in doc.unclosed_tags[:MAX_UNCLOSED]:
        at = doc.to_analysed(offset)
        yield Finding(at, at, "This Jinja tag is never closed: the template will not render.",
                      "Try: close it with '}}', '%}' or '#}'.")
    if len(doc.unclosed_tags) > MAX_UNCLOSED:  # a run of braces: say how many, don't list thousands
        at = doc.to_analysed(doc.unclosed_tags[MAX_UNCLOSED])
        yield Finding(at, at, f"{len(doc.unclosed_tags) - MAX_UNCLOSED} more Jinja tags from here on are never closed.")
    if doc.unclosed_tags:
        return
    error = _parse_error(doc.source.text)
    if error:
        line, message = error
        at = doc.to_analysed(doc.index.offset(line, 1))
        yield Finding(at, at, f"Template syntax error: {message}.")


def _parse_error(text: str) -> tuple[int, str] | None:
    """Ask Jinja itself (imported only for templates) whether the template parses."""
    from jinja2 import TemplateSyntaxError

    from emaillint.read.rendering import lint_environment  # the environment the template is judged with

    try:
        lint_environment().parse(text)
    except TemplateSyntaxError as exc:
        return max(1, exc.lineno or 1), exc.message or "invalid syntax"
    except RecursionError:
        return 1, "blocks are nested too deeply to parse"
    return None
