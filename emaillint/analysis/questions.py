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

from emaillint.analysis.text import Lazy, Guarded, mentions_prospect, plain
from emaillint.analysis.times import has_specific_time

_C = Lazy  # patterns are written for plain() text; compiled on first use

MINUTES = r"\d+\s*(?:-|–| )?min(?:ute)?s?\b"
NEXT_STEPS = _C(r"\bnext steps?\b|\bhow (?:do|would|should) (?:you|we) (?:like to |want to )?proceed\b|\bhow you(?:'d| would) like to proceed\b"
                r"|\bwhere do we go from here\b|\bwhat do you (?:suggest|propose)\b")
STATUS = _C(r"\b(?:did|have|had) you (?:get|got|see|seen|receive|received|had|have) (?:a chance|the chance|a moment|a minute|my|our|the (?:deck|proposal|email|note|message))"
            r"|\b(?:had|have|got|get) (?:a|the) (?:chance|moment|minute|sec|second|opportunity) to (?:look|review|read|check|go|think|consider|glance|digest)"
            r"|\bany (?:news|updates?|progress|word|movement|luck|feedback)\b|\bany thoughts on (?:the below|my|the (?:email|note|message|proposal|deck|quote))"
            r"|\bthoughts on the below\b|\bshould i (?:close|stop|assume|take you off|keep|try again)\b|\bpermission to close\b"
            r"|\bhear(?:d)? back\b|\bstill (?:alive|there|with (?:us|me))\b|\bdid (?:this|my|it) (?:get|reach|land)\b|\bwhere (?:do )?things stand\b(?! with (?:the|your))"
            r"|\breply with (?:the|a|one) (?:number|letter|word|option)\b")
ROUTING = Guarded(r"\bright person\b|\bwho (?:is|would be|'s|else) (?:the )?(?:best|right|responsible)|^who (?:handles|owns|looks after|manages|should i)\b|^who else\b"
                  r"|^who (?:on|in|at) your [\w-]+ (?:owns|handles|is responsible|looks after|manages|makes|decides|signs)\b|^is there (?:someone|anyone|somebody) (?:on|in|at|from) your [\w-]+ who\b"
                  r"|\bpoint me\b|\bshould i (?:speak|talk|reach out|contact)\b|\bsomeone else\b",
                  ("right person", "who", "point me", "should i", "someone else"))
SCHEDULING = _C(r"\b(?:free|available|availability)\b|\b(?:time|times|day|slot|date|morning|afternoon|(?:mon|tues|wednes|thurs|fri)day)s? works?\b|\bworks? for you\b"
                r"|\b(?:a|an|quick|short|brief|\d+[- ]?min(?:ute)?s?)\s+(?:call|chat|meeting|demo|conversation|sync|catch[- ]up|coffee|walkthrough|session|intro)\b"
                rf"|\b{MINUTES}|\bworth a\b|\b(?:can|could|shall|should) (?:we|i) (?:schedule|book|set up|grab|get|find|meet|talk|hop|jump|hold|do|take)\b"
                r"|\bopen to (?:a |an )?(?:quick |short |brief |free |\d+[- ]?(?:min(?:ute)?s?|day|week) )?(?:call|chat|meeting|demo|conversation|connecting|connect|talking|chatting|catching up|coffee|walkthrough|sync|pilot|trial|intro|\d)|\b(?:connect|connecting|meet|meeting|talk|speak)\b.{0,30}\b(?:this|next|on)\b|\bdo you have (?:time|a moment)\b"
                r"|\bare you (?:around|about|in the office|in town)\b|\b(?:be|are you) up for\b|\bhow (?:does|do|is|'s|would) (?:\w+day|next week|tomorrow|your (?:calendar|diary|week|schedule))\b"
                r"|\byour (?:calendar|diary|schedule|availability)\b|\b(?:better|best|easier) for you\b|^(?:is|are|would) (?:[a-z]+day|mornings?|afternoons?|next week)\b|\b(?:still )?works? for (?:you|the|us)\b|^(?:does|would|will|is) (?:that|this|the|[a-z]+day|\d)\b.{0,30}\b(?:work|suit)\b|\bworks? better\b|\bwhich (?:works|suits|is better)\b|\b(?:good|best|convenient) time\b")
INTEREST = Guarded(r"\binterest(?:ed|ing)?\b|\brelevant\b|\bresonate|\bmake sense\b|\bsounds? (?:good|interesting|useful)\b"
              r"|\bworth (?:exploring|a look|another look|it|considering|pursuing|discussing)\b|\bwould (?:that|this|it) (?:be )?(?:useful|helpful|of use|valuable)\b"
              r"|\b(?:be|is|sound|seem) (?:useful|helpful|relevant|of interest|valuable|worthwhile)\b"
              r"|^(?:thoughts|interested|relevant|useful)\b|^curious\b(?! (?:if|whether|how|what|which|where|why|when)\b)|\bkeen\b|\bfancy\b", ('interest', 'relevant', 'resonate', 'make sense', 'sound', 'worth', 'would', 'useful', 'helpful', 'valuable', 'worthwhile', 'thoughts', 'curious', 'keen', 'fancy'))
OFFER = Guarded(r"\b(?:want|would you like|shall|should|can|may|could) (?:me to|i) (?:go ahead and )?(?:send|share|forward|introduce|set|walk|show|put|pass|drop|include|hold|book)\b"
                r"|^(?:want|like) (?:me to|the|a|it|to see|to try)\b|^(?:would|do) you (?:like|want|care) to\b|\bwould it help if i\b",
                ("me to", "want", "like", "would it help", " i ", "shall i", "should i", "can i", "may i", "could i"))
REQUEST = _C(r"^(?:please |also |and |so )?(?:could|can|would|will) you (?:please |kindly |also |just )?(?!tell|explain|describe|share how|walk me|help me understand|like\b|want\b|care\b|be (?:interested|open|keen|up for|free|available|around))[a-z]+")
RHETORICAL = Guarded(r"^(?:wouldn't|won't|don't|doesn't|isn't|aren't|shouldn't|couldn't) (?:you|it|that|your)\b|\bwhat if (?:you|your|i told)\b|^(?:ready|want|looking) to\b"
                r"|\bwho (?:doesn't|wouldn't|does not)\b|\btired of\b|\bimagine\b|\bwouldn't it be\b|\bwhy not\b", ("n't", 'what if', 'ready', 'want', 'looking', 'who ', 'tired', 'imagine', 'why not'))
SMALL_TALK = _C(r"^how (?:was|were|is|are|'s|did) (?:the rest of|your (?:weekend|trip|holiday|vacation|summer|week|flight|day)|the (?:show|event|conference|trip|weekend|summit|expo|fair|flight)|things|it going|everything|life)\b"
                r"|^how (?:are|have) you(?: been| doing| keeping)?[?!. ]*$|^how's it going\b|^(?:did|have) you (?:enjoy|had a good|have a good)\b")
PRODUCT = _C(r"\b(?:our|my) (?:new |latest )?(?:app|platform|product|tool|solution|software|module|feature|offer|service|brochure|deck|webinar)s?\b"
             r"|\b(?:tried|seen|heard (?:of|about)) (?:us|our)\b")
OPEN_WORD = _C(r"\b(?:how|what|which|where|why|when|who|to what extent|in what)\b")
SITUATION = _C(r"\b(?:priority|priorities|challenge|problem|issue|goal|plan|planning|process|handle|handling|handled|approach|approaching|struggle|radar|focus|pain|bottleneck|today|currently|still|shift(?:ed)?|budget|target|strategy|working on|looking for|hope|hoping)\b")
INDIRECT = _C(r"^(?:(?:i'm|i am|i was|i'd be|i would be|just|also|so|and|really|genuinely) )*(?:curious|wondering|interested|keen)"
              r"(?: (?:to (?:hear|know|understand|learn|see)|in|about))?(?= (?:how|what|whether|if|which|where|why|when)\b)"
              r"|^(?:i'd |i would |would |i'd really |i )?(?:love|like|want) to (?:hear|know|understand|learn)(?: more)?(?: about)?(?= (?:how|what|whether|which|where|why|when)\b)"
              r"|^(?:tell me|let me know)(?: more)?(?: about)?(?= (?:how|what|whether|which|where|why)\b)")
_IDIOMS = re.compile(r"^(?:out of (?:interest|curiosity)|just out of curiosity|for (?:interest|context)|quick question|one question|honest question|also|and|so|but|ok|okay|great)[,:]?\s+")
MEET_CUE = _C(r"\b(?:we|us|together|call|meet|meeting|chat|talk|speak|go through|walk|minutes?|slot|catch up|connect|demo)\b")
_LEAD_IN = re.compile(r"^.*[:;—–]\s+(?=\S+(?:\s+\S+){2,})")

_OPEN_TO = re.compile(r"\bopen to\b|\b(?:be|are you|you be) up for\b")
PROBLEM = "problem"
_CLASSES = (("next-steps", NEXT_STEPS), ("status", STATUS), ("small-talk", SMALL_TALK), ("routing", ROUTING),
            ("offer", OFFER), ("request", REQUEST), ("rhetorical", RHETORICAL), ("product", PRODUCT),
            ("interest", INTEREST), ("scheduling", SCHEDULING))


_PS_PREFIX = re.compile(r"^(?:p\.?\s?p?\.?\s?s\.?|ps)[:.]?\s+")
_ASKING_START = re.compile(r"^(?:how|what|which|where|why|when|who|do|does|did|is|are|was|were|have|has|can|could|would|will|should)\b")


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
_SELLER_ASKS = re.compile(r"^(?:i|we|my|our|us)\b|^(?:can|could|shall|should|may|mind if|ok if|okay if) (?:i|we)\b"
                          r"|\bbest way (?:for (?:us|me) )?to (?:connect|reach|talk|meet|get in touch|follow up)\b")
_QUOTED_QUESTION = re.compile(r"[\"“][^\"“”]{3,}\?[\"”]\W*$")
_CURIOUS = re.compile(r"^curious (?=if|whether)\w+ ")


@lru_cache(maxsize=8192)
def classify(sentence: str) -> str:
    """Class of a question (or indirect question) sentence."""
    low = question_clause(plain(sentence))
    if _QUOTED_QUESTION.search(low):
        return "quoted"
    low = _CURIOUS.sub("", low)
    if ", or " in low and not STATUS.search(low):  # "Are you tackling it in-house, or would a chat make sense?"
        first, second = low.split(", or ", 1)
        if PROBLEM in (classify(first + "?"), classify(second)):
            return PROBLEM
    for name, pattern in _CLASSES:
        if pattern.search(low):
            if name == "status" and ", or " in low:  # "Should I close your file, or is this still on your radar?"
                return classify(low.split(", or ", 1)[1])
            return name
    if has_specific_time(low) and not OPEN_WORD.match(low) and MEET_CUE.search(low):
        return "scheduling"
    if _OPEN_TO.search(low):
        return "interest"  # "open to exploring a partnership?" names no concrete action
    words = len(low.split())
    if words < 3 or _SELLER_ASKS.search(low):
        return "other"
    if mentions_prospect(low) or OPEN_WORD.search(low) or SITUATION.search(low) or words >= 6:
        return PROBLEM
    return "other"


def indirect_match(sentence: str) -> re.Match | None:
    """The lead-in of an indirect question ("curious how…", "I'd love to hear how…")."""
    return INDIRECT.search(_IDIOMS.sub("", plain(sentence), count=1))


def is_indirect_question(sentence: str) -> bool:
    """'Curious how your team handles X.' asks without a question mark."""
    return indirect_match(sentence) is not None


def is_problem_question(sentence: str, is_question: bool) -> bool:
    """True for a direct or indirect question about the prospect's world."""
    if is_question:
        return classify(sentence) == PROBLEM
    low = _IDIOMS.sub("", plain(sentence), count=1)
    match = INDIRECT.search(low)
    return match is not None and classify(low[match.end():].strip()) == PROBLEM
