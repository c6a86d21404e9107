"""What kind of question is this? Only problem questions open a conversation.

A problem question asks about the prospect's problems, goals, priorities,
current process or situation (principle 2). Scheduling, interest checks,
offers, routing, thread-status polls, rhetorical pitches and questions about
our own product look like questions but give the prospect nothing to think
about. The checks run in that order: the first class that fits wins.
"""
from __future__ import annotations

import re
from functools import lru_cache

from emaillint.analysis.text import mentions_prospect, plain

_C = lambda s: re.compile(s)  # noqa: E731  (patterns are written for plain() text)

NEXT_STEPS = _C(r"\bnext steps?\b|\bhow (?:do|would|should) (?:you|we) (?:like to |want to )?proceed\b"
                r"|\bwhere do we go from here\b|\bwhat do you (?:suggest|propose)\b")
STATUS = _C(r"\b(?:did|have|had) you (?:get|got|see|seen|receive|received|had|have) (?:a chance|the chance|my|our|the (?:deck|proposal|email|note|message))"
            r"|\bhad a chance\b|\bany (?:news|updates?|progress|word)\b|\bshould i (?:close|stop|assume|take you off|keep)\b"
            r"|\bhear(?:d)? back\b|\bstill (?:alive|there)\b|\bdid (?:this|my|it) (?:get|reach|land)\b|\bwhere (?:do )?things stand\b")
ROUTING = _C(r"\bright person\b|\bwho (?:is|would be|'s|else) (?:the )?(?:best|right|responsible)|\bwho (?:handles|owns|looks after|manages|should i)\b"
             r"|\bpoint me\b|\bshould i (?:speak|talk|reach out|contact)\b|\bsomeone else\b")
SCHEDULING = _C(r"\b(?:free|available|availability)\b|\b(?:time|times|day|slot|date|morning|afternoon|(?:mon|tues|wednes|thurs|fri)day)s? works?\b|\bworks? for you\b"
                r"|\b(?:a|an|quick|short|brief|\d+[- ]?min(?:ute)?s?)\s+(?:call|chat|meeting|demo|conversation|sync|catch[- ]up|coffee|walkthrough|session|intro)\b"
                r"|\bworth a\b|\b(?:can|could|shall|should) (?:we|i) (?:schedule|book|set up|grab|get|find|meet|talk|hop|jump)\b"
                r"|\bopen to\b|\b(?:connect|connecting|meet|meeting|talk|speak)\b.{0,30}\b(?:this|next|on)\b")
INTEREST = _C(r"\binterest(?:ed|ing)?\b|\brelevant\b|\bresonate|\bmake sense\b|\bsounds? (?:good|interesting|useful)\b"
              r"|\bworth (?:exploring|a look|another look|it|considering|pursuing|discussing)\b|\bwould (?:that|this|it) (?:be )?(?:useful|helpful|of use|valuable)\b"
              r"|^(?:thoughts|interested|relevant|curious|useful)\b|\bkeen\b|\bfancy\b")
OFFER = _C(r"\b(?:want|would you like|shall|should|can|may|could) (?:me to|i) (?:send|share|forward|introduce|set|walk|show|put|pass|drop|include)\b"
           r"|^(?:want|like) (?:me to|the|a|it|to see|to try)\b")
REQUEST = _C(r"^(?:could|can|would|will) you (?:please |kindly |also )?(?:send|share|forward|introduce|fill|complete|sign|review|loop|connect|let me know|confirm|reply|book|pick|check)\b")
RHETORICAL = _C(r"^(?:wouldn't|won't|don't|doesn't|isn't|aren't) (?:you|it|that|your)\b|\bwhat if (?:you|your|i told)\b|^(?:ready|want|looking) to\b"
                r"|\bwho (?:doesn't|wouldn't|does not)\b|\btired of\b|\bimagine\b|\bwouldn't it be\b|\bwhy not\b")
PRODUCT = _C(r"\b(?:our|my) (?:new |latest )?(?:app|platform|product|tool|solution|software|module|feature|offer|service|brochure|deck)s?\b"
             r"|\b(?:tried|seen|heard (?:of|about)) (?:us|our)\b")
OPEN_WORD = _C(r"^(?:how|what|which|where|why|when|who|to what extent|in what)\b|\b(?:how|what|which|where|why) (?:do|does|did|is|are|was|were|has|have|would|will|could|can)\b")
SITUATION = _C(r"\b(?:priority|priorities|challenge|problem|issue|goal|plan|planning|process|handle|handling|handled|approach|approaching|struggle|radar|focus|pain|bottleneck|today|currently|still|shift(?:ed)?|budget|target|strategy|working on|looking for|hope|hoping)\b")
INDIRECT = _C(r"^(?:i'm |i am |i was |just |also |so )?(?:curious|wondering)\b.*\b(?:how|what|whether|if|which|where|why|when|about)\b"
              r"|\bi'd (?:love|like|be keen|be curious) to (?:hear|know|understand|learn) (?:how|what|whether|which|where|why|about)\b"
              r"|^tell me (?:how|what|about|more about how)\b")

PROBLEM = "problem"


@lru_cache(maxsize=8192)
def classify(sentence: str) -> str:
    """Class of a question (or indirect question) sentence."""
    low = plain(sentence)
    for name, pattern in (("next-steps", NEXT_STEPS), ("status", STATUS), ("request", REQUEST),
                          ("routing", ROUTING), ("offer", OFFER), ("rhetorical", RHETORICAL),
                          ("product", PRODUCT), ("interest", INTEREST), ("scheduling", SCHEDULING)):
        if pattern.search(low):
            return name
    if len(low.split()) < 3:
        return "other"
    if mentions_prospect(low) or OPEN_WORD.search(low) or SITUATION.search(low):
        return PROBLEM
    return "other"


def is_indirect_question(sentence: str) -> bool:
    """'Curious how your team handles X.' asks without a question mark."""
    return bool(INDIRECT.search(plain(sentence)))


def is_problem_question(sentence: str, is_question: bool) -> bool:
    """True for a direct or indirect question about the prospect's world."""
    if is_question:
        return classify(sentence) == PROBLEM
    match = INDIRECT.search(plain(sentence))
    return bool(match) and classify(plain(sentence)[match.start(): ].split(" ", 1)[-1]) == PROBLEM
