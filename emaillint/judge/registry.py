"""The explicit list of rules: code modules plus YAML files in ``rules/``.

Loaded once per process (and per set of extra folders / house phrases).
Codes and names must be unique; a test keeps the list complete.
"""
from __future__ import annotations

from functools import cache
from importlib import import_module
from pathlib import Path

from emaillint.judge.checks import MODULES
from emaillint.judge.datarules import RuleFileError, load_rule_file
from emaillint.base.resources import rules_dir
from emaillint.judge.spec import Rule


def _code_rules() -> list[Rule]:
    rules = []
    for name in MODULES:
        module = import_module(f"emaillint.judge.checks.{name}")
        rules.append(Rule(module.SPEC, module.check))
    return rules


def data_rule_files(extra_dirs: tuple[Path, ...] = ()) -> list[Path]:
    files = sorted(rules_dir().glob("*.yaml"))
    for folder in extra_dirs:
        files += sorted(Path(folder).glob("*.yaml"))
    return files


@cache
def load_rules(extra_dirs: tuple[Path, ...] = (), phrases: tuple[tuple[str, tuple[str, ...]], ...] = ()) -> tuple[Rule, ...]:
    """Every rule, sorted by code. Raises RuleFileError for a bad data file."""
    extra = dict(phrases)
    rules = _code_rules() + [load_rule_file(p, extra) for p in data_rule_files(extra_dirs)]
    seen: dict[str, str] = {}
    for rule in rules:
        for key in (rule.code, rule.name):
            if key in seen:
                raise RuleFileError(f"{rule.spec.origin}: '{key}' is already used by {seen[key]}")
            seen[key] = rule.spec.origin
    return tuple(sorted(rules, key=lambda r: r.code))


def find_rule(key: str, rules: tuple[Rule, ...] | None = None) -> Rule | None:
    """A rule by code (case-insensitive) or name."""
    for rule in rules or load_rules():
        if rule.code == key.upper() or rule.name == key:
            return rule
    return None
