"""Word classes the judgement reads, kept as data in ``rules/knowledge/*.yaml``.

The analysers hold the logic (who is the subject of a sentence, which
sentences form the close); the words they recognise live in these files so a
maintainer can read and extend them without touching Python. Each file has a
schema here: the lists it must hold and what each list means. A file that
does not match its schema fails on load with the file and the key named.
"""
from __future__ import annotations

import re
from functools import cache
from typing import Any

from emaillint.base.resources import rules_dir


class KnowledgeError(ValueError):
    """A knowledge file that does not match its schema."""


# file -> {key: what the list holds}. Every key is required; no other key is allowed.
SCHEMAS: dict[str, dict[str, str]] = {
    "asks": {
        "weak_closes": "phrases that close without asking for anything specific (let me know, feel free, looking forward)",
        "weak_close_patterns": "weak closes with a form around them (happy to … if, if you're interested, reach out if, worth a look)",
        "design_next_step_patterns": "questions that leave the prospect to design the next step (what are the next steps?)",
        "lets_verbs": "verbs after \"let's (…)\" that propose doing something together (meet, talk, book)",
        "shall_we_verbs": "verbs after \"shall / can / could / should we (…)\" that propose a joint action (meet, set up, walk)",
        "proposal_patterns": "sentences that propose a next step (I'd suggest, how about, let's meet, I've sent an invite)",
        "arrange_verbs": "verbs that arrange a meeting (schedule, set up, book, find time for)",
        "arranged_meetings": "what arrange_verbs arrange (meeting, call, demo, time to talk)",
        "love_to_verbs": "verbs after \"I'd love / like / be happy to\" that offer a meeting or a walk-through (show, walk, book)",
        "i_will_verbs": "verbs after \"I'll\" that commit the sender to a step (call, send, stop by, set up)",
        "i_could_verbs": "verbs after \"I could / can\" that offer time (do, take, set aside, free up)",
        "we_could_verbs": "verbs after \"we could / can\" that propose a joint action (walk, meet, review, get together)",
        "soft_offer_patterns": "offers of time or a visit that propose a next step with a time (I could do Tuesday, we could walk through it, give me 15 minutes)",
        "action_words": "words that name an action to take together (call, demo, pilot, audit, quote, book, schedule)",
        "concrete_actions": "actions concrete enough to make a question an ask (call, demo, trial, workshop, quote)",
        "meeting_kinds": "meetings offered softly with \"a quick … could / would\" (call, chat, demo, walkthrough)",
        "meeting_words": "words that make an ask a meeting, which then needs a time (call, chat, meet, sync, speak)",
        "asset_offer_verbs": "verbs after \"want me to / shall I\" that offer to do or send something (send, draft, build)",
        "request_verbs": "verbs that open a request to the reader (send, book, reply, sign up, fill in)",
        "request_objects": "words that follow a request verb when it asks (a, the, your, me, with): a list item without one names a feature (\"Complete inventory import\", \"Call recording\")",
        "mid_request_verbs": "verbs after \"can / could / would / will you\" that ask for a concrete action (sign, send, approve)",
        "booking_sites": "booking links and sites that make a sentence a calendar ask (calendly, cal.com)",
        "offer_to_send_verbs": "verbs after \"mind if / should / can I\" that offer something to send or show (send, share, record)",
        "button_verbs": "first words of a bracketed call-to-action line that make it a button, not a merge tag ([Book a demo])",
        "link_actions": "words beside a link that make it an action to take (sign up, register, book, rsvp)",
        "enumerated_request_verbs": "verbs counted as separate actions in one ask sentence (send, introduce, share, book)",
        "poll_patterns": "a yes/no poll about the thread, not a next step (reply with the number, permission to close, should I stop?)",
        "introduction_request_patterns": "asks for an introduction to the right person (point me to, put me in touch, who is the best person)",
        "convenient_time_patterns": "asking the prospect for a time to meet, which asks for a meeting with no time yet (let me know when it's convenient to discuss)",
        "not_now_patterns": "asks deferred to a later day, which ask nothing now (if things change, down the road)",
        "trial_patterns": "trying the product, which a question that wants them to is a trial offer (want to try it free for a week?)",
    },
    "questions": {
        "next_step_question_patterns": "questions about the next steps themselves (what are the next steps? how would you like to proceed?)",
        "seen_verbs": "verbs in \"did you … my email / a chance\" status polls (get, see, receive)",
        "sent_things": "what the seller sent and asks after (deck, proposal, email)",
        "review_verbs": "verbs in \"had a chance to …\" status polls (look, review, read, digest)",
        "status_phrases": "phrases that ask about the thread's status, not their world (any update, permission to close, heard back)",
        "status_patterns": "status questions with a form around them (did you get my email? had a chance to look? should I close your file?)",
        "routing_patterns": "questions that ask who else to talk to (who is the right person? is there someone on your team who…)",
        "meeting_kinds": "meetings that make \"a quick / 15-minute …\" a scheduling question (call, chat, demo, catch-up)",
        "scheduling_verbs": "verbs after \"can / could / shall / should we / I\" that schedule (book, set up, meet, hop)",
        "open_to_meetings": "what \"open to a quick …\" offers (call, chat, demo, pilot, intro)",
        "scheduling_words": "words that make a question about when to meet (free, available, availability)",
        "scheduling_patterns": "questions about when to meet, not about their world (does 2pm work? open to a call? a quick chat?)",
        "interest_patterns": "questions that check interest (interested? worth a look? would that be useful?)",
        "offered_actions": "verbs after \"want me to / shall I / can I\" that offer something (send, share, introduce, book)",
        "offer_patterns": "questions that offer or invite (want me to send it? would you like to…?)",
        "tell_me_patterns": "what follows \"could you\" when it asks them to tell about their world, so the question is not a request (tell, explain, walk me)",
        "rhetorical_patterns": "rhetorical pitches (wouldn't you like…? what if you could…? tired of…?)",
        "personal_events": "the reader's own events in small talk (\"how was your weekend / trip?\")",
        "shared_events": "shared events in small talk (\"how was the show / conference?\")",
        "small_talk_patterns": "small-talk questions (how was your weekend? how are you?)",
        "our_offer_nouns": "nouns after our / my that make a question about our own offer (platform, product, deck, webinar)",
        "situation_words": "words that make a short question about their situation (priority, challenge, process, budget, currently)",
        "curiosity_lead_ins": "words before \"curious / wondering\" in an indirect question (i'm, i was, just, really)",
        "curiosity_words": "words that open an indirect question (curious, wondering, interested, keen)",
        "learn_verbs": "verbs in \"curious to …\" (hear, know, understand, learn, see)",
        "open_question_words": "question words that follow \"I'd love to hear / know\" (how, what, whether, which)",
        "indirect_question_patterns": "indirect questions without a question mark (curious how…, I'd love to hear what…, tell me how…)",
        "question_lead_ins": "idioms that lead into a question without being it (out of curiosity, quick question, so, ok)",
    },
    "selling": {
        "self_intro_patterns": "openings that introduce the sender (we're Acme, a…; I'm Sam from…; quick intro:)",
        "seller_nouns": "nouns after \"our\" that name what the seller sells or who they are (platform, features, pricing, customers, team)",
        "pitch_adverbs": "adverbs between \"we\" and its selling verb (just, recently, proudly)",
        "we_sell_verbs": "verbs after \"we\" that make the sentence a pitch (help, offer, built, deliver, worked with)",
        "i_sell_verbs": "verbs after \"I\" that make the sentence a consultant's pitch (help, built, specialise); not the ones an \"I\" narrates research with (ran, cut, tracked)",
        "we_claim_patterns": "claims after \"we\" (we can also offer, we are proud, we have built, we were named)",
        "our_observation_verbs": "verbs after \"our (…)\" that report what we noticed about them, so \"our\" does not sell (noticed, found)",
        "our_neutral_things": "things of ours that do not sell: the conversation, shared research, our premises (our call, our report, our office)",
        "product_subject_nouns": "products that open a selling sentence as its subject (the platform…, this tool…)",
        "product_verbs": "verbs after a product subject that make it sell (lets, helps, integrates, saves)",
        "client_kinds": "whom \"I help / work with\" (companies, teams, founders)",
        "premises": "premises that sell themselves in a listing (space, property, venue, office)",
        "it_does_verbs": "verbs after a sentence-opening \"it\" that describe the product (integrates, syncs, comes with)",
        "product_subject_patterns": "openings whose subject is the seller's product or the seller's record (the platform lets…, I've helped…)",
        "improvement_verbs": "verbs of a quantified claim by us (we saved / cut / boosted … by 30%)",
        "inventory_nouns": "what a seller \"currently has several of\" (candidates, listings, units)",
        "pitch_at_you_patterns": "promises to the reader about what we sell (you'll love, perfect for you, excited to announce)",
        "not_brand_words": "capitalised words that open a sentence without naming a brand (The, This, Our, Thanks)",
        "brand_verbs": "verbs after a capitalised name that make it a brand pitching itself (Acme is / helps / offers)",
        "brand_feature_verbs": "verbs after \"Acme's …\" that describe the product (delivers, offers, lets)",
        "peer_groups": "groups of peers in \"teams we work with saw…\": an insight, not a pitch (teams, companies, retailers)",
        "peer_verbs": "verbs in \"teams we … \" that make it an insight (work with, talk to, surveyed)",
        "delivery_openers": "openings that hand over something (attached is, here's, as promised)",
        "delivered_things": "what a delivery hands over (quote, deck, proposal, recording, notes)",
        "quoted_request_patterns": "what the prospect's quoted message asks the sender for, which makes the reply a delivery note (can you send, pricing, how much, more details); a question about when to meet does not",
        "superlatives": "claims a brand makes about itself (leading, largest, #1, all-in-one)",
        "offer_auxiliaries": "what comes between I / we and an offered next step (can, could, would be happy to)",
        "cta_offer_verbs": "next steps offered after offer_auxiliaries (send, share, walk, set up)",
        "list_intro_patterns": "words that introduce a list of features or prices (new, includes, features, pricing, what you get)",
        "wrote_before_patterns": "telling them you wrote before, a note about the chase that says nothing about them (i reached out last week)",
        "customer_story_patterns": "a customer's story told as proof (they came to us, clients like, one of our customers)",
        "lost_money_patterns": "a sum someone loses or spends, their cost and not our price (spending $1,200 a month on, $500 in errors)",
        "prospect_cue_patterns": "openings and phrases built on the prospect (congrats on, saw your, you mentioned, sounds like)",
        "pleasantry_patterns": "courtesy openings that are neither seller nor prospect (hope you're well, thanks for, great to meet)",
        "list_intro_ending_patterns": "how a line ending in a colon introduces what we sell (you get:, a tool that:, AI could:)",
        "number_words": "numbers written as words, for a customer story told with numbers (one, twenty, half, a quarter)",
    },
    "times": {
        "weekday_stems": "days of the week without \"day\" (mon, tues, wednes): monday, and mondays, count as a time",
        "weekday_abbreviations": "days of the week, abbreviated (mon, tue, thurs)",
        "month_patterns": "months, each the abbreviation with the rest of the name optional (jan(?:uary)?), read before or after a day of the month",
        "times_of_day": "parts of a day after \"this\" (this afternoon)",
    },
    "slots": {
        "types": "slot types, each {type, words, reading}: a tag is read as the type whose word occurs first in its name",
    },
    "scoring": {
        "costs": "category -> points (a number from 0 to 100) that one fault of that category costs, once per email",
        "kind_weights": "list of {kind, category, weight}: a category weighs more or less in one kind of email",
        "info_share": "the share (0 to 1) of its category's cost that an info-level finding costs",
    },
    "orientation": {
        "lead_ins": "words or phrases that open a sentence without being its subject (so, also, honestly, p.s.)",
        "seller_subjects": "subjects that are the sender or the sender's side (i, we, my team, our company)",
        "prospect_subjects": "subjects that are the reader or the reader's side (you, your team)",
        "third_party_seller": "subjects that are the seller's customers or users (our clients, one of our customers)",
        "product_nouns": "nouns that name what the seller sells, after the/this/our (platform, tool, service)",
        "process_verbs": "verbs after I/we that talk about the conversation itself, not the offer (reach out, follow up, write)",
        "observation_verbs": "verbs after I/we that report something noticed about the prospect (noticed, saw, read)",
        "stance_verbs": "verbs after I/we that introduce an opinion whose content is the real subject (think, believe, wonder)",
        "feeling_phrases": "openings that are courtesy, not content (i hope, i trust, thanks for)",
        "offer_verbs": "verbs after 'I can / I'd love to / happy to' that offer a next step rather than a claim (send, show, walk)",
        "delivery_starts": "openings that hand over something the prospect asked for (attached is, here's the, as promised)",
        "resume_verbs": "past-tense verbs that open a subjectless claim about the seller's record (helped, built, worked with)",
        "pitch_at_you": "phrases that make the reader the subject of a pitch (you'll love, you get, your team will save)",
        "process_markers": "phrases anywhere in a seller sentence that make it a note about the conversation (my last email, went quiet)",
        "responsive_markers": "phrases anywhere in a seller sentence that tie it to what the prospect said or asked (you mentioned, your question)",
        "customer_relatives": "a past-tense relative clause that makes the subject a customer of the seller (one agency I worked with…)",
        "quantifiers": "how many, before a subject that is still the same subject (a few, several, 40+: a few companies like ours)",
        "made_for_verbs": "verbs of a thing the sender made for the reader, a gift and not a claim (built, recorded, mocked up)",
        "made_for_recipients": "whom such a thing is made for (you, your team, a [Company] field)",
        "about_us": "phrases anywhere in a sentence that make the seller its topic (sets us apart, why us, what we do)",
    },
}


@cache
def load(name: str) -> dict[str, Any]:
    """The knowledge file ``rules/knowledge/<name>.yaml``, checked against its schema; parsed and checked
    once per change of the file and kept pre-built (``emaillint.base.prebuilt``), so a run reads no YAML."""
    from emaillint.base import prebuilt

    path = rules_dir() / "knowledge" / f"{name}.yaml"
    return prebuilt.load("knowledge", [path], lambda: _read(name, path))


def _read(name: str, path) -> dict[str, Any]:
    from emaillint.read.frontmatter import load_yaml

    return validate(name, load_yaml(path.read_text(encoding="utf-8")), path.name)


def validate(name: str, data: Any, file: str) -> dict[str, Any]:
    """``data`` (the parsed ``file``) if it matches the schema of knowledge file ``name``; else KnowledgeError."""
    schema = SCHEMAS[name]
    if not isinstance(data, dict):
        raise KnowledgeError(f"{file}: must be a mapping of the lists {', '.join(schema)}")
    for key in data:
        if key not in schema:
            raise KnowledgeError(f"{file}: key '{key}': unknown (allowed: {', '.join(schema)})")
    for key in schema:
        if key not in data:
            raise KnowledgeError(f"{file}: key '{key}': missing ({schema[key]})")
    for key, value in data.items():
        if name == "slots":
            _check_slot_types(file, value)
        elif name == "scoring":
            _check_scoring(file, key, value)
        elif not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise KnowledgeError(f"{file}: key '{key}': must be a list of non-empty strings")
    for key, value in data.items():
        if key.endswith("_patterns"):
            _check_patterns(file, key, value, data)
    return data


# {name} in a pattern (or a pattern template in code) stands for the list `name` of the same file.
# Regex quantifiers ({2}, {0,3}) never start with a letter, so they are left alone.
_REF = re.compile(r"\{([a-z][a-z0-9_]*)\}")
_SPECIAL = re.compile(r"[.^$*+?()\[\]{}|\\]")


def alternation(entries) -> str:
    """A list of words or phrases as regex alternatives, in order, each matched literally."""
    return "|".join(_SPECIAL.sub(lambda m: "\\" + m.group(), e) for e in entries)


def _expand(data: dict[str, Any], template: str, where: str) -> str:
    def one(match: re.Match) -> str:
        key = match.group(1)
        if key not in data:
            raise KnowledgeError(f"{where}: '{{{key}}}' names no list of the file")
        if key.endswith("_patterns"):
            return "|".join(_expand(data, p, f"{where} -> {key}") for p in data[key])
        return alternation(data[key])
    return _REF.sub(one, template)


def _check_patterns(file: str, key: str, patterns: list[str], data: dict[str, Any], compile_: bool = False) -> None:
    """Every {list} a pattern names exists (cheap: done on load); with ``compile_``, every pattern
    compiles (done by the tests and ``check_all``: compiling on load would cost the start-up that the
    lazily compiled patterns save)."""
    for i, p in enumerate(patterns):
        where = f"{file}: key '{key}[{i}]'"
        source = _expand(data, p, where)
        if compile_:
            try:
                re.compile(source)
            except re.error as exc:
                raise KnowledgeError(f"{where}: not a valid regular expression ({exc})") from None


def check_all() -> None:
    """Load every knowledge file and compile every pattern it holds (raises KnowledgeError)."""
    for name in SCHEMAS:
        data = load(name)
        for key, value in data.items():
            if key.endswith("_patterns"):
                _check_patterns(f"{name}.yaml", key, value, data, compile_=True)


@cache
def pattern(name: str, template: str) -> str:
    """A regular expression: ``template`` with each ``{list}`` replaced by that list of
    ``rules/knowledge/<name>.yaml`` as alternatives (a ``*_patterns`` list by its patterns,
    a word or phrase list by its entries, matched literally)."""
    return _expand(load(name), template, f"{name}.yaml")


def _check_slot_types(file: str, types: Any) -> None:
    if not isinstance(types, list):
        raise KnowledgeError(f"{file}: key 'types': must be a list")
    for i, entry in enumerate(types):
        where = f"{file}: key 'types[{i}]'"
        if not isinstance(entry, dict) or set(entry) != {"type", "words", "reading"}:
            raise KnowledgeError(f"{where}: must have exactly type, words and reading")
        if not isinstance(entry["type"], str) or not isinstance(entry["reading"], str):
            raise KnowledgeError(f"{where}: type and reading must be strings")
        if not isinstance(entry["words"], list) or not all(isinstance(w, str) and w.strip() for w in entry["words"]):
            raise KnowledgeError(f"{where}: words must be a list of non-empty strings")


def _check_scoring(file: str, key: str, value: Any) -> None:
    def number(v, high):
        return isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v <= high
    if key == "costs" and not (isinstance(value, dict) and all(isinstance(k, str) and number(v, 100) for k, v in value.items())):
        raise KnowledgeError(f"{file}: key 'costs': must map category names to numbers from 0 to 100")
    if key == "info_share" and not number(value, 1):
        raise KnowledgeError(f"{file}: key 'info_share': must be a number from 0 to 1")
    if key == "kind_weights" and not (isinstance(value, list) and all(
            isinstance(w, dict) and set(w) == {"kind", "category", "weight"} and number(w["weight"], 10) for w in value)):
        raise KnowledgeError(f"{file}: key 'kind_weights': must be a list of {{kind, category, weight}}")


def words(name: str, key: str) -> tuple[str, ...]:
    """One list of a knowledge file, lower-cased."""
    return tuple(w.lower() for w in load(name)[key])
