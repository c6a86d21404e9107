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

import re
import sys

from emaillint.problem import Finding, Level
from emaillint.spec import code_rule

SPEC = code_rule(sys.modules[__name__], code="EL002", name="template.undeclared-variable", category="template",
                 principle=None, level=Level.WARNING)
_NAME = re.compile(r"^\s*-?\s*([A-Za-z_]\w*)")
_LOOP_VARS = re.compile(r"\bfor\s+([\w\s,]+?)\s+in\b|\bset\s+(\w+)")


def _declared(front_matter: dict) -> set[str]:
    variables = front_matter.get("variables") or {}
    if isinstance(variables, dict):
        return set(map(str, variables))
    if isinstance(variables, list):
        return {str(v.get("name")) if isinstance(v, dict) else str(v) for v in variables}
    return set()


def check(ctx):
    doc = ctx.doc
    if doc.fmt != "jinja" or doc.unclosed_tags:
        return
    declared = _declared(ctx.email.front_matter)
    for tag in doc.tags:
        if tag.kind == "stmt":
            for m in _LOOP_VARS.finditer(tag.inner):
                declared |= {v.strip() for v in (m.group(1) or m.group(2) or "").split(",")}
    reported = set()
    for tag in doc.tags:
        if tag.kind != "expr":
            continue
        m = _NAME.match(tag.inner)
        if not m or m.group(1) in declared or m.group(1) in reported or "default(" in tag.inner or m.group(1) in ("loop", "true", "false", "none"):
            continue
        reported.add(m.group(1))
        at = doc.to_analysed(tag.start)
        yield Finding(at, at + len(ctx.doc.analysed[at:at]),
                      f"'{m.group(1)}' is used but not declared under variables: in the front matter, and has no default.",
                      f"Try: declare it with an example value, or write {{{{ {m.group(1)} | default('…') }}}}.")
