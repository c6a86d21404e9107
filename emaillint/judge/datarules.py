"""Rules written as data: ``rules/*.yaml``, a closed set of kinds (Vale's ``extends``).

Kinds:
  existence     flag each match of ``tokens`` / ``patterns`` / a ``lexicon``
  substitution  like existence, plus ``swap`` (phrase -> better phrase) as a fix

``opening: N`` limits a rule to the opening: the first N sentences of the body
(after the greeting), which is what the inbox preview shows beside the subject.

``fix: {action, safety, why}`` is the fix a rule offers, and how safe it is (see
``emaillint.base.problem.FIX_SAFETY`` and docs/fixes.md): ``swap`` replaces the match
with its ``swap`` phrase; ``remove-sentence`` removes the sentence, but only when the
rule's matches are the whole sentence (nothing is left but the glue words of
``rules/lexicons/sentence-glue.txt``) and the body has another sentence.

Keys are validated on load; an error names the file and the key. The checked
data comes pre-built (``emaillint.base.prebuilt``), and a pattern is compiled
once per process, on first use. A match is skipped when it sits inside quotation
marks, follows a negation ("this isn't a 'just checking in' note"), or when an
``exceptions`` pattern matches the same sentence (e.g. "as promised" makes
"following up" a delivery, not a chase).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from emaillint.base.lexicons import lexicon, lexicon_set
from emaillint.anatomy.sentences import MAX_SENTENCE
from emaillint.base.phrases import PhraseMatcher, token_words
from emaillint.base.problem import Edit, Finding, Fix, Level
from emaillint.base.prefilter import Prefiltered, required_pieces
from emaillint.judge.spec import Rule, RuleSpec
from emaillint.base.vocabulary import CATEGORIES, EMAIL_KINDS

KINDS = ("existence", "substitution")
SCOPES = ("subject", "greeting", "body")
REQUIRED = ("code", "name", "category", "kind", "level", "message")
ALLOWED = set(REQUIRED) | {
    "principle", "summary", "why", "example", "instead", "scope", "kinds", "tokens", "patterns", "lexicon",
    "exceptions", "swap", "suggestion", "suggest", "ignorecase", "negation", "max", "examples", "options", "actor",
    "opening", "fix",
}
FIX_ACTIONS = ("swap", "remove-sentence")
_CLAUSE_START = re.compile(r"[.,;:!?()\n—–]")
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i've|i'd|i'll|me|my|we|we're|we've|we'd|us|our|just|wanted|quick|quickly)\b", re.I)
_OTHER_SUBJECT = re.compile(r"\b(?:you|your|yours|they|their|he|she|his|her|guests|customers|clients|drivers|reps|staff|team|teams|"
                            r"people|everyone|planners|buyers|users|managers|patients|visitors|candidates|employees|agents)\b", re.I)
_OWN_MATERIAL = re.compile(r"\b(?:my|our) (?:last |previous |earlier |recent )?(?:email|e-mail|note|message|proposal|deck|quote|voicemail|mail)s?\b", re.I)
_OPEN_SINGLE = re.compile(r"(?:^|\s)'[^']*$")  # a single quote opened before the match and not closed
# A negation just before a match: it ends where the match starts and is at most 24 characters long (11 for
# "rather than", 12 after it, and a newline "$" may stand before), so only the last NEGATION_REACH characters are
# searched (the look-behind of \b still sees the one before them)
NEGATION_REACH = 30
_NEGATION = re.compile(r"(?:\b(?:not(?! sure)|no|never|isn't|aren't|wasn't|won't|don't|without|instead of|rather than)\b[\w\s'\"“‘-]{0,12})$", re.I)


class RuleFileError(ValueError):
    """A data rule file that does not validate; the message names file and key."""


def _fail(path: Path, key: str, why: str) -> None:
    raise RuleFileError(f"{path.name}: key '{key}': {why}")


_STR_KEYS = ("code", "name", "category", "kind", "level", "message", "summary", "why", "example", "instead",
             "suggestion", "suggest", "lexicon", "actor")
_LIST_KEYS = ("scope", "kinds", "tokens", "patterns", "exceptions")
_FIELDS = ("match", "better")  # the only fields a message or suggestion may name


def _check_types(data: dict, path: Path) -> None:
    """Wrong types are one line naming the key, never a traceback later on."""
    for key in _STR_KEYS:
        if key in data and data[key] is not None and not isinstance(data[key], str):
            _fail(path, key, f"must be text, not {type(data[key]).__name__}")
    for key in _LIST_KEYS:
        value = data.get(key)
        if value is not None and (not isinstance(value, list) or not all(isinstance(v, str) for v in value)):
            _fail(path, key, "must be a list of strings")
    for key in ("ignorecase", "negation"):
        if key in data and not isinstance(data[key], bool):
            _fail(path, key, "must be true or false")
    if "max" in data and data["max"] is not None and (isinstance(data["max"], bool) or not isinstance(data["max"], int)
                                                     or data["max"] < 0):
        _fail(path, "max", "must be a whole number, 0 or more")
    principle = data.get("principle")
    if principle is not None and (isinstance(principle, bool) or not isinstance(principle, int)):
        _fail(path, "principle", "must be a whole number")
    swap = data.get("swap")
    if swap is not None and (not isinstance(swap, dict)
                             or not all(isinstance(k, str) and isinstance(v, str) for k, v in swap.items())):
        _fail(path, "swap", "must map phrases to replacement phrases (text to text)")
    for key in ("examples", "options"):
        if data.get(key) is not None and not isinstance(data[key], dict):
            _fail(path, key, "must be a mapping")
    for key in ("message", "suggestion"):
        if isinstance(data.get(key), str):
            _check_format(data[key], path, key)


def _check_format(text: str, path: Path, key: str) -> None:
    """Messages may say {match} and {better}; nothing else (no {0.__class__}, no {match:>999999999})."""
    import string

    try:
        fields = [(name, spec, conv) for _, name, spec, conv in string.Formatter().parse(text) if name is not None]
    except ValueError as exc:
        _fail(path, key, f"bad braces ({exc}); write {{{{ and }}}} for literal braces")
    for name, spec, conv in fields:
        if name not in _FIELDS or spec or conv:
            _fail(path, key, f"'{{{name}{'!' + conv if conv else ''}{':' + spec if spec else ''}}}' is not allowed: "
                             "only {match} and {better} may appear")


def _validate(data: Any, path: Path) -> dict:
    if not isinstance(data, dict):
        raise RuleFileError(f"{path.name}: a rule file must be a mapping")
    for key in data:
        if key not in ALLOWED:
            _fail(path, key, "unknown key")
    for key in REQUIRED:
        if key not in data:
            _fail(path, key, "missing")
    _check_types(data, path)
    if data["kind"] not in KINDS:
        _fail(path, "kind", f"must be one of {', '.join(KINDS)}")
    if not re.fullmatch(r"EL\d{3}", str(data["code"])):
        _fail(path, "code", "must look like EL123")
    if data["category"] not in CATEGORIES:
        _fail(path, "category", f"unknown category '{data['category']}'")
    for scope in data.get("scope", []):
        if scope not in SCOPES:
            _fail(path, "scope", f"'{scope}' is not one of {', '.join(SCOPES)}")
    for kind in data.get("kinds") or []:
        if kind not in EMAIL_KINDS:
            _fail(path, "kinds", f"'{kind}' is not one of {', '.join(EMAIL_KINDS)}")
    if not (data.get("tokens") or data.get("patterns") or data.get("lexicon") or data.get("swap")):
        _fail(path, "tokens", "give tokens, patterns, lexicon or swap")
    if data.get("actor", "sender") != "sender":
        _fail(path, "actor", "the only actor is 'sender'")
    opening = data.get("opening")
    if opening is not None and (isinstance(opening, bool) or not isinstance(opening, int) or opening < 1):
        _fail(path, "opening", "must be a whole number of sentences, 1 or more")
    if data["kind"] == "substitution" and not isinstance(data.get("swap"), dict):
        _fail(path, "swap", "a substitution rule needs a swap mapping")
    if "fix" in data:
        _check_fix(data, path)
    try:
        Level.parse(str(data["level"]))
    except ValueError as exc:
        _fail(path, "level", str(exc))
    return data


def _check_fix(data: dict, path: Path) -> None:
    fix = data["fix"]
    if not isinstance(fix, dict) or set(fix) != {"action", "safety", "why"}:
        _fail(path, "fix", "must be a mapping of action, safety and why")
    if fix["action"] not in FIX_ACTIONS:
        _fail(path, "fix", f"action must be one of {', '.join(FIX_ACTIONS)}")
    if fix["safety"] not in ("safe", "unsafe"):
        _fail(path, "fix", "safety must be safe or unsafe")
    if not isinstance(fix["why"], str) or not fix["why"].strip():
        _fail(path, "fix", "why must say, in a sentence, why the fix is safe or not")
    if (fix["action"] == "swap") != (data["kind"] == "substitution"):
        _fail(path, "fix", "the swap action is for substitution rules, and a substitution rule's fix is its swap")


# What lets a regular expression look beyond the text it matches: anchors and look-arounds. A pattern with none of
# them that matches in a sentence matches in the paragraph that holds it too; one with them may not ("^", "$").
_LOOKS_AROUND = ("^", "$", "\\A", "\\Z", "\\B", "(?=", "(?!", "(?<")


class Matcher:
    """Phrases (looked up word by word) plus optional regular expressions."""

    def __init__(self, phrases: PhraseMatcher, pattern: Prefiltered | None):
        self.phrases = phrases
        self.pattern = pattern
        # True: whatever matches in a sentence matches in its paragraph, so sentences of paragraphs where nothing
        # matched need no search (phrases never span punctuation, and a sentence is a slice of its paragraph)
        self.local = pattern is None or not any(sign in pattern.pattern for sign in _LOOKS_AROUND)

    def search(self, text: str) -> bool:
        return self.phrases.search(text) or bool(self.pattern and self.pattern.search(text))

    def finditer(self, text: str) -> list[tuple[int, int]]:
        spans = list(self.phrases.finditer(text))
        if self.pattern:
            spans += [m.span() for m in self.pattern.finditer(text)]
        spans.sort(key=lambda s: (s[0], -s[1]))
        out: list[tuple[int, int]] = []
        for span in spans:
            if not out or span[0] >= out[-1][1]:
                out.append(span)
        return out


def _sources(data: dict) -> tuple[tuple[str, int] | None, tuple[str, int] | None]:
    """(the main pattern, the exceptions pattern) of a rule as (source, flags); None where it has none."""
    listed = data.get("patterns") or []
    main = ("|".join(f"(?:{s})" for s in listed), int(re.I) if data.get("ignorecase", True) else 0) if listed else None
    excepted = data.get("exceptions") or []
    return main, ("|".join(f"(?:{p})" for p in excepted), int(re.I)) if excepted else None


def _prebuilt_patterns(data: dict, path: Path) -> list:
    """[source, flags, literal pieces] of the main and the exceptions pattern (None where a rule has none), each
    compiled once here so a rule file with a broken pattern fails on load, naming it."""
    out = []
    for source in _sources(data):
        if source is None:
            out.append(None)
            continue
        try:
            re.compile(*source)
        except re.error as exc:
            raise RuleFileError(f"{path.name}: key 'patterns': invalid regular expression ({exc})") from None
        out.append([*source, required_pieces(*source)])
    return out


def _inside_quotes(sentence: str, rel: int) -> bool:
    before = sentence[:rel]
    straight = before.count('"') % 2 == 1
    curly = before.count("“") > before.count("”") or before.count("‘") > before.count("’")
    single = "'" in before and _OPEN_SINGLE.search(before) is not None
    return straight or curly or single


def _negated(sentence: str, start: int) -> bool:
    """Does a negation stand just before ``start`` ("this isn't a 'just checking in' note")?"""
    return _NEGATION.search(sentence, max(0, start - NEGATION_REACH), start) is not None


def _someone_else_does_it(sentence: str, start: int) -> bool:
    """'Your reps are touching base…': the phrase describes the prospect's world, not the sender chasing.

    A question to the prospect, or a sentence about the sender's own note or
    proposal, is still a chase ("Has your team had a chance to review my proposal?").
    """
    if sentence.rstrip().endswith("?") or _OWN_MATERIAL.search(sentence):
        return False
    clause = _CLAUSE_START.split(sentence[:start])[-1]
    return bool(_OTHER_SUBJECT.search(clause)) and not _FIRST_PERSON.search(clause)


_PREFILTER_MAX = 2000  # characters


class Gate:
    """Which of a run's data rules could match a text, worked out for all of them at once.

    Each rule would otherwise test every paragraph itself: its one-word phrases, the key words of its
    longer phrases, its pattern. Here the words of a text meet the one-word phrases and the key words of
    every rule in one set intersection, and only a rule still in doubt tries its own longer phrases and
    pattern. The answer for each rule is its own ``Matcher.search``; only the work is shared."""

    _KEPT = 256  # texts remembered: an email's parts are asked about by every rule, then never again

    def __init__(self, matchers: tuple[Matcher, ...]):
        self.bits = {matcher: 1 << i for i, matcher in enumerate(matchers)}
        self.single: dict[str, int] = {}  # a word -> the rules that have it as a one-word phrase
        self.by_key: dict[str, list[tuple[int, str, tuple[str, ...]]]] = {}  # see PhraseMatcher.by_key
        for matcher, bit in self.bits.items():
            for word in matcher.phrases.single_words:
                self.single[word] = self.single.get(word, 0) | bit
            for key, entries in matcher.phrases.by_key.items():
                self.by_key.setdefault(key, []).extend((bit, first, seq) for first, seq in entries)
        self.single_words = frozenset(self.single)
        self.keys = frozenset(self.by_key)
        self.phrases = {bit: matcher.phrases for matcher, bit in self.bits.items()}
        self.patterns = [(bit, matcher.pattern) for matcher, bit in self.bits.items() if matcher.pattern]
        self._masks: dict[str, int] = {}

    def mask(self, text: str) -> int:
        """The bits of the rules whose phrases or pattern match somewhere in ``text``."""
        found = self._masks.get(text)
        if found is None:
            if len(self._masks) >= self._KEPT:
                self._masks.clear()
            found = self._masks[text] = self._work_out(text)
        return found

    def _work_out(self, text: str) -> int:
        words = token_words(text)
        mask = 0
        for word in self.single_words & words:
            mask |= self.single[word]
        firsts: dict[int, set[str]] = {}
        for key in self.keys & words:
            for bit, first, seq in self.by_key[key]:
                if not mask & bit and words.issuperset(seq):
                    firsts.setdefault(bit, set()).add(first)
        for bit, candidates in firsts.items():
            if self.phrases[bit].found_at(text, candidates):
                mask |= bit
        for bit, pattern in self.patterns:
            if not mask & bit and pattern.search(text):
                mask |= bit
        return mask


@lru_cache(maxsize=8)
def gate(matchers: tuple[Matcher, ...]) -> Gate:
    """The gate of one set of data rules (a run's rules are the same from one email to the next)."""
    return Gate(matchers)


def gate_for(rules) -> Gate:
    """The gate of the data rules among ``rules``."""
    return gate(tuple(m for rule in rules if (m := getattr(rule.check, "matcher", None)) is not None))


def _anywhere(ctx, main: Matcher, scope: tuple[str, ...]) -> bool:
    """Could the rule match in any part of its scope? Worked out once per email and scope for every data rule
    of the run at once (the union of its parts' gate masks), so a rule that matches nowhere, the usual case,
    stops here without listing parts. A part too long for the gate counts as a match."""
    shared = ctx.shared
    own = shared.data_gate if shared is not None else None
    if own is None or main not in own.bits:
        return True  # a rule run on its own (the rule tests): _open_parts decides
    masks = shared.scope_masks
    mask = masks.get(scope)
    if mask is None:
        mask = 0
        for part in ctx.parts_in(scope):
            mask |= -1 if len(part.text) > _PREFILTER_MAX else own.mask(part.text)
        masks[scope] = mask
    return bool(mask & own.bits[main])


def _open_parts(ctx, main: Matcher, parts: list) -> list:
    """The parts where the rule's phrases or pattern match, plus every very long part (a very long part goes
    straight to its bounded sentences, since some rule patterns are superlinear in the length of the text
    they search)."""
    shared = ctx.shared
    own = shared.data_gate if shared is not None else None
    if own is None or main not in own.bits:
        own = gate((main,))  # a rule run on its own (the rule tests)
    bit = own.bits[main]
    return [part for part in parts if len(part.text) > _PREFILTER_MAX or own.mask(part.text) & bit]


def _in_parts(sentences: list, parts: list) -> list:
    """The sentences that lie in one of the parts."""
    spans = sorted((p.start, p.end) for p in parts)
    starts = [a for a, _ in spans]
    kept = []
    for sentence in sentences:
        i = bisect_right(starts, sentence.start) - 1
        if i >= 0 and sentence.start < spans[i][1]:
            kept.append(sentence)
    return kept


def make_check(data: dict, main: Matcher, exceptions: list[Prefiltered]):
    """The check function of a data rule."""
    scope = tuple(data.get("scope") or ("subject", "body"))
    negation = data.get("negation", True)
    swap = {k.lower(): v for k, v in (data.get("swap") or {}).items()}
    limit = int(data.get("max", 0) or 0)
    sender_only = data.get("actor") == "sender"
    opening = int(data.get("opening") or 0)
    message, suggestion = data["message"], data.get("suggestion")
    action = (data.get("fix") or {}).get("action")

    def check(ctx) -> Iterator[Finding]:
        if not _anywhere(ctx, main, scope):
            return
        parts = ctx.parts_in(scope)
        matching = _open_parts(ctx, main, parts)  # a cheap whole-part pre-filter
        if not matching:
            return
        count = 0
        sentences = ctx.sentences_in(scope)
        if opening:
            sentences = [s for s in sentences if not s.list_item][:opening] if "body" in scope else []
        if main.local and len(matching) < len(parts):
            # only the sentences of the parts where something matched; a part longer than MAX_SENTENCE counts
            # whole, as its sentences may be cut mid-word and a piece cut so can match where the part does not
            sentences = _in_parts(sentences, matching + [p for p in parts if len(p.text) > MAX_SENTENCE])
        for sentence in sentences:
            text = sentence.text
            spans = main.finditer(text)
            if not spans or (exceptions and any(e.search(text) for e in exceptions)):
                continue  # exceptions only run on the few sentences that match
            kept = [(start, end) for start, end in spans
                    if not (negation and (_inside_quotes(text, start) or _negated(text, start)))
                    and not (sender_only and _someone_else_does_it(text, start))]
            removal = _sentence_removal(ctx, sentence, kept) if action == "remove-sentence" and kept else None
            for start, end in kept:
                count += 1
                if limit and count > limit:
                    return
                yield _finding(sentence.start + start, sentence.start + end, text[start:end], message, suggestion,
                               swap, removal)

    check.matcher = main  # for the gate of a run's data rules
    return check


def _sentence_removal(ctx, sentence, spans: list[tuple[int, int]]) -> Fix | None:
    """Remove the whole sentence, when the rule's matches are all of it and the body says something else too.

    "Sorry to bother you, I know you're busy." is two apologies and nothing more: removing it loses
    nothing. "Sorry to bother you, but the study is attached." keeps its second half, so no fix. The
    engine's tidying takes the space or the line the sentence leaves behind."""
    body = ctx.email.sentences()
    if len(body) < 2 or not any(s.start == sentence.start for s in body):
        return None
    text, covered = sentence.text, 0
    rest = []
    for start, end in spans:
        rest.append(text[covered:start])
        covered = end
    rest.append(text[covered:])
    glue = lexicon_set("sentence-glue")
    if any(word.lower().replace("’", "'") not in glue for word in _WORDS.findall(" ".join(rest))):
        return None
    shown = text if len(text) <= 40 else text[:37].rstrip() + "…"
    return Fix(f"Remove the sentence '{shown}'", (Edit(sentence.start, sentence.end, ""),))


_WORDS = re.compile(r"[\w'’]+")


def _finding(start: int, end: int, match: str, message: str, suggestion: str | None, swap: dict,
             fix: Fix | None = None) -> Finding:
    fields = {"match": " ".join(match.split())}
    better = swap.get(fields["match"].lower().replace("’", "'"))
    if better is not None:
        fields["better"] = better
        title = f"Replace with '{better}'" if better else f"Remove '{fields['match']}'"
        fix = Fix(title, (Edit(start, end, better),))
    return Finding(start, end, message.format(**fields), suggestion.format(**fields) if suggestion else None, fix)


def read_rule_file(path: Path) -> dict:
    """One YAML rule file parsed and checked, as plain data (what ``emaillint.base.prebuilt`` stores):
    ``{"origin", "data", "patterns"}``; raises RuleFileError naming the file and the key."""
    from emaillint.read.frontmatter import FrontMatterError, load_yaml

    try:
        data = _validate(load_yaml(path.read_text(encoding="utf-8")), path)
    except FrontMatterError as exc:
        raise RuleFileError(f"{path.name}: {exc}") from None
    except UnicodeDecodeError as exc:
        raise RuleFileError(f"{path}: not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at offset {exc.start})") from None
    except OSError as exc:
        raise RuleFileError(f"{path}: cannot read ({exc.strerror or exc})") from None
    data = {k: v for k, v in data.items() if k != "examples"}  # the tests read them from the file
    return {"origin": str(path), "data": data, "patterns": _prebuilt_patterns(data, path)}


def rule_from(entry: dict, extra_tokens: dict[str, tuple[str, ...]] | None = None) -> Rule:
    """The Rule a :func:`read_rule_file` entry describes, with the house phrases ``extra_tokens`` (by code or name)
    added to its phrases. Its patterns compile on first use."""
    data = entry["data"]
    extra = (extra_tokens or {}).get(data["code"], ()) + (extra_tokens or {}).get(data["name"], ())
    phrases = list(data.get("tokens") or []) + list(extra) + list(data.get("swap") or {})
    if data.get("lexicon"):
        phrases += list(lexicon(data["lexicon"]))
    # a rule reads where its patterns match, never what they matched (the message quotes the sentence itself)
    main, excepted = (Prefiltered(*p, positions_only=True) if p else None for p in entry["patterns"])
    spec = RuleSpec(
        code=data["code"], name=data["name"], category=data["category"], principle=data.get("principle"),
        level=Level.parse(str(data["level"])), summary=data.get("summary", data["message"].split(";")[0]),
        why=data.get("why", ""), example=data.get("example", ""), instead=data.get("instead", ""),
        options=dict(data.get("options") or {}), kinds=tuple(data["kinds"]) if data.get("kinds") else None,
        suggest_template=data.get("suggest"), origin=entry["origin"],
        fix=_fix_of(data)["safety"], fix_safety=_fix_of(data)["why"],
    )
    return Rule(spec, make_check(data, Matcher(PhraseMatcher(phrases), main), [excepted] if excepted else []))


def _fix_of(data: dict) -> dict:
    """The rule's declared fix; a substitution rule that declares none (a user's rule file) still offers
    its swap, but only for review."""
    if data.get("fix"):
        return data["fix"]
    if data["kind"] == "substitution":
        return {"action": "swap", "safety": "unsafe", "why": "The rule file does not say that its swaps are safe."}
    return {"action": None, "safety": None, "why": ""}


def load_rule_file(path: Path, extra_tokens: dict[str, tuple[str, ...]] | None = None) -> Rule:
    """Load, validate and check one YAML rule file (no pre-built data: the tests and one-off tools)."""
    return rule_from(read_rule_file(path), extra_tokens)


def examples(path: Path) -> dict:
    """The pass/fail examples a rule file carries (used by the rule tests)."""
    from emaillint.read.frontmatter import load_yaml

    data = load_yaml(path.read_text(encoding="utf-8"))
    return data.get("examples") or {}
