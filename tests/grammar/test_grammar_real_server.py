"""Against a real LanguageTool 6.8 server (see conftest.lt_url: no server = FAIL)."""

from emaillint.grammar import GrammarOptions, Segment, check
from emaillint.grammar import _check


def _check_text(url, text, markup=(), offset=0, **kw):
    kw.setdefault("cache_dir", "")
    return check([Segment(offset, text, tuple(markup))], GrammarOptions(url=url, **kw))


def test_this_are_a_test_is_a_grammar_match(lt_url):
    matches = _check_text(lt_url, "Hi Dana,\n\nThis are a test.\n", offset=7)
    grammar = [m for m in matches if m.category == "grammar"]
    assert grammar, matches
    text = "Hi Dana,\n\nThis are a test.\n"
    spans = {(m.start - 7, m.end - 7) for m in grammar}
    this = text.index("This")
    # LT 6.8 flags "This" (THIS_NNS) and/or "are"/"This are" (PLURAL_VERB_AFTER_THIS)
    assert spans & {(this, this + 4), (this + 5, this + 8), (this, this + 8)}, matches
    assert all(m.message and m.rule_id for m in grammar)
    assert any("These" in m.replacements or "is" in m.replacements for m in grammar)


def test_misspelling_after_emoji_is_spelling_at_the_right_place(lt_url):
    text = "Thanks 😀🎉 for the call. You will recieve the deck today."
    [m] = _check_text(lt_url, text)
    assert m.category == "spelling"
    assert m.rule_id == "MORFOLOGIK_RULE_EN_US"
    assert text[m.start:m.end] == "recieve"
    assert "receive" in m.replacements


def test_house_word_is_silenced(lt_url):
    text = "Flowstack helps your team close the month faster."
    [m] = _check_text(lt_url, text)
    assert (m.category, text[m.start:m.end]) == ("spelling", "Flowstack")
    assert _check_text(lt_url, text, words=("flowstack",)) == []


def test_jinja_placeholders_produce_no_match(lt_url):
    text = "Hi {{ first_name }},\n\nAre you still working on {{ topic }}?{% if sender_name %}\n\n{{ sender_name }}{% endif %}\n"
    markup = []
    for token, interpret in [("{{ first_name }}", "Dana"), ("{{ topic }}", "month-end close"),
                             ("{% if sender_name %}", ""), ("{{ sender_name }}", "Sam"), ("{% endif %}", "")]:
        i = text.index(token)
        markup.append((i, i + len(token), interpret))
    assert _check_text(lt_url, text, markup) == []


def test_default_disabled_rule_can_be_enabled(lt_url):
    text = "I saw your post. I liked it. I wanted to ask a question."
    assert _check_text(lt_url, text) == []
    enabled = _check_text(lt_url, text, enabled_rules=("ENGLISH_WORD_REPEAT_BEGINNING_RULE",))
    assert {m.rule_id for m in enabled} == {"ENGLISH_WORD_REPEAT_BEGINNING_RULE"}


def test_extra_rule_can_be_disabled(lt_url):
    text = "You will recieve it."
    assert _check_text(lt_url, text, disabled_rules=("MORFOLOGIK_RULE_EN_US",)) == []


def test_cache_second_run_needs_no_server(lt_url, tmp_path):
    segs = [Segment(0, "This are a test."), Segment(100, "You will recieve it.")]
    opts = GrammarOptions(url=lt_url, cache_dir=str(tmp_path))
    first = check(segs, opts)
    assert _check.last_client is not None and _check.last_client.requests_made == 1  # one batch
    second = check(segs, opts)
    assert second == first and first
    assert _check.last_client is None, "cached run created a client"  # how much faster: bench/grammar_cache.py
