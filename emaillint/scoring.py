"""A 0-100 score per email, with per-category sub-scores.

Each problem costs points by level (error 30, warning 15, info 4); the
mission categories cost 1.5x as much (they are what a coach looks at first)
and a follow-up cliché costs 2x in a follow-up, where it matters most. One
category can cost at most 45 points, so a single habit cannot zero an email
on its own. Sub-scores are 100 minus what each category cost, floored at 0.
Suppressed problems cost nothing.
"""
from __future__ import annotations

from collections import defaultdict

from emaillint.problem import Level, Problem
from emaillint.spec import MISSION_CATEGORIES

LEVEL_COST = {Level.ERROR: 30, Level.WARNING: 15, Level.INFO: 4}
MISSION_WEIGHT = 1.5
CATEGORY_CAP = 45
KIND_WEIGHTS = {("follow-up", "follow-up-cliche"): 2.0, ("cold", "self-centric"): 1.2, ("reply", "not-listening"): 1.5}


def cost(problem: Problem, kind: str) -> float:
    weight = MISSION_WEIGHT if problem.category in MISSION_CATEGORIES else 1.0
    return LEVEL_COST[problem.level] * weight * KIND_WEIGHTS.get((kind, problem.category), 1.0)


def score(problems: list[Problem], kind: str, categories: tuple[str, ...] = ()) -> tuple[int, dict[str, int]]:
    """Total score and sub-scores for every category in ``categories``."""
    per_category: dict[str, float] = defaultdict(float)
    for problem in problems:
        per_category[problem.category] += cost(problem, kind)
    capped = {c: min(v, CATEGORY_CAP) for c, v in per_category.items()}
    total = max(0, round(100 - sum(capped.values())))
    subscores = {c: max(0, round(100 - capped.get(c, 0) * 100 / CATEGORY_CAP)) for c in categories}
    return total, subscores
