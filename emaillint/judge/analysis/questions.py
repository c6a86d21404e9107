"""What kind of question is this? Only problem questions open a conversation.

A problem question asks about the prospect's problems, goals, priorities,
current process or situation (principle 2). Scheduling, interest checks,
offers and invitations, requests, routing, thread-status polls, rhetorical
pitches, small talk and questions about our own product look like questions
but give the prospect nothing to think about. The checks run in that order:
the first class that fits wins. A question that fits none of them and has some
substance is taken to be about the prospect's world.

Only the clause that carries the question is judged: in "One thing would help
me see where things stand: what does the committee need to sign off?" the
lead-in is context, the question is what follows the colon.
"""
from __future__ import annotations

import re
from functools import lru_cache

from emaillint.base.vocabulary import QuestionClass
from emaillint.judge.analysis.text import Lazy, Guarded, knowledge_patterns, mentions_prospect, plain
from emaillint.judge.analysis.times import has_specific_time

_C = Lazy  # patterns are written for plain() text; compiled on first use
_K = knowledge_patterns("questions")  # {lists} from rules/knowledge/questions.yaml

MINUTES = r"\d+\s*(?:-|–| )?min(?:ute)?s?\b"
NEXT_STEPS = _K("{next_step_question_patterns}")
STATUS = _K(r"\b(?:{status_phrases})\b|{status_patterns}")
ROUTING = Guarded("{routing_patterns}", ("right person", "who", "point me", "should i", "someone else"), knowledge="questions")
SCHEDULING = _K(r"\b(?:{scheduling_words})\b|{scheduling_patterns}")
INTEREST = Guarded("{interest_patterns}", ('interest', 'relevant', 'resonate', 'make sense', 'sound', 'worth', 'would', 'useful',
                                           'helpful', 'valuable', 'worthwhile', 'thoughts', 'curious', 'keen', 'fancy', 'think',
                                           'opinion', 'feedback', 'take'),
                   knowledge="questions")
OFFER = Guarded("{offer_patterns}", ("me to", "want", "like", "would it help", " i ", "shall i", "should i", "can i", "may i",
                                     "could i", "prefer", "rather"), knowledge="questions")
REQUEST = _K(r"^(?:please |also |and |so )?(?:could|can|would|will) you (?:please |kindly |also |just )?(?!{tell_me_patterns})[a-z]+")
RHETORICAL = Guarded("{rhetorical_patterns}", ("n't", 'what if', 'ready', 'want', 'looking', 'who ', 'tired', 'imagine', 'why '),
                     knowledge="questions")
SMALL_TALK = _K("{small_talk_patterns}")
PRODUCT = _K(r"\b(?:our|my) (?:new |latest )?(?:{our_offer_nouns})s?\b", r"\b(?:tried|seen|heard (?:of|about)) (?:us|our)\b")
OPEN_WORD = _C(r"\b(?:how|what|which|where|why|when|who|to what extent|in what)\b")
SITUATION = _K(r"\b(?:{situation_words})\b")
INDIRECT = _K("{indirect_question_patterns}")
_IDIOMS = _K(r"^(?:{question_lead_ins})[,:]?\s+")
MEET_CUE = _C(r"\b(?:we|us|together|call|meet|meeting|chat|talk|speak|go through|walk|minutes?|slot|catch up|connect|demo)\b")
# the lead-in ends at a colon, a semicolon or a dash ("I'm curious - are you…", "you mentioned the board—how did it go?")
_ASKING_WORDS = "how|what|which|where|why|when|who|do|does|did|is|are|was|were|have|has|can|could|would|will|should"
# (a dash only before a question word: "who feels it first - FP&A or audit?" asks before it)
_LEAD_IN = re.compile(rf"^.*(?:[:;]\s+|(?:\s*[—–]\s*|\s+-\s+)(?=(?:{_ASKING_WORDS})\b))(?=\S+(?:\s+\S+){{2,}})")

_OPEN_TO = re.compile(r"\bopen to\b|\b(?:be|are you|you be) up for\b")
PROBLEM = QuestionClass.PROBLEM
_CLASSES = ((QuestionClass.NEXT_STEPS, NEXT_STEPS), (QuestionClass.STATUS, STATUS), (QuestionClass.SMALL_TALK, SMALL_TALK),
            (QuestionClass.ROUTING, ROUTING), (QuestionClass.OFFER, OFFER), (QuestionClass.REQUEST, REQUEST),
            (QuestionClass.RHETORICAL, RHETORICAL), (QuestionClass.PRODUCT, PRODUCT), (QuestionClass.INTEREST, INTEREST),
            (QuestionClass.SCHEDULING, SCHEDULING))


_PS_PREFIX = re.compile(r"^(?:p\.?\s?p?\.?\s?s\.?|ps)[:.]?\s+")
_ASKING_START = re.compile(rf"^(?:{_ASKING_WORDS})\b")


def question_clause(low: str) -> str:
    """The part of a plain() sentence that carries the question.

    "One thing would help: what does the committee need?" is judged on what
    follows the colon; "How do you staff nights: agency or direct?" already
    asks before the colon and is judged whole.
    """
    low = _IDIOMS.sub("", _PS_PREFIX.sub("", low, count=1), count=1)
    if _ASKING_START.match(low):
        return low
    return _LEAD_IN.sub("", low, count=1)


# Who a question is about, by its form: one whose subject is the seller ("Can we chat?", "I hope you
# got my email?", "Mind if I check back?") asks nothing about the prospect's world; a question inside
# quotation marks is someone else's words.
_SELLER_ASKS = _C("|".join((r"^(?:i|we|my|our|us)\b|^(?:can|could|shall|should|may|mind if|ok if|okay if) (?:i|we)\b",
                            r"\bbest way (?:for (?:us|me) )?to (?:connect|reach|talk|meet|get in touch|follow up)\b")))
_QUOTED_QUESTION = re.compile(r"[\"“][^\"“”]{3,}\?[\"”]\W*$")
_CURIOUS = re.compile(r"^curious (?=if|whether)\w+ ")


@lru_cache(maxsize=8192)
def classify(sentence: str) -> QuestionClass:
    """Class of a question (or indirect question) sentence."""
    low = question_clause(plain(sentence))
    if _QUOTED_QUESTION.search(low):
        return QuestionClass.QUOTED
    low = _CURIOUS.sub("", low)
    if (lead := INDIRECT.search(low)) and low[lead.end():].strip():
        low = low[lead.end():].strip()  # "I'm curious if this matches your experience?" asks what follows the lead-in
    if ", or " in low and not STATUS.search(low):  # "Are you tackling it in-house, or would a chat make sense?"
        first, second = low.split(", or ", 1)
        head = classify(first + "?")
        if head is QuestionClass.OFFER and not _ASKING_START.match(second.lstrip("(0123456789) ")):
            return head  # "Would you prefer I submit an application, or (2) connect with your rep?": both are mine to do
        if PROBLEM in (head, classify(second)):
            return PROBLEM
    for name, pattern in _CLASSES:
        if pattern.search(low):
            if name is QuestionClass.STATUS and ", or " in low:  # "Should I close your file, or is this still on your radar?"
                return classify(low.split(", or ", 1)[1])
            return name
    if has_specific_time(low) and not OPEN_WORD.match(low) and MEET_CUE.search(low):
        return QuestionClass.SCHEDULING
    if _OPEN_TO.search(low):
        return QuestionClass.INTEREST  # "open to exploring a partnership?" names no concrete action
    words = len(low.split())
    if words < 3 or _SELLER_ASKS.search(low):
        return QuestionClass.OTHER
    if mentions_prospect(low) or OPEN_WORD.search(low) or SITUATION.search(low) or words >= 6:
        return PROBLEM
    return QuestionClass.OTHER


# "Given the programme you're running, I'd be curious whether…": the circumstance before the lead-in
_GIVEN = re.compile(r"^(?:given|since|with|considering|based on) [^,]{1,80}, ")


def _without_lead(low: str) -> str:
    return _GIVEN.sub("", _IDIOMS.sub("", low, count=1), count=1)


def indirect_match(sentence: str) -> re.Match | None:
    """The lead-in of an indirect question ("curious how…", "I'd love to hear how…")."""
    return INDIRECT.search(_without_lead(plain(sentence)))


def is_indirect_question(sentence: str) -> bool:
    """'Curious how your team handles X.' asks without a question mark."""
    return indirect_match(sentence) is not None


def is_problem_question(sentence: str, is_question: bool) -> bool:
    """True for a direct or indirect question about the prospect's world."""
    if is_question:
        return classify(sentence) == PROBLEM
    low = _without_lead(plain(sentence))
    match = INDIRECT.search(low)
    return match is not None and classify(low[match.end():].strip()) == PROBLEM
