"""Point each finding at the shipped (or the user's) template that shows the better way.

A coach doesn't only say what is wrong; they hand over a better draft. For a
problem whose category a template answers, for the email's kind, the
suggestion gains "Or start from the '<name>' template: …". Templates are read
only when a report has such problems, and once per process.
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from emaillint.base.problem import Problem

_SKIP = frozenset({"template", "suppression", "grammar", "spelling", "placeholder", "length", "readability", "subject"})


@lru_cache(maxsize=256)
def _best_template(category: str, kind: str, template_dirs: tuple) -> str | None:
    from types import SimpleNamespace

    from emaillint.templates.catalog import templates_for

    found = templates_for({category}, kind, SimpleNamespace(template_dirs=template_dirs))
    return found[0].name if found else None


def attach(problems: list[Problem], kind: str, template_dirs: tuple = ()) -> list[Problem]:
    """The problems, with a template hint added where one fits (each template named once per email)."""
    out, named = [], set()
    for p in problems:
        name = None if p.category in _SKIP else _best_template(p.category, kind, tuple(template_dirs))
        if name and name not in named:
            named.add(name)
            hint = f"Or start from the '{name}' template: emaillint templates render {name} --example"
            p = replace(p, suggestion=f"{p.suggestion} {hint}" if p.suggestion else hint)
        out.append(p)
    return out
