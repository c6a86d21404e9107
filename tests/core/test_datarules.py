"""The data-rule schema: keys are checked on load, and ``opening`` limits a rule to the opening."""
from __future__ import annotations

import pytest

from emaillint.judge.datarules import RuleFileError, load_rule_file

from .conftest import codes, lint

RULE = """code: EL990
name: test.opening
category: opener
kind: existence
level: info
scope: [body]
message: "'{match}' opens the email."
tokens: [lovely weather]
"""


@pytest.mark.parametrize("value", ["two", 0, -1, True, 1.5])
def test_opening_must_be_a_positive_whole_number(tmp_path, value):
    path = tmp_path / "rule.yaml"
    path.write_text(RULE + f"opening: {value}\n")
    with pytest.raises(RuleFileError, match="opening"):
        load_rule_file(path)


def test_opening_judges_only_the_first_sentences(tmp_path):
    path = tmp_path / "rule.yaml"
    path.write_text(RULE + "opening: 2\n")
    rule = load_rule_file(path)
    from emaillint.judge.engine import Context
    from emaillint.anatomy.document import prepare
    from emaillint.read.source import from_text

    def hits(body: str) -> int:
        doc = prepare(from_text(f"Subject: notes\n\nHi Sam,\n\n{body}\n\nJordan\n", "draft.txt"))
        return len(list(rule.check(Context(doc, "cold", {}))))

    assert hits("Lovely weather today. How are approvals handled?") == 1
    assert hits("Your AP team grew. How are approvals handled? Lovely weather today.") == 0


def test_new_categories_are_not_mission_categories():
    report = lint("Subject: Re: Introducing Ledgerly\n\nHi Sam,\n\nI hope this finds you well. My name is Jordan and "
                  "I'm thrilled to share our app.\n\n"
                  "I'd love to pick your brain. Sorry for the long email.\n\nJordan\n")
    assert {"EL705", "EL706", "EL707", "EL704", "EL805", "EL806"} <= codes(report)
    mission = {"self-centric", "no-problem-question", "follow-up-cliche", "no-next-step"}
    new = [p for p in report.problems if p.code in {"EL704", "EL705", "EL706", "EL707", "EL805", "EL806"}]
    assert not {p.category for p in new} & mission
