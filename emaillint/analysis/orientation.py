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

from emaillint.analysis.text import mentions_prospect, plain
from emaillint.lexicons import lexicon_matcher

_C = re.compile

PRODUCT_NOUNS = (r"(?:platform|solution|product|tool|software|app|application|module|suite|engine|system|service|services|"
                 r"features?|integrations?|dashboards?|pricing|prices|brochure|technology|offering|customers|clients|"
                 r"team|company|firm|agency|infrastructure|api|version|release|package|plans?)")
SELF_INTRO = _C(r"\bmy name is\b|^i(?:'m| am) (?:a|an|the)\b.{0,60}\b(?:at|with|from)\b|^(?:i|we)(?:'m| am| are) (?:reaching out|writing|contacting you) (?:from|on behalf)"
                r"|^at [a-z0-9][\w-]*(?: [a-z0-9][\w-]*)?,? we\b|^we(?:'re| are) (?:a|an|the)\b|^this is \w+ (?:from|at|with)\b|^i(?:'m| am) \w+ (?:from|at|with)\b"
                r"|^introducing\b|^(?:allow|let) me to introduce\b|^i lead\b.{0,40}\bat\b")
WE_PITCH = _C(r"\b(?:we|our " + PRODUCT_NOUNS + r")(?:'ve| have)? (?:just |recently |now |also |really |already |proudly )?"
              r"(?:help|helps|helped|offer|offers|provide|provides|built|build|launched|launch|released|specialize|specialise|integrate|integrates|"
              r"deliver|delivers|enable|enables|serve|serves|power|powers|partner|partnered|include|includes|support|supports|"
              r"guarantee|guarantees|work with|have built|are (?:a|an|the|proud|trusted|excited|thrilled|known)|have (?:built|a|an|the|over|more than|\d))\b")
OUR_PRODUCT = _C(r"\bour (?:[\w-]+ ){0,3}?" + PRODUCT_NOUNS + r"\b")
PITCH_AT_YOU = _C(r"\byou(?:'ll| will) (?:love|like|enjoy)\b|\bexactly what you need\b|\bperfect (?:fit )?for you\b|\bwe think you'll\b"
                  r"|\b(?:it|this) will (?:transform|change|revolutionize|revolutionise|supercharge)\b|\bshow you (?:our|how we|what we)\b|\bwhat we (?:can )?do\b"
                  r"|\b(?:excited|thrilled|delighted|pleased|proud) to (?:share|announce|introduce|tell you|show you|present)\b")
BRAND_SUBJECT = _C(r"^(?!(?:The|This|That|These|Those|It|There|Here|What|How|Why|Where|Who|Which|Whether|Your|Our|My|We|I|You|He|She|They|Most|Many|Teams|Some|Every|Each|Since|When|If|As|After|Before|Last|Next|Thanks|Congratulations|Hi|Hello|Dear|Everyone|Everybody|Nobody|Someone|Something|Everything|Nothing|Anyone|Today|Yesterday|Tomorrow|One|Two|Three|Both|All|Half|Any|Another|Each|Such|So|And|But|Or|Also)\b)"
                   r"([A-Z][a-zA-Z0-9]+(?:[ -][A-Z][a-zA-Z0-9]+)?)(?:'s)? (?:is|are|helps|lets|gives|makes|offers|provides|customers|users|clients|was|has|was named|integrates|connects|automates)\b")
PROSPECT_CUE = _C(r"^(?:congratulations|congrats|saw|noticed|read|loved your|great to see)\b|\byou mentioned\b|\byou said\b|\byou wrote\b|\bsounds like\b")
PLEASANTRY = _C(r"^(?:i )?hope (?:this|you|all|your|things|the)\b|^(?:i )?trust (?:this|you)\b|^thanks? (?:you )?for\b|^happy \w+day\b|^it was (?:great|good|nice)\b")
PROCESS = _C(r"\b(?:haven't|have not|didn't|did not) hear(?:d)?\b|\bmy (?:last|previous|earlier) (?:\w+ )?(?:email|note|message)s?\b|\bclose (?:your|the|out) file\b")


def is_self_intro(sentence: str) -> bool:
    return bool(SELF_INTRO.search(plain(sentence)))


def is_pleasantry(sentence: str) -> bool:
    return bool(PLEASANTRY.search(plain(sentence)))


def brand_name(sentence: str) -> str | None:
    """A capitalised name used as the subject of a selling verb ("Acme is the…")."""
    match = BRAND_SUBJECT.match(sentence.strip().lstrip("-*• "))
    return match.group(1) if match else None


def repeated_names(sentences) -> frozenset[str]:
    """Brand-like names used as a subject and mentioned at least twice in the body."""
    names = Counter(n for s in sentences if (n := brand_name(s.text)))
    text = " ".join(s.text for s in sentences)
    return frozenset(n for n in names if text.count(n) >= 2)


@lru_cache(maxsize=8192)
def orient(sentence: str, *, repeated_names: frozenset[str] = frozenset()) -> str:
    """'seller', 'prospect' or 'neutral' for one body sentence."""
    low = plain(sentence)
    if SELF_INTRO.search(low) or WE_PITCH.search(low) or PITCH_AT_YOU.search(low) or OUR_PRODUCT.search(low):
        return "seller"
    if lexicon_matcher("self-praise").search(low):
        return "seller"
    brand = brand_name(sentence)
    if brand and (brand in repeated_names or re.search(PRODUCT_NOUNS, low)):
        return "seller"
    if PROCESS.search(low) or is_pleasantry(sentence):
        return "neutral"
    if mentions_prospect(low) or PROSPECT_CUE.search(low):
        return "prospect"
    return "neutral"
