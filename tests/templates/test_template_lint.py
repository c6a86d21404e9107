"""Every shipped template, rendered with its example values, passes emaillint itself.

It is judged twice: as emaillint infers its kind from the text, and as the
kind the template declares (the way a user would check it with --kind).
"""
from __future__ import annotations

import pytest

from emaillint import api

from emaillint.templates import catalog
from emaillint.run import config as config_mod
from emaillint.base.problem import Level

SHIPPED = catalog.load_templates()


def _check(template, kind):
    draft = catalog.render(template, example=True)
    config = config_mod.Config().with_overrides(kind=kind)  # isolated from any project config
    report = api.lint_text(draft, path=f"{template.name}.txt", config=config)
    assert report.error is None
    loud = [
        f"{p.line}:{p.column} {p.code} {p.category} {p.level}: {p.message}"
        for p in report.problems
        if p.level >= Level.WARNING
    ]
    assert loud == [], f"{template.name} ({report.kind}):\n" + "\n".join(loud)
    assert report.score >= 90, f"{template.name} scored {report.score}: {[p.code for p in report.problems]}"


@pytest.mark.parametrize("template", SHIPPED, ids=lambda t: t.name)
def test_rendered_example_passes_as_inferred_kind(template):
    _check(template, None)


@pytest.mark.parametrize("template", SHIPPED, ids=lambda t: t.name)
def test_rendered_example_passes_as_declared_kind(template):
    _check(template, template.kind)
