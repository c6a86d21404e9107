"""The judgement's closed sets are enums declared once (base/vocabulary.py), and the analysis keeps to them.

StrEnum members are their strings, so the JSON contract and every comparison with a plain string hold.
"""
from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

import emaillint
from emaillint.anatomy.document import prepare
from emaillint.api import lint_text
from emaillint.base.vocabulary import EMAIL_KINDS, AskKind, EmailKind, Orientation, QuestionClass
from emaillint.judge.analysis import questions
from emaillint.judge.engine import Analysis
from emaillint.read.source import read_path
from emaillint.run.config import Config

ANALYSIS = Path(emaillint.__file__).parent / "judge" / "analysis"
CORPUS = sorted((Path(__file__).resolve().parents[1] / "corpus" / "emails").iterdir())


def _literals(module: str) -> set[str]:
    """The result strings the analysis module spells out: returned, given to Ask(...), stored into a slot."""
    found = set()
    for node in ast.walk(ast.parse((ANALYSIS / f"{module}.py").read_text(encoding="utf-8"))):
        if isinstance(node, ast.Return) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            found.add(node.value.value)
        elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Ask" and isinstance(node.args[0], ast.Constant):
            found.add(node.args[0].value)
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str) \
                and any(isinstance(t, ast.Subscript) for t in node.targets):
            found.add(node.value.value)
    return found


@pytest.mark.parametrize("module,enum", [("orientation", Orientation), ("asks", AskKind), ("questions", QuestionClass)])
def test_the_analysis_returns_members_not_bare_strings(module, enum):
    assert not _literals(module), f"{module} spells out results as strings: {_literals(module)}; return {enum.__name__} members"


def test_question_classes_are_declared():
    assert {name for name, _ in questions._CLASSES} | {questions.PROBLEM} <= set(QuestionClass)


def test_on_the_corpus_every_result_is_a_member():
    seen: dict[str, set] = {"orientation": set(), "asks": set(), "questions": set(), "kinds": set()}
    for path in CORPUS[:60]:
        doc = prepare(read_path(path))
        shared = Analysis(doc)
        seen["orientation"] |= set(shared.orientation)
        seen["asks"] |= {ask.kind for _, ask in shared.asks}
        seen["questions"] |= {questions.classify(s.text) for s in doc.email.sentences() if s.is_question}
        seen["kinds"].add(lint_text(doc.source.text, path=str(path), config=Config()).kind)
    assert all(isinstance(side, Orientation) for side in seen["orientation"]) and len(seen["orientation"]) >= 3
    assert all(isinstance(kind, AskKind) for kind in seen["asks"]) and len(seen["asks"]) >= 3
    assert all(isinstance(c, QuestionClass) for c in seen["questions"]) and len(seen["questions"]) >= 3
    assert all(isinstance(kind, EmailKind) for kind in seen["kinds"]) and len(seen["kinds"]) >= 3


def test_an_enum_member_is_its_string_in_json_and_comparisons():
    report = lint_text("Subject: Re: demo\n\nHi Dana,\n\nJust following up.\n\nKevin\n", path="d.txt", config=Config())
    assert report.kind is EmailKind.FOLLOW_UP and report.kind == "follow-up" and f"{report.kind}" == "follow-up"
    assert json.loads(json.dumps(report.to_dict()))["kind"] == "follow-up"
    assert EMAIL_KINDS == ("cold", "follow-up", "reply", "re-engagement") and all(type(k) is str for k in EMAIL_KINDS)
