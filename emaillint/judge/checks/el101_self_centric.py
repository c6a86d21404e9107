"""The email is about you, not about the prospect.

## Why is this bad?
Prospects care about their problems, not your product. An email whose
centre of gravity is the sender ("My name is…", "We are the leading…", "Our
platform offers…", a list of features) gives the reader nothing about their
own world, so there is nothing for them to answer.

## Example
My name is Kevin and I'm an account executive at Flowstack. We are the
leading workflow automation platform. Our platform offers automated approvals.

## Use instead
Controllers at food distributors tell me the last days of the close go to
chasing approvals. How have you handled approvals during close so far?
"""
from __future__ import annotations

import re
import sys
from functools import lru_cache
from emaillint.anatomy import sentences as sentence_splitter
from emaillint.base.vocabulary import Orientation, QuestionClass
from emaillint.judge.analysis import asks, orientation, questions
from emaillint.judge.analysis.text import knowledge_patterns, mentions_prospect, plain, token_count
from emaillint.base.lexicons import reply_prefix
from emaillint.base.prefilter import Prefiltered
from emaillint.base.problem import Finding, Level
from emaillint.judge.spec import code_rule

SPEC = code_rule(sys.modules[__name__], code="EL101", name="self-centric.balance", category="self-centric",
                 principle=1, level=Level.WARNING)


@lru_cache(maxsize=8192)
def _closing(text: str) -> bool:
    """Weak closes ("let me know if you're interested") speak to the reader but are not about them."""
    low = plain(text)
    return bool(asks.WEAK.search(low) or asks.DESIGNS.search(low))


def _side(sentence, side: str) -> str:
    """A question to the prospect that is not about their problems (routing, interest…) is not about them."""
    if sentence.is_question:
        problem = questions.classify(sentence.text) == questions.PROBLEM
        if side == Orientation.PROSPECT and not problem:
            return Orientation.NEUTRAL
        if problem:
            return Orientation.PROSPECT  # "Which of those sounds most like Brightwater's week?"
    return side


def _delivery(ctx) -> bool:
    """A reply delivering what the prospect asked for (prices, a breakdown) is not a pitch."""
    quoted = ctx.email.quoted_text
    subject = ctx.email.subject.text if ctx.email.subject else ""
    if ctx.kind in ("reply", "follow-up") and reply_prefix().match(subject) and "?" in subject \
            and not mentions_prospect(plain(subject)):
        return True  # "Re: where are we on the migration?": their question heads the thread ("Re: Managing your
        # rental?" is the seller's own first subject, asked of them)
    if ctx.kind == "reply" and quoted and _they_asked(quoted):
        return True
    return any(_ASKED_FOR.search(plain(s.text)) for s in ctx.email.sentences())  # per sentence: linear on long bodies


_QUOTED_REQUEST = knowledge_patterns("selling")("{quoted_request_patterns}")
# what a question of theirs can ask without wanting anything from us: when to meet, how we are, whether we got it
_ASKS_FOR_NOTHING = frozenset({QuestionClass.SCHEDULING, QuestionClass.SMALL_TALK, QuestionClass.STATUS,
                               QuestionClass.INTEREST, QuestionClass.QUOTED})
_QUOTE_MARKS = re.compile(r"(?m)^[ \t]*(?:>[ \t]?)+")


def _they_asked(quoted: str) -> bool:
    """Their quoted message asks us for something: a request ("can you send pricing?", "just send a proposal") or a
    question that wants an answer from us ("what are you going to do about it?"). "Are you around Tuesday?" asks
    for nothing a reply would deliver, so a pitch in answer to it is still a pitch."""
    if _QUOTED_REQUEST.search(plain(quoted)):
        return True
    return any(sentence.is_question and questions.classify(sentence.text) not in _ASKS_FOR_NOTHING
               for sentence in sentence_splitter.split(_QUOTE_MARKS.sub("", quoted), 0) if "?" in sentence.text)


# behind its literal pieces ("you ask", "as prom", …): most sentences hold none, and the regex tries every character
_ASKED_FOR = Prefiltered(r"\byou asked (?:for|about)\b|\byour question\b|\bas (?:promised|requested)\b|\byou requested\b|\bthe (?:breakdown|numbers|pricing|quote) you\b"
                         r"|\b(?:based on|following|after) our (?:conversation|call|chat|discussion|meeting)\b"  # the proposal a call asked for
                         r"|\bthe (?:proposal|quote|estimate|plan) (?:we|you and i) discussed\b")


def _opener(sentences):
    return next((s for s in sentences if not orientation.is_pleasantry(s.text)), None)


def check(ctx):
    sentences = ctx.email.sentences()
    if not sentences:
        return
    asking = {id(s) for s, _ in ctx.asks}
    delivery = _delivery(ctx)
    data_side = Orientation.NEUTRAL if delivery else Orientation.SELLER
    sides = [(s, _side(s, data_side if side == Orientation.DATA else side)) for s, side in zip(sentences, ctx.orientation)
             if id(s) not in asking and not _closing(s.text)]
    if delivery:  # in a delivery note, "it includes…" describes what was asked for; only we/our copy sells
        sides = [(s, Orientation.NEUTRAL if side == Orientation.SELLER and orientation.selling_copy(s.text) != Orientation.SELLER else side) for s, side in sides]
    seller = [s for s, side in sides if side == Orientation.SELLER]
    weight = sum(orientation.seller_weight(s.text) for s in seller)
    prospect = sum(1 for _, side in sides if side == Orientation.PROSPECT)
    if not seller:
        return
    opener = _opener(sentences)
    intro = opener is not None and orientation.is_self_intro(opener.text)
    first_side = next((side for _, side in sides if side != Orientation.NEUTRAL), None)
    # One proof sentence doesn't outweigh an email built on the prospect; two or more that
    # outnumber (or, at a tie, open before) what is about the prospect do.
    # A single seller sentence is proof, not the email's centre, unless it is nearly all there is.
    # It counts as built on them when a sentence is about them, or when the email opens on their world
    # (a substantive statement before the seller sentence: "Most venues have switched to paper straws…").
    # A process note ("Just following up on my last email") is about the sender's chase, not their world: it does
    # not open on them when what follows pitches ("an I-heavy follow-up is not self-centric unless it pitches"); a
    # question about our product ("Did you get a chance to look at our platform?") chases, it does not pitch.
    pitches = not seller[0].is_question and orientation.selling_copy(seller[0].text) == Orientation.SELLER
    content = [s for s, side in sides if side != Orientation.NEUTRAL
               or (token_count(s.text) >= 6 and not s.is_question
                   and not (pitches and orientation.PROCESS.search(plain(s.text))))]
    opens_on_them = len(content) >= 2 and content[0] is not seller[0]
    single_proof = len(seller) == 1 and weight <= 2 and (prospect >= 1 or opens_on_them)
    if intro or (not single_proof and (weight > prospect or (weight == prospect and first_side == Orientation.SELLER))):
        anchor = opener if intro else seller[0]
        yield Finding(anchor.start, anchor.end, _message(intro, anchor.text, len(seller), prospect),
                      "Try: open with something about them, e.g. \"Your careers page lists twelve open support roles\", "
                      "and keep at most one sentence of proof about you.")


def _quote(text: str, limit: int = 60) -> str:
    """The sentence that carries the finding, short enough for one line."""
    words = " ".join(text.split())
    return words if len(words) <= limit else words[:limit].rsplit(" ", 1)[0] + "…"


def _message(intro: bool, anchor: str, seller: int, prospect: int) -> str:
    others = seller - 1
    sells = f"\"{_quote(anchor)}\"" + (f" and {others} more sentence{'s' if others != 1 else ''}" if others else "") + \
        f" sell{'s' if seller == 1 else ''} you or your product"
    about = "no sentence is about the prospect" if prospect == 0 else f"{prospect} {'is' if prospect == 1 else 'are'} about the prospect"
    lead = f"\"{_quote(anchor)}\" opens by introducing you and {about}" if intro else f"{sells}, and {about}"
    return f"{lead}: prospects answer emails about their problems, not about your product."
