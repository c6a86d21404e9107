"""Hover text: a finding's rule explained, with its better example; the score."""
from __future__ import annotations

from emaillint.report.explain import explain_rule
from emaillint.lsp import convert
from emaillint.base.problem import FileReport, Problem
from emaillint.judge.registry import find_rule


def _quote(text: str) -> str:
    return "\n".join("> " + line if line.strip() else ">" for line in text.strip().splitlines())


def problem_markdown(problem: Problem) -> str:
    """One finding: its message, the suggestion, why it matters and a better example."""
    out = [f"**{problem.code} · {problem.name}** ({problem.level})", "", problem.message]
    if problem.suggestion:
        out += ["", problem.suggestion]
    if problem.fix is not None:
        out += ["", f"Quick fix: {problem.fix.title}" + ("" if problem.fix.safe else " (review it)")]
    rule = find_rule(problem.code)
    if rule is not None:
        spec = rule.spec
        if spec.why:
            out += ["", "**Why?** " + " ".join(spec.why.split())]
        if spec.example and spec.instead:
            out += ["", "**Instead of**", _quote(spec.example), "", "**write**", _quote(spec.instead)]
        elif spec.instead:
            out += ["", "**Better**", _quote(spec.instead)]
        if spec.suggest_template:
            out += ["", f"Template: `{spec.suggest_template}` "
                    f"(`emaillint templates render {spec.suggest_template} --example`)"]
    return "\n".join(out)


def problem_plain(problem: Problem) -> str:
    out = [f"{problem.code} {problem.name} ({problem.level}): {problem.message}"]
    if problem.suggestion:
        out.append(problem.suggestion)
    doc = explain_rule(problem.code)
    if doc:
        out += ["", doc]
    return "\n".join(out)


def hover_text(problems: list[Problem], report: FileReport | None, *, with_score: bool, markdown: bool = True) -> str:
    """The hover body for the findings under the cursor (and the score, if asked)."""
    sep = "\n\n---\n\n" if markdown else "\n\n"
    parts = [problem_markdown(p) if markdown else problem_plain(p) for p in problems]
    if report is not None and with_score:
        parts.append(convert.score_markdown(report) if markdown else convert.score_plain(report))
    elif report is not None and parts:
        parts.append(f"_Score {report.score}/100_" if markdown else f"Score {report.score}/100")
    return sep.join(parts)
