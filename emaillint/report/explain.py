"""Rule documentation for ``emaillint rules`` and ``emaillint explain`` (like ``ruff rule``)."""
from __future__ import annotations

import json

from emaillint.judge.registry import find_rule, load_rules

PRINCIPLES = {
    1: "The prospect cares about their problems, not your product.",
    2: "Ask great questions about their problems.",
    3: "Never \"just follow up\".",
    4: "Propose the next step; don't ask the prospect to design it.",
    5: "Stay slightly behind the prospect.",
    6: "Be little: let others praise you.",
    7: "Lead with value; listen to learn.",
}


def rules_table(fmt: str = "text") -> str:
    rules = load_rules()
    if fmt == "json":
        return json.dumps([{"code": r.code, "name": r.name, "category": r.spec.category, "level": str(r.spec.level),
                            "principle": r.spec.principle, "summary": r.spec.summary} for r in rules], indent=2)
    rows = [f"{r.code}  {r.name:32} {r.spec.category:20} {str(r.spec.level):8} {r.spec.summary}" for r in rules]
    return "\n".join(rows)


def explain_rule(key: str) -> str | None:
    rule = find_rule(key)
    if rule is None:
        return None
    s = rule.spec
    out = [f"{s.code} {s.name}", "", s.summary, "", f"Category: {s.category}    Default level: {s.level}"]
    if s.principle:
        out.append(f"Principle {s.principle}: {PRINCIPLES[s.principle]}")
    if s.kinds:
        out.append(f"Applies to: {', '.join(s.kinds)} emails")
    for title, body in (("Why is this bad?", s.why), ("Example", s.example), ("Use instead", s.instead)):
        if body:
            out += ["", title, *("    " + line for line in body.strip().splitlines())]
    if s.options:
        out += ["", "Options (set under [tool.emaillint.rules." + s.code + "])"]
        out += [f"    {k} = {v!r}" for k, v in s.options.items()]
    if s.suggest_template:
        out += ["", f"Template: emaillint templates render {s.suggest_template} --example"]
    return "\n".join(out)
