"""Is this sentence an ask, and how concrete is it? (principle 4)

A next step is present when the seller proposes or asks for one specific
action: a call, meeting or demo, a calendar link or "reply with a time", a
trial or pilot, sending a named asset, an introduction, a single link to act
on. Weak closes ("let me know", "feel free to reach out", "looking forward to
hearing from you", "happy to share more if useful") and asking the prospect
to design the next step are not asks. An ask with no time is present but
vague when it is a meeting.
"""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass

from emaillint.judge.analysis import questions
from emaillint.base.vocabulary import AskKind, QuestionClass
from emaillint.judge.analysis.text import Lazy, Guarded, knowledge_patterns, plain
from emaillint.judge.analysis.times import has_specific_time

_C = Lazy
_K = knowledge_patterns("asks")  # {lists} from rules/knowledge/asks.yaml
_MINUTES = r"\d+\s*(?:-| )?min(?:ute)?s?"
_REPLY_YES = r"\breply (?:with )?[\"'“]?(?:yes|yep|ok|sure)\b.{0,40}\b(?:i'll|i will) "

DESIGNS = _K("{design_next_step_patterns}")
WEAK = Guarded(r"\b(?:{weak_closes})\b|{weak_close_patterns}", ('let me know', 'feel free', 'forward', 'happy to', 'interested', 'hope to hear',
                                         'reach out', 'hesitate', 'would', 'keen to hear', 'thoughts', 'think', 'useful',
                                         'helpful', 'of interest', 'worth', 'ready', 'convenience', 'reply', 'respond'),
               knowledge="asks")
PROPOSAL = _K("{proposal_patterns}")
ARRANGE = _K(r"\b(?:{arrange_verbs}) (?:a|an|some)? ?(?:[\w-]+ ){0,2}(?:{arranged_meetings})\b")
REPLY_FOR = _C(_REPLY_YES + r"(?:send|share|set|book|intro|forward)")
I_WOULD_LOVE = _K(r"\bi(?:'d| would) (?:love|like|be happy|be glad) to (?:{love_to_verbs})\b")  # spelled out too
I_WILL = _K(r"\bi(?:'ll| will) (?:{i_will_verbs})\b", _REPLY_YES + r"(?:send|share|set|book|intro)")
HAPPY_TO = _C(r"\bhappy to (?:walk|show|jump|hop|meet|chat|talk|do|set up|run|come|drop by|take you)\b")
TIME_WORKS = _C(r"\b(?:works?|suits?|is good|fits)(?: for you)?\b")
I_COULD = _K("{soft_offer_patterns}")
ACTION = _K(r"\b(?:{action_words}|" + _MINUTES + r"|\d+ mins?)\b")
CONCRETE = _K(r"\b(?:{concrete_actions}|" + _MINUTES + r"|\d+ mins?)\b")
TRIAL = _K("{trial_patterns}")
WANT_TO = _C(r"(?:want|wanna|would you like|do you want|fancy|keen|care) to\b")
SOFT_MEETING = _K(r"\b(?:a|an) (?:quick |short |brief |\d+[- ]?min(?:ute)?s? )?(?:{meeting_kinds})\b.{0,40}\b(?:could|would|might)\b")
MINUTES = _C(r"\b" + _MINUTES + r"\b|\b(?:half an hour|an hour)\b")
MEETING = _K(r"\b(?:{meeting_words}|" + _MINUTES + r")\b")
ASSET_OFFER = _K(r"\b(?:want|would you like|shall|should|can|may|could) (?:me to|i) (?:go ahead and )?(?:{asset_offer_verbs})\b",
                 r"^want (?:the|a|it)\b|^want to see (?!how\b|what\b|if\b|whether\b|more\b)|^want me to [a-z]+")
REQUEST = _K(r"^(?:please |also |and |so |just )?(?:{request_verbs})\b")
# a request verb with what it asks for after it ("Book a demo", "Reply with a time", "Call me"); an item of a list
# that has none is a feature's name ("Complete inventory import", "Call recording")
REQUEST_WITH_OBJECT = _K(r"^(?:please |also |and |so |just )?(?:{request_verbs}) (?:{request_objects})\b")
MID_REQUEST = _K(r"\b(?:can|could|would|will) you (?:please )?(?:{mid_request_verbs})\b")
CALENDAR = Guarded(r"{booking_sites}|\bmy calendar\b|\b(?:book|grab|pick|choose) (?:a )?(?:time|slot|date|day)\b"
                   + r"|\breply with (?:a|the|your|one|a good) (?:time|day|slot|date|window)|\bbooking link\b"
                   + r"|\binvite (?:to follow|(?:is )?coming|(?:is )?on its way|sent)\b",  # the meeting is set: "invite coming your way"
                   ('calendly', 'savvycal', 'cal.com', '/meeting', 'calendar', 'book', 'grab', 'pick', 'choose', 'reply with', 'invite'),
                   knowledge="asks")
POLL = _K("{poll_patterns}")
INTRO_REQUEST = _K("{introduction_request_patterns}")
ELLIPTIC_OFFER = _C(r"^(?:shall|should|can|may) i\??$|^(?:want|would you like) me to\??$|^want (?:them|it|one|a copy|those|that|yours)\??$")
CONFIRM = _C("|".join((r"^(?:does|would|will|is) (?:that|this|the|wednesday|tuesday|monday|thursday|friday|\w+day)\b"
                       + r".{0,25}\b(?:work|suit|ok|okay|good)\b",
                       r"^(?:works|sound good)\b")))
LINK = _C(r"https?://\S+|\bwww\.\S+|\]\(|\b[a-z0-9-]+\.(?:com|io|co|ai|app|net|org)/\S")  # "Set up free: stagevibe.io/setup"
LINK_ACTION = _K(r"(?<![\w-])(?:{link_actions})(?![\w-])")  # a link beside one of these is an action to take ("open", not "open-source")


# Forms of an ask the wording lists above miss (issue: recognise an ask by its form).
LATER_IF = _K("{not_now_patterns}")
VAGUE_LETS = _C(r"^let's (?:start|try|go|get going|begin|make)\b")
OFFER_QUESTION = _K(r"\b(?:(?:if|mind if|okay if|ok if|should|can|could|shall|may) i|for me to) (?:\w+ )?(?:{offer_to_send_verbs})\b",
                    r"\bhappy to (?:send|share|forward|show)\b", r"^worth (?:me )?sending\b")
SET_UP = _C(r"\b(?:get|set) you (?:set )?up\b|\bwalk you through\b")
REFERRAL = _C(r"\b(?:anyone|someone|somebody) (?:else )?(?:at|on|in|from|who)\b")
WHEN_CONVENIENT = _K("{convenient_time_patterns}")  # asking them for a time to meet: a meeting ask, no time yet
AVAILABILITY = _C(r"\b(?:i have|i've got|i'm|i am) (?:some )?(?:availability|available|free|open|time|a slot|slots|space)\b")
BARE_LINK = _C(r"^(?:https?://|www\.)\S+$")
# "[Browse current inventory]": one action to take; a Markdown link alone on its line is one whatever its words
# ("[List your first lot](https://…)"), while a bracket without a link needs a verb ("[Contact Name]" is a field)
BUTTON = _K(r"^\[(?:{button_verbs})\b[^\]]{0,60}\](?:\(\S+\))?$|^\[[^\]]{1,80}\]\(\S+\)$")
_CLAUSES = re.compile(r"\s+[-—–]\s+|;\s+|:\s+")


def _named_request(clause: str) -> bool:
    """A request that names what to do ("send it over", "book a slot"), not a bare "reply" or "let me know"."""
    return bool(REQUEST_WITH_OBJECT.search(clause)) and not _BARE_REPLY.match(clause)


_BARE_REPLY = re.compile(r"(?:just |simply |please )?(?:reply|hit reply|respond|write back|let me know)\b")


def _later_clauses(low: str) -> list[str]:
    """The clauses after the first ("Quick one: send me the deck"); most sentences have no break to split at."""
    if "-" not in low and "—" not in low and "–" not in low and ";" not in low and ":" not in low:
        return []
    return _CLAUSES.split(low)[1:]


@dataclass(frozen=True)
class Ask:
    kind: AskKind
    meeting: bool
    timed: bool


@lru_cache(maxsize=8192)
def classify(sentence: str, is_question: bool) -> Ask | None:
    """The ask a sentence makes, or None for no ask / a weak close."""
    low = plain(sentence).lstrip("[(*_>#- ")
    if DESIGNS.search(low) or POLL.search(low) or LATER_IF.search(low):
        return None
    if VAGUE_LETS.search(low) and not (CONCRETE.search(low) or MEETING.search(low)):
        return None  # "Let's start planting the seeds…" names no action
    timed = has_specific_time(low)
    meeting = bool(MEETING.search(low))
    if ("http" in low or "www." in low) and BARE_LINK.search(low.rstrip(".")) or \
            "[" in sentence[:4] and BUTTON.search(" ".join(sentence.lower().split()).strip("*_ ")):
        return Ask(AskKind.REQUEST, False, True)  # a link on its own line: one specific action
    if timed and AVAILABILITY.search(low):
        return Ask(AskKind.PROPOSAL, True, True)
    if CALENDAR.search(low):
        return Ask(AskKind.CALENDAR, meeting, True)
    if timed and TIME_WORKS.search(low) and len(low.split()) <= 6:
        return Ask(AskKind.CONFIRM, True, True)  # "April 13th works.": the seller takes the time they offered
    if ARRANGE.search(low):
        return Ask(AskKind.PROPOSAL, True, timed)
    if REPLY_FOR.search(low):
        return Ask(AskKind.REQUEST, False, True)
    if questions.REQUEST.search(low) and not questions.STATUS.search(low):
        return Ask(AskKind.REQUEST, meeting, True if not meeting else timed)
    if WEAK.search(low):
        if is_question and OFFER_QUESTION.search(low):
            return Ask(AskKind.OFFER, False, True)  # "Happy to send a sample if you'd like to try them?"
        if timed and (ACTION.search(low) or TIME_WORKS.search(low)):
            return Ask(AskKind.PROPOSAL, meeting, True)
        if (MEETING.search(low) and MINUTES.search(low)) or WHEN_CONVENIENT.search(low):
            return Ask(AskKind.PROPOSAL, True, False)  # "let me know if you have 15 minutes for a call": present, but no time
        return None
    # "Happy to show you a demo" offers without asking; with a time it proposes ("happy to walk you through it Tuesday at 2").
    soft = I_COULD.search(low) or I_WILL.search(low) or (timed and (HAPPY_TO.search(low) or I_WOULD_LOVE.search(low)))
    if soft and SET_UP.search(low):
        return Ask(AskKind.PROPOSAL, meeting, timed)  # "I can get you set up this week", "I can walk you through it in 15 minutes"
    if PROPOSAL.search(low) or (soft and (timed or CONCRETE.search(low))) or (timed and SOFT_MEETING.search(low)):
        return Ask(AskKind.PROPOSAL, meeting, timed)
    if is_question or questions.is_indirect_question(sentence):
        return _question_ask(sentence, low, meeting, timed)
    if INTRO_REQUEST.search(low):
        return Ask(AskKind.REQUEST, False, True)  # "If someone else owns it, I'd appreciate the intro": an introduction
    if REQUEST.search(low) or MID_REQUEST.search(low) or any(REQUEST.search(c) for c in _later_clauses(low)) \
            or (low.startswith("if ") and ", " in low and _named_request(low.split(", ", 1)[1])):
        # ("If you have a tricky lane, send it over and I'll quote it": a request on a condition, what to do named;
        # "if this sounds useful, reply" names nothing)
        return Ask(AskKind.REQUEST, meeting, True if not meeting else timed)
    if LINK.search(low) and LINK_ACTION.search(low):
        return Ask(AskKind.REQUEST, False, True)
    return None


def _question_ask(sentence: str, low: str, meeting: bool, timed: bool) -> Ask | None:
    """Questions are asks when they schedule, request, or offer something concrete."""
    if timed and CONCRETE.search(low) and not POLL.search(low):
        return Ask(AskKind.QUESTION, True, True)  # "Want to grab 30 minutes Thursday at 2?"
    if (CONCRETE.search(low) or TRIAL.search(low)) and WANT_TO.match(low):
        return Ask(AskKind.QUESTION, bool(MEETING.search(low)), timed)  # "Want to start a free 14-day trial?"
    if CONFIRM.search(low) or (timed and TIME_WORKS.search(low) and len(low.split()) <= 6):
        return Ask(AskKind.CONFIRM, meeting, timed)
    if ELLIPTIC_OFFER.search(low.rstrip("?! ") + "?"):
        return Ask(AskKind.OFFER, False, True)
    kind = questions.classify(sentence)
    if kind is QuestionClass.NEXT_STEPS and CONCRETE.search(low) and MEETING.search(low):
        return Ask(AskKind.QUESTION, True, timed)  # "Open to a brief call to explore next steps?": the call is the step
    if kind is QuestionClass.PROBLEM and ", or " in low:  # "Are you fixing it in-house, or would a chat about it make sense?"
        second = low.split(", or ", 1)[1]
        return _question_ask(second, second, bool(MEETING.search(second)), has_specific_time(second))
    if INTRO_REQUEST.search(low) or kind is QuestionClass.ROUTING or REFERRAL.search(low):
        return Ask(AskKind.REQUEST, False, True)  # an introduction to the right person is a next step
    if OFFER_QUESTION.search(low):
        return Ask(AskKind.OFFER, False, True)  # "Okay if I send it over?": a named thing to send
    if kind is QuestionClass.SCHEDULING:
        return Ask(AskKind.QUESTION, True, timed)
    if kind is QuestionClass.REQUEST:
        return Ask(AskKind.REQUEST, meeting, True if not meeting else timed)
    if kind in (QuestionClass.OFFER, QuestionClass.INTEREST) and (ASSET_OFFER.search(low) or ACTION.search(low)):
        return Ask(AskKind.OFFER if ASSET_OFFER.search(low) else "question", meeting, True if not meeting else timed)
    return None


def names_a_feature(item: str) -> bool:
    """Whether a list item that reads as a request is a feature's name instead: its request verb has nothing it
    asks for after it ("Complete inventory import" under "The rollout takes a week:")."""
    low = plain(item).lstrip("[(*_>#- ")
    return bool(REQUEST.search(low)) and not REQUEST_WITH_OBJECT.search(low) and "http" not in low and "www." not in low


def _interest_only(low: str) -> bool:
    return bool(re.search(r"\binterested in (?:seeing|learning|hearing|how)\b|\bworth (?:exploring|a look)\b", low))


_ENUM_VERBS = _K(r"(?:^|,|;|\band\b|\bor\b|\balso\b)\s*(?:also\s+|then\s+)?(?:(?:could|can|would) you\s+)?(?:please\s+)?"
                 + r"({enumerated_request_verbs})\b")


def count_actions(sentence: str) -> int:
    """How many separate things one ask sentence asks for ("send X, introduce Y and Z")."""
    return max(1, len(_ENUM_VERBS.findall(plain(sentence))))
