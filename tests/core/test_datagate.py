"""The data rules' shared gate: it answers for each rule what the rule's own search would, and a rule that only
judges the sentences of the parts where something matched finds exactly what it found judging them all."""
from __future__ import annotations

import re
from pathlib import Path

from emaillint.api import lint_text
from emaillint.base.phrases import PhraseMatcher
from emaillint.base.prefilter import Prefiltered
from emaillint.judge.datarules import Gate, Matcher
from emaillint.judge.registry import load_rules
from emaillint.run.config import discover

from .test_prefilter import _texts

ROOT = Path(__file__).resolve().parents[2]


def _matchers() -> tuple[Matcher, ...]:
    """The shipped data rules' matchers (load_rules() with no argument: its own copy of the rules)."""
    return tuple(rule.check.matcher for rule in load_rules() if hasattr(rule.check, "matcher"))


def test_the_gate_says_for_each_rule_what_its_own_search_says():
    matchers = _matchers()
    assert len(matchers) >= 8, "the data rules lost their matchers: the gate would judge nothing"
    gate = Gate(matchers)
    said = {True: 0, False: 0}
    for text in _texts():
        mask = gate.mask(text)
        for matcher in matchers:
            want = matcher.search(text)
            assert bool(mask & gate.bits[matcher]) == want, (matcher.phrases.index and text[:80])
            said[want] += 1
    assert said[True] > 100 and said[False] > 1000, said  # both answers were exercised


def test_the_gate_finds_a_phrase_of_several_words_only_where_its_words_stand_together():
    matcher = Matcher(PhraseMatcher(["circle back", "touch base", "synergy"]), None)
    other = Matcher(PhraseMatcher(["just checking"]), Prefiltered(r"\bfollow(?:ing)? up\b", re.I, positions_only=True))
    gate = Gate((matcher, other))
    assert gate.mask("Back to the circle, then.") == 0  # both words, not the phrase
    assert gate.mask("I'll circle back. Synergy!") == gate.bits[matcher]
    assert gate.mask("Following up on this") == gate.bits[other]
    assert gate.mask("Just checking: touch, base") == gate.bits[other]  # punctuation between the words breaks one
    assert gate.mask("just checking, touch base") == gate.bits[matcher] | gate.bits[other]


def test_only_a_pattern_that_looks_beyond_its_match_searches_every_sentence():
    phrases = PhraseMatcher(["quick question"])
    assert Matcher(phrases, None).local
    assert Matcher(phrases, Prefiltered(r"\bfollow(?:ing)? up on (?:my|our)\b", re.I)).local
    for source in (r"^so excited", r"following up(?=\s*[.!]|$)", r"up\b(?! on)", r"(?<!not )sorry", r"\Ahi", r"\Bing"):
        assert not Matcher(phrases, Prefiltered(source, re.I)).local, source
    shipped = _matchers()
    assert any(m.local for m in shipped) and any(not m.local for m in shipped)  # both ways run on the shipped rules


def test_sentences_of_parts_where_nothing_matched_give_the_same_findings_unsearched(monkeypatch):
    files = sorted(ROOT.glob("tests/corpus*/emails/*.*")) + sorted(ROOT.glob("examples/*.*"))
    texts = [(p.name, p.read_text(encoding="utf-8", errors="replace")) for p in files]
    assert len(texts) > 100

    searched = []
    real_finditer = Matcher.finditer
    monkeypatch.setattr(Matcher, "finditer", lambda self, text: searched.append(text) or real_finditer(self, text))

    def findings() -> list:
        return [[(p.code, p.start, p.end, p.message) for p in lint_text(text, path=name).problems]
                for name, text in texts]

    narrowed, narrowed_searches = findings(), len(searched)
    in_use = {rule.check.matcher for name, _ in texts for rule, _, _ in discover(name).rules_for(name)
              if hasattr(rule.check, "matcher")}
    for matcher in in_use:
        monkeypatch.setattr(matcher, "local", False)  # every sentence of the scope, as before the gate
    searched.clear()
    assert findings() == narrowed
    assert narrowed_searches < 0.9 * len(searched), (narrowed_searches, len(searched))  # sentences were skipped
