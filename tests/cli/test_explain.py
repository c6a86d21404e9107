"""``emaillint explain`` answers for every code the README names, for rule names, and for a whole
category or code prefix (each rule of it, in full)."""
from __future__ import annotations

import re
import subprocess

import pytest

from emaillint.base.vocabulary import CATEGORIES
from emaillint.judge.registry import load_rules
from tests.cli.support import REPO_ROOT, emaillint

README_CODES = sorted(set(re.findall(r"\bEL\d{3}\b", (REPO_ROOT / "README.md").read_text(encoding="utf-8"))))


def explain(key: str) -> subprocess.CompletedProcess:
    return emaillint("explain", key)


def test_the_readme_names_codes():
    assert len(README_CODES) >= 10 and "EL000" in README_CODES


@pytest.mark.parametrize("code", README_CODES)
def test_every_code_the_readme_names_is_explained(code):
    proc = explain(code)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"{code} ") and "Category: " in proc.stdout


def test_a_category_explains_each_of_its_rules():
    proc = explain("self-centric")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("self-centric: EL101\n")
    assert "EL101 self-centric.balance" in proc.stdout and "Why is this bad?" in proc.stdout
    hype = explain("hype")
    codes = sorted(r.code for r in load_rules() if r.spec.category == "hype")
    assert hype.stdout.startswith(f"hype: {', '.join(codes)}\n") and len(codes) > 1
    for code in codes:  # each in full, not just listed
        assert re.search(rf"^{code} hype\.", hype.stdout, re.M)


def test_every_category_can_be_explained():
    from emaillint.report.explain import explain as explain_text

    for category in CATEGORIES:
        assert explain_text(category), category


def test_a_code_prefix_and_a_name_work_too():
    proc = explain("EL7")
    assert proc.returncode == 0 and proc.stdout.startswith("EL7: EL701, EL702")
    assert explain("follow-up.cliche").stdout.startswith("EL301 follow-up.cliche")
    assert explain("el301").stdout.startswith("EL301 ")


def test_an_unknown_key_is_one_line_and_exit_2():
    proc = explain("no-such-thing")
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr == "emaillint: error: no rule or category 'no-such-thing' (see 'emaillint rules')\n"
