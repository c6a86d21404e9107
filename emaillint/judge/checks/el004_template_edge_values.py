"""The template breaks when a variable gets a long value.

## Why is this bad?
Templates are filled with real data, and real company names can be long
("Northwind Consolidated Holdings Group Ltd"). A subject that fits with the
example values can run past what a phone shows once a long value goes in, and
the part that gets cut off is usually the part about the prospect.

## Example
subject: "{{ company }}'s plans for {{ initiative }} and the {{ quarter }} roll-out"

## Use instead
subject: "{{ initiative }} at {{ company }}"

## Options
edge_length: length of the long value tried for every variable (default 40).
max_length: subject length a phone shows (default 60).
"""
from __future__ import annotations

import sys

from emaillint.read import frontmatter
from emaillint.base.problem import Finding, Level
from emaillint.judge.spec import code_rule

SPEC = code_rule(sys.modules[__name__], code="EL004", name="template.edge-values", category="template",
                 principle=None, level=Level.INFO, options={"edge_length": 40, "max_length": 60})
LONG_VALUE = "Northwind Consolidated Holdings Group International Ltd"


def check(ctx):
    doc = ctx.doc
    if doc.fmt != "jinja" or doc.unclosed_tags or ctx.email.subject is None:
        return
    fm = frontmatter.parse(doc.source.text) if doc.source.text.startswith("---") else None
    span = frontmatter.key_span(doc.source.text, fm, "subject") if fm else None
    if span is None:
        return
    tags = [t for t in doc.tags if span[0] <= t.start and t.end <= span[1] and t.kind == "expr"]
    if not tags:
        return
    from emaillint.read import rendering

    long_value = LONG_VALUE[: int(ctx.options["edge_length"])]
    subject = doc.source.text[span[0]:span[1]]
    try:
        names = set(rendering.read_variables(fm.data.get("variables"))) | rendering.undeclared_names(subject)
        rendered = rendering.render_text(subject, {name: long_value for name in names})
    except rendering.RenderError:  # a subject Jinja cannot parse or render is EL001's finding
        return
    limit = int(ctx.options["max_length"])
    if len(rendered) > limit:
        subject = ctx.email.subject
        yield Finding(subject.start, subject.end,
                      f"With a {len(long_value)}-character value in each field the subject runs to {len(rendered)} characters; "
                      f"phones cut it off after about {limit}.",
                      "Try: fewer fields in the subject, with the prospect's part first.")
