"""A reply is judged against what the prospect's quoted message asked for (DOMAIN.md: "a delivery or status note
about something the prospect asked for is not self-centric unless it adds selling copy").

A question in the quote does not by itself make the reply a delivery note: "Are you around next week?" asks for
nothing a pitch could deliver. Fixtures are the team's own."""
from __future__ import annotations

import pytest

from .conftest import codes, lint

_QUOTE = "\n\nOn Tue, Mar 3, 2026 at 10:02 AM Jane Roe <jane@example.com> wrote:\n> {asked}\n"

# a solo seller's pitch, written with "I": in a delivery note only selling words would count, and it has few
_PITCH = """Subject: Re: catching up

Hi Jane,

I help regional carriers plan routes that change when a stop runs late. I run a route planning service used by 40
fleets. Last month I worked with a carrier in Leeds to rebuild its routes.

Would Thursday at 2pm work for a call?

Sam"""

_DELIVERY = """Subject: Re: pricing

Hi Jane,

Here is the pricing you asked for. We charge $40 per truck a month, and we include onboarding for your dispatchers.

Would Thursday at 2pm work to go through it with your team?

Sam"""

_APOLOGY = """Subject: RE: short delivery

Hi Jane,

I'm so sorry about Friday's delivery: you were two pallets short, and I know Friday is your busiest day. I've
credited the full amount to your account, and our driver will bring the missing pallets with Tuesday's order.

Can I set up a standing backup allocation for your Friday orders from this week?

Sam"""


@pytest.mark.parametrize("asked", ["Thanks. Are you around next week?", "How was the conference?",
                                   "Sounds good, talk soon.", "Our fuel costs are killing us this quarter."])
def test_a_pitch_answering_a_question_that_asks_for_nothing_is_still_a_pitch(asked):
    report = lint(_PITCH + _QUOTE.format(asked=asked))
    assert report.kind == "reply"
    assert "EL101" in codes(report)


@pytest.mark.parametrize("text, asked", [
    (_DELIVERY, "Can you send pricing for 30 trucks?"),
    (_DELIVERY, "Just send me your prices, we decide on Friday."),
    (_APOLOGY, "We were short two pallets again. What are you going to do about it?"),
])
def test_a_reply_that_delivers_what_they_asked_for_is_not_self_centric(text, asked):
    report = lint(text + _QUOTE.format(asked=asked))
    assert report.kind == "reply"
    assert "EL101" not in codes(report), report.problems


def test_a_pitch_written_with_i_is_a_pitch_even_when_the_quote_asked_for_something():
    """A consultant sells with "I" as a company does with "we": "I help regional carriers…", "I worked with a carrier
    in Leeds…" are selling copy in a delivery note too, while "I've credited the full amount" (the apology above)
    is not."""
    report = lint(_PITCH + _QUOTE.format(asked="Can you send pricing for 30 trucks?"))
    assert report.kind == "reply"
    assert "EL101" in codes(report)


def test_a_feature_list_item_is_not_an_ask():
    """'Complete inventory import' under a list of what the rollout includes names a feature; 'Book a demo' asks."""
    from emaillint.judge.analysis import asks

    assert asks.names_a_feature("Complete inventory import")
    assert asks.names_a_feature("Call recording and transcripts")
    assert not asks.names_a_feature("Book a demo for Tuesday")
    assert not asks.names_a_feature("Reply with a good time")
    email = ("Subject: pallet counts\n\nHi Sam,\n\nYour team still counts pallets by hand at the Leeds site.\n\n"
             "The rollout takes a week:\n- Scanner setup\n- Complete inventory import\n\nWorth a look?\n\nJo\n")
    assert "EL401" in codes(lint(email))


def test_items_under_what_an_offer_would_look_like_are_its_features():
    """"Here's what a pilot would look like:" introduces what is sold, as "Here's what you get:" does."""
    from emaillint.judge.analysis import orientation
    from emaillint.anatomy.sentences import split

    text = ("Here's what a pilot would look like:\n- Two trucks on live routes\n- A weekly report so you see the savings\n"
            "- Done in 30 days")
    sides = orientation.orient_all(split(text))
    assert sides[1:] == [orientation.Orientation.DATA] * 3
