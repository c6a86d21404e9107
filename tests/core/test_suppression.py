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
    ("draft.txt", "<!-- EmailLint: Disable-Next-Line=EL503 -->",  # any case: the draft is searched without it first
     "not written the way emaillint reads it", "Try: # emaillint: disable-next-line=EL503"),
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


# --- a comment changes nothing but what it silences -------------------------------------------------------
from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

from emaillint.read.suppress import comment_for  # noqa: E402

# the shipped examples, and a draft where a blanked comment line split a paragraph and changed EL201 and EL601
EXAMPLES = [*sorted((PACKAGE.parent / "examples").iterdir()),
            PACKAGE.parent / "tests" / "corpus" / "emails" / "053-quick-nudge-outlook-block.txt"]
FORMATS = {".txt": "txt", ".md": "md", ".j2": "jinja", ".eml": "txt"}


def _body_lines(text: str, name: str) -> range:
    """Lines (0-based) a comment may go before: not inside front matter or .eml headers."""
    lines = text.split("\n")
    first = 0
    if name.endswith(".eml"):
        first = lines.index("") + 1
    elif lines[0] == "---":
        first = lines.index("---", 1) + 1
    return range(first, len(lines))


def _findings(text: str, name: str, ignore: set[str]) -> list:
    """Each finding of the other rules as (code, message, the words it covers, line, column)."""
    report = lint_text(text, path=name, config=Config())
    return sorted((p.code, p.message, text[p.start:p.end], p.line, p.column, p.end_line, p.end_column)
                  for p in report.problems if p.code not in ignore and p.code != "EL003")


def _same_findings_with(example: Path, line: int, comment: str, selector: str, own_line: bool):
    """Lint ``example`` with ``comment`` on its own line before ``line`` (else at its end): every finding of a
    rule the comment does not name is the same, at the same words, its position moved only by the comment."""
    text = example.read_text(encoding="utf-8")
    lines = text.split("\n")
    ignore = {p.code for p in lint_text(text, path=example.name, config=Config()).problems
              if selector in (p.code, p.category) or p.code.startswith(selector)}
    before = _findings(text, example.name, ignore)
    if own_line:
        commented = "\n".join(lines[:line] + [comment] + lines[line:])
        expected = sorted((c, m, w, l + (l > line), col, el + (el > line), ecol) for c, m, w, l, col, el, ecol in before)
    else:
        commented = "\n".join(lines[:line] + [lines[line] + " " + comment] + lines[line + 1:])
        expected = before
    assert _findings(commented, example.name, ignore) == expected, (example.name, line, comment)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name.split("-")[0])
def test_a_comment_on_its_own_line_changes_no_other_finding(example):
    """The editor's "Disable for this line" puts a comment on the line above; blanked to an empty line it
    split the paragraph and changed what other rules found. Tried before every line of every example."""
    fmt = FORMATS[example.suffix]
    comment = comment_for(fmt, "disable-next-line", "EL503")
    text = example.read_text(encoding="utf-8")
    for line in _body_lines(text, example.name):
        _same_findings_with(example, line, comment, "EL503", own_line=True)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_comment_anywhere_changes_no_finding_of_another_rule(data):
    example = data.draw(st.sampled_from(EXAMPLES), label="example")
    fmt = FORMATS[example.suffix]
    text = example.read_text(encoding="utf-8")
    line = data.draw(st.sampled_from(_body_lines(text, example.name)[:-1]), label="line")
    selector = data.draw(st.sampled_from(["EL301", "EL5", "EL999", "greeting", ""]), label="selector")
    action = data.draw(st.sampled_from(["disable", "enable", "disable-next-line", "disable-file"]), label="action")
    own_line = data.draw(st.booleans(), label="own line") or not text.split("\n")[line].strip()
    _same_findings_with(example, line, comment_for(fmt, action, selector), selector or "EL", own_line)


@pytest.mark.parametrize("path,line,comment", [
    ("draft.txt", "# emaillint: disable-next-line=EL9999", "# emaillint: disable-next-line=EL9999"),
    ("draft.md", "<!-- emaillint: disable-next-line=EL9999 -->", "<!-- emaillint: disable-next-line=EL9999 -->"),
    ("draft.txt.j2", "{# emaillint: disable-next-line=EL9999 #}", "{# emaillint: disable-next-line=EL9999 #}"),
    ("draft.txt", "Tuesday works. # emaillint: disable-line=EL9999", "# emaillint: disable-line=EL9999"),
])
def test_a_comment_left_out_of_the_analysed_text_is_still_reported_at_its_exact_place(path, line, comment):
    text = BODY.format(line=line)
    [el003] = [p for p in lint_text(text, path=path, config=Config()).problems if p.code == "EL003"]
    assert text[el003.start:el003.end] == comment
    assert (el003.line, el003.column) == (5, line.index(comment) + 1)


def test_an_eml_comment_is_reported_at_its_line_in_the_file():
    eml = ("From: a@example.com\nSubject: shifts\nContent-Type: text/plain\n\nHi Sam,\n\n"
           "# emaillint: disable-next-line=EL9999\nHow do you plan shifts today?\n\nJo\n")
    [el003] = [p for p in lint_text(eml, path="draft.eml", config=Config()).problems if p.code == "EL003"]
    assert eml[el003.start:el003.end] == "# emaillint: disable-next-line=EL9999" and el003.line == 7
