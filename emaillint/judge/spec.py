"""What every rule declares about itself, whether written in code or in YAML."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from emaillint.base.problem import FIX_SAFETY, Finding, Level

if TYPE_CHECKING:
    from emaillint.judge.engine import Context

@dataclass(frozen=True)
class RuleSpec:
    """Identity, principle and defaults of one rule (yamllint's ID/CONF/DEFAULT)."""

    code: str
    name: str
    category: str
    principle: int | None
    level: Level
    summary: str
    why: str = ""
    example: str = ""
    instead: str = ""
    options: dict[str, Any] = field(default_factory=dict)
    kinds: tuple[str, ...] | None = None  # email kinds the rule applies to (None: all)
    suggest_template: str | None = None
    origin: str = ""  # the module or YAML file that defines the rule
    after_suppression: bool = False  # judges the suppression comments (EL003): runs once they were applied
    fix: str | None = None  # None: the rule offers no fix; else one of base.problem.FIX_SAFETY
    fix_safety: str = ""  # why its fixes are (un)safe: a code rule's "## Fix safety" section, a data rule's fix.why


@dataclass(frozen=True)
class Rule:
    spec: RuleSpec
    check: Callable[["Context"], Iterator[Finding]]

    @property
    def code(self) -> str:
        return self.spec.code

    @property
    def name(self) -> str:
        return self.spec.name


def parse_doc(doc: str) -> dict[str, str]:
    """Split a rule docstring into summary and its '## Section' parts (ruff-style)."""
    lines = (doc or "").strip().splitlines()
    out = {"summary": lines[0].strip() if lines else ""}
    current, buf = None, []
    for line in lines[1:]:
        if line.startswith("## "):
            if current:
                out[current] = "\n".join(buf).strip()
            current, buf = line[3:].strip().lower(), []
        elif current:
            buf.append(line)
    if current:
        out[current] = "\n".join(buf).strip()
    return out


def code_rule(module, *, code: str, name: str, category: str, principle: int | None, level: Level,
              options: dict | None = None, kinds: tuple[str, ...] | None = None,
              suggest_template: str | None = None, fix: str | None = None) -> RuleSpec:
    """Build a RuleSpec for a rule written in Python from its module docstring.

    ``fix``: the safety of the fixes the rule offers (see ``FIX_SAFETY``); its docstring's
    "## Fix safety" section says why (a test requires one whenever ``fix`` is given)."""
    if fix is not None and fix not in FIX_SAFETY:
        raise ValueError(f"{code}: fix must be one of {', '.join(FIX_SAFETY)}, not {fix!r}")
    doc = parse_doc(module.__doc__ or "")
    return RuleSpec(code=code, name=name, category=category, principle=principle, level=level,
                    summary=doc["summary"], why=doc.get("why is this bad?", ""), example=doc.get("example", ""),
                    instead=doc.get("use instead", ""), options=dict(options or {}), kinds=kinds,
                    suggest_template=suggest_template, origin=module.__name__, fix=fix,
                    fix_safety=doc.get("fix safety", ""))
