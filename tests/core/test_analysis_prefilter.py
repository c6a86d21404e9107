"""The analysers' patterns run behind the literal pre-filter (emaillint.base.prefilter): it must never change
an answer, only the time. Every pattern of every analyser is compared with the bare regex on every line of
the shipped fixtures, in the form the analysers read (plain())."""
from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import pytest

from emaillint.judge import analysis
from emaillint.judge.analysis.text import Lazy, plain
from emaillint.base.prefilter import Prefiltered, _top_level_alternatives, required_pieces

ROOT = Path(__file__).resolve().parents[2]


def _lazy_patterns():
    for info in pkgutil.iter_modules(analysis.__path__):
        module = importlib.import_module(f"{analysis.__name__}.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, Lazy):
                yield f"{info.name}.{name}", value


def _texts():
    files = sorted(ROOT.glob("tests/corpus*/emails/*.*")) + sorted(ROOT.glob("examples/*.*"))
    seen = set()
    for path in files:
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            for text in (line, plain(line)):
                if text.strip() and text not in seen:
                    seen.add(text)
                    yield text
    yield from ("Tuesday at 10am?", "on 3/14", "at 9:30", "twelve teams", "İs this on your list?", "K\u212aelvin", "")


@pytest.fixture(autouse=True)
def _no_warm_up(monkeypatch):
    monkeypatch.setattr(Prefiltered, "WARM_UP", 0)  # filter from the first search on
    monkeypatch.setattr(Prefiltered, "NARROW_AFTER", 0)  # and run only the alternatives that could match


def test_every_analyser_pattern_answers_exactly_like_the_regex():
    patterns = list(_lazy_patterns())
    assert len(patterns) > 50, "the analysers' patterns were not found"
    assert sum(1 for _, p in patterns if p.compiled.pieces) > len(patterns) // 2, "most patterns should get a filter"
    texts = list(_texts())
    for name, lazy in patterns:
        bare = re.compile(lazy.source, lazy.flags)
        for text in texts:
            assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in bare.finditer(text)], (name, text[:80])
            assert (lazy.search(text) is None) == (bare.search(text) is None), (name, text[:80])
            assert (lazy.match(text) is None) == (bare.match(text) is None), (name, text[:80])
            assert lazy.findall(text) == bare.findall(text), (name, text[:80])
            assert lazy.sub("_", text) == bare.sub("_", text), (name, text[:80])


def test_a_digit_is_a_piece():
    assert required_pieces(r"\b\d{1,2}:\d\d\b|\btomorrow\b") == tuple("0123456789") + ("tomorrow",)
    assert required_pieces(r"\b\d{1,2}\s?(?:am|pm)\b", re.I) == tuple("0123456789")  # 'am'/'pm' are too short
    assert required_pieces(r"\w+\d|abc", re.I) == tuple("0123456789") + ("abc",)
    assert required_pieces(r"\w+|abc") is None  # an alternative with no piece: no filter


def test_a_filtered_pattern_skips_texts_without_its_pieces():
    pattern = Prefiltered(r"\bcircling back\b|\b\d{1,2} ?(?:am|pm)\b", re.I, False)
    assert pattern.pieces == tuple("0123456789") + ("circling back",)
    assert not pattern.possible("Could we talk on Tuesday?")
    assert pattern.search("Does 10 am Tuesday work?") and pattern.search("CIRCLING BACK on this")
    assert pattern.sub("x", "no match here") == "no match here"


def test_a_big_pattern_runs_only_the_alternatives_the_text_could_match():
    source = r"\bcircling back\b|\bchecking in\b|\bjust following up\b|\btouching base\b|\bany update\b"
    pattern = Prefiltered(source, re.I, False)
    narrowed = pattern.narrowed("Checking in on the quote, and any update on timing?")
    assert narrowed is not None and narrowed.pattern == r"\bchecking in\b|\bany update\b"
    assert pattern.narrowed("Nothing to see here") is None
    assert pattern.narrowed("circling back, checking in, just following up, touching base, any update").pattern == source


def test_alternatives_are_cut_only_at_the_top_level():
    cut = _top_level_alternatives(r"a[|]b|c\|d|(x|y)zzz|[]|]x|[^]|]y", 0)
    assert cut == ["a[|]b", r"c\|d", "(x|y)zzz", "[]|]x", "[^]|]y"]
    assert _top_level_alternatives(r"(?x) a | b", 0) is None  # verbose mode: a | inside a comment is not a cut
    grouped = Prefiltered(r"(one)|(two)|(three)|(four)", 0, False)
    assert grouped.narrowed("two") is grouped.compiled  # groups would be renumbered: never narrowed


def test_a_pattern_without_pieces_hands_its_searches_to_the_regex_itself():
    """An anchored pattern has no filter worth testing: once that is known, a Lazy calls the regex directly."""
    anchored = Lazy(r"^(?:please )?(?:send|forward) (?:it|them)\b")
    assert anchored.search("please send it over").span() == (0, 14)  # the first search works the pieces out
    assert anchored.compiled.pieces is None
    assert anchored.search == anchored.compiled.compiled.search and anchored.sub == anchored.compiled.compiled.sub
    assert anchored.search("so please send it") is None and anchored.match("forward them") is not None
    filtered = Lazy(r"\bcircling back\b")
    filtered.search("circling back")
    assert filtered.compiled.pieces == ("circling back",)
    assert filtered.search != filtered.compiled.compiled.search  # the filter stays in front
