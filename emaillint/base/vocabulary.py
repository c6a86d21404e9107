"""The closed sets every stage shares, each declared once here: kinds of email, categories, exit codes,
and the judgement's own results (a sentence's orientation, a question's class, an ask's kind).

They sit at the bottom of the package so that reading, anatomy, judgement, reporting and the
command line can all name them without importing one another. The result sets are ``StrEnum``s:
a member is its string, so JSON output, string comparisons and the knowledge files keep working.
"""
from __future__ import annotations

from enum import StrEnum

#: The release; ``emaillint.__version__`` and the reports name it (pyproject.toml carries the same number).
VERSION = "0.1.0"



class EmailKind(StrEnum):
    """What an email is doing; a draft's kind decides which rules apply."""

    COLD = "cold"
    FOLLOW_UP = "follow-up"
    REPLY = "reply"
    RE_ENGAGEMENT = "re-engagement"


EMAIL_KINDS = tuple(kind.value for kind in EmailKind)  # plain strings, for click choices and messages
#: Exit statuses: clean, problems found (or below --fail-under), error (usage, input, output, internal).
EXIT_CLEAN, EXIT_PROBLEMS, EXIT_ERROR = 0, 1, 2
MISSION_CATEGORIES = ("self-centric", "no-problem-question", "follow-up-cliche", "no-next-step")
CATEGORIES = MISSION_CATEGORIES + (
    "hype", "self-praise", "apologetic", "multiple-asks", "vague-next-step", "not-listening",
    "opener", "favour", "deceptive",
    "placeholder", "length", "readability", "subject", "template", "suppression", "grammar", "spelling", "internal",
)


class Orientation(StrEnum):
    """Whom a body sentence is about (judge/analysis/orientation.py)."""

    SELLER = "seller"
    PROSPECT = "prospect"
    DATA = "data"  # prices, feature lists: about the offer, not a claim
    NEUTRAL = "neutral"


class QuestionClass(StrEnum):
    """What a question asks about (judge/analysis/questions.py); only PROBLEM is about the prospect's world."""

    PROBLEM = "problem"
    NEXT_STEPS = "next-steps"
    STATUS = "status"
    SMALL_TALK = "small-talk"
    ROUTING = "routing"
    OFFER = "offer"
    REQUEST = "request"
    RHETORICAL = "rhetorical"
    PRODUCT = "product"
    INTEREST = "interest"
    SCHEDULING = "scheduling"
    QUOTED = "quoted"
    OTHER = "other"


class AskKind(StrEnum):
    """The form of an ask (judge/analysis/asks.py)."""

    PROPOSAL = "proposal"
    QUESTION = "question"
    OFFER = "offer"
    REQUEST = "request"
    CALENDAR = "calendar"
    CONFIRM = "confirm"
