"""Suppression comments: one place decides what they silence, and a comment that cannot work says how to write it."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import emaillint
from emaillint.run.config import Config
from emaillint.api import lint_text

PACKAGE = Path(emaillint.__file__).parent
BODY = "Subject: shifts\n\nHi Sam,\n\n{line}\nHow do you plan shifts today?\n\nI suggest a call on Tuesday at 10am.\n\nJo\n"


def lint(line: str, path: str = "draft.txt"):
    return lint_text(BODY.format(line=line), path=path, config=Config())


def test_a_trailing_hash_comment_in_txt_silences_its_line_and_is_not_part_of_the_email():
    report = lint("That changes everything!!! # emaillint: disable-line=EL503")
    assert "EL503" not in {p.code for p in report.problems}
    assert [(p.code, p.line) for p in report.suppressed] == [("EL503", 5)]
    assert report.suppressed_by == [{"line": 5, "comment": "emaillint: disable-line=EL503"}]
    assert "EL003" not in {p.code for p in report.problems}
    # the comment is masked like every directive: its words are not judged as the email's
    quiet = lint("That changes everything. # emaillint: disable-line=EL999 just following up")
    assert "EL301" not in {p.code for p in quiet.problems}


@pytest.mark.parametrize("path,line,message,instead", [
    ("draft.md", "That changes everything!!! # emaillint: disable-line=EL503",
     "part of the email in Markdown", "Try: <!-- emaillint: disable-line=EL503 --> at the end of the line."),
    ("draft.txt.j2", "That changes everything!!! # emaillint: disable-line=EL503",
     "part of the email in a template", "Try: {# emaillint: disable-line=EL503 #} at the end of the line."),
    ("draft.txt", "# emaillint: disable-line=EL503",
     "'disable-line' silences the line it is on", "Try: # emaillint: disable-next-line=EL503 on the line above"),
    ("draft.txt", "<!-- emaillint: ignore=EL503 -->",
     "'emaillint: ignore' is not a suppression emaillint knows", "Try: # emaillint: disable-next-line=EL503"),
    ("draft.md", "<!-- emaillint: disable EL503 -->",
     "is not written the way emaillint reads it", "Try: <!-- emaillint: disable=EL503 -->"),
    ("draft.txt", "# emaillint: disable-next-line=EL5033",
     "'EL5033' names no rule", "Try: a code (EL301)"),
])
def test_a_comment_that_can_never_work_says_how_to_write_it(path, line, message, instead):
    report = lint(line, path)
    [el003] = [p for p in report.problems if p.code == "EL003"]
    assert message in el003.message and el003.suggestion.startswith(instead), (el003.message, el003.suggestion)
    assert el003.line == 5 and report.suppressed == []


def test_a_comment_that_silences_nothing_is_still_reported_and_enable_never_is():
    report = lint("<!-- emaillint: disable-next-line=follow-up-cliche -->\n<!-- emaillint: enable -->")
    assert [(p.code, p.line) for p in report.problems if p.code == "EL003"] == [("EL003", 5)]
    assert "silences nothing: remove it" in next(p.message for p in report.problems if p.code == "EL003")


def test_el003_can_be_turned_off_like_any_rule():
    report = lint_text(BODY.format(line="# emaillint: disable-next-line=EL301"), path="draft.txt",
                       config=Config(ignore=("EL003",)))
    assert "EL003" not in {p.code for p in report.problems}


def _rule_codes_in(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and re.fullmatch(r"EL(?!000)\d{3}", node.value):
            found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {node.value}")
    return found


def test_the_pipeline_knows_no_rule_by_its_code():
    """api, the engine and the run stage treat every rule alike: a rule that needs to run late (EL003) or
    asks LanguageTool (EL901, EL902) says so in its own spec or check, never in the pipeline. (EL000, an
    internal error, is the pipeline's own finding, not a rule's.)"""
    places = [PACKAGE / "api.py", PACKAGE / "judge" / "engine.py", *sorted((PACKAGE / "run").glob("*.py"))]
    found = [hit for path in places for hit in _rule_codes_in(path)]
    assert not found, found
