"""Merge tags read as typed slots, and a score that counts one fault once."""
from __future__ import annotations

import pytest

from emaillint.judge.analysis.slots import read, slot_type
from emaillint.api import lint_text
from emaillint.judge.engine import once_per_fault
from emaillint.base.problem import Level, Problem
from emaillint.judge.scoring import score


@pytest.mark.parametrize("tag,kind", [
    ("{{first_name}}", "prospect"), ("[First Name]", "prospect"), ("*|FNAME|*", "prospect"), ("{FIRST_NAME}", "prospect"),
    ("{{company}}", "prospect_company"), ("[Business Name]", "prospect_company"), ("{{ company | default('you') }}", "prospect_company"),
    ("[Your Name]", "sender"), ("{{sender-firstname}}", "sender"), ("{{your company}}", "sender_company"),
    ("{{product}}", "our_product"), ("{{similar company}}", "customer"), ("{{trigger}}", "trigger"),
    ("{{pain point}}", "problem"), ("{{calendarLink}}", "calendar_link"), ("{{demo_link}}", "link"), ("{{x hours}}", "result"), ("[DAY]", "time"),
    ("{{industry}}", "segment"), ("<name>", "prospect"),
])
def test_a_tag_is_typed_by_the_words_of_its_name(tag, kind):
    inner = tag.strip("{}[]*|<>")
    assert slot_type(inner)[0] == kind


def test_reading_replaces_tags_but_not_links_or_plain_brackets():
    assert read("Saw {{trigger}} at {{company}}.") == "Saw your recent news at your company."
    assert read("The [checklist](https://example.com) has [1] note.") == "The [checklist](https://example.com) has [1] note."


def _p(code, category, level=Level.WARNING, start=0, end=5):
    return Problem(code, "x", category, level, "m", start, end, 1, start + 1, 1, end + 1)


def test_a_category_costs_once_however_many_findings():
    one, _ = score([_p("EL301", "follow-up-cliche")], "cold", ("follow-up-cliche",))
    three, subs = score([_p("EL301", "follow-up-cliche", start=i * 10, end=i * 10 + 5) for i in range(3)], "cold", ("follow-up-cliche",))
    assert one == three < 100 and subs["follow-up-cliche"] == 0


def test_mission_faults_cost_more_than_secondary_ones():
    mission, _ = score([_p("EL101", "self-centric")], "cold")
    secondary, _ = score([_p("EL504", "hype")], "cold")
    info, _ = score([_p("EL504", "hype", Level.INFO)], "cold")
    assert mission < secondary < info < 100


def test_two_rules_on_the_same_words_are_one_fault():
    kept = once_per_fault([_p("EL503", "hype", start=0, end=16), _p("EL504", "hype", start=0, end=14), _p("EL101", "self-centric")])
    assert sorted(p.code for p in kept) == ["EL101", "EL504"]  # the more specific rule of the category stays


def test_the_score_ranks_a_content_free_bump_below_a_prospect_first_email():
    bump = lint_text("Subject: checking in\n\nHi Jo,\n\nJust checking in on my last email. Any updates?\n\nAri\n", "a.txt")
    good = lint_text("Subject: ramping the new reps\n\nHi Jo,\n\nYour careers page lists twelve open support roles. "
                     "How are you planning to get new hires answering tickets in week one?\n\n"
                     "I suggest a 20-minute call on Wednesday at 10am to compare notes.\n\nAri\n", "b.txt")
    assert bump.score < 50 < good.score
