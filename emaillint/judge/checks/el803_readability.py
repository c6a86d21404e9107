"""Sentences that are hard to read quickly.

## Why is this bad?
Prospects skim. A long sentence or a high reading grade asks for effort the
prospect has not agreed to give. The grade is Flesch-Kincaid, computed
offline; emails with fewer than three sentences or 40 words are too short to
grade and get no grade at all.

## Example
We also offer implementation services, training, support and a partner
network of more than two hundred certified consultants, which means that
whatever your needs are, we are confident that we can meet them.

## Use instead
Short sentences. One idea each.

## Options
max_grade: highest acceptable reading grade (default 10).
max_sentence_words: longest acceptable sentence (default 35 words).
"""
from __future__ import annotations

import sys

from emaillint.judge.analysis.text import words
from emaillint.base.problem import Finding, Level
from emaillint.judge.spec import code_rule

SPEC = code_rule(sys.modules[__name__], code="EL803", name="readability.hard", category="readability",
                 principle=None, level=Level.INFO, options={"max_grade": 10, "max_sentence_words": 35})


def check(ctx):
    sentences = ctx.email.sentences()
    limit = int(ctx.options["max_sentence_words"])
    for s in sentences:
        n = len(words(s.text))
        if n > limit:
            yield Finding(s.start, s.end, f"This sentence runs {n} words: split it so it reads at a glance.",
                          "Try: one idea per sentence, under 25 words.")
    grade = ctx.reading_grade  # computed once per draft, shared with the report's stats
    if grade is not None and grade > float(ctx.options["max_grade"]):
        first = ctx.email.body[0]
        yield Finding(first.start, first.end,
                      f"Reading grade {grade:.1f} (over {ctx.options['max_grade']}): plainer words and shorter sentences get read.",
                      "Try: short sentences and everyday words.")
