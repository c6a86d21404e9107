"""Rule documentation for ``emaillint rules`` and ``emaillint explain`` (like ``ruff rule``)."""
from __future__ import annotations

import json
import textwrap

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
                            "principle": r.spec.principle, "summary": r.spec.summary, "fix": r.spec.fix} for r in rules],
                          indent=2)
    rows = [f"{r.code}  {r.name:32} {r.spec.category:20} {str(r.spec.level):8} {r.spec.summary}" for r in rules]
    return "\n".join(rows)


#: Codes a report can carry that no rule produces, so ``explain`` has nothing in the registry to read.
NOT_RULES = {
    "EL000": ("internal.error", "internal", "error",
              "emaillint could not finish judging this file: a bug in emaillint, not in the draft.",
              "The rest of the batch is still judged. Please report it with the draft (or a shorter one "
              "that does the same) and the message, which names the exception."),
}


def explain(key: str) -> str | None:
    """The documentation for ``emaillint explain KEY``: one rule by code or name, else every rule a
    category or a code prefix selects (``self-centric``, ``EL7``), the way ``--select`` reads it."""
    single = explain_rule(key)
    if single is not None:
        return single
    from emaillint.read.suppress import matches

    rules = [r for r in load_rules() if key.upper() != "ALL" and matches(key, r.code, r.name, r.spec.category)]
    extra = [code for code, (name, category, *_rest) in NOT_RULES.items() if matches(key, code, name, category)]
    if not rules and not extra:
        return None
    head = f"{key}: {', '.join([r.code for r in rules] + extra)}"
    docs = [explain_rule(r.code) for r in rules] + [explain_rule(code) for code in extra]
    return "\n\n".join([head, *docs])


def _not_a_rule(code: str) -> str:
    name, category, level, summary, why = NOT_RULES[code]
    return "\n".join([f"{code} {name}", "", summary, "", f"Category: {category}    Level: {level}", "",
                      "What to do", *textwrap.wrap(why, 80, initial_indent="    ", subsequent_indent="    ")])


def explain_rule(key: str) -> str | None:
    """One rule's documentation by code or name (also the language server's hover text)."""
    if key.upper() in NOT_RULES or key in (v[0] for v in NOT_RULES.values()):
        return _not_a_rule(next(c for c, v in NOT_RULES.items() if key.upper() == c or key == v[0]))
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
    if s.fix:
        how = {"safe": "safe: 'check --fix' applies it", "unsafe": "unsafe: only with 'check --fix --unsafe-fixes'",
               "mixed": "safe or unsafe, as below"}[s.fix]
        out += ["", f"Fix safety ({how})", *textwrap.wrap(" ".join(s.fix_safety.split()), 76, initial_indent="    ",
                                                           subsequent_indent="    ")]
    if s.suggest_template:
        out += ["", f"Template: emaillint templates render {s.suggest_template} --example"]
    return "\n".join(out)
