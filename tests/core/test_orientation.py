"""Who a sentence is about, one principle per case (principle 1).

Each sentence here is the team's own wording of a form met in outside mail. The
verbs of an "I" sentence that say how the sender feels, what they do not know
or what they would like to share are not selling; a sum of the reader's money
is their number, not our price; the items under "What you told me:" are theirs.
"""
from __future__ import annotations

import pytest

from emaillint.anatomy.sentences import split
from emaillint.base.vocabulary import Orientation
from emaillint.judge.analysis import orientation

SELLER, PROSPECT, NEUTRAL, DATA = Orientation.SELLER, Orientation.PROSPECT, Orientation.NEUTRAL, Orientation.DATA


@pytest.mark.parametrize("sentence, side", [
    # a stance, negated, says what the sender does not know about their world
    ("I don't know if the timing is off for you this quarter.", PROSPECT),
    ("I'm not sure the numbers land for your team yet.", PROSPECT),
    # a feeling after its auxiliaries is courtesy, not a claim
    ("I'm always happy to pick this up again.", NEUTRAL),
    ("We really appreciate the time you gave us on Monday.", NEUTRAL),
    # a wish to share, with "did" before it, offers
    ("I did want to share one thing that might change how you plan the season:", NEUTRAL),
    # time slots are scheduling, not stock
    ("I have a few time slots open this week:", NEUTRAL),
    ("I currently have several candidates ready to start on Monday.", SELLER),
    # their money, worked out from their numbers
    ("Based on your average ticket, that's about $2,000 per month in lost jobs.", PROSPECT),
    # our price, however it is said
    ("If you're interested in fixing it, I charge $179 for the full clean-up:", DATA),
    ("If you're curious, it's $49 per seat per month.", DATA),
    ("I build booking pages for clinics.", SELLER),
    # learning from their peers is research about their world, not a pitch
    ("I've been interviewing clinic managers about no-shows.", NEUTRAL),
    ("I've spoken with 30 depot managers this month.", NEUTRAL),
    # a sum their industry loses is its cost, not our price
    ("Most clinics are spending $900-1,400/month on missed appointments.", NEUTRAL),
    ("$400/month in preventable refunds", NEUTRAL),
    # counted users of "it" are our customers
    ("312 dispatchers are already using this to plan routes.", SELLER),
    # being ready is about the deal, not the product
    ("We're ready to proceed either way.", NEUTRAL),
    # a guess is a stance, whatever follows; the sender's free times are scheduling
    ("I'm assuming one of these is true:", NEUTRAL),
    ("I'm free:", NEUTRAL),
    # gladness at their news is courtesy; an announcement of ours still sells
    ("I'm excited to hear you're planning the spring fair.", NEUTRAL),
    ("We're excited to announce our new booking platform.", SELLER),
    # a request to the sender is not the sender's record
    ("Just send me:", NEUTRAL),
    ("Sends reminders the night before.", SELLER),
    ("Sends over 100 reminders a day.", SELLER),
    # an offer of a next step on a condition is still an offer; a claim on a condition is still a claim
    ("If you want, I can send a 30-second screen recording.", NEUTRAL),
    ("If you're curious, we built a platform for this.", SELLER),
    ("If your depot hits delays, I'd love to show you what we're building.", NEUTRAL),
    # a thing made for them is a gift, not the sender's record; a tool built for their industry is a pitch
    ("I built a 60-second proof for [Company] showing how we automate this:", NEUTRAL),
    ("I recorded a short video for your team.", NEUTRAL),
    ("We built a tool for your industry that cuts no-shows.", SELLER),
    # numbers run for them are about them; a sample handed over is a delivery; starting is the deal's process
    ("I ran some numbers for clinics your size in Leeds: the average one loses about $40,000 a year.", PROSPECT),
    ("Here's a quick sample of our work: https://example.com/reel", NEUTRAL),
    ("And we can get started next week.", NEUTRAL),
    # "What I do:" is "what we do" in a consultant's voice
    ("What I do: fractional finance support for Series A companies", SELLER),
    # gratitude is courtesy
    ("We're grateful for your continued trust!", NEUTRAL),
    # the money they lose, named to them, is about them
    ("If just 10% of those are new patients, you're losing $25,500/month.", PROSPECT),
    ("I want to make sure you have everything you need to decide.", NEUTRAL),
])


def test_sentence_side(sentence, side):
    assert orientation.orient(sentence) == side


def test_items_under_what_they_told_us_are_theirs():
    """A recap's list of their needs is about them even when the items are bare merge tags."""
    sides = orientation.orient_all(split("What you told me matters most:\n- {{need_1}}\n- {{need_2}}"))
    assert sides == [PROSPECT, PROSPECT, PROSPECT]


def test_items_under_a_conditional_are_not_theirs():
    """"If you're interested, here's what's included:" speaks to them; the items are the offer."""
    sides = orientation.orient_all(split("If you're interested, I charge $179 for the full setup:\n- Photos\n- Four weeks of posts"))
    assert PROSPECT not in sides[1:]


def test_running_a_company_introduces_the_sender():
    assert orientation.is_self_intro("I run a small web studio and noticed your booking page is slow.")
    assert not orientation.is_self_intro("I run a quick check on every site I visit.")


def test_items_under_what_a_product_can_do_are_its_features():
    """"What if a tool could:" and "I found an AI that:" introduce the product's features, not their world."""
    sides = orientation.orient_all(split("What if a tool could:\n- Match resumes to jobs\n- Rank candidates"))
    assert sides[1:] == [DATA, DATA]
    sides = orientation.orient_all(split("Three things I heard from your team:\n- Nurses lose time on trays\n- Trays come back late"))
    assert DATA not in sides


def test_a_link_alone_is_about_no_one():
    """A link or a link's merge field on its own line carries no one's side, whatever the line before it says."""
    for link in ("{{APP_STORE_URL}}", "https://apps.example.com/timetrack", "[Get the app](https://apps.example.com)"):
        sides = orientation.orient_all(split(f"Our app does your timesheets for you:\n- {link}"))
        assert sides[1] == NEUTRAL, link


def test_what_comes_with_growth_is_not_a_feature_list():
    """"…the complexity that comes with growth:" introduces their challenges; "Every plan comes with:" our features."""
    theirs = orientation.orient_all(split("I know the complexity that comes with growth:\n- New lanes to plan\n- Carriers to vet"))
    assert DATA not in theirs[1:]
    ours = orientation.orient_all(split("Every plan comes with:\n- Route planning\n- Carrier vetting"))
    assert ours[1:] == [DATA, DATA]


def test_items_under_an_offer_are_steps_not_features():
    """"I'm happy to:" and "I just need:" introduce what the seller offers to do or asks for."""
    sides = orientation.orient_all(split("If you're interested, I'm happy to:\n- Send pricing\n- Film a practice for free"))
    assert sides[1:] == [NEUTRAL, NEUTRAL]
    sides = orientation.orient_all(split("To start, I just need:\n- Your team roster\n- A deposit"))
    assert SELLER not in sides and DATA not in sides


def test_a_chase_naming_the_sender_brand_does_not_sell_it():
    """The principle that a chase names the product without selling it holds for the brand as for "our platform"."""
    acme = frozenset({"Acme"})
    assert orientation.orient("Following up on my note about Acme.", seller_names=acme) == NEUTRAL
    assert orientation.orient("Acme cuts no-shows by a third.", seller_names=acme) == SELLER


def test_problems_i_fix_introduce_the_service():
    """"Common problems I fix:" lists the service, as "Here's what I do:" does."""
    sides = orientation.orient_all(split("Common problems I fix:\n- Slow ticket times\n- Modifier logic that confuses servers"))
    assert sides[1:] == [DATA, DATA]


def test_what_you_will_find_introduces_the_contents():
    """"Inside, you'll find:" lists what is on offer, as "you'll get:" does."""
    sides = orientation.orient_all(split("Inside, you'll find:\n- Ten checklists\n- A pricing calculator"))
    assert sides[1:] == [DATA, DATA]


def test_the_answer_to_their_quoted_question_responds():
    """Under "How fast can you close?" the seller's answer responds to them; it is not a pitch."""
    sides = orientation.orient_all(split('"How fast can you close?"\nWe can close in as few as ten days.'))
    assert sides[1] == NEUTRAL
    assert orientation.orient_all(split("We can close in as few as ten days."))[0] == SELLER
