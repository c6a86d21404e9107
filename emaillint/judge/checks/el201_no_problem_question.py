"""The email asks no question about the prospect's problems.

## Why is this bad?
The best emails ask an open question that gets the prospect talking about
their issue, how they handle it today, or what they hope for. Scheduling
("Are you free Tuesday?"), interest checks ("Interested?"), offers, routing
("Are you the right person?") and rhetorical pitches don't count: they give
the prospect nothing to think about.

## Example
Would you be interested in a demo? Are you the right person to talk to?

## Use instead
How have you handled approvals during month-end close so far?
"""
from __future__ import annotations

import sys

from emaillint.anatomy.parts import seller_names
from emaillint.judge.analysis import questions
from emaillint.base.lexicons import reply_prefix
from emaillint.base.problem import Finding, Level
from emaillint.judge.spec import code_rule

SPEC = code_rule(sys.modules[__name__], code="EL201", name="question.no-problem-question",
                 category="no-problem-question", principle=2, level=Level.WARNING)


def check(ctx):
    subject = ctx.email.subject
    replied = subject is not None and bool(reply_prefix().match(subject.text))
    candidates = ([] if replied else ctx.email.subject_sentences()) + ctx.email.sentences()
    if not ctx.email.sentences():
        return
    # "Big Muddy Inn — lodging partner for the festival?" is about us, not them
    ours = ctx.shared.seller_names if ctx.shared is not None else seller_names(ctx.email)
    if any(questions.is_problem_question(s.text, s.is_question) and not s.text.lstrip("*_ ").startswith(tuple(ours))
           for s in candidates):
        return
    asked = [s for s in ctx.email.sentences() if s.is_question]
    anchor = asked[0] if asked else ctx.email.sentences()[0]
    kinds = sorted({questions.classify(s.text) for s in asked} - {questions.PROBLEM})
    what = (f"Its questions are {', '.join(kinds)} questions, none about the prospect's problems" if asked
            else "It asks the prospect nothing")
    yield Finding(anchor.start, anchor.end,
                  f"{what}: an open question about their world is what gets a reply.",
                  "Try: \"How have you handled <the problem> in your team so far?\"")
