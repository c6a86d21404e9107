"""Regular expressions behind a cheap literal test, so that each sentence pays only for what it could match.

The data rules and the analysers hold patterns of dozens of alternatives ("following up on my…",
"did you get a chance to…", …) and try them on every sentence of every email. Python's ``re``
tries every alternative at every position, so a 35-alternative pattern costs tens of µs on a
90-character sentence even when nothing can match. From the parsed pattern we take, for each
alternative, a literal piece it cannot match without (the longest such piece, or one of several
pieces when the alternative branches, or any digit for ``\\d``); if none of the pieces is in the
text, the pattern cannot match and the regex never runs. The answer is the same either way; only
the time differs. Patterns with an alternative that has no such piece get no filter.

A text that holds some pieces of a big pattern (four alternatives or more) runs a pattern made of
only the alternatives whose own pieces it holds, in their original order, so the first match and
every span are the same as the whole pattern's.
"""
from __future__ import annotations

import re
import weakref
from functools import cache, lru_cache

from emaillint.base import codecache

MIN_PIECE = 3  # a literal shorter than this (a digit aside) is in nearly every sentence: no use as a filter
_DIGITS = frozenset("0123456789")


class Prefiltered:
    """A pattern compiled on first need, run only on texts that hold one of its literal pieces.

    The pieces can come pre-built (data rules carry them, see ``emaillint.base.prebuilt``);
    otherwise they are worked out from the parsed pattern once the pattern has been tried
    WARM_UP times, so that a one-draft run never pays for parsing it twice.
    """

    __slots__ = ("pattern", "flags", "ignorecase", "_pieces", "_compiled", "_tries", "_narrow", "unfiltered", "lowered",
                 "_blind", "__weakref__")

    MIN_PIECE = MIN_PIECE
    WARM_UP = 64
    # texts that hold a piece before the pattern is cut into its alternatives: narrowed patterns are compiled
    # as combinations turn up, which only a long batch pays back (a pre-commit run over a few drafts never does)
    NARROW_AFTER = 256

    def __init__(self, pattern: str, flags: int = 0, pieces: tuple[str, ...] | None | bool = False, *,
                 positions_only: bool = False):
        """``positions_only``: the caller reads where matches are (spans, or whether there is one), never the
        matched text. A case-blind pattern can then run case-sensitively on the lower-cased text, where ``re``
        is several times faster than with IGNORECASE (see ``lowered``)."""
        # lowered: matches are found in text.lower() (same offsets), so their .group() is lower case
        self.lowered = positions_only and bool(flags & re.IGNORECASE) and case_free(pattern)
        if self.lowered:
            flags &= ~re.IGNORECASE
        self._blind: re.Pattern | None = None  # the IGNORECASE pattern, for texts lower() does not map one to one
        self.pattern, self.flags = pattern, flags
        self.ignorecase = bool(flags & re.IGNORECASE)
        self._pieces = pieces  # False: worked out from the parsed pattern on first use
        self._compiled: re.Pattern | None = None
        self._tries = 0
        self._narrow: _Narrowing | None | bool = False  # False: not worked out yet
        # called with the compiled pattern once it is known to have no filter, so that a holder can call the
        # regex itself from then on (two Python calls fewer per search; see analysis.text.Lazy)
        self.unfiltered = None
        _MADE.add(self)

    @property
    def compiled(self) -> re.Pattern:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    @property
    def pieces(self) -> tuple[str, ...] | None:
        if self._pieces is False:
            self._pieces = required_pieces(self.pattern, self.flags)
        return self._pieces

    def possible(self, text: str) -> bool:
        """False only when the pattern certainly cannot match ``text``."""
        return self.narrowed(text) is not None

    def narrowed(self, text: str) -> re.Pattern | None:
        """The pattern to run on ``text``: None when it cannot match; when only some of its alternatives
        could, a pattern of just those, in their order (so the first match is the same). One function,
        not several small ones: it runs for every pattern on every sentence."""
        pieces = self._pieces
        if pieces is False:
            self._tries += 1
            if self._tries < self.WARM_UP:
                return self._compiled or self.compiled
            pieces = self.pieces
            if pieces is None and self.unfiltered is not None and not self.lowered:
                self.unfiltered(self.compiled)  # (a lowered pattern keeps lower-casing the text first)
        if pieces is None:
            return self._compiled or self.compiled
        if self.ignorecase:
            if not text.isascii() and not _case_special().isdisjoint(text):
                return self._compiled or self.compiled  # characters re's case folding treats unlike str.lower()
            text = _lower(text)
        for piece in pieces:
            if piece in text:
                break
        else:
            return None
        narrow = self._narrow
        if narrow is False:
            self._tries += 1
            if self._tries < self.NARROW_AFTER:
                return self._compiled or self.compiled
            narrow = self._narrow = _Narrowing.of(self)
        whole = self._compiled or self.compiled
        return whole if narrow is None else narrow.pattern_for(text, whole)

    def prepare(self) -> None:
        """Work out now what a long batch's first few hundred searches would: the literal pieces and the
        alternatives narrowing picks from (parsing the pattern: ~1.5 ms each, ~0.15 s for all of them). A batch
        does it before it forks its workers, so no worker does it again, and while the code cache records, so
        the next batch takes the results from the record. The answers are the same either way."""
        if self._pieces is False and self.pieces is None and self.unfiltered is not None and not self.lowered:
            self.unfiltered(self.compiled)
        if self._pieces is not None and self._narrow is False:
            self._narrow = _Narrowing.of(self)

    def search(self, text: str, *args):
        run = exact_lower(text) if self.lowered else text  # None: lower() would move characters
        if run is None:
            return self.case_blind.search(as_read(text), *args)
        pattern = self.narrowed(run)
        return pattern.search(run, *args) if pattern is not None else None

    def match(self, text: str, *args):
        run = exact_lower(text) if self.lowered else text  # None: lower() would move characters
        if run is None:
            return self.case_blind.match(as_read(text), *args)
        return self.compiled.match(run, *args) if self.narrowed(run) is not None else None

    def finditer(self, text: str, *args):
        run = exact_lower(text) if self.lowered else text  # None: lower() would move characters
        if run is None:
            return self.case_blind.finditer(as_read(text), *args)
        pattern = self.narrowed(run)
        return pattern.finditer(run, *args) if pattern is not None else iter(())

    # what asks for the matched text runs on the text itself, even for a lowered pattern
    def findall(self, text: str):
        run = exact_lower(text) if self.lowered else text  # None: lower() would move characters
        if run is not None and self.narrowed(run) is None:
            return []
        return (self.case_blind if self.lowered else self.compiled).findall(text)

    def sub(self, repl, text: str, count: int = 0):
        run = exact_lower(text) if self.lowered else text  # None: lower() would move characters
        if run is not None and self.narrowed(run) is None:
            return text
        return (self.case_blind if self.lowered else self.compiled).sub(repl, text, count=count)

    @property
    def case_blind(self) -> re.Pattern:
        """The pattern with IGNORECASE, run on the text itself."""
        if self._blind is None:
            self._blind = re.compile(self.pattern, self.flags | (re.IGNORECASE if self.lowered else 0))
        return self._blind


_MADE: weakref.WeakSet[Prefiltered] = weakref.WeakSet()


def prepare_all() -> None:
    """``prepare`` every pre-filtered pattern made so far (see Prefiltered.prepare)."""
    for pattern in list(_MADE):
        pattern.prepare()


@codecache.memo  # ~2 ms for the data rules' patterns at every start-up otherwise
def case_free(source: str) -> bool:
    """Does this IGNORECASE pattern match, case-sensitively, in a lower-cased text exactly where it matches the
    text itself? Yes when every letter it spells is lower case and has no case folding of its own (no long s,
    no Kelvin sign), it has no inline flags (``(?-i:…)`` would start telling case apart) and no escape that could
    spell a letter (``\\x41``, ``\\N{…}``, octal, back-references). Categories, classes of lower-case letters and
    anchors mean the same on the lower-cased text."""
    special = _case_special()
    i, n = 0, len(source)
    while i < n:
        char = source[i]
        if char == "\\":
            following = source[i + 1:i + 2]
            if following in ("x", "u", "U", "N") or following.isdigit():
                return False
            i += 2
            continue
        if char == "(" and source[i + 1:i + 2] == "?" and source[i + 2:i + 3] in ("a", "i", "L", "m", "s", "u", "x", "-"):
            return False
        if char != char.lower() or not char.isascii() and char in special:
            return False  # ("i" and "s" fold to letters outside ASCII too: texts holding those take the slow way)
        i += 1
    return True


# What a lowered pattern reads the way a person does, one character for one (so every offset holds), as the
# phrase lists (base/phrases.py) and the analysers (plain) already do: a curly apostrophe is a straight one ("haven’t
# heard back"; mail clients type it for every "'"), and a line break a space, so that a phrase a hard wrap (72
# columns) cut in two still reads as one ("haven't heard\nback"). A blank line becomes two spaces, which no
# pattern's single space crosses.
_AS_READ = str.maketrans({"’": "'", "‘": "'", "\n": " "})


@lru_cache(maxsize=4096)
def _as_read(low: str) -> str:
    return low.translate(_AS_READ)


def as_read(text: str) -> str:
    """``text`` as a lowered pattern reads it (see _AS_READ), case kept: same length, same offsets."""
    return text.translate(_AS_READ) if "\n" in text or "’" in text or "‘" in text else text


def exact_lower(text: str) -> str | None:
    """text.lower() as read (see _AS_READ), when it keeps every character in its place and folds case as ``re``
    does; else None."""
    if text.isascii():
        low = _lower(text)
        return _as_read(low) if "\n" in low else low
    if not _case_special().isdisjoint(text):
        return None
    low = _lower(text)
    if len(low) != len(text):
        return None
    return _as_read(low) if "\n" in low or "’" in low or "‘" in low else low


class _Narrowing:
    """Which top-level alternatives of a big pattern could match a text, by their own literal pieces."""

    MIN_ALTERNATIVES = 4  # below this, choosing among them costs more than running them all
    KEPT = 24  # narrowed patterns compiled per pattern; later combinations run the whole pattern (a compile costs
    # more than many searches, and the common combinations come first)

    def __init__(self, alternatives: list[str], owners: dict[str, frozenset[int]], flags: int):
        self.alternatives, self.owners, self.flags = alternatives, owners, flags
        self.probes = tuple(owners)
        self.patterns: dict[frozenset[int], re.Pattern] = {}

    @classmethod
    def of(cls, pattern: Prefiltered) -> _Narrowing | None:
        if pattern.pieces is None or pattern.compiled.groups:
            return None  # no filter at all, or groups that a narrowed pattern would number differently
        alternatives = _top_level_alternatives(pattern.pattern, pattern.flags)
        if not alternatives or len(alternatives) < cls.MIN_ALTERNATIVES:
            return None
        owners: dict[str, set[int]] = {}
        for i, alternative in enumerate(alternatives):
            found = required_pieces(alternative, pattern.flags)
            if found is None:
                return None
            for piece in found:
                owners.setdefault(piece, set()).add(i)
        return cls(alternatives, {p: frozenset(ids) for p, ids in owners.items()}, pattern.flags)

    def pattern_for(self, text: str, whole: re.Pattern) -> re.Pattern | None:
        chosen = frozenset().union(*[self.owners[p] for p in self.probes if p in text])
        if not chosen:
            return None
        if len(chosen) == len(self.alternatives):
            return whole
        narrowed = self.patterns.get(chosen)
        if narrowed is None:
            if len(self.patterns) >= self.KEPT:
                return whole
            narrowed = self.patterns[chosen] = re.compile("|".join(self.alternatives[i] for i in sorted(chosen)), self.flags)
        return narrowed


@codecache.memo  # both parse the pattern (~0.4 ms each): a one-draft run takes them from the code cache
def _top_level_alternatives(source: str, flags: int) -> list[str] | None:
    """The pattern's source cut at its top-level ``|`` (outside groups and character classes), or None
    when it cannot be cut safely (verbose mode, inline flags)."""
    if flags & re.VERBOSE or "(?" in source and re.search(r"\(\?[aiLmsux]+\)", source):
        return None
    parts, depth, start, i, n = [], 0, 0, 0, len(source)
    while i < n:
        char = source[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i += 2 if source[i + 1:i + 2] == "^" else 1
            i += 1 if source[i:i + 1] == "]" else 0
            while i < n and source[i] != "]":
                i += 2 if source[i] == "\\" else 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
        i += 1
    if depth:
        return None
    parts.append(source[start:])
    return parts


@lru_cache(maxsize=4096)
def _lower(text: str) -> str:
    """Lower case once per text: one sentence meets dozens of case-blind patterns."""
    return text.lower()


@cache
def _case_special() -> frozenset[str]:
    """The characters outside ASCII that ``re``'s case folding treats unlike ``str.lower()`` ("ı" and "ſ" match
    "i" and "s", "İ" lower-cases to two characters). The ASCII letters the table also names ("i", "s") are
    the pattern's side: in a text, they lower-case just as ``re`` folds them, so a text that holds them (nearly
    every one) is safe to lower-case."""
    try:
        from re._casefix import _EXTRA_CASES
    except ImportError:  # a Python without the table: treat every non-ASCII text as special
        return frozenset(chr(c) for c in range(128, 0x2200))
    chars = {chr(k) for k in _EXTRA_CASES} | {chr(v) for vs in _EXTRA_CASES.values() for v in vs}
    return frozenset(c for c in chars | {"\u0130", "\u212a", "\u017f"} if not c.isascii())


EXACT_LIMIT = 32  # strings a run of exact elements may spell before it is cut (each is one `in` test)
RARE_ENOUGH = 5  # the first characters kept when a set of spelled strings is cut to its beginnings
REGEX_COST = 20  # a regex run on a sentence costs about as much as this many substring scans of it


@codecache.memo
def required_pieces(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Literal strings one of which every match of ``pattern`` contains (lowercase when it ignores case); None: no
    useful set (an alternative without a piece of MIN_PIECE characters or a digit, or a construct not understood).

    Consecutive elements that each match one of a few exact strings ("had|have", " ", "a|the", an optional
    "ing", a zero-width ``\\b``) are spelled out together, so "(?:had|have) (?:a|the) chance to" gives pieces like
    "have a chance to"-long strings rather than "had" and "have", which nearly every sentence holds. Of the
    candidate sets, the one with the least expected cost wins (see ``_telling``): each piece is a scan of every
    sentence, so a handful of telling pieces beats dozens of rare ones."""
    try:
        from re import _constants as c, _parser

        parsed = _parser.parse(pattern, flags)
    except Exception:  # noqa: BLE001 - internals moved: no filter, same answers
        return None
    if not parsed.state.flags & re.MULTILINE and _anchored(parsed, c):
        return None  # tried at the start of the text only: the regex costs less than testing any piece
    lower = bool(parsed.state.flags & re.IGNORECASE)
    zero_width = {c.AT, c.ASSERT, c.ASSERT_NOT}
    repeats = {c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)} - {None}

    def product(left: set[str] | None, right: set[str] | None) -> set[str] | None:
        if left is None or right is None or len(left) * len(right) > EXACT_LIMIT:
            return None
        return {a + b for a in left for b in right}

    def grouped(op, av, each, limit: float = float("inf")) -> set[str] | None:
        """A group's strings (None when it sets its own flags), or the union of every branch's (None when a
        branch has none, or when there are more than ``limit``)."""
        if op is c.SUBPATTERN:
            _group, add_flags, del_flags, content = av
            return None if add_flags or del_flags else each(content)
        union: set[str] = set()
        for branch in av[1]:
            found = each(branch)
            if not found or len(union | found) > limit:
                return None
            union |= found
        return union

    def exact_sequence(items) -> set[str] | None:
        spelled: set[str] | None = {""}
        for op, av in items:
            spelled = product(spelled, exact(op, av))
            if spelled is None:
                return None
        return spelled

    def exact(op, av) -> set[str] | None:
        """Every string the element can match, when they are few; else None."""
        if op is c.LITERAL:
            return {chr(av)}
        if op in zero_width:
            return {""}
        if op is c.SUBPATTERN or op is c.BRANCH:
            return grouped(op, av, exact_sequence, EXACT_LIMIT)
        if op in repeats:
            low, high, content = av
            once = exact_sequence(content)
            if once is None or high > 3 or low > high:
                return None
            spelled: set[str] | None = {""}
            for _ in range(low):
                spelled = product(spelled, once)
            if spelled is not None and high > low:
                return spelled | product(spelled, once) if high == low + 1 and product(spelled, once) else None
            return spelled
        if op is c.IN and len(av) <= 4 and all(item_op is c.LITERAL for item_op, _ in av):
            return {chr(ch) for _, ch in av}
        return None

    def sequence(items) -> set[str] | None:
        options: list[set[str]] = []
        run: list[set[str]] = []  # the exact elements since the last element that is not

        def spell_out() -> None:  # every window of the run that spells few enough strings is a candidate
            for start in range(len(run)):
                spelled: set[str] | None = {""}
                for part in run[start:]:
                    spelled = product(spelled, part)
                    if spelled is None:
                        break
                    options.append(spelled)
            run.clear()

        for op, av in items:
            spelled = exact(op, av)
            if spelled is not None:
                run.append(spelled)
                continue
            spell_out()
            found = element(op, av)
            if found:
                options.append(found)
        spell_out()
        options = [o for o in options if o and "" not in o]
        # the first characters of each string are a piece too: "did my last note", "did my previous email"… all
        # begin "did my", one test instead of ten
        options += [{s[:RARE_ENOUGH + extra] for s in o} for o in options if len(o) > 1 for extra in (0, 2)]
        # ties (" chance to" and " chance to " cost the same) go to the longer pieces (a little rarer), then to the
        # spelling: the options come out of sets, whose order changes with every process's string hashing
        return max(options, key=lambda o: (_telling(o), sum(map(len, o)), sorted(o)), default=None)

    def element(op, av) -> set[str] | None:
        if op is c.SUBPATTERN or op is c.BRANCH:
            return grouped(op, av, sequence)
        if op in repeats:
            low, _high, content = av
            return sequence(content) if low >= 1 else None
        if op is getattr(c, "ATOMIC_GROUP", None):
            return sequence(av)
        if op is c.IN and av == [(c.CATEGORY, c.CATEGORY_DIGIT)]:
            return set(_DIGITS)  # "\\d": one of ten one-character pieces, rare enough in prose to be worth testing
        return None

    try:
        found = sequence(parsed)
    except Exception:  # noqa: BLE001
        return None
    if not found or _telling(found) == float("-inf"):
        return None
    pieces = {p.lower() if lower else p for p in found}
    # a piece that contains another is implied by it: keep the shorter one only
    kept = [p for p in pieces if not any(q != p and q in p for q in pieces)]
    return tuple(sorted(kept, key=lambda p: (len(p), p)))


def _anchored(items, c) -> bool:
    """Does every match start at the beginning of the text (``^…`` or ``^a|^b``)?"""
    if not len(items):
        return False
    op, av = items[0]
    if op is c.AT:
        return av in (c.AT_BEGINNING, c.AT_BEGINNING_STRING)
    if op is c.SUBPATTERN:
        return _anchored(av[3], c)
    if op is c.BRANCH:
        return all(_anchored(branch, c) for branch in av[1])
    return False


def _telling(pieces: set[str]) -> float:
    """How well a set of pieces filters, as minus its expected cost on a sentence: every piece is a scan of the
    text (cost 1), and when one is found the regex runs (cost REGEX_COST scans), which a piece of L characters
    lets happen about three times as often as one of L + 1 (a digit counts as three characters)."""
    lengths = sorted(MIN_PIECE if p in _DIGITS else len(p.strip()) for p in pieces)  # one order: float sums differ
    if min(lengths) < MIN_PIECE:
        return float("-inf")
    return -(len(pieces) + REGEX_COST * sum(0.3 * 3.0 ** (MIN_PIECE - n) for n in lengths))
