"""Which kind of email is this: cold, follow-up, reply or re-engagement?

Declared kinds win (front matter ``kind:``, then config); otherwise the kind
is inferred: quoted text means a reply, a short "are you…?" email means a
re-engagement, and follow-up phrasing or a "Re:" subject with no quote means a
follow-up. Everything else is a cold first touch.
"""
from __future__ import annotations

import re

from emaillint.anatomy.parts import Email
from emaillint.base.lexicons import reply_prefix
from emaillint.base.vocabulary import EMAIL_KINDS, EmailKind
from emaillint.base.prefilter import Prefiltered

_ALIASES = {"followup": "follow-up", "follow_up": "follow-up", "reengagement": "re-engagement",
            "re_engagement": "re-engagement", "breakup": "re-engagement", "break-up": "re-engagement",
            "first-touch": "cold", "intro": "cold", "response": "reply"}
_FOLLOW_UP = Prefiltered(  # run on whole bodies: the literal filter skips most of them
    r"\b(?:follow(?:ing)?[ -]up|checking in|check in|touch(?:ing)? base|circl(?:e|ing) back|bumping|bump (?:this|it|my|that|up)|"
    r"my (?:last |previous |earlier )?(?:\w+ )?(?:email|note|message)|since we (?:spoke|talked|met)|did you (?:see|get)|heard back|any updates?|"
    r"as promised|haven't heard|have not heard|last week you|you mentioned|had a chance|as discussed|our call)\b", re.I, positions_only=True)
_ARE_YOU = re.compile(r"^\s*are you(?:\??\s*$| still\b)", re.I)


def normalise(kind: str) -> EmailKind | None:
    """The canonical kind, or None when the word is not a kind."""
    key = str(kind).strip().lower().replace(" ", "-")
    key = _ALIASES.get(key, key)
    return EmailKind(key) if key in EMAIL_KINDS else None


def declared_kind(email: Email) -> EmailKind | None:
    """The kind the draft itself declares (front matter ``kind:``), canonical, or None."""
    value = email.front_matter.get("kind")
    return normalise(value) if value else None


def decide(email: Email, configured: str | None = None) -> EmailKind:
    """The kind: the draft's own ``kind:`` first, then the configured kind (config or --kind), else inferred."""
    return infer(email, email.front_matter.get("kind") or configured)


def infer(email: Email, declared: str | None = None) -> EmailKind:
    if declared:
        kind = normalise(declared)
        if kind:
            return kind
    subject = email.subject.text.strip() if email.subject else ""
    if email.quotes:
        return EmailKind.REPLY
    body = email.body_text
    if _ARE_YOU.match(subject) or (len(body.split()) < 70 and any(_ARE_YOU.match(s.text) for s in email.sentences())):
        return EmailKind.RE_ENGAGEMENT
    if reply_prefix().match(subject) or _follows_up(body) or _follows_up(subject):
        return EmailKind.FOLLOW_UP
    return EmailKind.COLD


# "I won't follow up again", "I'll check in next week": a refusal or a promise, not a chase ("This will be my last
# note" still is one: only the verbs are promised)
_CHASE_VERBS = ("follow", "check", "touch", "circl", "bump")
_NOT_NOW = re.compile(r"\b(?:won['’]t|will not|wouldn['’]t|['’]ll|will|shall|going to)(?:\s+\w+){0,2}\s*$", re.I)
# "a quick follow-up", "Follow-up on my note": the noun is the chase only as one; "lead follow-up" is a task of theirs
_CHASE_NOUN = re.compile(r"(?:^|\b(?:a|my|this|quick|just|one|last|final|friendly|gentle|brief|short|small)\s+)$", re.I)
# "Following up on…", "I wanted to follow up", "Just checking in": the verb is the sender's chase when the sender is its
# subject or it opens a sentence; "practices only follow up with half their leads" and "we call every lead, follow up
# five times" describe someone's work
_CHASE_SUBJECT = re.compile(r"(?:^|[.!?:]\s*|\n[ \t]*\n\s*|\b(?:i|we)(?:['’](?:m|ve|d|ll|re)| am| are| was| were| have| had| would| will)?(?:\s+(?:just|also|really|quickly|briefly|again|still|only))?\s+"
                            r"|\b(?:wanted|want|wanting|like|sorry|going|trying|hate|needed)\s+to\s+|\b(?:just|quick|quickly|and|so|also)\s+)$", re.I)
_VERB_FORMS = ("follow up", "following up", "follow-up", "check in", "checking in", "touch base", "touching base", "circle back",
               "circling back")


def _follows_up(text: str) -> bool:
    """Follow-up phrasing by the sender, now: not refused or promised ("I won't follow up"), and "follow-up" as a
    thing only when it is the note itself ("a quick follow-up"), not the prospect's work ("lead follow-up")."""
    for match in _FOLLOW_UP.finditer(text):
        before = text[max(0, match.start() - 40):match.start()]
        phrase = match.group().lower()
        if phrase.startswith(_CHASE_VERBS) and _NOT_NOW.search(before):
            continue
        if "-" in phrase and phrase.startswith("follow") and not _CHASE_NOUN.search(before):
            continue
        if phrase.replace("-", " ") in _VERB_FORMS and "-" not in phrase and not _CHASE_SUBJECT.search(before):
            continue
        return True
    return False
