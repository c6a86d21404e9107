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

from emaillint.analysis.subjects import sentence_side
from emaillint.analysis.text import Lazy, Either, Guarded, Start, mentions_prospect, plain
from emaillint.lexicons import lexicon_matcher

_C = Lazy

PRODUCT_NOUNS = (r"(?:platform|solution|product|tool|software|app|application|module|suite|engine|system|service|services|"
                 r"features?|integrations?|dashboards?|pricing|prices|brochure|technology|offering|customers?|clients?|"
                 r"team|company|firm|agency|infrastructure|api|version|release|package|plans?|methodology|approach|units?|installs?|speciality|specialty)")
SELF_INTRO = Either(
    Start(r"we(?:'re| are) [a-z0-9&-]+(?: [a-z0-9&-]+)?, (?:a|an|the)\b|i(?:'m| am) (?:a|an|the)\b.{0,60}\b(?:at|with|from)\b"
          r"|(?:i|we)(?:'m| am| are) (?:reaching out|writing|contacting you) (?:from|on behalf)"
          r"|i(?:'m| am) writing to introduce\b|at [a-z0-9][\w-]*(?: [a-z0-9][\w-]*){0,2},? we\b|we(?:'re| are) (?:a|an|the)\b"
          r"|(?:quick |brief )?intro(?:duction)?:|[\w&'’-]+(?: [\w&'’-]+){0,2} here,? (?:the|a|an|your)\b"
          r"|this is \w+ (?:from|at|with)\b|i(?:'m| am) \w+(?:,| from| at| with)\b|introducing\b|(?:allow|let) me to introduce\b|i lead\b.{0,40}\bat\b"),
    Guarded(r"\bmy name is\b", ("my name",)),
)
_SELL_VERBS = (r"help|helps|helped|offer|offers|provide|provides|built|build|launched|launch|released|specialize|specialise|specializes|specialises|"
               r"integrate|integrates|deliver|delivers|delivered|enable|enables|serve|serves|power|powers|partner|partnered|include|includes|"
               r"support|supports|guarantee|guarantees|work with|design|install|maintain|deflect|automate|automates|report|cut|cuts|save|saves|"
               r"reduce|reduces|track|tracks|connect|connects|sync|syncs|coach|coaches|protect|protects|insure|underwrite|source|recruit|"
               r"deploy|implement|manage|manages|handle|handles|run|runs|ship|ships|pay back|took on|mapped|shortlisted|turned|rolled|"
               r"can (?:also )?(?:bundle|offer|provide|add|include|give|set you up|save|cut|guarantee|integrate)|"
               r"carry|stock|negotiate|supply|supplies|manufacture|distribute|sell|sells|"
               r"do|did|handle|handled|host|hosted|plan|planned|organi[sz]e|organi[sz]ed|produce|produced|ran|create|created|specialize in|specialise in|"
               r"installed|deployed|implemented|rolled out|set up|automated|designed|maintained|sourced|placed|recruited|migrated|"
               r"integrated|onboarded|trained|saved|reduced|tracked|connected|coached|protected|insured|worked with|partner with|"
               r"typically|always|never|only|are (?:a|an|the|proud|trusted|known|now|also)|'re (?:a|an|the|proud|trusted|known|now|also)|"
               r"have (?:built|a|an|the|over|more than|\d)|were (?:\w+ )?(?:named|awarded|rated|voted|shortlisted|recognized|recognised|featured|selected|ranked)")
WE_PITCH = _C(r"\bwe(?:'ve| have)? (?:just |recently |now |also |really |already |proudly |typically |usually )?(?:" + _SELL_VERBS + r")\b"
              r"|\bour (?:[\w-]+ ){0,3}?(?:" + PRODUCT_NOUNS + r")\b")
OUR_ANY = _C(r"\bour (?!(?:[\w'-]+ ){0,2}?(?:noticed|saw|spotted|read|heard|found|looked|learned)\b)(?!(?:[\w'-]+ ){0,3}?(?:call|conversation|chat|meeting|discussion|talk|note|notes|email|emails|message|exchange|"
             r"time|offer|proposal|quote|agreement|contract|intro|introduction|connection|mutual|shared|friend|booth|session|catch-up|thread|side|end|way|own|"
             r"benchmark|report|study|research|survey|guide|checklist|playbook|findings|data|analysis|article|template|office|offices|centre|center|site|"
             r"building|warehouse|factory|plant|facility|hq|headquarters|stand|calendar|invite|conversations|discussions|"
             r"showroom|store|branch|depot|yard|lab|studio|clinic|premises|location|demo|visit|webinar recording)\b)")
PRODUCT_SUBJECT = Either(
    Start(r"(?:the|this|that|it|our) (?:new )?(?:platform|tool|solution|product|app|software|system|service|module|feature|dashboard|integration|engine|suite)s? "
          r"(?:lets|helps|gives|is|does|makes|connects|integrates|automates|can|will|works|includes|comes|saves|cuts|handles|tracks|syncs|"
          r"plugs|sits|pulls|pushes|flags|alerts|sends|shows|turns|takes|runs|replaces|removes)\b"
          r"|with (?:our|the|this) (?:\w+ ){0,3}(?:platform|tool|solution|product|app|software|system|service)\b|with [\w-]+(?: [\w-]+)?, you(?:'ll| will)? (?:can|get|have|'ll)\b|you deserve\b|i (?:help|work with) (?:companies|teams|businesses|firms|brands|organi[sz]ations|leaders|founders)\b"
          r"|i(?:'ve| have)? (?:helped|worked with|partnered with|built|launched|founded|started)\b"
          r"|(?:the|this) (?:space|property|unit|building|site|facility|venue|suite|office|warehouse) (?:features|offers|includes|has|comes with|boasts)\b"
          r"|it (?:integrates|connects|syncs|automates|works with|plugs|lets|gives|helps|runs|comes with|includes|takes (?:just|only|\d))\b"),
    Guarded(r"\b(?:we|our|us|with it)\b.{0,60}\b(?:save|saves|saved|cut|cuts|reduce|reduces|reduced|increase|increases|boost|boosts|improve|improves|grow|double|triple)\w* (?:[\w$-]+ ){0,5}(?:by |up to )?\d+(?:\.\d+)?\s?(?:%|x\b|percent)",
            ("%", "percent", "x ")),
    Guarded(r"\bin (?:just |only )?(?:\d+|a few|minutes|seconds) (?:minutes|clicks|seconds)\b", ("minutes", "clicks", "seconds")),
    Guarded(r"\bi (?:specialize|specialise|focus) (?:in|on)\b|\bi (?:currently )?have (?:several|a few|\d+|some|three|two|five) (?:\w+ )?(?:candidates|profiles|spots|slots|openings|units|listings|properties)\b",
            ("speciali", "focus", "have ")),
    Guarded(r"\b(?:use|uses|used|trust|trusts|rely on|relies on|chose|switched to) us\b", (" us",)),
)
CUSTOMER_STORY = _C(r"\b(?:called|calling|came to|hired|brought in|reached out to|switched to|chose) us\b|\b(?:customers|clients) (?:like|such as|including)\b|\bone of our (?:customers|clients)\b|\b(?:customers|clients) (?:typically|usually|often|see|report|save|cut)\b")
PRICE = Guarded(r"[$€£]\s?\d[\d,.]*\s*(?!k\b|m\b|million|billion|bn\b).{0,25}\b(?:per|/|a|each)\s?(?:seat|user|month|year|licen[cs]e|mo|yr|head)\b|[$€£]\s?\d[\d,.]*\s*(?:per|a|each) [a-z]+|[$€£]\s?\d[\d,.]*\s*/\s?[a-z]+|\b(?:asking|list) (?:rate|price)\b|\bpricing is\b|\b\d+% off\b|\bwhat's included\b|\bincluded in\b", ('$', '€', '£', 'pricing', '% off', 'included'))
PITCH_AT_YOU = Guarded(r"\byou(?:'ll| will) (?:love|like|enjoy|save|never|wonder|be able|get)\b|^you get\b|\bexactly what you need\b|\bperfect (?:fit )?for you\b|\bwe think you'll\b"
                  r"|\b(?:it|this) will (?:transform|change|revolutionize|revolutionise|supercharge)\b|\bshow you (?:our|how we|what we)\b|\bwhat we (?:can )?do\b"
                  r"|\b(?:excited|thrilled|delighted|pleased|proud) to (?:share|announce|introduce|tell you|show you|present)\b|\b(?:lived|live|do|cope) without it\b"
                  r"|\bwill wonder how\b|\bwould (?:really )?benefit\b|\b(?:your [\w-]+|they) will (?:actually |really )?(?:love|enjoy|thank)\b|\byour [\w-]+ gets?\b", ("benefit", "your ", "they will", "you'll", 'you will', 'you get', 'exactly what', 'perfect', 'we think', ' will ', 'show you', 'what we', 'excited', 'thrilled', 'delighted', 'pleased', 'proud', 'without it', 'wonder'))
BRAND_SUBJECT = _C(r"^(?!(?:The|This|That|These|Those|It|There|Here|What|How|Why|Where|Who|Which|Whether|Your|Our|My|We|I|You|He|She|They|Most|Many|Teams|Some|Every|Each|Since|When|If|As|After|Before|Last|Next|Thanks|Congratulations|Hi|Hello|Dear|Everyone|Everybody|Nobody|Someone|Something|Everything|Nothing|Anyone|Today|Yesterday|Tomorrow|One|Two|Three|Both|All|Half|Any|Another|Each|Such|So|And|But|Or|Also)\b)"
                   r"([A-Z][a-zA-Z0-9]+(?:[ -][A-Z][a-zA-Z0-9]+)?)(?:'s)? (?:is|helps|lets|gives|makes|offers|provides|customers|users|clients|was|has|was named|integrates|connects|automates|includes|policies)\b")
INSIGHT = _C(r"\b(?:teams|companies|customers|clients|firms|brands|people|folks|leaders|operators|retailers|buyers|\w+s) (?:we|i) (?:work with|talk to|talk with|speak with|speak to|meet|see|surveyed|interviewed)\b")
DELIVERY = _C(r"^(?:attached (?:is|are)|here (?:is|are)|here's|please find|i've attached|as promised|attached you'll find|i've put)\b.{0,60}\b(?:quote|slides|deck|proposal|report|invoice|contract|recording|summary|checklist|link|notes|breakdown|file|agenda|numbers|study|pricing)\b")
BRAND_POSSESSIVE = _C(r"^([A-Z][a-zA-Z0-9]+)'s (?:[\w-]+ ){0,3}(?:delivers|offers|provides|lets|gives|helps|includes|features|comes|uses|connects|automates|cuts|saves)\b")
PRODUCT_WORD = _C(r"\b" + PRODUCT_NOUNS + r"\b")
OBSERVATION = _C(r"\b(?:noticed|saw|spotted|read|heard|see) (?:that )?(?:your|you)\b")
BRAND_CLAIM = _C(r"\b(?:is|are) (?:the|a|an) (?:[\w'’-]+ ){0,2}(?:leading|largest|fastest|only|first|best|biggest|premier|top|#1|all-in-one|fastest-growing|number one|[a-z]+est)\b")
PROSPECT_CUE = Guarded(r"^(?:congratulations|congrats|saw|noticed|read|loved your|great to see)\b|^i (?:was reading|read|saw|noticed|came across|was looking at|spotted)\b|\byou mentioned\b|\byou said\b|\byou wrote\b|\bsounds like\b", ('congrat', 'saw', 'noticed', 'read', 'loved', 'great to see', 'you mentioned', 'you said', 'you wrote', 'sounds like'))
PLEASANTRY = _C(r"^(?:i )?hope (?:this|you|all|your|things|the)\b|^(?:i )?trust (?:this|you)\b|^thanks? (?:you )?for\b|^happy \w+day\b|^it was (?:great|good|nice)\b|^(?:great|good|nice|lovely) to (?:meet|see|speak|chat)\b")
CTA_OFFER = _C(r"^(?:or |and |also )?(?:i|we) (?:can|could|'d be happy to|would be happy to|'m happy to|am happy to) (?:also )?(?:send|share|introduce|walk|set up|put together|forward|bring)\b")
LIST_INTRO = _C(r"\b(?:new|includ\w*|features?|what you get|here's what (?:you get|we|our|it|'s included|is included)|offers?|comes with|plans?|pricing|benefits?|highlights|this week's|price list)\b|\b(?:you can|you get|you'll get|gives you)\s*:\s*$")
PROCESS = _C(r"\b(?:haven't|have not|didn't|did not) hear(?:d)?\b|\bmy (?:last |previous |earlier )?(?:\w+ )?(?:email|note|message)s?\b|\bwent quiet\b|\bclose (?:your|the|out) file\b")


SELF_MARK = re.compile(r"\b(?:we|we've|we're|we'd|we'll|our|ours|us)\b")


def seller_weight(sentence: str) -> int:
    """How much selling one sentence carries: one per we/our clause, at most three."""
    return max(1, min(3, len(SELF_MARK.findall(plain(sentence)))))


def is_self_intro(sentence: str) -> bool:
    return bool(SELF_INTRO.search(plain(sentence)))


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
    return any(re.search(rf"\b{re.escape(n)}\b", sentence) for n in names)


STORY = _C(r"\b(?:they|their|they've|they're)\b")
PAST = _C(r"\b(?:\w+ed|had|was|were|went|fell|grew|cut|ran|spent|saw|got|took|made|built|rolled|won|lost|paid|kept|brought|began)\b")
QUANTITY = _C(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|half|a third|a quarter)\b")


def _story_sentences(sentences) -> list[int]:
    """Sentences narrating what a third party did, with numbers: a customer story."""
    out = []
    for i, s in enumerate(sentences):
        low = plain(s.text)
        if STORY.search(low) and not mentions_prospect(low) and PAST.search(low) and QUANTITY.search(low):
            out.append(i)
    return out


def orient_all(sentences, seller_names: frozenset[str] = frozenset()) -> list[str]:
    """Orientation of every body sentence.

    Items of a list introduced as features/pricing are 'data'; a customer story told
    over three or more sentences ("They rolled out … Within six weeks downtime fell
    31% …") is proof about the seller, so its sentences count as 'seller'.
    """
    repeated = repeated_names(sentences)
    sides = [orient(s.text, repeated_names=repeated, seller_names=seller_names) for s in sentences]
    story = _story_sentences(sentences)
    if len(story) >= 3:
        for i in story:
            if sides[i] == "neutral":
                sides[i] = "seller"
    for i, s in enumerate(sentences):
        if not s.list_item or s.is_question or sides[i] == "seller":
            continue
        before = [j for j in range(i - 1, -1, -1) if not sentences[j].list_item][:2]
        if not before:
            continue
        intro_at = before[0]
        intro = sentences[intro_at]
        if intro.text.rstrip().endswith(":"):
            before = before[:1]  # "Most teams are dealing with:" introduces its own list
        # Items under "We provide:" / "Here's what it does:" / a seller paragraph are the product's features,
        # even when they say "you" ("Your site live in 48 hours"); items under "A few things I noticed:" are not.
        if any(sides[j] in ("seller", "data") for j in before) or (intro.text.rstrip().endswith(":") and LIST_INTRO.search(plain(intro.text))):
            sides[i] = "data"
        elif sides[i] == "neutral" and intro.text.rstrip().endswith(":") and not mentions_prospect(plain(s.text)) \
                and orient(intro.text, seller_names=seller_names) in ("seller", "data"):
            sides[i] = "data"
    return sides


def orient(sentence: str, *, repeated_names: frozenset[str] = frozenset(),
           seller_names: frozenset[str] = frozenset()) -> str:
    """'seller', 'prospect', 'data' (prices, feature lists) or 'neutral' for one body sentence."""
    low = INSIGHT.sub("peers", plain(sentence))  # "retailers we work with saw…" is an insight, not a pitch
    if CTA_OFFER.search(low) or DELIVERY.search(low):
        return "neutral"
    side = sentence_side(low, seller_names)
    if side != "seller" and PRICE.search(low):
        return "data"
    if side is not None:
        return side
    return selling_copy(sentence, low, repeated_names=repeated_names, seller_names=seller_names)


def selling_copy(sentence: str, low: str | None = None, *, repeated_names: frozenset[str] = frozenset(),
                 seller_names: frozenset[str] = frozenset()) -> str:
    """The side by selling words alone (we offer, our platform, brand claims, prices), whoever the subject.

    Used when the subject decides nothing, and in a delivery note, where "we" sentences
    about the work they asked for are neutral unless they carry selling copy.
    """
    if low is None:
        low = INSIGHT.sub("peers", plain(sentence))
    if OBSERVATION.search(low):
        return "prospect"
    if (SELF_INTRO.search(low) or WE_PITCH.search(low) or PITCH_AT_YOU.search(low) or OUR_ANY.search(low)
            or CUSTOMER_STORY.search(low) or PRODUCT_SUBJECT.search(low)):
        return "seller"
    if seller_names and mentions_name(sentence, seller_names) and not low.startswith(("your ", "you ", "you're ", "you've ")):
        return "seller"
    if BRAND_POSSESSIVE.match(sentence.strip()):
        return "seller"
    if repeated_names and mentions_name(sentence, repeated_names) and not low.startswith(("your ", "you ")):
        return "seller"  # "Over 2,000 companies use Spendwise": the brand that pitches itself elsewhere
    if PRICE.search(low):
        return "data"
    if lexicon_matcher("self-praise").search(low):
        return "seller"
    brand = brand_name(sentence)
    if brand and seller_names and not any(brand.startswith(n) or n.startswith(brand) for n in seller_names):
        brand = None  # we know who the sender is, and this name is someone else (often the prospect)
    if brand and (brand in repeated_names or brand.split()[0] in repeated_names or PRODUCT_WORD.search(low) or BRAND_CLAIM.search(low)):
        return "seller"
    if PROCESS.search(low) or is_pleasantry(sentence):
        return "neutral"
    if mentions_prospect(low) or PROSPECT_CUE.search(low):
        return "prospect"
    return "neutral"
