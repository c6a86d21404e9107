"""One notion of a merge tag (emaillint.base.mergetags) for the greeting, the slot reader, EL504 and EL801.

Each spelling sales tools use must be a merge tag everywhere: a greeting of "Hi %FIRSTNAME%," is a greeting,
"[BUSINESS NAME]" does not shout, and "{!Contact.FirstName}" left in a draft is an unfilled field."""
from __future__ import annotations

import random
import re

import pytest

from emaillint.anatomy.document import _spintax_cuts, prepare
from emaillint.anatomy.parts import parse_email
from emaillint.api import lint_text
from emaillint.base import mergetags
from emaillint.judge.analysis.slots import read
from emaillint.read.source import from_text

TAGS = {  # a spelling -> (its form, its name)
    "{{first_name}}": ("double braces", "first_name"),
    "{{ contact.firstname | default('there') }}": ("double braces", "contact.firstname | default('there')"),
    "{!Contact.FirstName}": ("salesforce", "Contact.FirstName"),
    "{FirstName}": ("braces", "FirstName"),
    "[First Name]": ("brackets", "First Name"),
    "*|FNAME|*": ("mailchimp", "FNAME"),
    "%FIRSTNAME%": ("percent signs", "FIRSTNAME"),
    "<<First Name>>": ("double angle brackets", "First Name"),
    "<Name>": ("angle brackets", "Name"),
    "#{first_name}": ("braces", "first_name"),
    "${firstName}": ("braces", "firstName"),
}


@pytest.mark.parametrize("tag", TAGS)
def test_every_spelling_is_a_tag_with_its_name(tag):
    match = mergetags.TAG.search(f"Hi {tag}, how are you?")
    assert match is not None and match.group() == tag
    assert (mergetags.form(match), mergetags.name(match)) == TAGS[tag]


def test_markup_and_links_are_not_tags():
    for text in ("<b>bold</b>", "the [guide](https://example.com)", "{{", "100% of 50%", "a {} b"):
        assert mergetags.spans(text) == [], text


def test_the_embeddable_pattern_finds_what_the_tag_pattern_finds():
    embeddable = re.compile(mergetags.EMBEDDABLE)
    assert embeddable.groups == 0
    rng = random.Random(7)
    pieces = [*TAGS, "<b>", "[1]", "{{", "}}", "%", "Hi", " ", ",", "\n", "[", "]", "<", ">", "{", "}", "|*", "*|"]
    for _ in range(500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        assert [m.span() for m in embeddable.finditer(text)] == mergetags.spans(text), repr(text)


@pytest.mark.parametrize("tag", [t for t in TAGS if not t.startswith("{{ ")])
def test_a_greeting_to_a_merge_tag_is_a_greeting(tag):
    email = parse_email(f"Hi {tag},\n\nHow do you plan shifts for the new site?\n\nJo\n")
    assert email.greeting is not None and email.greeting.text == f"Hi {tag},"
    assert [s.text for s in email.sentences()] == ["How do you plan shifts for the new site?"]


def test_the_slot_reader_reads_the_new_spellings():
    assert read("Hi {!Contact.FirstName} at %COMPANY%") == "Hi Alex at your company"
    assert read("Hi <<First Name>>") == "Hi Alex"


def _codes(text: str, code: str) -> list[str]:
    return [p.message for p in lint_text(text, "draft.txt").problems if p.code == code]


def test_a_field_name_in_capitals_does_not_shout():
    text = ("Subject: shifts at %COMPANYNAME%\n\nHi Sam,\n\nHow is *|COMPANY|* planning shifts for [BUSINESS NAME] "
            "this winter? We are AMAZING at this.\n\nWould Tuesday at 10am work?\n\nJo\n")
    assert _codes(text, "EL504") == ["'AMAZING' in capitals shouts: let the facts carry the weight."]


def test_a_salesforce_field_left_in_a_draft_is_unfilled():
    text = "Subject: shifts\n\nHi {!Contact.FirstName},\n\nHow do you plan shifts?\n\nWould Tuesday work?\n\nJo\n"
    assert _codes(text, "EL801") == ["'{!Contact.FirstName}' is an unfilled merge field: the prospect will see it as it is."]


def test_a_sender_field_in_any_spelling_makes_a_template_not_a_leftover():
    # EL801 stays quiet for a template: "{{sender-firstname}}" stands for the sender, so this is one
    text = "Subject: shifts\n\nHi {{firstName}},\n\nHow do you plan shifts?\n\nWould Tuesday work?\n\n{{sender-firstname}}\n"
    assert _codes(text, "EL801") == []
    leftover = "Subject: shifts\n\nHi {{firstName}},\n\nHow do you plan shifts?\n\nWould Tuesday work?\n\nJo\n"
    assert _codes(leftover, "EL801") == ["'{{firstName}}' is an unfilled merge field: the prospect will see it as it is."]


def test_brackets_count_as_a_leftover_only_when_they_read_like_a_field():
    text = "Subject: shifts\n\nHi Sam,\n\nThe report [1] says [sic] so, see [link].\n\nWould Tuesday work?\n\nJo\n"
    assert _codes(text, "EL801") == []
    assert _codes(text.replace("[link]", "[Company Name]"), "EL801") == [
        "'[Company Name]' is an unfilled merge field: the prospect will see it as it is."]


# Spintax ("{Hi|Hello}"): a sending tool's variants, judged as the first one, placed in the file as written.

SPUN = ("Subject: {quick question|question} about shifts\n\n{Hi|Hello|Hey} {{firstName}},\n\n"
        "{Just following up|Just checking in} on my last note. How do you plan shifts for the new site?\n\n"
        "{Would|Does} Tuesday at 10am work for a 20-minute call?\n\n{Best|Cheers},\nSam\n")


def test_spintax_reads_as_its_first_variant():
    doc = prepare(from_text(SPUN, "draft.txt"))
    assert doc.spintax == 5
    email = doc.email
    assert email.greeting.text == "Hi {{firstName}},"
    assert email.sign_off.text == "Best,"
    assert [s.text for s in email.sentences()] == [
        "Just following up on my last note.", "How do you plan shifts for the new site?",
        "Would Tuesday at 10am work for a 20-minute call?"]


def test_a_finding_in_a_variant_points_at_the_variant_in_the_file():
    report = lint_text(SPUN, "draft.txt")
    cliche = next(p for p in report.problems if p.code == "EL301" and p.line == 5)
    assert SPUN[cliche.start:cliche.end] == "Just following up"
    assert (cliche.line, cliche.column) == (5, 2)
    assert not [p for p in report.problems if p.code == "EL801"]  # spintax: a template, not a leftover field
    plain = SPUN.replace("{quick question|question}", "quick question").replace("{Hi|Hello|Hey}", "Hi") \
        .replace("{Just following up|Just checking in}", "Just following up").replace("{Would|Does}", "Would") \
        .replace("{Best|Cheers}", "Best")
    same = lint_text(plain + "\n", "draft.txt")  # the first variants written out (one merge tag: EL801 speaks)
    assert [(p.code, p.message) for p in report.problems] == [
        (p.code, p.message) for p in same.problems if p.code != "EL801"]


def test_a_fix_inside_a_variant_edits_the_variant():
    text = "Subject: shifts\n\nHi Sam,\n\n{This is AMAZING|This is great} for teams like yours. How do you plan shifts?\n\nJo\n"
    shout = next(p for p in lint_text(text, "draft.txt").problems if p.code == "EL504")
    assert text[shout.start:shout.end] == "AMAZING" and shout.fix is not None
    (edit,) = shout.fix.edits
    assert (edit.start, edit.end, edit.text) == (shout.start, shout.end, "amazing")


@pytest.mark.parametrize("text", ["Hi {{ name | default('there') }},", "{% if a|b %}x{% endif %}", "Hi {FirstName},",
                                  "a {b} c", "{a|b", "{\n|b}", "{{a|b}}"])
def test_what_is_not_spintax_stays_as_written(text):
    assert _spintax_cuts(text, 0) == []


# A sending tool's control tags in a file that is not a Jinja template: judged as the first branch.

def _analysed(text: str, path: str = "draft.txt") -> str:
    return prepare(from_text(text, path)).analysed


def test_control_tags_render_to_the_first_branch():
    text = ("Subject: shifts\n\nHi {{first_name}},\n\n{% if site %}Saw the new site.{% elsif x %}Other.{% else %}"
            "Nothing.{% endif %} How do you plan shifts?\n\n{{#if cal}}Would Tuesday work?{{else}}Any day?{{/if}}"
            "{{! a note }}{# another #}\n\nJo\n")
    assert _analysed(text) == ("Subject: shifts\n\nHi {{first_name}},\n\nSaw the new site. How do you plan shifts?\n\n"
                               "Would Tuesday work?\n\nJo\n")
    report = lint_text(text, "draft.txt")
    assert report.score == 100 and not report.problems  # the ask is read; a template: no unfilled-field finding


def test_a_finding_after_control_tags_points_at_the_file():
    text = "Subject: x\n\nHi Sam,\n\n{% if a %}We are AMAZING.{% endif %} How do you plan shifts?\n\nWould Tuesday work?\n\nJo\n"
    shout = next(p for p in lint_text(text, "draft.txt").problems if p.code == "EL504")
    assert text[shout.start:shout.end] == "AMAZING"


def test_a_liquid_comment_block_renders_nothing():
    text = "Subject: x\n\nHi Sam,\n\n{% comment %}Draft: add a case study.{% endcomment %}How do you plan shifts?\n\nJo\n"
    assert "case study" not in _analysed(text) and "\n\nHow do you plan shifts?" in _analysed(text)


def test_unbalanced_control_tags_lose_only_the_tags():
    text = "Subject: x\n\nHi Sam,\n\n{% if a %}One.{% else %}Two. How do you plan shifts?\n\nJo\n"
    assert "One.Two. How" in _analysed(text)


def test_a_jinja_template_is_rendered_not_cut():
    text = "---\nsubject: shifts\n---\nHi Sam,\n\n{% if False %}Never.{% else %}Always.{% endif %} How do you plan shifts?\n"
    assert "Always." in _analysed(text, "draft.txt.j2") and "Never." not in _analysed(text, "draft.txt.j2")


def test_a_field_with_a_sigil_is_quoted_with_its_sigil():
    report = lint_text("Subject: Shifts\n\nHi #{first_name},\n\nHow do you plan shifts at ${company} today?\n", "d.txt")
    leftover = next(p for p in report.problems if p.code == "EL801")
    assert leftover.message.startswith("'#{first_name}' (and 1 more)")
    assert (leftover.line, leftover.column) == (3, 4)


@pytest.mark.parametrize("wrapped, form, name", [
    ("{{key\ndifferentiator}}", "double braces", "key differentiator"),
    ("{{ recent competitor problem / price\n  increase }}", "double braces", "recent competitor problem / price increase"),
    ("[Company\nName]", "brackets", "Company Name"),
])
def test_a_tag_cut_by_a_hard_wrap_is_one_tag(wrapped, form, name):
    match = mergetags.TAG.search(f"We do what they do, but {wrapped} and more.")
    assert match is not None and match.group() == wrapped
    assert (mergetags.form(match), mergetags.name(match)) == (form, name)


def test_a_blank_line_ends_a_tag():
    assert mergetags.spans("Costs went up [see the\n\nnumbers] last year.") == []
    assert mergetags.spans("{{ first\n \nname }}") == []


# a template hard-wrapped at 40 columns, as a plain-text mail editor leaves it; unwrapped below
_WRAPPED = """Subject: switching from {{competitor}}?

Hey {{name}},

Saw you're using {{competitor}} - a lot
of their customers have been moving to
us after {{recent competitor problem /
price increase}}.

We built {{product}} to do exactly what
{{competitor}} does, but {{key
differentiator}}.

Happy to show you a quick demo.

{{your name}}
"""


def test_a_hard_wrapped_template_is_judged_as_its_unwrapped_twin():
    unwrapped = "\n\n".join(p.replace("\n", " ") if not p.startswith("Subject") else p for p in _WRAPPED.split("\n\n"))
    assert "{{key differentiator}}" in unwrapped
    wrapped, flat = lint_text(_WRAPPED, "wrapped.txt"), lint_text(unwrapped, "flat.txt")
    assert sorted(p.code for p in wrapped.problems) == sorted(p.code for p in flat.problems)
    assert "EL101" in {p.code for p in wrapped.problems}  # it pitches: "We built {{product}} to do exactly what…"
    assert (wrapped.score, wrapped.kind) == (flat.score, flat.kind)
