"""HTML markup in a draft is read as what the recipient's mail client shows (emaillint/base/markup.py).

Sending tools keep templates as HTML; read as plain text, "<p>Hi Dana,</p><p>…" is one long sentence with no
greeting, and a closing question is not the last sentence. Each case here fails when the tags are read as text.
"""
from __future__ import annotations

import pytest

from emaillint.anatomy.document import prepare
from emaillint.api import lint_text
from emaillint.base import markup, mergetags
from emaillint.read.source import from_text


def shown(text: str) -> str:
    out, last = [], 0
    for start, end, instead in markup.edits(text):
        out += [text[last:start], instead]
        last = end
    return "".join(out) + text[last:]


@pytest.mark.parametrize("html, expected", [
    ("<p>Hi Dana,</p>\n<p>How do you plan shifts?</p>", "\n\nHi Dana,\n\nHow do you plan shifts?\n\n"),
    ("Best,<br>\nKevin", "Best,\nKevin"),  # the line break the tag stands before goes with it
    ("<div>Hi Dana,</div><div><br></div><div>Thanks</div>", "\nHi Dana,\n\nThanks\n"),  # Gmail's empty line
    ("<div>One</div><div>Two</div>\n<div>Three<br></div>", "\nOne\nTwo\nThree\n"),
    ("<ul><li>One</li><li>Two</li></ul>", "\n\n- One\n- Two\n\n"),
    ("<b>Quick</b> <SPAN style='x'>note</SPAN>", "Quick note"),
    ("<b>AT&amp;T</b>&nbsp;and&#39;s &rsquo;", "AT&T and's ’"),
    ("<!DOCTYPE html><html><head><title>T</title><style>p {}</style></head><body>Hi</body></html>", "Hi"),
    ("a<!-- a comment, <p> inside -->b<p>", "ab\n\n"),
    ('Grab a time: <a href="https://cal.com/jo?a=1&amp;b=2">here</a>.', "Grab a time: here https://cal.com/jo?a=1&b=2."),
    ('<a href="https://x.io">https://x.io</a>', "https://x.io"),  # the address is its text already
    ("<table><tr><td>A</td> <td>B</td></tr></table>", "\n\nA   B\n\n"),
])
def test_each_tag_reads_as_what_a_mail_client_shows(html, expected):
    assert shown(html) == expected


@pytest.mark.parametrize("plain", [
    "Hi <First Name>, how is <Company> doing?",
    "As <Title> at <<Company>>, you know 3 < 4 & 5 > 2.",
    "I'd use a <p and a <div without an end",  # no tag: nothing is markup
])
def test_a_plain_draft_has_no_markup_and_merge_tags_stay_merge_tags(plain):
    assert markup.edits(plain) == []


def test_a_draft_copied_from_a_page_source_reads_its_references_and_spaces():
    """With no tag left, "&rsquo;" and "&nbsp;" are still what the page showed; a no-break space is a space."""
    assert markup.edits("Tom &amp; Jerry haven&rsquo;t") == [(4, 9, "&"), (21, 28, "’")]
    assert markup.spaces_as_read("just\u00a0following\u202fup") == "just following up"
    typed = "Subject: Q3 &amp; Q4\n\nHi Sam,\n\nJust\u00a0following up on my last email.\n\nBest,\nJo\n"
    report = lint_text(typed, "x.txt")
    assert "EL301" in {p.code for p in report.problems}
    assert lint_text(typed.replace("\u00a0", " "), "x.txt").score == report.score
    assert "EL301" in {p.code for p in lint_text("Hi Sam,\n\nI haven&rsquo;t heard back from you.\n", "x.txt").problems}


def test_merge_tags_and_markup_share_one_list_of_elements():
    assert mergetags.spans("<p>") == [] and mergetags.spans("<div>") == []
    assert mergetags.spans("<FirstName>") == [(0, 11)]


PLAIN = """Subject: Quick question about onboarding

Hi Dana,

We are the leading platform for onboarding and we have helped 300 companies.

Our platform offers automated approvals, real-time dashboards and 50+ integrations.

Would Tuesday at 10am work for a call?

Best,
Kevin
"""
HTML = """Subject: Quick question about onboarding

<p>Hi Dana,</p>
<p>We are the <b>leading platform</b> for onboarding and we have helped 300&nbsp;companies.</p>
<div>Our platform offers automated approvals, real-time dashboards and 50+ integrations.</div>
<div><br></div>
<p>Would Tuesday at 10am work for a call?</p>
<p>Best,<br>
Kevin</p>
"""


def findings(report):
    return sorted((p.code, p.message) for p in report.problems)


@pytest.mark.parametrize("path", ["draft.txt", "draft.md", "draft.html"])
def test_an_html_draft_is_judged_like_its_plain_twin(path):
    html, plain = lint_text(HTML, path), lint_text(PLAIN, "draft.txt")
    assert findings(html) == findings(plain)
    assert (html.score, html.kind) == (plain.score, plain.kind)
    doc = prepare(from_text(HTML, path))
    assert doc.email.greeting is not None and doc.email.greeting.text == "Hi Dana,"
    assert doc.email.subject.text == "Quick question about onboarding"


def test_a_finding_points_at_the_words_in_the_file():
    report = lint_text(HTML, "draft.html")
    brag = next(p for p in report.problems if p.code == "EL601")
    line = HTML.split("\n")[brag.line - 1]
    assert line[brag.column - 1:].startswith("leading platform</b>") or line[brag.column - 1:].startswith("the <b>")
    assert HTML[brag.start:brag.end] in ("the <b>leading", "the <b>leading platform</b>", "leading platform")


def test_a_fix_inside_a_paragraph_keeps_the_tags_and_one_across_a_tag_is_not_offered():
    text = "<p>Hi Dana,</p><p>It will transform your close overnight!!</p><p>How do you close the month today?</p>"
    report = lint_text(text, "draft.html")
    stack = next(p for p in report.problems if p.code == "EL503")
    assert stack.fix is not None
    fixed = text
    for edit in sorted(stack.fix.edits, key=lambda e: -e.start):
        fixed = fixed[:edit.start] + edit.text + fixed[edit.end:]
    assert fixed == text.replace("!!", "!")
    for problem in report.problems:
        for edit in (problem.fix.edits if problem.fix else ()):
            assert "<" not in text[edit.start:edit.end], (problem.code, text[edit.start:edit.end])


def test_a_booking_link_is_a_next_step():
    with_link = ('<p>Hi Dana,</p><p>How do you plan shifts across the two sites today?</p>'
                 '<p>If it is useful, <a href="https://calendly.com/kevin/20min">this page</a> has a few slots on Tuesday.</p>')
    without = with_link.replace(' href="https://calendly.com/kevin/20min"', "")
    assert "EL401" not in {p.code for p in lint_text(with_link, "draft.html").problems}
    assert "EL401" in {p.code for p in lint_text(without, "draft.html").problems}


def test_a_template_that_renders_html_is_read_the_same_way():
    template = "---\nsubject: Quick question\nvariables:\n  first_name: Dana\n---\n" \
               "<p>Hi {{ first_name }},</p><p>How do you plan shifts across the two sites today?</p>\n"
    doc = prepare(from_text(template, "draft.html.j2"))
    assert doc.email.greeting is not None and doc.email.greeting.text == "Hi Dana,"
    assert "<p>" not in doc.analysed


def test_an_eml_html_part_uses_the_same_reading():
    from emaillint.read.eml import html_to_text

    assert html_to_text("<div>Hi Dana,</div><div>Line two</div><ul><li>One</li></ul>") == "Hi Dana,\nLine two\n\n- One\n"
    assert html_to_text("<p>We cut <b>close</b> <i>time</i> by half.</p>") == "We cut close time by half.\n"
    assert html_to_text("<p>One</p>\n  <p>Two</p>") == "One\n\nTwo\n"


def test_emphasis_marks_and_indentation_are_not_read_but_bullets_and_merge_tags_are():
    def read(text):
        spans = markup.not_read(text)
        return "".join(c for i, c in enumerate(text) if not any(a <= i < b for a, b in spans))

    assert read("**Is the depot still short of drivers?**") == "Is the depot still short of drivers?"
    assert read("your site *acme.io *which is") == "your site acme.io which is"
    assert read("* one\n  * two\n5 * 3 and *****, 24*7") == "* one\n* two\n5 * 3 and *****, 24*7"
    assert read("Hi *|FNAME|*,") == "Hi *|FNAME|*,"
    question = lint_text("Hi Sam,\n\n**How are you handling renewals today?**\n\nJo\n", "x.txt")
    assert "EL201" not in {p.code for p in question.problems}


def test_utf8_read_as_windows_1252_reads_as_typed():
    assert markup.mojibake("Iâ€™m at the cafÃ©") == [(1, 4, "’"), (16, 18, "é")]
    assert markup.mojibake("naïve café, ½ off") == []  # real accents and symbols are left as they are
    typed = "Subject: x\n\nHi Sam,\n\nI havenâ€™t heard back from you.\n\nJo\n"
    assert "EL301" in {p.code for p in lint_text(typed, "x.txt").problems}


def test_e_mail_is_the_word_email():
    assert markup.spellings("per my last e-mail, E-Mail me") == [(12, 18, "email"), (20, 26, "EMail")]
    assert markup.spellings("a follow-up mail") == []
    typed = "Subject: x\n\nHi Sam,\n\nAs per my last e-mail, did you get a chance to look?\n\nJo\n"
    assert "EL301" in {p.code for p in lint_text(typed, "x.txt").problems}
