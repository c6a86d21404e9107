"""A "Re:" or "Fwd:" subject on a first touch: a fake reply.

## Why is this bad?
"Re:" tells the prospect they are answering a conversation, "Fwd:" that
someone passed this on to them. On a first touch neither is true: the email
quotes nothing and replies to nothing. The prefix wins an open by a trick,
and the prospect sees the trick the moment they read the first line; trust
is lost before the email has said anything about them. Earn the open with a
subject about their world instead.

A "Re:" is judged fake only on a first touch: a draft declared `kind: cold`,
or one that quotes nothing, refers to no earlier exchange ("my last note",
"since we spoke", "as promised") and introduces its author the way only a
first touch does ("My name is…", "I'm Tom from Ledgerly", "I came across
your…"). A follow-up in a thread of your own keeps its "Re:". The prefixes
and the first-touch phrases are data: `rules/lexicons/reply-prefixes.txt`,
`rules/lexicons/first-touch-markers.txt`.

## Example
Subject: Re: our conversation

Hi Dana, I'm Sam from Ledgerly and we help AP teams automate approvals.

## Use instead
Subject: invoice approvals at Northwind

## Fix safety
Unsafe: removing the prefix is mechanical, but the subject that is left was written
to sit behind a "Re:"; review it, and better, write one about their world.
"""
from __future__ import annotations

import sys
from dataclasses import replace

from emaillint.anatomy import kind as kinds
from emaillint.judge.checks.el805_subject_about_seller import _reply_prefix, self_named
from emaillint.base.lexicons import lexicon_matcher
from emaillint.base.problem import Edit, Finding, Fix, Level
from emaillint.judge.spec import code_rule

SPEC = code_rule(sys.modules[__name__], code="EL806", name="subject.fake-reply", category="deceptive",
                 principle=None, level=Level.WARNING, fix="unsafe")


def _first_touch(ctx) -> bool:
    """Nothing but the subject says there was an earlier exchange."""
    email = ctx.email
    if email.quotes:
        return False
    declared = kinds.declared_kind(email)
    if declared:
        return declared == "cold"
    if ctx.kind == "cold":
        return True  # declared cold in the configuration, whatever the subject says
    if ctx.kind != "follow-up" or kinds.infer(replace(email, subject=None, _sentences=None)) != "cold":
        return False
    return _introduces_author(email)


def _introduces_author(email) -> bool:
    """The opening introduces the author to a stranger: only a first touch does that."""
    opening = email.sentences()[:3]
    markers = lexicon_matcher("first-touch-markers")
    return any(markers.search(s.text) for s in opening) or bool(self_named(opening))


def check(ctx):
    subject = ctx.email.subject
    if subject is None:
        return
    prefix = _reply_prefix().match(subject.text)
    if not prefix or not _first_touch(ctx):
        return
    label = subject.text[prefix.start():prefix.end()].strip()
    start = subject.start + prefix.start() + (len(subject.text[prefix.start():]) - len(subject.text[prefix.start():].lstrip()))
    end = subject.start + prefix.end()
    fix = Fix(f"Remove '{label}'", (Edit(start, end, ""),))
    yield Finding(start, start + len(label),
                  f"'{label}' makes a first touch look like part of an earlier conversation, but nothing here answers or "
                  "passes on anything: the prospect sees the trick as soon as they read it, and trust goes before "
                  "you have said a word about them.",
                  "Try: drop the prefix and use a subject about their world, e.g. \"invoice approvals at Northwind\".", fix)
