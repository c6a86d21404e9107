"""Who is the subject of a sentence: the seller, the prospect, or someone else?

Principle 1 is about who a sentence is about. A statement whose subject is the
seller ("I", "we", "our team"), the seller's product ("the platform", "it
integrates…") or the seller's customers ("most of our clients") sells,
whatever its verb. A few verbs make a seller-subject sentence neutral or about
the prospect instead: process notes ("I wanted to follow up"), observations
("I noticed your…"), opinions whose content is the real subject ("I think your
site…"), courtesy, and offers of a next step ("I can send…"). The words are
data (``rules/knowledge/orientation.yaml``); this module is the logic.
"""
from __future__ import annotations

import re
from functools import cache, lru_cache

from emaillint.base.vocabulary import Orientation
from emaillint.judge.analysis.text import mentions_prospect
from emaillint.judge.knowledge import words

SELLER, PROSPECT, NEUTRAL = Orientation.SELLER, Orientation.PROSPECT, Orientation.NEUTRAL

# A clause boundary inside a sentence: "…, and we…", "… because we…", "…: we…", "… — we…", "…email—I…" (a dash
# between two words, spaced or not; not one in "9–5").
_CLAUSE_MARKS = r"\s*[;:—–]\s+|\s+-\s+|(?<=[^\W\d])[—–](?=[^\W\d])"  # ; : and dashes, spaced or between words
_CLAUSE_BREAK = re.compile(r"\s+(?:because|since|so that|which is why|and that's why)\s+|,\s+(?:and|but|so|which)\s+|\s+but\s+|"
                           + _CLAUSE_MARKS)
# Something each alternative above needs, in a plain() text (single spaces): most sentences hold none, and the
# split itself tries its alternatives at every character
_BREAK_SIGNS = (";", ":", "—", "–", ",", " - ", "because", "since", "so that", "why", "but")


def _may_break(low: str) -> bool:
    return any(sign in low for sign in _BREAK_SIGNS)


_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
_AUX = ("'d be", "would be", "'d", "would", "just", "really", "also", "recently", "currently", "now", "always", "actually", "personally", "already", "still",
        "have been", "'ve been", "had been", "have", "'ve", "had", "am", "'m", "was", "were", "are", "'re", "is", "'s",
        "be", "been", "only", "even", "truly", "genuinely", "simply", "typically", "usually", "often", "proudly",
        # an adverb between the subject and its verb: "I completely understand", "I totally get it"
        "completely", "totally", "fully", "absolutely", "definitely", "certainly", "honestly", "sincerely", "deeply",
        "really do", "do", "did")
_OFFER_AUX = ("can", "could", "'d love to", "would love to", "'d be happy to", "would be happy to", "am happy to", "'m happy to",
              "'d be glad to", "am glad to", "'m glad to", "'d like to", "would like to", "'d welcome", "would welcome", "will", "'ll", "can also", "could also",
              "'d be happy to quickly", "want to", "wanted to", "would be glad to", "'m able to", "am able to", "may")
_WISHES = frozenset(("'d love to", "would love to", "'d be happy to", "would be happy to", "'d be glad to", "would be glad to",
                     "'d like to", "would like to", "'d welcome", "would welcome"))  # "I'd love to …" asks or offers; it claims nothing about the seller
_PROCESS_NOUNS = ("last", "previous", "earlier", "first", "email", "emails", "note", "notes", "message", "messages", "call", "conversation", "chat", "meeting", "voicemail",
                  "calendar", "colleague", "question", "apologies", "inbox", "linkedin", "thread", "intro", "hope")


_PUNCT = ",.!?:;\"()[]*"
_PUNCT_TO_SPACE = str.maketrans(_PUNCT, " " * len(_PUNCT))


class Phrases:
    """A set of lower-case phrases tested at the start of a text, longest first, on word boundaries."""

    def __init__(self, phrases):
        self.by_first: dict[str, list[str]] = {}
        for p in sorted(set(phrases), key=len, reverse=True):
            self.by_first.setdefault(p.split()[0], []).append(p)
        self.firsts = frozenset(self.by_first)

    def prefix(self, text: str) -> str | None:
        first = text.partition(" ")[0]
        found = self._longest_at_start(text, first)
        if found is None and first[-1:] in ",.!?:;":  # "so, we…": the first word with its punctuation dropped
            found = self._longest_at_start(text, first.rstrip(",.!?:;"))
        return found

    def _longest_at_start(self, text: str, first: str) -> str | None:
        for phrase in self.by_first.get(first, ()):
            if text.startswith(phrase) and (len(text) == len(phrase) or not text[len(phrase)].isalnum()):
                return phrase
        return None

    def anywhere(self, text: str) -> bool:
        """Does any phrase start at a word boundary somewhere in the text?"""
        present = self.firsts.intersection(_bare_words(text))
        if not present:
            return False  # the common case, decided by one set intersection
        padded = " " + text
        for first in present:
            for phrase in self.by_first[first]:
                at = padded.find(" " + phrase)
                while at >= 0:
                    end = at + 1 + len(phrase)
                    if end >= len(padded) or not padded[end].isalnum():
                        return True
                    at = padded.find(" " + phrase, at + 1)
        return False


@lru_cache(maxsize=4096)
def _bare_words(text: str) -> frozenset[str]:
    """The words of a clause without the punctuation around them (several phrase lists ask about one clause)."""
    return frozenset(text.translate(_PUNCT_TO_SPACE).split())


_CONTRACTION = re.compile(r"\b(i|we|you|they|it|that|there|who)'(m|ve|d|ll|re|s)\b")
_VERB_LISTS = ("process_verbs", "observation_verbs", "stance_verbs")


@cache
def lists() -> dict[str, Phrases]:
    keys = ("lead_ins", "seller_subjects", "prospect_subjects", "third_party_seller", "process_verbs", "observation_verbs",
            "stance_verbs", "feeling_phrases", "offer_verbs", "delivery_starts", "resume_verbs", "pitch_at_you", "about_us", "process_markers", "responsive_markers", "customer_relatives",
            "quantifiers")
    aux = Phrases(_AUX)
    out: dict[str, Phrases] = {}
    for k in keys:
        entries = tuple(_CONTRACTION.sub(r"\1 '\2", e) for e in words("orientation", k))
        if k in _VERB_LISTS:  # verbs are matched after "have been / was / just …" is dropped, so drop it from the entries too
            entries = tuple({form for e in entries for form in (e, _strip(e, aux))} - {""})
        out[k] = Phrases(entries)
    out["aux"] = aux
    out["offer_aux"] = Phrases(_OFFER_AUX)
    out["process_nouns"] = Phrases(_PROCESS_NOUNS)
    return out


@cache
def product_nouns() -> frozenset[str]:
    return frozenset(words("orientation", "product_nouns"))


def _strip(text: str, phrases: Phrases) -> str:
    """Drop any number of leading phrases ("so, honestly, …") and the punctuation after them."""
    while True:
        hit = phrases.prefix(text)
        if not hit:
            return text
        text = text[len(hit):].lstrip(" ,.:;!-—–")


def _clean(text: str) -> str:
    return _EDGE.sub("", text.replace("*", "").replace("\"", "")).strip()


@lru_cache(maxsize=8192)
def sentence_side(low: str, seller_names: frozenset[str] = frozenset(), sells=None) -> str | None:
    """SELLER / PROSPECT / NEUTRAL for a plain() sentence, or None when its subjects decide nothing.

    The first clause that decides is the sentence's side. A later clause about the seller
    makes it sell only when it carries selling copy (``sells(clause)``): "I saw your post, and
    we help teams like yours…" sells; "…the estimate loads late, so I almost gave up" narrates.
    """
    clauses = [_clean(c) for c in _CLAUSE_BREAK.split(low)[:4]] if _may_break(low) else [_clean(low)]
    sides = [(c, clause_side(c, seller_names, first=(i == 0))) for i, c in enumerate(clauses)]
    decided = [(c, side) for c, side in sides if side]
    if not decided:
        return None
    first = decided[0][1]
    if first != SELLER and any(side == SELLER and (sells is None or sells(c)) for c, side in decided[1:]):
        return SELLER
    return first


def clause_side(clause: str, seller_names: frozenset[str] = frozenset(), first: bool = True) -> str | None:
    L = lists()
    clause = _strip(clause, L["lead_ins"])
    if "'" in clause:
        clause = _CONTRACTION.sub(r"\1 '\2", clause)
    if not clause:
        return None
    if L["delivery_starts"].prefix(clause) or L["feeling_phrases"].prefix(clause):
        return NEUTRAL
    subject = L["seller_subjects"].prefix(clause)
    if subject:
        return _seller_clause(subject, clause[len(subject):].lstrip(" ,"), seller_names)
    head = clause if clause.count(" ") < 8 else " ".join(clause.split()[:8])  # the same string when it is short
    if L["customer_relatives"].anywhere(head) and not clause.startswith(("i ", "we ")):
        return SELLER  # "One agency I worked with cut 12 hours a week": a customer story is proof about the seller
    if L["observation_verbs"].prefix(clause) and mentions_prospect(clause):
        return PROSPECT  # "Saw you just raised…": the "I" is dropped, the observation is about them
    if (L["third_party_seller"].prefix(clause) or L["third_party_seller"].prefix(_without_quantity(clause))
            or _product_subject(clause) or (first and _resume_claim(clause))):
        return SELLER
    if seller_names and clause.split(" ", 1)[0].rstrip("'s,") in {n.lower() for n in seller_names}:
        return SELLER
    if (L["pitch_at_you"].anywhere(clause) and not _asks(clause)) or L["about_us"].anywhere(clause):
        return SELLER
    if L["prospect_subjects"].prefix(clause):
        return SELLER if _our_product(clause) else PROSPECT
    return None


_NUMBER = re.compile(r"^\d[\d,+]* ")


def _without_quantity(clause: str) -> str:
    """The clause without the quantity it starts with: "a few companies like Acme use it" is about companies like Acme,
    our customers."""
    clause = _NUMBER.sub("", clause, count=1)
    hit = lists()["quantifiers"].prefix(clause)
    return clause[len(hit):].lstrip() if hit else clause


def _seller_clause(subject: str, rest: str, seller_names) -> str:
    L = lists()
    if subject in ("my", "our"):
        return NEUTRAL if L["process_nouns"].prefix(rest) else SELLER
    verb_part = _strip(rest, L["aux"])
    if L["observation_verbs"].prefix(verb_part):
        return PROSPECT if mentions_prospect(verb_part) else NEUTRAL
    if L["stance_verbs"].prefix(verb_part):
        inner = verb_part[len(L["stance_verbs"].prefix(verb_part)):].lstrip(" ,")
        inner = inner[5:] if inner.startswith("that ") else inner
        side = clause_side(inner, seller_names) if inner else None
        return side or (PROSPECT if mentions_prospect(inner) else NEUTRAL)
    if L["process_verbs"].prefix(verb_part) or L["process_markers"].anywhere(rest) or L["responsive_markers"].anywhere(rest) \
            or (subject == "i" and _made_for_them().match(verb_part)):
        return NEUTRAL  # about the conversation, doing what they asked, or a thing made for them: not a pitch
    if L["feeling_phrases"].prefix(verb_part):
        return NEUTRAL  # "I'm always happy to reconnect", "we appreciate…": how the sender feels, not what they sell
    for text in (rest, verb_part):  # "I did want to share…": the wish after its auxiliaries
        offer = L["offer_aux"].prefix(text)
        if offer and (offer in _WISHES or L["offer_verbs"].prefix(_strip(text[len(offer):].lstrip(), L["aux"]))):
            return NEUTRAL
    return SELLER


@cache
def _made_for_them() -> re.Pattern[str]:
    """"built a 60-second proof for [Company]": a thing the sender made for the reader (orientation.yaml's lists)."""
    verbs = "|".join(map(re.escape, words("orientation", "made_for_verbs")))
    whom = "|".join(re.escape(w) + (r"\b" if w[-1].isalnum() else "") for w in words("orientation", "made_for_recipients"))
    return re.compile(rf"^(?:{verbs}) (?:\S+ ){{0,6}}?for (?:{whom})")


_PAST_PARTICIPLE = re.compile(r"^(?:\w+ed|built|made|done|run|sent|kept|held|left|set|put|cut)$")


def _resume_claim(clause: str) -> bool:
    """'Helped 40 agencies…', 'Finds 100+ prospects a week': the seller's record or feature, subject dropped.

    A plural noun that looks like a verb ("Schedules built the night before…") is not one.
    """
    clause = _strip(clause, lists()["aux"])  # "Just delivered 1,000 leads to…"
    verb = lists()["resume_verbs"].prefix(clause)
    if not verb:
        return False
    after = clause[len(verb):].split()
    over = after[:1] == ["over"] and not (len(after) > 1 and after[1][:1].isdigit())
    if after[:1] in (["me"], ["us"]) or over:
        return False  # "Just send me:", "send over the list": a request to the sender ("sends over 100 reminders" claims)
    return not (after and _PAST_PARTICIPLE.match(after[0]) and not verb.endswith("ed"))


_QUESTION_START = ("did", "do", "does", "have", "has", "are", "is", "would", "could", "can", "will", "should", "what", "how", "when")


def _asks(clause: str) -> bool:
    """A question ("Did you get a chance…?") is not a pitch at the reader, whatever its words."""
    return clause.rstrip().endswith("?") or clause.split(" ", 1)[0] in _QUESTION_START


_NOT_OURS = frozenset(("same", "other", "old", "current", "existing", "previous", "legacy", "wrong", "right", "best", "first"))


def _product_subject(clause: str) -> bool:
    """'The platform finds…', 'This tool…', 'It integrates…': our product as the subject."""
    head = clause.split(" ", 4)
    if len(head) >= 2 and head[0] in ("the", "this", "that", "these", "those", "our") and (
            head[1].rstrip("'s,") in product_nouns() or (len(head) >= 3 and head[2].rstrip("'s,") in product_nouns()
                                                         and head[1] not in _NOT_OURS)):
        return True  # "The platform…", "The whole platform was built for…"
    if len(head) >= 4 and head[0] == "it" and head[1] in ("'s", "is") and head[2] in ("a", "an"):
        # "It's a simple QR code system where…": what the product is
        return any(word.rstrip(",.") in product_nouns() for word in clause.split()[3:7])
    return len(head) >= 2 and head[0] in ("it", "it's") and lists()["resume_verbs"].prefix(" ".join(head[1:])) is not None


def _our_product(clause: str) -> bool:
    words_ = clause.split()
    return any(w == "our" and i + 1 < len(words_) and any(x.rstrip(".,!?") in product_nouns() for x in words_[i + 1:i + 4])
               for i, w in enumerate(words_))
