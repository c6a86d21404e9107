"""Who is a sentence about: the seller, the prospect, or neither? (principle 1)

A seller sentence sells: it introduces the sender, says what "we" build or
offer, names our product, our customers or our features, praises us, or
promises the prospect will love what we sell. A prospect sentence is built on
the reader's world: an observation about them, their numbers, a question to
them. Asks, pleasantries and process notes ("I haven't heard back") are
neither; so is a single proof sentence, which only tips the balance when the
body has little else.
"""
from __future__ import annotations

import re
from functools import lru_cache
from collections import Counter

from emaillint.base.vocabulary import Orientation
from emaillint.judge.analysis.subjects import lists, sentence_side
from emaillint.judge.analysis.text import Lazy, Either, Guarded, Start, knowledge_patterns, mentions_prospect, plain
from emaillint.base.lexicons import lexicon_matcher

_C = Lazy
_K = knowledge_patterns("selling")  # {lists} from rules/knowledge/selling.yaml

SELF_INTRO = Either(
    Start("{self_intro_patterns}", knowledge="selling"),
    Guarded(r"\bmy name is\b", ("my name",)),
)
WE_PITCH = _K(r"\bwe(?:'ve| have)? (?:(?:{pitch_adverbs}) )?(?:{we_sell_verbs}|{we_claim_patterns})\b",
              r"\bour (?:[\w-]+ ){0,3}?(?:{seller_nouns})\b",
              # a consultant sells with "I" as a company does with "we" ("I help agencies…", "I've built…"); "I have a
              # question" is not a claim, so only the selling verbs
              r"\bi(?:'ve| have)? (?:(?:{pitch_adverbs}) )?(?:{i_sell_verbs})\b")
OUR_ANY = _K(r"\bour (?!(?:[\w'-]+ ){0,2}?(?:{our_observation_verbs})\b)(?!(?:[\w'-]+ ){0,3}?(?:{our_neutral_things})\b)")
PRODUCT_SUBJECT = Either(
    Start("{product_subject_patterns}", knowledge="selling"),
    Guarded(r"\b(?:we|our|us|with it)\b.{0,60}\b(?:{improvement_verbs})\w* (?:[\w$-]+ ){0,5}(?:by |up to )?\d+(?:\.\d+)?\s?"
            + r"(?:%|x\b|percent)", ("%", "percent", "x "), knowledge="selling"),
    Guarded(r"\bin (?:just |only )?(?:\d+|a few|minutes|seconds) (?:minutes|clicks|seconds)\b", ("minutes", "clicks", "seconds")),
    Guarded(r"\bi (?:specialize|specialise|focus) (?:in|on)\b"
            + r"|\bi (?:currently )?have (?:several|a few|\d+|some|three|two|five) (?:(?!time )\w+ )?(?:{inventory_nouns})\b",
            ("speciali", "focus", "have "), knowledge="selling"),
    Guarded(r"\b(?:use|uses|used|trust|trusts|rely on|relies on|chose|switched to) us\b", (" us",)),
)
CUSTOMER_STORY = _K("{customer_story_patterns}")
LOST_MONEY = _K("{lost_money_patterns}")
PRICE = Guarded("|".join((r"[$€£]\s?\d[\d,.]*\s*(?!k\b|m\b|million|billion|bn\b).{0,25}\b(?:per|/|a|each)\s?"
                          + r"(?:seat|user|month|year|licen[cs]e|mo|yr|head)\b",
                          r"[$€£]\s?\d[\d,.]*\s*(?:per|a|each) [a-z]+|[$€£]\s?\d[\d,.]*\s*/\s?[a-z]+",
                          r"\bpricing is\b|\b\d+% off\b|\bwhat's included\b|\bincluded in\b",
                          r"\b\d+(?:\.\d+)?% (?:\w+ )?(?:fee|commission)\b|\bno (?:\w+ )?(?:fees?|costs?)\b",  # "5% seller fee", "no listing costs"
                          r"\b(?:i|we) charge\b")),
                ('$', '€', '£', 'pricing', '% off', 'included', 'fee', 'cost', 'charge'))
PITCH_AT_YOU = Guarded("{pitch_at_you_patterns}", ("benefit", "your ", "they will", "you'll", 'you will', 'you get', 'exactly what',
                                                  'perfect', 'we think', ' will ', 'show you', 'what we', 'excited', 'thrilled',
                                                  'delighted', 'pleased', 'proud', 'without it', 'wonder', 'regret', ' fit',
                                                  'we can', 'we could', 'we will', "we'll"), knowledge="selling")
BRAND_SUBJECT = _K(r"^(?!(?:{not_brand_words})\b)([A-Z][a-zA-Z0-9]+(?:[ -][A-Z][a-zA-Z0-9]+)?)(?:['’]s)? (?:{brand_verbs})\b")
INSIGHT = _K(r"\b(?:{peer_groups}|\w+s) (?:we|i) (?:{peer_verbs})\b")
DELIVERY = _K(r"^(?:{delivery_openers})\b.{0,60}\b(?:{delivered_things})\b")
BRAND_POSSESSIVE = _K(r"^([A-Z][a-zA-Z0-9]+)['’]s (?:[\w-]+ ){0,3}(?:{brand_feature_verbs})\b")
PRODUCT_WORD = _K(r"\b(?:{seller_nouns})\b")
OBSERVATION = _C(r"\b(?:noticed|saw|spotted|read|heard|see) (?:that )?(?:your|you)\b")
BRAND_CLAIM = _K(r"\b(?:is|are) (?:the|a|an) (?:[\w'’-]+ ){0,2}(?:{superlatives}|[a-z]+est)\b")
PROSPECT_CUE = Guarded("{prospect_cue_patterns}", ('congrat', 'saw', 'noticed', 'read', 'loved', 'great to see', 'you mentioned',
                                                  'you said', 'you wrote', 'sounds like'), knowledge="selling")
PLEASANTRY = _K("{pleasantry_patterns}")
CTA_OFFER = _K(r"^(?:or |and |also )?(?:i|we) (?:{offer_auxiliaries}) (?:also )?(?:{cta_offer_verbs})\b")
# "Here's what you get:", and a product introduced by what it can do ("What if AI could:", "I found a tool that:")
LIST_INTRO = _K(r"\b(?:{list_intro_patterns})\b|\b(?:{list_intro_ending_patterns})\s*:\s*$")
PROCESS = _K("|".join((r"\b(?:haven't|have not|didn't|did not) hear(?:d)?\b|\bmy (?:last |previous |earlier )?(?:\w+ )?(?:email|note|message)s?\b",
                       r"\bwent quiet\b|\bclose (?:your|the|out) file\b", "{wrote_before_patterns}")))


SELF_MARK = re.compile(r"\b(?:we|we've|we're|we'd|we'll|our|ours|us)\b")


def seller_weight(sentence: str) -> int:
    """How much selling one sentence carries: one per we/our clause, at most three."""
    return max(1, min(3, len(SELF_MARK.findall(plain(sentence)))))


def is_self_intro(sentence: str) -> bool:
    return bool(SELF_INTRO.search(plain(sentence)))


def is_chase(low: str) -> bool:
    """A plain() sentence that names the chase ("bump this", "top of your inbox", "circling back")."""
    return lists()["process_markers"].anywhere(low)


def is_pleasantry(sentence: str) -> bool:
    return bool(PLEASANTRY.search(plain(sentence)))


def brand_name(sentence: str) -> str | None:
    """A capitalised name used as the subject of a selling verb ("Acme is the…")."""
    match = BRAND_SUBJECT.match(sentence.strip().lstrip("-*• "))
    return match.group(1) if match else None


def repeated_names(sentences) -> frozenset[str]:
    """Brand-like names used as a subject and mentioned at least twice in the body ("Acme Freight… Acme…")."""
    names = Counter(n for s in sentences if (n := brand_name(s.text)))
    text = " ".join(s.text for s in sentences)
    out = set()
    for name in names:
        first = name.split()[0]
        if text.count(name) >= 2:
            out.add(name)
        if len(re.findall(rf"\b{re.escape(first)}\b", text)) >= 2:
            out.update({name, first})
    return frozenset(out)


@lru_cache(maxsize=8192)
def mentions_name(sentence: str, names: frozenset[str]) -> bool:
    """Whether the sentence names one of ``names``, by its capitals ("Close" the company, not "close the loop"),
    or in any case in a sentence typed without capitals ("as a reminder, fleetiq is the only…")."""
    flags = re.I if sentence.islower() else 0
    return any(re.search(rf"\b{re.escape(n)}\b", sentence, flags) for n in names)


STORY = _C(r"\b(?:they|their|they've|they're)\b")
PAST = _C(r"\b(?:\w+ed|had|was|were|went|fell|grew|cut|ran|spent|saw|got|took|made|built|rolled|won|lost|paid|kept|brought|began)\b")
QUANTITY = _K(r"\d|\b(?:{number_words})\b")


def _story_sentences(sentences) -> list[int]:
    """Sentences narrating what a third party did, with numbers: a customer story."""
    out = []
    for i, s in enumerate(sentences):
        low = plain(s.text)
        if STORY.search(low) and not mentions_prospect(low) and PAST.search(low) and QUANTITY.search(low):
            out.append(i)
    return out


OFFER_INTRO = _K(r"\b(?:(?:i|we)(?:'m| am|'d| would| are|'re)? (?:be )?(?:happy|glad|able) to|(?:i|we) can|(?:i|we) just need)\s*:$")
_QUOTED_ASK = re.compile(r'^["“][^"”]{3,200}\?["”]$')
LINK_ALONE = re.compile(r"^[\s*_>-]*(?:https?://\S+|www\.\S+|\{\{\s*\w*(?:url|link)\w*\s*\}\}|\[[^\]]+\]\(\S+\))[\s*_.]*$", re.I)


def orient_all(sentences, seller_names: frozenset[str] = frozenset()) -> list[Orientation]:
    """Orientation of every body sentence.

    Items of a list introduced as features/pricing are 'data'; a customer story told
    over three or more sentences ("They rolled out … Within six weeks downtime fell
    31% …") is proof about the seller, so its sentences count as 'seller'.
    """
    repeated = repeated_names(sentences)
    sides = [orient(s.text, repeated_names=repeated, seller_names=seller_names) for s in sentences]
    for i in range(1, len(sentences)):  # the answer under a quoted question of theirs ("How fast can you close?") responds
        if sides[i] == Orientation.SELLER and _QUOTED_ASK.match(sentences[i - 1].text.strip()):
            sides[i] = Orientation.NEUTRAL
    story = _story_sentences(sentences)
    if len(story) >= 3 or (len(story) >= 2 and Orientation.SELLER in sides):  # a customer story around "our team" is proof
        for i in story:
            if sides[i] == Orientation.NEUTRAL:
                sides[i] = Orientation.SELLER
    for i, s in enumerate(sentences):
        if LINK_ALONE.match(s.text):
            sides[i] = Orientation.NEUTRAL  # a link or a link's merge field on its own line is about no one
            continue
        if not s.list_item or s.is_question:
            continue
        before = [j for j in range(i - 1, -1, -1) if not sentences[j].list_item][:2]
        if not before:
            continue
        intro_at = before[0]
        intro = sentences[intro_at]
        if OFFER_INTRO.search(plain(intro.text)):
            sides[i] = Orientation.NEUTRAL  # the items under "I'm happy to:" / "I just need:" are steps offered or
            continue  # asked for ("Send pricing", "Come film a game"), not the seller's record
        if sides[i] == Orientation.SELLER:
            continue
        if intro.text.rstrip().endswith(":") and not (sides[intro_at] == Orientation.NEUTRAL and len(intro.text.split()) <= 3):
            before = before[:1]  # "Most teams are dealing with:" introduces its own list; a bare label ("Buyer
            # profile:") goes on with the paragraph before it
        # Items under "We provide:" / "Here's what it does:" / a seller paragraph are the product's features,
        # even when they say "you" ("Your site live in 48 hours"); items under "A few things I noticed:" are not.
        if any(sides[j] in (Orientation.SELLER, Orientation.DATA) for j in before) or (intro.text.rstrip().endswith(":") and LIST_INTRO.search(plain(intro.text))):
            sides[i] = Orientation.DATA
        elif sides[i] == Orientation.NEUTRAL and intro.text.rstrip().endswith(":") and not mentions_prospect(plain(s.text)) \
                and orient(intro.text, seller_names=seller_names) in (Orientation.SELLER, Orientation.DATA):
            sides[i] = Orientation.DATA
        elif sides[i] == Orientation.NEUTRAL and intro.text.rstrip().endswith(":") and sides[intro_at] == Orientation.PROSPECT \
                and not plain(intro.text).startswith("if "):
            sides[i] = Orientation.PROSPECT  # the items under "What you mentioned wanting:" are their needs
    return sides


_CONDITION = re.compile(r"^if [^,]{1,60}, ")
_SPEECH = re.compile(r'"([^"\n]{1,300})"')


def _unquoted(low: str) -> str:
    """The sentence without the words it quotes: a quoted question or saying ("they ask 'what does our team know?'")
    is someone else's voice, so its "our" and "you" are not the sender's or the reader's. A quoted term of a word or
    two ("our 'done-for-you' plan") stays."""
    if '"' not in low:
        return low
    return _SPEECH.sub(lambda m: '"..."' if len(m.group(1).split()) >= 3 else m.group(), low)


@lru_cache(maxsize=8192)
def orient(sentence: str, *, repeated_names: frozenset[str] = frozenset(),
           seller_names: frozenset[str] = frozenset()) -> Orientation:
    """'seller', 'prospect', 'data' (prices, feature lists) or 'neutral' for one body sentence."""
    low = _unquoted(INSIGHT.sub("peers", plain(sentence)))  # "retailers we work with saw…" is an insight, not a pitch
    if CTA_OFFER.search(low) or CTA_OFFER.search(_CONDITION.sub("", low, count=1)) or DELIVERY.search(low):
        return Orientation.NEUTRAL  # "If you want, I can send a recording": an offer on a condition is still an offer
    side = sentence_side(low, seller_names, _sells)
    if side is None and low.startswith("if ") and (main := _CONDITION.sub("", low, count=1)) != low \
            and sentence_side(main, seller_names, _sells) == Orientation.NEUTRAL:
        return Orientation.NEUTRAL  # "If your team hits delays, I'd love to show you…": an offer on a condition
    if side != Orientation.SELLER and (price := PRICE.search(low)):
        if not OUR_ANY.search(low):
            if " your " in f" {low[:price.start()]}":
                return Orientation.PROSPECT  # "Based on your traffic, that's $4,000 a month": their numbers, not our price
            if LOST_MONEY.search(low):
                # "Most shops spend $1,200/month on errors": their industry's cost; "you're losing $25,500/month": theirs
                return side or (Orientation.PROSPECT if mentions_prospect(low) else Orientation.NEUTRAL)
        return Orientation.DATA
    if side is not None:
        return side
    return selling_copy(sentence, low, repeated_names=repeated_names, seller_names=seller_names)


def _sells(clause: str) -> bool:
    """Does a later clause about the seller carry selling words (we help, our platform, a claim)?"""
    return selling_copy(clause, clause) == Orientation.SELLER


def selling_copy(sentence: str, low: str | None = None, *, repeated_names: frozenset[str] = frozenset(),
                 seller_names: frozenset[str] = frozenset()) -> Orientation:
    """The side by selling words alone (we offer, our platform, brand claims, prices), whoever the subject.

    Used when the subject decides nothing, and in a delivery note, where "we" sentences
    about the work they asked for are neutral unless they carry selling copy.
    """
    if low is None:
        low = INSIGHT.sub("peers", plain(sentence))
    if OBSERVATION.search(low):
        return Orientation.PROSPECT
    if SELF_INTRO.search(low) or WE_PITCH.search(low) or PITCH_AT_YOU.search(low) or CUSTOMER_STORY.search(low) \
            or PRODUCT_SUBJECT.search(low):
        return Orientation.SELLER
    if OUR_ANY.search(low):  # "Reached out a few times about our platform": a chase names it, it does not sell it
        return Orientation.NEUTRAL if PROCESS.search(low) or is_chase(low) else Orientation.SELLER
    if seller_names and mentions_name(sentence, seller_names) and not low.startswith(("your ", "you ", "you're ", "you've ")):
        # "Following up on my note about Acme": a chase names the product, it does not sell it
        return Orientation.NEUTRAL if PROCESS.search(low) or is_chase(low) else Orientation.SELLER
    if BRAND_POSSESSIVE.match(sentence.strip()):
        return Orientation.SELLER
    if repeated_names and mentions_name(sentence, repeated_names) and not low.startswith(("your ", "you ")):
        return Orientation.SELLER  # "Over 2,000 companies use Spendwise": the brand that pitches itself elsewhere
    if PRICE.search(low):
        return Orientation.DATA
    if lexicon_matcher("self-praise").search(low):
        return Orientation.SELLER
    brand = brand_name(sentence)
    if brand and seller_names and not any(brand.startswith(n) or n.startswith(brand) for n in seller_names):
        brand = None  # we know who the sender is, and this name is someone else (often the prospect)
    if brand and (brand in repeated_names or brand.split()[0] in repeated_names or PRODUCT_WORD.search(low) or BRAND_CLAIM.search(low)):
        return Orientation.SELLER
    if PROCESS.search(low) or is_pleasantry(sentence) or is_chase(low):
        return Orientation.NEUTRAL  # "Wanted to bump this to the top of your inbox": their inbox is not their world
    if mentions_prospect(low) or PROSPECT_CUE.search(low):
        return Orientation.PROSPECT
    return Orientation.NEUTRAL
