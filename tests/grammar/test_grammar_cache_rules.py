"""Result cache, rule settings, house words and concurrency against a fake server."""

import threading

from emaillint.grammar import DEFAULT_DISABLED_RULES, GrammarOptions, Segment, check
from emaillint.grammar import _check


def _opts(fake, tmp_path, **kw):
    return GrammarOptions(url=fake.url, cache_dir=str(tmp_path / "cache"), **kw)


def test_second_run_asks_the_server_nothing(fake_lt, tmp_path):
    fake_lt.flag["teh"] = ("MORFOLOGIK_RULE_EN_US", "misspelling", ["the"])
    segs = [Segment(0, "teh first"), Segment(20, "and teh second"), Segment(40, "teh first")]
    first = check(segs, _opts(fake_lt, tmp_path))
    asked = len(fake_lt.requests)
    assert asked == 1  # all segments of a draft go in one request
    assert len(first) == 3
    second = check(segs, _opts(fake_lt, tmp_path))
    assert len(fake_lt.requests) == asked, "a cached run must not reach the server"
    assert second == first
    assert _check.last_client is None


def test_cache_key_changes_with_rules_not_with_words(fake_lt, tmp_path):
    fake_lt.flag["Acme"] = ("MORFOLOGIK_RULE_EN_US", "misspelling", ["Acne"])
    segs = [Segment(0, "We met Acme.")]
    assert len(check(segs, _opts(fake_lt, tmp_path))) == 1
    assert check(segs, _opts(fake_lt, tmp_path, words=("acme",))) == []
    assert len(fake_lt.requests) == 1  # the word list is applied after the cache
    check(segs, _opts(fake_lt, tmp_path, disabled_rules=("FOO",)))
    assert len(fake_lt.requests) == 2


def test_cache_can_be_disabled(fake_lt):
    segs = [Segment(0, "Hello there.")]
    check(segs, GrammarOptions(url=fake_lt.url, cache_dir=""))
    check(segs, GrammarOptions(url=fake_lt.url, cache_dir=""))
    assert len(fake_lt.requests) == 2


def test_default_disabled_rules_are_sent_and_can_be_reenabled(fake_lt):
    check([Segment(0, "Hi.")], GrammarOptions(url=fake_lt.url, cache_dir="", disabled_rules=("X_RULE",)))
    disabled = set(fake_lt.requests[-1]["disabledRules"].split(","))
    assert disabled == set(DEFAULT_DISABLED_RULES) | {"X_RULE"}
    assert "enabledRules" not in fake_lt.requests[-1]
    check([Segment(0, "Hi.")], GrammarOptions(url=fake_lt.url, cache_dir="", enabled_rules=("WHITESPACE_RULE",)))
    form = fake_lt.requests[-1]
    assert "WHITESPACE_RULE" not in form["disabledRules"].split(",")
    assert form["enabledRules"] == "WHITESPACE_RULE"
    assert form["language"] == "en-US"


def test_house_words_silence_spelling_only(fake_lt):
    fake_lt.flag["Flowstack"] = ("MORFOLOGIK_RULE_EN_US", "misspelling", [])
    fake_lt.flag["Flowstack's"] = ("SOME_GRAMMAR", "grammar", [])
    text = "Flowstack's team and Flowstack"
    got = check([Segment(0, text)], GrammarOptions(url=fake_lt.url, cache_dir="", words=("FlowStack",)))
    assert [m.rule_id for m in got] == ["SOME_GRAMMAR"]


def test_segments_are_batched_with_paragraph_breaks(fake_lt, monkeypatch):
    fake_lt.flag["teh"] = ("MORFOLOGIK_RULE_EN_US", "misspelling", ["the"])
    fake_lt.flag["endstart"] = ("SPANS_TWO", "grammar", [])  # joined: the separator is markup ""
    segs = [Segment(0, "Hi teh end"), Segment(40, "start 😀 teh")]
    got = check(segs, GrammarOptions(url=fake_lt.url, cache_dir=""))
    assert [(m.start, m.end) for m in got] == [(3, 6), (48, 51)]
    [form] = fake_lt.requests
    assert '{"markup": "", "interpretAs": "\\n\\n"}' in form["data"]
    # small batches: one request per segment, identical ones asked once
    monkeypatch.setattr(_check, "BATCH_UTF16", 5)
    check(segs + [Segment(80, "Hi teh end")], GrammarOptions(url=fake_lt.url, cache_dir=""))
    assert len(fake_lt.requests) == 3


def test_checks_run_concurrently_within_the_limit(fake_lt, monkeypatch):
    monkeypatch.setattr(_check, "BATCH_UTF16", 5)
    peak = {"now": 0, "max": 0}
    lock = threading.Lock()
    original = _check.Client.check

    def counting(self, form):
        with lock:
            peak["now"] += 1
            peak["max"] = max(peak["max"], peak["now"])
        try:
            import time

            time.sleep(0.05)
            return original(self, form)
        finally:
            with lock:
                peak["now"] -= 1

    _check.Client.check = counting
    try:
        segs = [Segment(i * 100, f"Sentence number {i}.") for i in range(8)]
        check(segs, GrammarOptions(url=fake_lt.url, cache_dir="", concurrency=3))
    finally:
        _check.Client.check = original
    assert len(fake_lt.requests) == 8
    assert 1 < peak["max"] <= 3


def test_busy_server_is_retried(fake_lt, monkeypatch):
    from emaillint.grammar import _server

    monkeypatch.setattr(_server.time, "sleep", lambda s: None)
    calls = {"n": 0}
    real_status = fake_lt.status

    original_post_count = len(fake_lt.requests)
    fake_lt.status = 429

    def flip(*a):
        calls["n"] += 1
        if calls["n"] == 2:
            fake_lt.status = real_status

    monkeypatch.setattr(_server.time, "sleep", flip)
    assert check([Segment(0, "Hi.")], GrammarOptions(url=fake_lt.url, cache_dir="")) == []
    assert len(fake_lt.requests) - original_post_count == 3


def test_empty_segments_ask_nothing(fake_lt):
    assert check([Segment(0, "  \n")], GrammarOptions(url=fake_lt.url, cache_dir="")) == []
    assert check([], GrammarOptions(url=fake_lt.url, cache_dir="")) == []
    assert fake_lt.requests == []
