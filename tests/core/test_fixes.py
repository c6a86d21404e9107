"""Fixes: every fixable rule's cases (tests/core/fix_cases.yaml), the declared safety, how fixes are
chosen and applied in passes, and a property over every shipped draft: fixing never leaves a broken
sentence, never touches a quote, a signature or template syntax, and settles."""
from __future__ import annotations

import glob
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from emaillint.anatomy.document import prepare
from emaillint.base.problem import Edit, Fix, Level, Problem
from emaillint.judge.registry import load_rules
from emaillint.read.source import from_text, read_path
from emaillint.read.tags import scan
from emaillint.run.config import Config
from emaillint.run.fixing import apply_fixes, chosen, fix_source

ROOT = Path(__file__).resolve().parents[2]
CASES = yaml.safe_load((Path(__file__).with_name("fix_cases.yaml")).read_text(encoding="utf-8"))


def case_texts(case: dict) -> tuple[str, str]:
    """(draft, expected draft after fixing) of one case."""
    if "draft" in case:
        return case["draft"], case["fixed"]
    return CASES["frame"].format(body=case["body"]), CASES["frame"].format(body=case["fixed"])


def fixed_by(case: dict, unsafe: bool, config: Config | None = None) -> str:
    """The case's draft after fixing with only its rule selected."""
    draft, _ = case_texts(case)
    config = (config or Config()).with_overrides(select=(case["rule"],))
    result = fix_source(from_text(draft, "draft.txt"), config, unsafe=unsafe)
    assert result.error is None and result.settled
    return result.after


def _label(case: dict) -> str:
    return f"{case['rule']}-{(case.get('body') or case.get('draft'))[:40]}"


LOCAL = [c for c in CASES["cases"] if not c.get("needs")]


@pytest.mark.parametrize("case", LOCAL, ids=_label)
def test_fix_case(case):
    draft, expected = case_texts(case)
    if case.get("unsafe"):
        assert fixed_by(case, unsafe=False) == draft, "an unsafe fix was applied without --unsafe-fixes"
    assert fixed_by(case, unsafe=bool(case.get("unsafe"))) == expected


def test_every_fixable_rule_has_cases_and_says_why_its_fixes_are_safe_or_not():
    cased = Counter(c["rule"] for c in CASES["cases"])
    for rule in load_rules():
        spec = rule.spec
        if spec.fix is None:
            assert not cased[rule.code], f"{rule.code} offers no fix but has fix cases"
            continue
        assert cased[rule.code], f"{rule.code} offers {spec.fix} fixes but tests/core/fix_cases.yaml has no case"
        assert len(spec.fix_safety.split()) >= 8, f"{rule.code}: say why its fixes are {spec.fix} ('Fix safety')"
        if spec.fix in ("safe", "unsafe"):
            kinds = {bool(c.get("unsafe")) for c in CASES["cases"] if c["rule"] == rule.code
                     and case_texts(c)[0] != case_texts(c)[1]}
            assert kinds == {spec.fix == "unsafe"}, f"{rule.code}: its cases disagree with its declared safety"


def test_explain_and_rules_say_how_safe_a_rule_s_fixes_are():
    import json

    from emaillint.report.explain import explain_rule, rules_table

    assert "Fix safety (safe: 'check --fix' applies it)\n    Dropping 'just'" in explain_rule("EL703")
    assert "Fix safety" not in explain_rule("EL301")
    assert {r["code"]: r["fix"] for r in json.loads(rules_table("json"))}["EL806"] == "unsafe"


def test_the_docs_table_says_what_each_rule_declares():
    """docs/fixes.md has one row per fixable rule, with the safety its spec declares."""
    table = (ROOT / "docs" / "fixes.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| (EL\d{3}) [^|]*\|[^|]*\| \*\*(safe|unsafe|mixed)\*\*", table, re.M))
    declared = {r.code: r.spec.fix for r in load_rules() if r.spec.fix}
    assert rows == declared


def test_the_editor_and_the_cli_see_the_same_safety():
    """The fix in the JSON output (and so in the editor) carries the safety the rule declares."""
    from emaillint.api import lint_text

    report = lint_text(case_texts(LOCAL[0])[0], "draft.txt", Config())
    fixes = [p for p in report.problems if p.fix is not None]
    assert fixes and all(p.to_dict()["fix"]["safe"] is True for p in fixes if p.code == "EL703")


# ---------------------------------------------------------------------------- applying


def _problem(code: str, start: int, end: int, text: str, safe: bool = True) -> Problem:
    return Problem(code, code.lower(), "hype", Level.WARNING, "m", start, end, 1, start + 1, 1, end + 1,
                   fix=Fix("t", (Edit(start, end, text),), safe))


def test_a_pass_takes_fixes_in_order_and_leaves_overlapping_ones_for_the_next():
    text = "abcdef"
    first, clash, later = _problem("EL1", 0, 3, "X"), _problem("EL2", 2, 4, "Y"), _problem("EL3", 4, 6, "Z")
    out, fixed = apply_fixes(text, [later, clash, first])
    assert out == "XdZ" and fixed == [first, later]


def test_findings_sharing_one_fix_are_both_fixed_once():
    text = "Sorry. Sorry to bother you, I know you're busy. Thanks."
    one, two = _problem("EL702", 7, 48, ""), _problem("EL702", 7, 48, "")
    out, fixed = apply_fixes(text, [one, two])
    assert out == "Sorry. Thanks." and len(fixed) == 2


def test_unsafe_fixes_only_when_asked():
    risky = _problem("EL504", 0, 5, "hipaa", safe=False)
    assert apply_fixes("HIPAA rules", [risky]) == ("HIPAA rules", [])
    assert apply_fixes("HIPAA rules", [risky], unsafe=True)[0] == "hipaa rules"


def test_a_rule_that_declares_no_fix_offers_none(monkeypatch):
    """The engine stamps safety from the spec: a rule without a declared fix cannot slip one in."""
    from dataclasses import replace

    from emaillint.base.problem import Finding
    from emaillint.judge.engine import stamp
    from emaillint.judge.spec import Rule

    rule = next(r for r in load_rules() if r.code == "EL301")
    assert rule.spec.fix is None
    doc = prepare(from_text("Hi Dana,\n\nJust checking in. Is Tuesday good?\n\nSam\n", "d.txt"))
    start = doc.analysed.index("Just")
    finding = Finding(start, start + 16, "m", None, Fix("Remove", (Edit(start, start + 17, ""),), True))
    assert stamp(rule, finding, doc, Level.WARNING).fix is None
    declared = Rule(replace(rule.spec, fix="unsafe"), rule.check)
    assert stamp(declared, finding, doc, Level.WARNING).fix.safe is False


# ---------------------------------------------------------------------------- the property


def shipped_drafts() -> list[str]:
    patterns = ("examples/*", "tests/fixtures/*.txt", "templates/*.j2", "tests/corpus*/emails/*")
    return sorted(p for pattern in patterns for p in glob.glob(str(ROOT / pattern)))


_CHECKS = {  # what a correct text does not gain from a fix, written independently of judge/tidy.py
    "two spaces between words": re.compile(r"\w  +\w"),
    "a space before punctuation": re.compile(r"\w +[.,;:!?](?:\s|$)"),
    "punctuation with nothing before it": re.compile(r"(?:^|\n)[ \t]*[,;:.]"),
    "two empty lines": re.compile(r"\n\s*\n\s*\n"),
    "a comma or stop after a stop": re.compile(r"[.!?] ?[,;:]|, ?[,.]"),
}


def _lower_starts(text: str, path: str) -> int:
    """Sentences of the body (as emaillint splits them) and paragraphs that start with a small letter."""
    email = prepare(from_text(text, path)).email
    starts = [s.text for s in email.sentences()] + [p.text.lstrip() for p in email.body]
    return sum(1 for s in starts if s[:1].islower())


def _not_the_authors(text: str, path: str) -> list[str]:
    """Quotes, signature, footer and Jinja tags: what a fix must never change."""
    email = prepare(from_text(text, path)).email
    parts = [q.text for q in email.quotes] + [p.text for p in (email.signature, email.footer) if p is not None]
    return parts + sorted(text[t.start:t.end] for t in scan(text))


@pytest.mark.parametrize("path", shipped_drafts(), ids=lambda p: str(Path(p).relative_to(ROOT)))
def test_fixing_a_shipped_draft_leaves_correct_text(path):
    source = read_path(Path(path))
    result = fix_source(source, Config(), unsafe=True)
    assert result.error is None and result.settled
    if not result.changed:
        return
    before, after = result.before, result.after
    for name, pattern in _CHECKS.items():
        assert len(pattern.findall(after)) <= len(pattern.findall(before)), f"a fix added {name}"
    assert _lower_starts(after, path) <= _lower_starts(before, path), "a fix left a sentence starting lower-case"
    assert _not_the_authors(after, path) == _not_the_authors(before, path), "a fix touched text not the author's"
    assert not chosen(result.report.problems, unsafe=True), "fixable findings were left"
    again = fix_source(from_text(after, path), Config(), unsafe=True)
    assert not again.changed, "fixing the fixed draft changed it again"
