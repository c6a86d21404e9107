"""LanguageTool's fixes (EL901 grammar, EL902 spelling) against a real server: the ``needs: languagetool``
cases of tests/core/fix_cases.yaml. They are unsafe: applied only with --unsafe-fixes, never preferred."""
from __future__ import annotations

from dataclasses import replace

import pytest

from emaillint.run.config import Config
from tests.core.test_fixes import CASES, case_texts, fixed_by

LANGUAGETOOL = [c for c in CASES["cases"] if c.get("needs") == "languagetool"]


def _config(url: str) -> Config:
    config = Config()
    return replace(config, grammar=replace(config.grammar, enabled=True, url=url, cache_dir=""))


@pytest.mark.parametrize("case", LANGUAGETOOL, ids=lambda c: f"{c['rule']}-{c['body'][:30]}")
def test_languagetool_fix_case(lt_url, case):
    draft, expected = case_texts(case)
    assert fixed_by(case, unsafe=False, config=_config(lt_url)) == draft, "an unsafe fix was applied without the flag"
    assert fixed_by(case, unsafe=True, config=_config(lt_url)) == expected


def test_every_languagetool_rule_has_a_case():
    assert {c["rule"] for c in LANGUAGETOOL} == {"EL901", "EL902"}
