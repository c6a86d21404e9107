"""EL003's fix in the formats tests/core/fix_cases.yaml (plain text) does not cover: an unused Markdown or Jinja
suppression comment goes (its line when alone on it, else the comment and the space before it), the rest of the
draft keeps its bytes, and the fixed draft is judged again with no EL003 left and its template still sound."""
from __future__ import annotations

import pytest

from emaillint.api import lint_source
from emaillint.read.source import from_text
from emaillint.run.config import Config
from emaillint.run.fixing import fix_source

MD = ("---\nsubject: scheduling at the new clinics\n---\nHi Dana,\n\n<!-- emaillint: disable=EL501 -->\n\n"
      "Your team opened two clinics this spring. <!-- emaillint: disable-line=EL504 -->\n"
      "Would Tuesday at 10 work for a call?\n\nSam\n")
MD_FIXED = ("---\nsubject: scheduling at the new clinics\n---\nHi Dana,\n\n"
            "Your team opened two clinics this spring.\nWould Tuesday at 10 work for a call?\n\nSam\n")
JINJA = ("Subject: scheduling at the new clinics\n\nHi {{ first_name }},\n{# emaillint: disable-next-line=EL301 #}\n"
         "Your team opened two clinics this spring. Would Tuesday at 10 work for a call? "
         "{# emaillint: disable-line=EL504 #}\n\nSam\n")
JINJA_FIXED = ("Subject: scheduling at the new clinics\n\nHi {{ first_name }},\n"
               "Your team opened two clinics this spring. Would Tuesday at 10 work for a call?\n\nSam\n")


@pytest.mark.parametrize("name, draft, expected", [("draft.md", MD, MD_FIXED), ("draft.txt.j2", JINJA, JINJA_FIXED)])
def test_unused_comments_go_and_the_draft_stays_sound(name, draft, expected):
    before = lint_source(from_text(draft, name), Config())
    assert [p.code for p in before.problems if p.code == "EL003"] == ["EL003", "EL003"]
    assert all(p.fix is not None and p.fix.safe for p in before.problems if p.code == "EL003")
    result = fix_source(from_text(draft, name), Config())
    assert result.error is None and result.settled and result.applied["EL003"] == 2
    assert result.after == expected
    others = sorted(p.code for p in before.problems if p.code != "EL003")
    assert sorted(p.code for p in result.report.problems) == others  # no EL003 left, nothing new (EL001: syntax)


def test_a_comment_that_can_never_work_gets_no_fix():
    draft = "Subject: hello\n\nHi Dana,\n\nYour team opened two clinics. # emaillint: disabel-line=EL504\n\nSam\n"
    [finding] = [p for p in lint_source(from_text(draft, "draft.txt"), Config()).problems if p.code == "EL003"]
    assert finding.fix is None and finding.suggestion
