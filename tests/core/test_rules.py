"""Every rule has passing and failing examples, and they behave."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from emaillint.judge.datarules import examples
from emaillint.judge.registry import data_rule_files, load_rules
from emaillint.base.vocabulary import CATEGORIES, MISSION_CATEGORIES

from .conftest import codes, lint

CASES = yaml.safe_load((Path(__file__).parent / "rule_cases.yaml").read_text())
LONG = " ".join(["Our platform covers finance, inventory and payroll for teams of every size."] * 16)


def _email(text: str) -> str:
    return text.replace("{long}", LONG)


def _data_cases():
    for path in data_rule_files():
        data = yaml.safe_load(path.read_text())
        ex = examples(path)
        for sentence in ex.get("fail", []):
            yield pytest.param(data["code"], sentence, True, id=f"{data['code']}-fail-{sentence[:30]}")
        for sentence in ex.get("pass", []):
            yield pytest.param(data["code"], sentence, False, id=f"{data['code']}-pass-{sentence[:30]}")


@pytest.mark.parametrize("code,sentence,fires", list(_data_cases()))
def test_data_rule_examples(code, sentence, fires):
    report = lint(f"Subject: notes\n\nHi Sam,\n\n{sentence}\n\nJordan\n")
    assert (code in codes(report)) is fires, [(p.code, p.message) for p in report.problems]


def _code_cases():
    for key, sides in CASES.items():
        code = key.split("_")[0]
        for i, text in enumerate(sides.get("fail", [])):
            yield pytest.param(code, text, True, id=f"{code}-fail-{i}")
        for i, text in enumerate(sides.get("pass", [])):
            yield pytest.param(code, text, False, id=f"{code}-pass-{i}")


@pytest.mark.parametrize("code,text,fires", list(_code_cases()))
def test_code_rule_cases(code, text, fires):
    report = lint(_email(text), path="case.txt.j2" if text.startswith("---") else "case.txt")
    assert (code in codes(report)) is fires, [(p.code, p.message) for p in report.problems]


def test_every_rule_has_pass_and_fail_examples():
    data_codes = set()
    for path in data_rule_files():
        ex = examples(path)
        code = yaml.safe_load(path.read_text())["code"]
        data_codes.add(code)
        assert ex.get("fail") and ex.get("pass"), f"{path.name} needs pass and fail examples"
    exempt = {"EL901", "EL902"}  # they need LanguageTool: tests/grammar/test_grammar_rules.py and the test below
    for rule in load_rules():
        if rule.code in data_codes or rule.code in exempt:
            continue
        assert CASES.get(rule.code, {}).get("fail") and CASES[rule.code].get("pass"), f"{rule.code} has no cases"


def test_registry_is_consistent():
    rules = load_rules()
    assert len({r.code for r in rules}) == len(rules)
    assert len({r.name for r in rules}) == len(rules)
    for rule in rules:
        assert rule.spec.category in CATEGORIES
        assert rule.spec.summary, rule.code
        assert rule.spec.why and rule.spec.example and rule.spec.instead, f"{rule.code} lacks doc sections"
        assert rule.spec.principle in (None, 1, 2, 3, 4, 5, 6, 7)
    covered = {r.spec.category for r in rules}
    assert set(MISSION_CATEGORIES) <= covered


def test_lexicons_are_sorted_unique_and_lower_case():
    from emaillint.base.resources import rules_dir

    for path in sorted((rules_dir() / "lexicons").glob("*.txt")):
        entries = [l.strip() for l in path.read_text().splitlines() if l.strip() and not l.startswith("#")]
        assert entries == sorted(set(entries)), f"{path.name} must be sorted and unique"
        assert all(e == e.lower() for e in entries), f"{path.name} must be lower case"


def test_suggestions_are_not_themselves_flagged():
    """A rule's 'Use instead' text must pass the same rule (codespell's loop check)."""
    for rule in load_rules():
        if rule.spec.instead and rule.code not in ("EL002", "EL003", "EL001"):
            report = lint(f"Subject: notes\n\nHi Sam,\n\n{rule.spec.instead}\n\nJordan\n")
            assert rule.code not in codes(report), (rule.code, rule.spec.instead)


@pytest.mark.parametrize("tag", ["[Company]", "{first_name}", "{{ company }}", "*|FNAME|*", "%COMPANY%", "<<name>>",
                                 "XXX", "TBD"])
def test_every_form_of_unfilled_merge_field_is_reported(tag):
    """EL801 looks only at parts holding a placeholder sign: each form it knows must still hold one."""
    draft = f"Hi Dana,\n\nYour team at {tag} doubled its support queue this spring.\n\nHow are you handling it?\n\nSam\n"
    report = lint(draft)
    assert "EL801" in codes(report), tag
    assert tag in next(p.message for p in report.problems if p.code == "EL801")
