"""The explicit list of rules: code modules plus YAML files in ``rules/``.

Loaded once per process (and per set of extra folders / house phrases). The YAML
files of each folder are parsed and checked once per change of their content and
kept pre-built (``emaillint.base.prebuilt``), so a run reads no YAML.
Codes and names must be unique; a test keeps the list complete.
"""
from __future__ import annotations

from functools import cache
from importlib import import_module
from pathlib import Path

from emaillint.judge.checks import MODULES
from emaillint.base import prebuilt
from emaillint.base.resources import rules_dir
from emaillint.judge.datarules import RuleFileError, read_rule_file, rule_from
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


def data_rule_entries(folder: Path) -> list[dict]:
    """The parsed and checked rule files of one folder (``datarules.read_rule_file``), pre-built."""
    files = sorted(folder.glob("*.yaml"))
    return prebuilt.load("rules", files, lambda: [read_rule_file(p) for p in files], place=folder)


@cache
def load_rules(extra_dirs: tuple[Path, ...] = (), phrases: tuple[tuple[str, tuple[str, ...]], ...] = ()) -> tuple[Rule, ...]:
    """Every rule, sorted by code. Raises RuleFileError for a bad data file."""
    extra = dict(phrases)
    entries = [e for folder in (rules_dir(), *map(Path, extra_dirs)) for e in data_rule_entries(folder)]
    rules = _code_rules() + [rule_from(e, extra) for e in entries]
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
