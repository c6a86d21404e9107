"""Templates are judged as Jinja renders them, and every finding points at the template's own line and column."""
from __future__ import annotations

import pytest

from emaillint.templates import catalog

from emaillint.read import rendering
from emaillint.api import lint_text
from emaillint.anatomy.document import prepare
from emaillint.read.source import LineIndex, from_text


def _doc(text: str):
    return prepare(from_text(text, "t.txt.j2"))


def _body(doc) -> str:
    return doc.analysed[doc.analysed.index("Hi"):]


def _where(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    return LineIndex(text).position(at)


def _problem(report, code):
    return next(p for p in report.problems if p.code == code)


def _exact_pieces_match_the_source(source: str, pieces) -> None:
    for piece in pieces:
        if piece.exact:
            assert source[piece.source_start:piece.source_start + len(piece.text)] == piece.text


def test_and_in_a_condition_hides_the_branch_the_recipient_never_sees():
    text = ("---\nvariables:\n  vip: false\n  name: Dana\n---\nHi {{ name }},\n\n"
            "{% if vip and name %}Just checking in on my last email.{% else %}How do you plan shifts today?{% endif %}\n\n"
            "Could we talk Tuesday at 10am?\n\nJo\n")
    doc = _doc(text)
    assert "checking in" not in doc.analysed and "How do you plan shifts today?" in doc.analysed
    report = lint_text(text, path="t.txt.j2")
    assert "EL301" not in {p.code for p in report.problems}


def test_or_and_comparisons_choose_the_branch_jinja_chooses():
    text = ("---\nvariables:\n  stage: 2\n  name: ''\n---\n"
            "Hi there,\n\n{% if name or stage > 1 %}second{% else %}first{% endif %} {% if stage == 2 %}two{% endif %}\n")
    assert "second two" in _doc(text).analysed


def test_loops_render_every_item_and_map_each_copy_to_the_loop_body():
    text = ("---\nvariables:\n  items: [billing, payroll]\n---\nHi Dana,\n\n"
            "{% for item in items %}\n- How do you handle {{ item }} today?\n{% endfor %}\nJo\n")
    doc = _doc(text)
    assert "- How do you handle billing today?\n- How do you handle payroll today?\n" in doc.analysed
    second = doc.analysed.index("How do you handle payroll")
    assert doc.position(second) == _where(text, "How do you handle")  # both copies point at the one loop body
    value = doc.analysed.index("payroll today")
    assert doc.position(value) == _where(text, "{{ item }}")  # a value points at its tag


def test_filters_and_macros_run_as_jinja_runs_them():
    text = ("---\nvariables:\n  name: dana\n---\n"
            "{% macro ask(topic) %}How does your team handle {{ topic | lower }} today?{% endmacro %}"
            "Hi {{ name | title }},\n\n{{ ask('MONTH-END CLOSE') }}\n\nJo\n")
    doc = _doc(text)
    assert "Hi Dana,\n\nHow does your team handle month-end close today?\n" in doc.analysed
    ask = doc.analysed.index("How does your team")
    assert doc.position(ask) == _where(text, "How does your team")  # macro body text maps into the macro


def test_a_finding_inside_a_loop_body_points_at_the_loop_body():
    text = ("---\nvariables:\n  rounds: [1, 2]\n---\nHi Dana,\n\nHow do you plan shifts?\n\n"
            "{% for r in rounds %}\nJust checking in, round {{ r }}.\n{% endfor %}\n\nJo\n")
    report = lint_text(text, path="t.txt.j2")
    cliches = [p for p in report.problems if p.code == "EL301"]
    assert len(cliches) == 1  # the body is rendered twice, but it is one place to fix
    assert (cliches[0].line, cliches[0].column) == _where(text, "Just checking in")


def test_a_finding_in_a_variable_value_points_at_its_tag():
    text = ("---\nvariables:\n  opener: Just checking in on the proposal.\n---\n"
            "Hi Dana,\n\n{{ opener }} How do you plan shifts today?\n\nCould we talk Tuesday at 10am?\n\nJo\n")
    report = lint_text(text, path="t.txt.j2")
    cliche = _problem(report, "EL301")
    assert (cliche.line, cliche.column) == _where(text, "{{ opener }}")


def test_undefined_variables_read_as_their_names_and_are_reported():
    text = ("---\nvariables:\n  first_name: Dana\n---\nHi {{ first_name }},\n\n"
            "How does {{ company_name }} plan shifts{% if head_count > 100 %} at scale{% endif %}?\n\nJo\n")
    doc = _doc(text)
    assert "How does company name plan shifts?" in doc.analysed  # unknown: not greater than anything
    assert doc.errors == []
    report = lint_text(text, path="t.txt.j2")
    undeclared = [p for p in report.problems if p.code == "EL002"]
    assert {p.message.split("'")[1] for p in undeclared} == {"company_name", "head_count"}
    first = next(p for p in undeclared if "company_name" in p.message)
    assert (first.line, first.column) == _where(text, "{{ company_name }}")


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


@pytest.mark.parametrize("template", catalog.load_templates(), ids=lambda t: t.name)
def test_the_linter_judges_what_templates_render_renders(template):
    drafted = catalog.render(template, example=True)
    doc = prepare(from_text(template.path.read_text(encoding="utf-8"), str(template.path)))
    subject, body = drafted.split("\n\n", 1)
    assert doc.email.subject.text == subject.removeprefix("Subject: ")
    assert _paragraphs(doc.analysed.split("\n---\n", 1)[1]) == _paragraphs(body)


def test_every_literal_piece_matches_the_template_text():
    source = ("{% macro m(x) %}<{{ x }}>{% endmacro %}Hi {{ a }},\n{%- for i in [1, 2] %}\n  {{ m(i) }} and {{ i }}\n"
              "{% endfor %}{# c #}\n{% set s %}Set {{ a }}{% endset %}{{ s | upper }} {% raw %}{{ raw }}{% endraw %}\n")
    pieces = rendering.render_traced(source, {"a": "A"})
    _exact_pieces_match_the_source(source, pieces)
    assert "".join(p.text for p in pieces) == rendering.render_text(source, {"a": "A"})


def test_a_template_that_cannot_render_is_reported_and_still_judged_as_written():
    text = "---\nvariables:\n  n: 3\n---\nHi Dana,\n\n{{ n / 0 }} Just checking in.\n\nJo\n"
    report = lint_text(text, path="t.txt.j2")
    codes = {p.code for p in report.problems}
    assert "EL001" in codes and "EL301" in codes
    error = _problem(report, "EL001")
    assert "cannot be rendered" in error.message and error.line == 7


def test_sandbox_limits_hold_when_linting():
    text = "---\nvariables: {}\n---\nHi Dana,\n\n{% for i in range(10**9) %}x{% endfor %}\n"
    report = lint_text(text, path="t.txt.j2")
    assert any(p.code == "EL001" and "range" in p.message for p in report.problems)
    text = "---\nvariables: {}\n---\nHi {% include 'x' %}\n"
    assert any(p.code == "EL001" for p in lint_text(text, path="t.txt.j2").problems)


def test_one_reader_for_variables():
    assert rendering.front_matter_values({"variables": {"a": "x", "b": {"example": 2}, "c": {"default": "d"}, "e": None}}) \
        == {"a": "x", "b": 2, "c": "d"}
    assert rendering.front_matter_values({"variables": ["a", {"name": "b", "example": "y"}]}) == {"b": "y"}
    template_vars = catalog.parse_template("---\nvariables:\n  a: {example: 1, required: true}\n---\nx\n",
                                           catalog.Path("a.txt.j2")).variables
    assert template_vars["a"] == rendering.Variable("a", "", 1, True, None)
