"""EL901 and EL902 are rules like any other: selected, ignored and suppressed the usual way, one request per draft."""
from __future__ import annotations

import pytest

from emaillint.api import lint_text
from emaillint.run.config import Config, GrammarConfig

DRAFT = ("Subject: notes\n\nHi Sam,\n\nThis are a test of teh approvals path.\n\nHow do you handle approvals today?\n\n"
         "I suggest a call on Tuesday at 10am.\n\nJo\n")


@pytest.fixture
def flagged(fake_lt, tmp_path):
    fake_lt.flag["teh"] = ("MORFOLOGIK_RULE_EN_US", "misspelling", ["the"])
    fake_lt.flag["This are"] = ("THIS_NNS", "grammar", ["These are"])
    return fake_lt


def _config(fake, tmp_path, **kw) -> Config:
    return Config(grammar=GrammarConfig(enabled=True, url=fake.url, cache_dir=str(tmp_path / "lt")), **kw)


def test_both_rules_share_one_request_and_are_stamped_like_every_rule(flagged, tmp_path):
    report = lint_text(DRAFT, path="d.txt", config=_config(flagged, tmp_path))
    found = {(p.code, p.name, p.source, p.line, p.column) for p in report.problems if p.code.startswith("EL9")}
    assert found == {("EL901", "grammar.THIS_NNS", "languagetool", 5, 1),
                     ("EL902", "spelling.MORFOLOGIK_RULE_EN_US", "languagetool", 5, 20)}
    assert len(flagged.requests) == 1


def test_ignoring_one_keeps_the_other_and_ignoring_both_asks_nothing(flagged, tmp_path):
    report = lint_text(DRAFT, path="d.txt", config=_config(flagged, tmp_path, ignore=("EL901",)))
    assert {p.code for p in report.problems if p.code.startswith("EL9")} == {"EL902"}
    asked = len(flagged.requests)
    report = lint_text(DRAFT.replace("Sam", "Kim"), path="d.txt", config=_config(flagged, tmp_path, ignore=("EL9",)))
    assert not {p.code for p in report.problems if p.code.startswith("EL9")} and len(flagged.requests) == asked


def test_a_comment_silences_a_spelling_finding(flagged, tmp_path):
    text = DRAFT.replace("approvals path.", "approvals path. # emaillint: disable-line=spelling")
    report = lint_text(text, path="d.txt", config=_config(flagged, tmp_path))
    assert "EL902" not in {p.code for p in report.problems}
    assert [p.code for p in report.suppressed] == ["EL902"] and "EL003" not in {p.code for p in report.problems}
