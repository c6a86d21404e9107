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


def _fired_in_cases() -> set[str]:
    """Every code that fires on at least one failing example: data rules' examples, rule_cases.yaml, and a
    draft LanguageTool (a look-alike on 127.0.0.1) flags for grammar and spelling."""
    from emaillint.api import lint_text
    from emaillint.judge.datarules import examples
    from emaillint.judge.registry import data_rule_files
    from emaillint.run.config import Config, GrammarConfig
    from tests.fixtures.fake_languagetool import serve, utf16_len

    from .test_rules import CASES, _email

    fired: set[str] = set()
    for path in data_rule_files():
        for sentence in examples(path).get("fail", []):
            fired |= codes(lint(f"Subject: notes\n\nHi Sam,\n\n{sentence}\n\nJordan\n"))
    for sides in CASES.values():
        for text in sides.get("fail", []):
            fired |= codes(lint(_email(text), path="case.txt.j2" if text.startswith("---") else "case.txt"))

    def answer(form, text):
        found = []
        for word, rule, issue in (("This are", "THIS_NNS", "grammar"), ("teh", "MORFOLOGIK_RULE_EN_US", "misspelling")):
            if word in text:
                found.append({"message": "x", "replacements": [], "offset": utf16_len(text[:text.index(word)]),
                              "length": utf16_len(word), "rule": {"id": rule, "issueType": issue, "category": {"id": "X"}}})
        return 200, found

    with serve(answer) as url:
        report = lint_text("Subject: notes\n\nHi Sam,\n\nThis are teh notes.\n\nJo\n", path="d.txt",
                           config=Config(grammar=GrammarConfig(enabled=True, url=url, cache_dir="")))
    fired |= codes(report)
    return fired


def test_every_registered_rule_fires_in_at_least_one_case():
    silent = {r.code for r in load_rules()} - _fired_in_cases()
    assert not silent, f"no test case makes these rules fire: {sorted(silent)}"


def test_no_test_skips_because_a_module_fails_to_import():
    """A broken emaillint module must fail the suite: never importorskip, never an ImportError handler that
    returns, passes or skips, and never one around an import of emaillint itself."""
    import ast

    tests = Path(__file__).resolve().parents[1]
    found = []
    for path in sorted(tests.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = path.relative_to(tests)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "importorskip":
                found.append(f"{where}:{node.lineno}: importorskip")
            if not isinstance(node, ast.Try):
                continue
            for handler in node.handlers:
                names = {getattr(n, "id", getattr(n, "attr", "")) for n in ast.walk(handler.type or ast.Name("x"))}
                if not names & {"ImportError", "ModuleNotFoundError"}:
                    continue
                ours = [n for stmt in node.body for n in ast.walk(stmt) if isinstance(n, (ast.Import, ast.ImportFrom))
                        and any((getattr(n, "module", None) or a.name).startswith("emaillint") for a in n.names)]
                hides = [n for stmt in handler.body for n in ast.walk(stmt) if isinstance(n, (ast.Return, ast.Pass))
                         or (isinstance(n, ast.Call) and getattr(n.func, "attr", "") == "skip")]
                if ours or hides:
                    found.append(f"{where}:{handler.lineno}: an ImportError handler that hides a failure")
    assert not found, found
