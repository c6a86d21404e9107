"""The shipped template data and the catalog's loading, ranking and rendering."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from emaillint.templates import catalog
from emaillint.base.resources import templates_dir

SHIPPED = catalog.load_templates()
REQUIRED_TEMPLATES = {
    "are-you",
    "problem-first-intro",
    "value-first-follow-up",
    "next-step-proposal",
    "stay-behind",
    "reflect-first",
    "customer-result",
    "close-the-file",
}


def test_at_least_eight_templates_including_the_required_ones():
    names = {t.name for t in SHIPPED}
    assert len(SHIPPED) >= 8
    assert REQUIRED_TEMPLATES <= names


def test_names_are_unique_and_match_file_names():
    files = sorted(templates_dir().glob("*" + catalog.SUFFIX))
    assert len(files) == len(SHIPPED)
    names = []
    for path in files:
        template = catalog.load_template(path, origin="shipped")
        assert template.name == path.name[: -len(catalog.SUFFIX)], path
        names.append(template.name)
    assert len(names) == len(set(names))


@pytest.mark.parametrize("template", SHIPPED, ids=lambda t: t.name)
def test_front_matter_is_complete(template):
    assert catalog.validate(template) == []
    assert template.kind in catalog.KINDS
    assert template.origin == "shipped"
    for var in template.variables.values():
        assert var.description and var.has_example
        spec = template.meta["variables"][var.name]
        assert ("required" in spec) != ("default" in spec), f"{var.name}: say required or default, not both"


@pytest.mark.parametrize("template", SHIPPED, ids=lambda t: t.name)
def test_every_variable_used_is_declared(template):
    assert catalog.undeclared_variables(template) == set()


@pytest.mark.parametrize("template", SHIPPED, ids=lambda t: t.name)
def test_answers_name_only_known_categories(template):
    # Shipped templates name categories (stable), not rule codes.
    assert set(template.answers) <= catalog.KNOWN_CATEGORIES
    from emaillint.base.vocabulary import CATEGORIES  # ... and every one of those is a category the engine uses

    assert set(template.answers) <= set(CATEGORIES)
    assert catalog.known_answers() >= set(CATEGORIES)


@pytest.mark.parametrize("template", SHIPPED, ids=lambda t: t.name)
def test_renders_with_example_values_as_a_plain_draft(template):
    draft = catalog.render(template, example=True)
    first, blank, *body = draft.split("\n")
    assert first.startswith("Subject: ") and len(first) > len("Subject: ")
    assert blank == ""
    assert body and body[0].strip()
    assert "{{" not in draft and "{%" not in draft and "\n\n\n" not in draft
    assert draft.endswith("\n") and not draft.endswith("\n\n")


def test_are_you_is_very_short_with_one_are_you_question():
    template = catalog.get_template("are-you")
    assert template.kind == "re-engagement"
    assert "follow-up-cliche" in template.answers
    draft = catalog.render(template, example=True)
    assert draft.startswith("Subject: Are you?\n\n")
    body = draft.split("\n\n", 1)[1]
    assert body.count("?") == 1
    question = next(s for s in body.replace("\n", " ").split(".") if "?" in s)
    assert "Are you" in question
    assert "no" in body.lower().split("?")[1]  # "no" is offered as an answer
    assert len(body.split()) <= 60


def test_missing_variables_are_all_listed_in_one_line():
    template = catalog.get_template("problem-first-intro")
    with pytest.raises(catalog.TemplateError) as info:
        catalog.render(template, {"first_name": "Dana"})
    message = str(info.value)
    assert "\n" not in message
    for name in ("company", "observation", "topic", "symptom", "proposed_time", "call_goal"):
        assert name in message
    assert "first_name" not in message
    assert "sender_name" not in message  # has a default


def test_defaults_apply_and_values_override_examples():
    template = catalog.get_template("are-you")
    draft = catalog.render(template, {"first_name": "Lee", "topic": "payroll"})
    assert "Hi Lee," in draft and "payroll" in draft
    assert not draft.rstrip().endswith("Sam")  # sender_name defaults to empty: no sign-off line
    draft = catalog.render(template, {"topic": "payroll"}, example=True)
    assert "Hi Dana," in draft and "payroll" in draft


def test_undeclared_variable_in_user_template_is_reported_as_missing(write_template, make_config):
    folder = write_template(
        "odd",
        """
        ---
        name: odd
        description: Uses a variable it never declares.
        kind: cold
        answers: [self-centric]
        subject: "Hello {{ first_name }}"
        variables:
          first_name: {description: Name, example: Dana, required: true}
        ---
        Hi {{ first_name }}, about {{ topic }} and {{ company }}.
        """,
    )
    template = catalog.get_template("odd", make_config(folder))
    assert catalog.undeclared_variables(template) == {"topic", "company"}
    assert "variable 'company' is used but not declared" in catalog.validate(template)
    with pytest.raises(catalog.TemplateError, match="missing variables: company, topic"):
        catalog.render(template, example=True)


def test_rendering_is_sandboxed(write_template, make_config):
    folder = write_template(
        "evil",
        """
        ---
        name: evil
        description: Tries to escape the sandbox.
        kind: cold
        answers: [self-centric]
        subject: "x"
        variables: {}
        ---
        {{ ''.__class__.__mro__[1].__subclasses__() }}
        """,
    )
    template = catalog.get_template("evil", make_config(folder))
    with pytest.raises(catalog.TemplateError, match="cannot be rendered"):
        catalog.render(template)


def test_user_templates_appear_beside_shipped_and_override_by_name(write_template, make_config):
    body = """
        ---
        name: {name}
        description: {desc}
        kind: follow-up
        answers: [follow-up-cliche]
        subject: "Mine"
        variables:
          first_name: {{description: Name, example: Dana, required: true}}
        ---
        Hi {{{{ first_name }}}},
        """
    write_template("are-you", body.format(name="are-you", desc="My own Are You email."))
    folder = write_template("mine", body.format(name="mine", desc="A new one."))
    templates = {t.name: t for t in catalog.load_templates(make_config(folder))}
    assert REQUIRED_TEMPLATES <= set(templates)
    assert templates["mine"].origin == "user" and not templates["mine"].overrides
    assert templates["are-you"].origin == "user" and templates["are-you"].overrides
    assert templates["are-you"].description == "My own Are You email."
    assert templates["problem-first-intro"].origin == "shipped"
    # without the config, the shipped one is back
    assert catalog.get_template("are-you").origin == "shipped"


def test_broken_user_template_is_a_one_line_error_naming_the_file(write_template, make_config):
    folder = write_template("broken", "---\nname: [unclosed\n---\nHi\n")
    with pytest.raises(catalog.TemplateError) as info:
        catalog.load_templates(make_config(folder))
    assert "broken.txt.j2" in str(info.value) and "\n" not in str(info.value)


def test_missing_closing_fence_is_an_error(write_template, make_config):
    folder = write_template("open", "---\nname: open\nHi\n")
    with pytest.raises(catalog.TemplateError, match="no closing"):
        catalog.load_templates(make_config(folder))


def test_unknown_template_suggests_close_names():
    with pytest.raises(catalog.TemplateError, match="did you mean are-you"):
        catalog.get_template("are-yu")


def test_templates_for_puts_are_you_first_for_a_cliche_follow_up():
    found = [t.name for t in catalog.templates_for({"follow-up-cliche"}, "follow-up")]
    assert found[0] == "are-you"
    assert "value-first-follow-up" in found
    assert found.index("value-first-follow-up") < found.index("close-the-file")
    found = [t.name for t in catalog.templates_for({"follow-up-cliche", "no-problem-question"}, "follow-up")]
    assert found[0] == "are-you"


def test_templates_for_respects_kind_and_category():
    cold = catalog.templates_for({"self-centric"}, "cold")
    assert cold and all(t.kind == "cold" for t in cold)
    assert cold[0].name == "problem-first-intro"
    assert catalog.templates_for({"self-praise"}, "cold")[0].name == "customer-result"
    assert catalog.templates_for({"no-next-step"}, "follow-up")[0].name == "next-step-proposal"
    assert catalog.templates_for({"not-listening"}, "reply")[0].name == "reflect-first"
    assert all(t.kind == "reply" for t in catalog.templates_for({"self-centric"}, "reply"))
    assert catalog.templates_for(set(), "cold") == []
    assert catalog.templates_for({"no-such-category"}, "cold") == []
    # an unknown kind fits every template
    assert {t.kind for t in catalog.templates_for({"self-centric", "follow-up-cliche"}, None)} >= {"cold", "reply"}


def test_templates_for_matches_rule_codes_too(write_template, make_config):
    folder = write_template(
        "coded",
        """
        ---
        name: coded
        description: Answers one rule by code.
        kind: cold
        answers: [EL999]
        subject: "x"
        variables: {}
        ---
        Hi.
        """,
    )
    found = catalog.templates_for({"EL999"}, "cold", config=make_config(folder))
    assert [t.name for t in found] == ["coded"]
    template = found[0]
    assert catalog.validate(template, known={"EL999"}) == []
    assert "'answers' names unknown category or rule 'EL999'" in catalog.validate(template, known=set())


def _run(code: str) -> None:
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root)


def test_importing_the_catalog_and_ranking_does_not_import_jinja2():
    _run(
        "import sys, emaillint.templates.catalog as c; c.templates_for({'follow-up-cliche'}, 'follow-up');"
        "assert 'jinja2' not in sys.modules, 'catalog imported jinja2'"
    )


def test_importing_the_cli_commands_does_not_import_the_catalog():
    _run(
        "import sys, emaillint.cli.templates;"
        "assert 'jinja2' not in sys.modules and 'emaillint.templates.catalog' not in sys.modules"
    )
