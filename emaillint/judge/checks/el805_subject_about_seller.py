"""The subject line is about the sender: an introduction, the sender's company, or a "you + us" pairing.

## Why is this bad?
The prospect cares about their problems, not your product, and the subject is
where they decide whether the email is about them. "Quick intro - Acme for
Globex", "Introducing Acme", "Acme + Globex" or "Our new platform" announce
the seller before a word has been read, and read like every other vendor
email. A subject about their world (their topic, their company, their
problem) earns the open.

The sender is known from the email itself: the company in the signature (and
its web or mail domain), the company the author introduces themselves with in
the body ("I'm Tom from Ledgerly", "here at Ledgerly"), and merge tags that
stand for the sender's company or product ("{{sender_company}}", "[Your
Company]", as typed in `rules/knowledge/slots.yaml`). The words
that announce a sender are data: `rules/lexicons/seller-subject-words.txt`.

## Example
Subject: Quick intro - Ledgerly for Northwind

## Use instead
Subject: invoice approvals at Northwind
"""
from __future__ import annotations

import re
import sys

from emaillint.judge.analysis import slots
from emaillint.anatomy.parts import _COMPANY_SUFFIXES, _TITLE_WORDS, Email, seller_names
from emaillint.base import mergetags
from emaillint.base.lexicons import lexicon_matcher, lexicon_set, reply_prefix
from emaillint.base.problem import Finding, Level
from emaillint.judge.spec import code_rule

SPEC = code_rule(sys.modules[__name__], code="EL805", name="subject.about-seller", category="subject",
                 principle=1, level=Level.WARNING)

_NAME = r"([A-Z][\w&'’-]*(?:[ \t]+[A-Z][\w&'’-]*){0,2})"
# How an author names their own company in the body: "I'm Tom from Acme", "I lead sales at Acme",
# "I'm an account executive at Acme", "here at Acme", "we at Acme", "At Acme, we…".
_SELF_INTRO = (
    re.compile(rf"\b(?i:i['’]m|i am|this is|my name is|it['’]s) [A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?,? (?:from|at|with|of) {_NAME}"),
    re.compile(rf"\b[Ii] (?:work|lead|run|head|manage|look after)\b[^.,;!?]{{0,40}}? (?:at|for|with) {_NAME}"),
    re.compile(rf"\b(?i:i['’]m|i am) (?:(?i:the|a|an) )?((?:[\w-]+ ){{1,5}})(?:at|with|from|of) {_NAME}"),
    re.compile(rf"\b(?:[Hh]ere at|[Ww]e at) {_NAME}"),
    re.compile(rf"^[Aa]t {_NAME},? (?:we|our)\b"),
)
# What each pattern above cannot match without, in the lower-cased sentence: most sentences hold none, and the
# patterns' scoped case flags make them slow to try. A pattern anchored with "^" needs the sentence to start so.
_SELF_INTRO_NEEDLES = (
    ("i'm", "i’m", "i am", "this is", "my name is", "it's", "it’s"),
    ("i work", "i lead", "i run", "i head", "i manage", "i look after"),
    ("i'm", "i’m", "i am"),
    ("here at", "we at"),
    ("at ",),
)
_HOST = re.compile(r"(?:@|https?://|\bwww\.)(?:www\.)?([a-z0-9-]+)\.[a-z]", re.I)
# A subject (or a part of it between separators) that is just two names joined the way partnership
# pitches pair a vendor with the prospect: "Acme + Globex", "Acme <> Globex", "Quick intro: Acme x Globex".
_BRAND = r"[A-Z][a-z][\w&'’.-]*(?: [A-Z][\w&'’.-]*){0,2}"
_PAIR = re.compile(rf"(?:^|[:|–—-] ?)\s*({_BRAND} ?(?:\+|<>|<->|↔|×| x | X ) ?{_BRAND})\s*(?=$|[:|–—(-])")


# "intro to whoever owns AP?", "introduction to the right person": asking them for an introduction.
_ASKS_FOR_INTRO = re.compile(r" to (?:whoever|the right|someone|the person|the best person|your)\b", re.I)


_reply_prefix = reply_prefix  # the shared list (emaillint.base.lexicons)


def self_named(sentences) -> set[str]:
    """Company names the author gives themselves in these sentences ("I'm Tom from Ledgerly")."""
    names = set()
    for sentence in sentences:
        text = sentence.text
        low = text.lower() if text.isascii() else None  # (case folding beyond ASCII: try them all)
        if low is not None and not _may_hold_any(low):
            continue  # the usual sentence: no pattern can match
        for i, pattern in enumerate(_SELF_INTRO):
            if low is not None and not _may_hold(low, i):
                continue
            for m in pattern.finditer(text):
                if i == 2 and not all(w.lower() in _TITLE_WORDS for w in m.group(1).split()):
                    continue  # "I'm a big fan of the work at Globex" is not a job title
                words = m.group(m.lastindex).split()
                names.add(" ".join(words))
                if len(words) > 1 and words[-1].lower().strip(".") in _COMPANY_SUFFIXES:
                    names.add(" ".join(words[:-1]))  # "Acme Corp" is also "Acme"
    return names


_ANCHORED = tuple(pattern.pattern.startswith("^") for pattern in _SELF_INTRO)
# every needle of the patterns not anchored at the start (the one that is needs the sentence to start "at ")
_ANY_NEEDLE = tuple(sorted({n for needles, anchored in zip(_SELF_INTRO_NEEDLES, _ANCHORED) if not anchored for n in needles}))


def _may_hold_any(low: str) -> bool:
    """Could any self-introduction pattern match the lower-cased sentence? (A loop, not any(): it runs for the
    first sentences of every email, and most hold none of the needles.)"""
    if low.startswith("at "):
        return True
    for needle in _ANY_NEEDLE:
        if needle in low:
            return True
    return False


def _may_hold(low: str, i: int) -> bool:
    """Could the i-th self-introduction pattern match the lower-cased sentence?"""
    if _ANCHORED[i]:
        return low.startswith(_SELF_INTRO_NEEDLES[i])
    for needle in _SELF_INTRO_NEEDLES[i]:
        if needle in low:
            return True
    return False


def _hosts(email: Email) -> set[str]:
    """Company web and mail domains in the signature ("tom@ledgerly.com" -> "ledgerly")."""
    blocks = email.signatures()
    if not blocks:
        return set()
    skip = lexicon_set("not-company-domains")
    return {h.lower() for block in blocks for h in _HOST.findall(block.text) if len(h) > 2 and h.lower() not in skip}


def sender_names(email: Email) -> set[str]:
    """Every name the email gives the sender's company."""
    names = set(seller_names(email)) | self_named(email.sentences()[:6])
    return {n for n in names if len(n) > 2} | _hosts(email)


def _mentions(subject: str, names: set[str]) -> str | None:
    for name in sorted(names, key=len, reverse=True):
        flags = re.I if name.islower() else 0
        m = re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", subject, flags)
        if m:
            return m.group()
    return None


def _names_only(pairing: str) -> bool:
    """Whether both sides of "X + Y" could be names: in a Title Case subject capitals mark every word, and a side
    holding "Your" or "From" ("Recap + Pricing From Today") is a phrase, not a brand."""
    words = lexicon_set("function-words")
    return not any(word.lower() in words for word in re.findall(r"[A-Za-z']+", pairing))


def _seller_slot(subject: str) -> re.Match | None:
    """A merge tag that stands for the sender's company or product ("{{sender_company}} + {{company}}")."""
    for match in slots.TAG.finditer(subject):
        raw = mergetags.name(match)
        if slots.slot_type(raw)[0] in ("sender_company", "our_product"):
            return match
    return None


def check(ctx):
    subject = ctx.email.subject
    if subject is None or not subject.text.strip():
        return
    inherited = bool(ctx.email.quotes) and _reply_prefix().match(subject.text)
    if inherited:
        return  # a reply keeps the thread's subject, often the prospect's own words
    prefix = _reply_prefix().match(subject.text)
    offset = prefix.end() if prefix else 0
    text = subject.text[offset:]
    hit = next(iter(lexicon_matcher("seller-subject-words").finditer(text)), None)
    if hit and _ASKS_FOR_INTRO.match(text, hit[1]):
        hit = None
    if hit:
        what = text[hit[0]:hit[1]]
        reason = f"'{what}' announces you"
    elif slot := _seller_slot(text):
        hit = slot.span()
        reason = f"'{slot.group()}' stands for your own company or product"
    elif name := _mentions(text, sender_names(ctx.email)):
        hit = (text.find(name), text.find(name) + len(name))
        reason = f"it names your own company ('{name}')"
    elif (pair := _PAIR.search(text)) and _names_only(pair.group(1)):
        hit = pair.span(1)
        reason = f"'{pair.group(1)}' pairs a vendor with their company, the form of a partnership pitch"
    else:
        return
    yield Finding(subject.start + offset + hit[0], subject.start + offset + hit[1],
                  f"The subject is about you: {reason}. The prospect cares about their problems, not your product, "
                  "and opens an email whose subject is about their world.",
                  "Try: name their topic or problem, e.g. \"invoice approvals at Northwind\".")
