"""Tests that cannot lie: the registry is what checks/ holds, every rule fires somewhere, EL000 really happens."""
from __future__ import annotations

from pathlib import Path

import emaillint.judge.checks
from emaillint import api
from emaillint.run import config as config_mod
from emaillint.judge.checks import MODULES
from emaillint.base.problem import Level
from emaillint.judge.registry import load_rules
from emaillint.judge.spec import RuleSpec, Rule

from .conftest import codes, lint


def test_the_registry_is_every_module_in_checks():
    folder = Path(emaillint.judge.checks.__file__).parent
    on_disk = {p.stem for p in folder.glob("el*.py")}
    assert on_disk == set(MODULES), f"not registered: {on_disk - set(MODULES)}; missing: {set(MODULES) - on_disk}"
    registered = {r.spec.origin for r in load_rules()}
    assert {f"emaillint.judge.checks.{name}" for name in MODULES} <= registered


def test_readability_fires_on_its_own_example_and_not_on_the_better_way():
    rule = next(r for r in load_rules() if r.code == "EL803")
    long = " ".join(rule.spec.example.split())
    text = f"Subject: approvals\n\nHi Sam,\n\n{long} {long}\n\nHow do you handle approvals today?\n\nJordan\n"
    assert "EL803" in codes(lint(text))
    assert "EL803" not in codes(lint("Subject: approvals\n\nHi Sam,\n\nHow do you handle approvals today?\n\nJordan\n"))


def test_a_rule_that_raises_becomes_el000_and_the_batch_goes_on(tmp_path, monkeypatch):
    def explode(ctx):
        raise RuntimeError("boom")
        yield  # pragma: no cover

    spec = RuleSpec(code="EL999", name="test.explodes", category="internal", principle=None, level=Level.ERROR,
                    summary="Raises.")
    original = config_mod.Config.rules_for

    def rules_for(self, path):
        rules = list(original(self, path))
        return rules + [(Rule(spec, explode), {}, Level.ERROR)] if path and "bad" in Path(path).name else rules

    monkeypatch.setattr(config_mod.Config, "rules_for", rules_for)
    (tmp_path / "bad.txt").write_text("Subject: hi\n\nHi Sam,\n\nHow do you plan shifts?\n\nJo\n")
    (tmp_path / "good.txt").write_text("Subject: hi\n\nHi Sam,\n\nJust checking in.\n\nJo\n")
    reports = {Path(r.path).name: r for r in api.lint_paths([str(tmp_path / "bad.txt"), str(tmp_path / "good.txt")],
                                                               config_mod.Config())}
    assert [p.code for p in reports["bad.txt"].problems] == ["EL000"]
    assert "boom" in reports["bad.txt"].problems[0].message
    assert "EL301" in codes(reports["good.txt"])
