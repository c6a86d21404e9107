"""Every shipped template, rendered with its example values, passes emaillint itself."""
from __future__ import annotations

import pytest

from emaillint import catalog

api = pytest.importorskip("emaillint.api")

SHIPPED = catalog.load_templates()


@pytest.mark.parametrize("template", SHIPPED, ids=lambda t: t.name)
def test_rendered_example_passes_with_no_warning_and_score_90(template):
    draft = catalog.render(template, example=True)
    report = api.lint_text(draft, path=f"{template.name}.txt", config=None)
    assert report.error is None
    from emaillint.problem import Level

    loud = [f"{p.line}:{p.column} {p.code} {p.category} {p.level}: {p.message}" for p in report.problems if p.level >= Level.WARNING]
    assert loud == [], f"{template.name}:\n" + "\n".join(loud)
    assert report.score >= 90, f"{template.name} scored {report.score}: {[p.code for p in report.problems]}"
