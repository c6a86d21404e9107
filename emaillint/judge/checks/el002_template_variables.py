"""A template uses a variable that its front matter does not declare.

## Why is this bad?
A template is rendered by people who did not write it. A variable with no
declaration, example or default renders as an error (or as nothing), and the
prospect gets "Hi ," or a broken sentence.

## Example
---
variables:
  first_name: Dana
---
How has {{ company }} handled approvals so far?

## Use instead
Declare it under variables: with an example, or give it a default:
{{ company | default('your team') }}
"""
from __future__ import annotations

import sys

from emaillint.read import frontmatter
from emaillint.base.problem import Finding, Level
from emaillint.judge.spec import code_rule

SPEC = code_rule(sys.modules[__name__], code="EL002", name="template.undeclared-variable", category="template",
                 principle=None, level=Level.WARNING)


def check(ctx):
    doc = ctx.doc
    if doc.fmt != "jinja" or doc.unclosed_tags:
        return
    from emaillint.read import rendering  # Jinja's own answer (jinja2.meta), imported for templates only

    text = doc.source.text
    declared = set(rendering.read_variables(ctx.email.front_matter.get("variables")))
    fm = _front_matter(text)
    parts = [(fm.end if fm else 0, len(text))]
    span = frontmatter.key_span(text, fm, "subject") if fm else None
    if span:
        parts.insert(0, span)
    reported = set()
    for start, end in parts:
        for name, offset in rendering.undeclared_uses(text[start:end], declared, offset=start):
            if name in reported:
                continue
            reported.add(name)
            at = doc.to_analysed(offset)
            yield Finding(at, at,
                          f"'{name}' is used but not declared under variables: in the front matter, and has no default.",
                          f"Try: declare it with an example value, or write {{{{ {name} | default('…') }}}}.")


def _front_matter(text: str):
    try:
        return frontmatter.parse(text)
    except frontmatter.FrontMatterError:
        return None
