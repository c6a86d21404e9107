"""The literal pre-filter in front of data-rule patterns never changes an answer, only the time."""
from __future__ import annotations

import re
from pathlib import Path

from emaillint.base.prefilter import Prefiltered, as_read, case_free, exact_lower, required_pieces
from emaillint.judge.registry import load_rules

ROOT = Path(__file__).resolve().parents[2]
TRICKY = ["İs this on your list?", "Did you get a chance to look? ſorry to chase", "K\u212aelvin checking in",
          "JUST FOLLOWING UP ON MY LAST EMAIL", "just following up", "Following up.", "ﬁnally circling back",
          "did you get a chance to", "", "\u0130\u0131", "bumping this up", "my note below", "çheck in to see",
          "I haven’t heard\nback from you", "İ haven’t heard back", "Just following\nup on my last email"]


def _patterns():
    for rule in load_rules():
        check = rule.check
        if check.__module__ != "emaillint.judge.datarules":
            continue
        cells = dict(zip(check.__code__.co_freevars, (c.cell_contents for c in check.__closure__)))
        if cells["main"].pattern is not None:
            yield rule.code, cells["main"].pattern
        for exception in cells["exceptions"]:
            yield rule.code + " exceptions", exception


def _texts():
    files = sorted(ROOT.glob("tests/corpus*/emails/*.*")) + sorted(ROOT.glob("examples/*.*"))
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        yield text
        yield from (line for line in text.splitlines() if line.strip())
    yield from TRICKY


def test_prefiltered_patterns_answer_exactly_like_the_regex(monkeypatch):
    monkeypatch.setattr(Prefiltered, "NARROW_AFTER", 0)  # big patterns run only the alternatives that could match
    patterns = list(_patterns())
    assert any(p.pieces for _, p in patterns), "no pattern got a filter: the pre-filter is dead code"
    texts = list(_texts())
    for name, pattern in patterns:
        reference = re.compile(pattern.pattern, pattern.flags | (re.I if pattern.lowered else 0))  # as the rule file says
        for text in texts:
            # a lowered pattern reads curly apostrophes as straight ones and a line break as a space (as_read)
            want = [m.span() for m in reference.finditer(as_read(text) if pattern.lowered else text)]
            assert [m.span() for m in pattern.finditer(text)] == want, (name, text[:80])
            assert (pattern.search(text) is None) == (not want), (name, text[:80])
    assert any(getattr(p, "_narrow", None) for _, p in patterns), "no big pattern was narrowed: that path went untested"
    assert any(p.lowered for _, p in patterns), "no rule pattern runs on the lower-cased text: that path went untested"


def test_pieces_from_the_parsed_pattern():
    assert Prefiltered(r"\bfollow(?:ing)? up\b", re.I).pieces == ("follow",)
    # exact elements in a row are spelled out together: "bump" and " nudge" are in more sentences than these
    assert Prefiltered(r"(?:quick|gentle) nudge|bump(?:ing)? this", re.I).pieces == (
        "bump this", "quick nudge", "bumping this", "gentle nudge")
    # the window of elements that filters best: not "had"/"have" (in nearly every sentence) but what follows
    assert Prefiltered(r"\b(?:had|have) (?:a|the) (?:chance|moment) to (?:look|read)\b", re.I).pieces == (
        " chance to ", " moment to ")
    # many spelled strings with a common start: the start is the piece
    assert Prefiltered(r"\bdid (?:this|my (?:last |previous )?(?:email|note|message)) (?:get|land)\b").pieces == (
        "did my ", "did thi")
    assert Prefiltered(r"follow(?:ing)?[ -]up (?:on|re) (?:my|our|the|this|that|last)\b").pieces == ("follow",)
    assert Prefiltered(r"\w+|abc", re.I).pieces is None  # an alternative with no literal piece
    assert Prefiltered(r"(?-i:ABC)def", re.I).pieces == ("def",)  # no piece from a group with its own flags
    assert Prefiltered(r"(?:abc)?xy").pieces is None  # optional pieces are not required; 'xy' too short
    assert Prefiltered(r"Abc|Def").pieces == ("Abc", "Def")  # case kept when case matters
    assert Prefiltered(r"Abc|Def").search("abc") is None


def test_a_pattern_anchored_at_the_start_runs_without_a_filter():
    """``^…`` is tried at one place only: testing the text for its pieces would cost more than the regex."""
    assert Prefiltered(r"^(?:please |also )?(?:send|forward) (?:it|them)\b").pieces is None
    assert Prefiltered(r"^want (?:the|a) copy|^shall i send").pieces is None
    assert Prefiltered(r"(?:^a|^b) (?:cat|dog)s").pieces is None
    # an alternative that can match anywhere, or ^ meaning any line start, keeps the filter
    assert Prefiltered(r"^want (?:the|a) copy|shall i send").pieces == ("want a copy", "shall i send", "want the copy")
    assert Prefiltered(r"^shall i send", re.M).pieces == ("shall i send",)
    for text in ("Please send it over", "please forward them", "send it", "so please send it"):
        assert (Prefiltered(r"^(?:please )?(?:send|forward) (?:it|them)\b", re.I).search(text) is None) == (
            re.search(r"^(?:please )?(?:send|forward) (?:it|them)\b", text, re.I) is None), text


def test_case_folding_that_str_lower_does_not_know_is_not_filtered_out():
    pattern = Prefiltered(r"\bsorry to chase\b|\bthis is\b", re.I)
    for text in ("ſorry to chase", "İs", "thİs İs", "SORRY TO CHASE"):
        assert (pattern.search(text) is None) == (pattern.compiled.search(text) is None), text


def test_a_text_beyond_ascii_is_still_filtered_unless_it_holds_a_letter_re_folds_otherwise():
    """Curly quotes and dashes (in most real mail) keep the fast way: only letters such as "ı", "ſ" or "İ",
    which ``re`` folds unlike ``str.lower()``, send a text to the case-blind regex."""
    assert exact_lower("I’m following up — is this still on?") == "i'm following up — is this still on?"
    for special in ("ſorry to chase", "thİs İs", "\u0131t is", "\u212aelvin"):
        assert exact_lower(special) is None, special
    source = r"\bsorry to chase\b|\bcircling back\b"
    pattern = Prefiltered(source, re.I, required_pieces(source, re.I), positions_only=True)  # as a data rule has it
    assert pattern.search("It’s a great fit — is it on your list?") is None
    assert pattern._compiled is None and pattern._blind is None  # the pieces said no: no regex was even compiled
    assert pattern.search("Sorry to chase — it’s me").span() == (0, 14)


def test_a_pattern_is_compiled_only_for_a_text_that_could_match():
    """The pieces come pre-built; the regex compiles the first time a text holds one of them."""
    pattern = Prefiltered(r"just following up|circling back", re.I, ("circling back", "just following up"))
    assert pattern.search("nothing here") is None and pattern._compiled is None
    assert pattern.search("Just following up!").span() == (0, 17) and pattern._compiled is not None


def test_rules_come_with_their_pieces_worked_out():
    """Every data rule's patterns carry their pieces from the pre-built form: none is worked out at run time."""
    patterns = list(_patterns())
    assert patterns and all(p._pieces is not False for _, p in patterns)


def test_the_pieces_do_not_depend_on_how_this_process_hashes_strings():
    """Candidate piece sets come out of Python sets; equal costs must not be decided by their order (or by float
    sums taken in that order), or each process builds, caches and ships different filters."""
    import os
    import subprocess
    import sys

    source = (r"\b(?:if|mind if|okay if|ok if|should|can|could|shall|may) i (?:\w+ )?(?:send|share|forward)\b"
              r"|\bhappy to (?:send|share|forward|show)\b|\b(?:is|are) (?:a|an|the) (?:leading|top|best)\b")
    code = f"from emaillint.base.prefilter import required_pieces; print(required_pieces({source!r}, 2))"
    answers = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": str(seed), "EMAILLINT_NO_CODE_CACHE": "1"}).stdout
               for seed in range(8)}
    assert len(answers) == 1, answers


def test_which_case_blind_patterns_can_run_on_the_lower_cased_text():
    assert case_free(r"\bfollow(?:ing)?[ -]up (?:on|re)\b|[a-z]+ing\S*\W\d")
    assert case_free(r"(?:^|\s)(?=sorry)(?!not)(?<=x)(ab)")
    assert not case_free(r"\bI'm\b")  # an upper-case letter
    assert not case_free(r"[A-Z]\w+")  # a class of upper-case letters: nothing in a lower-cased text
    assert not case_free(r"abc(?-i:def)")  # inline flags that tell case apart again
    assert not case_free(r"\x41bc|\N{LATIN SMALL LETTER A}|(a)\1")  # escapes that spell letters
    assert not case_free("\u017forry")  # a long s folds to "s" under IGNORECASE, not under lower()


def test_a_lowered_pattern_finds_what_the_case_blind_pattern_finds():
    source = r"\bsorry to chase\b|\bthis is\b|\bchecking in\b"
    lowered = Prefiltered(source, re.I, positions_only=True)
    plain = re.compile(source, re.I)
    assert lowered.lowered and not Prefiltered(source, re.I).lowered  # only callers that read positions get it
    for text in ("SORRY TO CHASE", "ſorry to chase", "İs this on", "thİs İs", "CHECKING IN \u212a", "Straße checking In",
                 "", "nothing at all", "Checking In, this IS it"):
        assert [m.span() for m in lowered.finditer(text)] == [m.span() for m in plain.finditer(text)], text
        assert (lowered.search(text) is None) == (plain.search(text) is None), text
        assert (lowered.match(text) is None) == (plain.match(text) is None), text
        # what asks for the matched text gets the text's own letters
        assert lowered.findall(text) == plain.findall(text), text
        assert lowered.sub("_", text) == plain.sub("_", text), text


_BATCH_PROBE = r"""
import json, sys
from pathlib import Path
from emaillint.api import lint_text
from emaillint.base import prefilter
from emaillint.run import config as config_mod
from emaillint.run.stream import warm_up

texts = [Path(p).read_text(encoding="utf-8", errors="replace") for p in sys.argv[1:]]
if WARM:
    warm_up(config_mod.discover("draft.txt"))
calls = []
for name in ("required_pieces", "_top_level_alternatives"):
    real = getattr(prefilter, name)
    setattr(prefilter, name, lambda *a, real=real, name=name: calls.append(name) or real(*a))
scores = [lint_text(text, path="draft.txt").score for text in texts]
print(json.dumps({"parsed after the start": len(calls), "scores": scores,
                  "left lazy": sum(p._pieces is False for p in prefilter._MADE)}))
"""


def test_a_long_batch_works_out_every_filter_before_its_drafts(tmp_path):
    """warm_up (before a pool forks its workers, or a long batch in one process) works out every pattern's
    pieces and alternatives, so no draft (no worker) parses a pattern again; the answers do not change."""
    import json
    import subprocess
    import sys

    files = [str(p) for p in sorted(ROOT.glob("tests/corpus*/emails/*.*"))[:300]]

    def run(warm: bool) -> dict:
        code = _BATCH_PROBE.replace("WARM", str(warm))
        proc = subprocess.run([sys.executable, "-c", code, *files], capture_output=True, text=True, cwd=ROOT)
        assert proc.returncode == 0, proc.stderr
        return json.loads(proc.stdout)

    cold, warm = run(False), run(True)
    assert cold["parsed after the start"] > 0, "the drafts parsed no pattern: this test no longer tests anything"
    assert warm["parsed after the start"] == 0 and warm["left lazy"] == 0
    assert warm["scores"] == cold["scores"]


def test_a_lexicon_phrase_is_never_missed_by_the_whole_text_test():
    """lexicon_may_match says no only where the lexicon's regex finds nothing (the footer test relies on it)."""
    from emaillint.base.lexicons import lexicon_may_match, lexicon_regex, _lexicon_pieces

    assert _lexicon_pieces("footer-markers"), "the footer lexicon got no pieces: the test of a whole email is dead code"
    texts = list(_texts()) + ["Sent from my iPhone", "CONFIDENTIALITY NOTICE: this message", "ſent from my iPhone",
                              "Unsubscribe here", "K\u212aelvin: to unsubscribe"]
    said_no = 0
    for text in texts:
        if not lexicon_may_match("footer-markers", text):
            said_no += 1
            assert lexicon_regex("footer-markers").search(text) is None, text[:80]
    assert said_no, "the whole-text test never said no"


def test_a_fault_s_sign_is_in_every_text_that_has_the_fault():
    """tidy skips a fault's regex when none of its signs is in the text: never when the regex would find it."""
    from emaillint.judge import tidy

    samples = list(_texts()) + ["the deck .", "a\t!", "word  ,next", "x ;", "Hi\n\n there", "a ,b", "end ?"]
    for name, signs in tidy._FAULT_SIGNS.items():
        for text in samples:
            if tidy._FAULTS[name].search(text):
                assert any(sign in text for sign in signs), (name, text[:80])


def test_a_lowered_pattern_reads_curly_apostrophes_and_hard_wraps_as_a_person_does():
    """Mail clients type "’" for every "'", and a hard wrap puts a line break between two words of a phrase: a
    data rule finds "haven’t heard back" and "haven't heard\nback" where it finds "haven't heard back", at the same
    offsets, in the fast way and in the case-blind one."""
    source = r"\b(?:haven't|have not) heard back\b"
    pattern = Prefiltered(source, re.I, required_pieces(source, re.I), positions_only=True)  # as a data rule has it
    for text in ("I haven't heard back.", "I haven’t heard back.", "I haven't heard\nback.", "İ HAVEN’T heard\nback."):
        assert [m.span() for m in pattern.finditer(text)] == [(2, 20)], text
    assert exact_lower("Haven’t heard\n\nback") == "haven't heard  back"  # a blank line: two spaces, not one
    assert pattern.search("I haven't heard\n\nback") is None
