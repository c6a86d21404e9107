"""A 0-100 score per email, with per-category sub-scores: a coach's ranking.

The four mission judgements dominate, secondary findings move the score a
little, and one fault counts once: a category costs its points (from
``rules/knowledge/scoring.yaml``) when any finding of it is present, however
many sentences show it, so "QUICK QUESTION!!!" is one hype fault, not four.
An info-level finding costs half. Sub-scores are 100 minus the share of its
cost each category took. Suppressed problems never reach this module.
"""
from __future__ import annotations

from functools import cache

from emaillint.judge.knowledge import load
from emaillint.base.problem import Level, Problem


@cache
def _table() -> tuple[dict[str, float], dict[tuple[str, str], float], float]:
    data = load("scoring")
    weights = {(w["kind"], w["category"]): float(w["weight"]) for w in data["kind_weights"]}
    return {k: float(v) for k, v in data["costs"].items()}, weights, float(data["info_share"])


def category_cost(category: str, kind: str, levels: set[Level]) -> float:
    """What one category's findings cost an email of ``kind``: once, at the highest level present."""
    costs, weights, info_share = _table()
    base = costs.get(category, 0.0) * weights.get((kind, category), 1.0)
    return base if max(levels) > Level.INFO else base * info_share


def score(problems: list[Problem], kind: str, categories: tuple[str, ...] = ()) -> tuple[int, dict[str, int]]:
    """Total score and sub-scores for every category in ``categories``."""
    if any(p.category == "internal" for p in problems):
        return 0, {c: 0 for c in categories}
    levels: dict[str, set[Level]] = {}
    for problem in problems:
        levels.setdefault(problem.category, set()).add(problem.level)
    spent = {c: category_cost(c, kind, lv) for c, lv in levels.items()}
    total = max(0, round(100 - sum(spent.values())))
    costs = _table()[0]
    subscores = {c: 100 - round(100 * spent.get(c, 0.0) / max(costs.get(c, 1.0), 1.0)) if c in spent else 100
                 for c in categories}
    return total, {c: max(0, v) for c, v in subscores.items()}
