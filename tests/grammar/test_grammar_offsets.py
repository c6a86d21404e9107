"""UTF-16 offsets, AnnotatedText parts and mapping back to source offsets."""

import json

from emaillint.grammar import GrammarOptions, Segment, check
from emaillint.grammar._offsets import Utf16Map, annotation, utf16_len


def test_utf16_map_plain_text_is_identity():
    m = Utf16Map("Hello there")
    assert [m.to_index(i) for i in range(12)] == list(range(12))


def test_utf16_map_astral_characters_count_two_units():
    text = "a😀b😀😀c"
    m = Utf16Map(text)
    assert m.length_u16 == utf16_len(text) == 9
    # the utf16 offset of each character maps to its Python index
    u16 = 0
    for index, ch in enumerate(text):
        assert m.to_index(u16) == index
        u16 += 2 if ord(ch) > 0xFFFF else 1
    assert m.to_index(9) == len(text)


def test_utf16_map_bmp_non_ascii_is_one_unit():
    m = Utf16Map("café – naïve “x”")
    assert m.length_u16 == len("café – naïve “x”")


def test_annotation_splits_text_and_markup():
    text = "Hi {{ first_name }}, see {% if x %}you{% endif %}."
    markup = ((3, 19, "Sam"), (25, 35, ""), (38, 49, ""))
    parts = annotation(text, markup)
    assert parts == [
        {"text": "Hi "},
        {"markup": "{{ first_name }}", "interpretAs": "Sam"},
        {"text": ", see "},
        {"markup": "{% if x %}", "interpretAs": ""},
        {"text": "you"},
        {"markup": "{% endif %}", "interpretAs": ""},
        {"text": "."},
    ]
    # the original text is rebuilt exactly, so LT offsets refer to it
    assert "".join(p.get("text", p.get("markup", "")) for p in parts) == text


def test_annotation_without_markup_is_one_text_part():
    assert annotation("Plain.", ()) == [{"text": "Plain."}]


def test_emoji_before_error_maps_to_python_offsets(fake_lt):
    fake_lt.flag["recieve"] = ("MORFOLOGIK_RULE_EN_US", "misspelling", ["receive"])
    text = "Thanks 😀🎉 — I will recieve it."
    seg = Segment(offset=100, text=text)
    [m] = check([seg], GrammarOptions(url=fake_lt.url, cache_dir=""))
    assert (m.start - 100, m.end - 100) == (text.index("recieve"), text.index("recieve") + 7)
    assert m.category == "spelling"
    assert m.replacements == ("receive",)


def test_matches_on_markup_are_dropped_and_offsets_include_markup(fake_lt):
    fake_lt.flag["first_name"] = ("SOME_RULE", "grammar", ["x"])
    fake_lt.flag["teh"] = ("MORFOLOGIK_RULE_EN_US", "misspelling", ["the"])
    text = "Hi {{ first_name }} 🚀, teh plan."
    seg = Segment(offset=5, text=text, markup=((3, 19, "Dana"),))
    matches = check([seg], GrammarOptions(url=fake_lt.url, cache_dir=""))
    assert [(m.rule_id, m.start - 5) for m in matches] == [("MORFOLOGIK_RULE_EN_US", text.index("teh"))]
    sent = json.loads(fake_lt.requests[-1]["data"])["annotation"]
    assert {"markup": "{{ first_name }}", "interpretAs": "Dana"} in sent


def test_several_segments_keep_their_own_offsets(fake_lt):
    fake_lt.flag["teh"] = ("MORFOLOGIK_RULE_EN_US", "misspelling", ["the"])
    source = "teh one\n> quoted teh\nand 😀 teh two"
    segs = [Segment(0, source[:8]), Segment(21, source[21:])]
    matches = check(segs, GrammarOptions(url=fake_lt.url, cache_dir=""))
    assert [source[m.start:m.end] for m in matches] == ["teh", "teh"]
    assert [m.start for m in matches] == [0, source.rindex("teh")]


def test_messages_are_tidied(fake_lt):
    fake_lt.flag["teh"] = ("MORFOLOGIK_RULE_EN_US", "misspelling", ["the"])
    [m] = check([Segment(0, "teh")], GrammarOptions(url=fake_lt.url, cache_dir=""))
    assert m.message == "“the” is better"
