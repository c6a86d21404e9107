"""The sentence splitter: where sentences end, and the fast spellings of its patterns against the plain ones.

The splitter's boundary pattern and its "word before a full stop" test are written for speed (see
emaillint/anatomy/sentences.py); here the plain spellings they replaced are the reference, on random
texts made of the characters that matter (marks, closing quotes, spaces, newlines, letters), and the
whole splitter is held to a reference built from them."""
from __future__ import annotations

import random
import re

import pytest

from emaillint.anatomy import sentences as splitter

from .conftest import random_texts

PLAIN_BOUNDARY = re.compile(r"(?<![.!?])([.!?]+|[.!?]*…)([\"'”’)\]]*)(\s+)")
PLAIN_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.'’]*)$")
ALPHABET = list(".!?…  \n\t\"'”’)]aAbZ1é") + ["\x0b", "\u00a0", "\x1c"]
PIECES = ALPHABET + [" " * 16, " " * 20 + "\t", "Dr.", "e.g.", "- ", "1. ", "\n* ", "word ", "Inc. ", "Yes! "]



@pytest.mark.parametrize("seed", [1, 2])
def test_the_boundary_pattern_finds_what_the_plain_one_finds(seed):
    for text in random_texts(ALPHABET, 20000, seed, longest=30):
        plain = [(m.span(), m.groups()) for m in PLAIN_BOUNDARY.finditer(text)]
        assert [(m.span(), m.groups()) for m in splitter._BOUNDARY.finditer(text)] == plain, repr(text)


def test_the_word_before_a_mark_is_the_plain_patterns_word():
    for text in random_texts(ALPHABET + ["Dr", "e.g", "o’"], 20000, 3, longest=30):
        match = PLAIN_WORD_BEFORE.search(text)
        assert splitter._last_word(text) == (match.group(1) if match else None), repr(text)


def _reference_split(text: str, offset: int = 0):
    """The splitter as it was written before it was made faster: every sentence searched for long runs of
    spaces, the boundary and the word before a full stop found with the plain patterns."""
    original = splitter._BOUNDARY, splitter._last_word, splitter._split_block
    plain_word = lambda before: (m.group(1) if (m := PLAIN_WORD_BEFORE.search(before)) else None)  # noqa: E731

    def block(text, offset, list_item, lower_case=False):
        out, start = [], 0
        for m in PLAIN_BOUNDARY.finditer(text):
            if m.start() < start:
                continue
            nxt = text[m.end():m.end() + 1]
            if not nxt:
                continue
            if m.group(1) == "." and splitter._is_abbreviation(text[start:m.start()]):
                continue
            if m.group(1).endswith(".") and not (nxt.isupper() or nxt.isdigit() or nxt in "\"'“([{<*" or splitter._is_symbol(nxt)
                                                 or lower_case and nxt.islower()):
                continue
            end, start_next = splitter.closed_with_symbols(text, m.start() + len(m.group(1)) + len(m.group(2)), m.end())
            out.append((start, end))
            start = start_next
        if text[start:].strip():
            out.append((start, len(text.rstrip())))
        out = [piece for s, e in out for piece in splitter._unglued(text, s, e)]  # (sentences an export glued together)
        out = [piece for s, e in out for piece in splitter._chunks(text, s, e)]
        # (a line break inside a sentence is a hard wrap, read as a space: same length)
        return [splitter.Sentence(offset + s, offset + e, text[s:e].replace("\n", " "), list_item)
                for s, e in out if text[s:e].strip()]

    splitter._last_word, splitter._split_block = plain_word, block
    try:
        return splitter.split(text, offset)
    finally:
        splitter._BOUNDARY, splitter._last_word, splitter._split_block = original


def test_the_splitter_cuts_where_the_reference_cuts():
    rng = random.Random(4)
    for text in random_texts(PIECES, 6000, 5, longest=40):
        if rng.random() < 0.05:
            text *= 40  # past MAX_SENTENCE: the long-sentence cut
        assert splitter.split(text, 3) == _reference_split(text, 3), repr(text)


def test_sentences_end_at_marks_but_not_after_abbreviations():
    text = "I met Dr. Lee at Acme Inc. on Monday. Was it useful?! Yes… we think so. Next step: a call."
    assert [s.text for s in splitter.split(text)] == [
        "I met Dr. Lee at Acme Inc. on Monday.", "Was it useful?!", "Yes…", "we think so.", "Next step: a call."]


def test_a_long_run_of_spaces_ends_a_piece_and_a_very_long_sentence_is_cut():
    assert [s.text for s in splitter.split("Our numbers" + " " * 20 + "are in")] == ["Our numbers", "are in"]
    pieces = splitter.split("word " * 400)
    assert len(pieces) > 1 and all(len(s.text) <= splitter.MAX_SENTENCE for s in pieces)


def test_a_hard_wrapped_sentence_reads_as_one_line_at_the_same_place():
    text = "Just wanted to check\nin on the pilot. Any\nnews?"
    sentences = splitter.split(text, 10)
    assert [s.text for s in sentences] == ["Just wanted to check in on the pilot.", "Any news?"]
    assert [text[s.start - 10:s.end - 10].replace("\n", " ") for s in sentences] == [s.text for s in sentences]


def test_a_line_that_ends_a_thought_without_a_mark_ends_its_sentence():
    """A paragraph typed with single line breaks: "{{observation}}" and a results line have no full stop, but the
    next line starts a new sentence. A hard wrap ("…companies like\nHarbor Foods…") is not cut, nor a line that
    ends in a comma."""
    typed = "{{AI Personalization}}\nI help agencies find clients.\nResults after a month\n3x more calls"
    assert [s.text for s in splitter.split(typed)] == [
        "{{AI Personalization}}", "I help agencies find clients.", "Results after a month", "3x more calls"]
    wrapped = ("We have been working with logistics companies like\nHarbor Foods and Coastal Produce on their route\n"
               "planning, and we found that most of them lose a day.")
    assert len(splitter.split(wrapped)) == 1
    assert len(splitter.split("Thanks for the notes on Harbor,\nNorthwind and Acme.")) == 1
    assert [s.text for s in splitter.split("It comes at a *very good rate.*\nIf you want it, reply.")] == [
        "It comes at a *very good rate.*", "If you want it, reply."]


def test_a_sentence_starts_after_an_emoji():
    assert [s.text for s in splitter.split("Noticed Acme is an agency. 🙂 Guessing your team spends hours on reports?")] == [
        "Noticed Acme is an agency. 🙂", "Guessing your team spends hours on reports?"]
    assert [s.text for s in splitter.split("Have a good week. 👍🏻")] == ["Have a good week. 👍🏻"]
    assert [s.text for s in splitter.split("Thanks! ❤️ Talk soon.")] == ["Thanks! ❤️", "Talk soon."]
    assert len(splitter.split("We met at approx. three. Thanks")) == 2  # a lower-case word after a full stop goes on


def test_a_sentence_can_start_with_a_merge_tag_or_bold():
    text = "I recorded a short video for you.\n{{loom link}}\nIt runs two minutes. **Worth a look?**"
    assert [s.text for s in splitter.split(text)] == [
        "I recorded a short video for you.", "{{loom link}}", "It runs two minutes.", "**Worth a look?**"]


def test_a_paragraph_written_without_capitals_still_ends_its_sentences():
    text = "saw your post about the new depot. how are you planning routes there? e.g. the early shift. worth a call?"
    assert [s.text for s in splitter.split(text)] == [
        "saw your post about the new depot.", "how are you planning routes there?", "e.g. the early shift.",
        "worth a call?"]
    assert len(splitter.split("We met approx. three weeks ago. Thanks")) == 2  # capitals: a lower-case word goes on


def test_a_line_ended_on_purpose_ends_its_sentence_whatever_follows():
    """Single line breaks between thoughts: a line ending in an initial ("lot C."), a line before a lower-case
    one ("worth a look?") and a line before an emoji bullet each end a sentence; a hard wrap after an initial
    ("John C.\nSmith") does not, and a word ending in one letter ("W-9s.") is not an initial."""
    long_line = "When you arrive at our demo centre, check in at the front desk and ask for me. Parking is in lot C."
    assert [s.text for s in splitter.split(long_line + "\nCould you bring two brackets?")][-2:] == [
        "Parking is in lot C.", "Could you bring two brackets?"]
    lower = "Since my last note I pulled detention charges for shippers out of the port. That's real money.\nworth a look?"
    assert [s.text for s in splitter.split(lower)][-1] == "worth a look?"
    bullets = "Here are a few ways to get started with the onboarding platform for franchise brands:\n👉 Book a demo\n👉 Join the webinar"
    assert len(splitter.split(bullets)) == 3
    assert len(splitter.split("It was signed by John C.\nSmith on Monday.")) == 1
    assert [s.text for s in splitter.split("Your portal still asks for paper W-9s. Who owns onboarding?")] == [
        "Your portal still asks for paper W-9s.", "Who owns onboarding?"]


def test_a_web_address_after_a_full_stop_goes_on_with_its_sentence_in_lower_case_too():
    text = "it's mit's study on slotting in dcs. https://ctl.mit.edu/study how often are you re-slotting?"
    assert [s.text for s in splitter.split(text)][0] == "it's mit's study on slotting in dcs. https://ctl.mit.edu/study how often are you re-slotting?"


def test_a_line_bulleted_with_a_symbol_is_a_list_item():
    """Marketing mail bullets with check marks, arrows and emoji as often as with dashes."""
    for bullet in ("-", "•", "✅", "✔️", "→", "👉", "▪", "1."):
        items = splitter.split(f"{bullet} Book a live demo\n{bullet} Join the webinar on June 12")
        assert [(s.text, s.list_item) for s in items] == [("Book a live demo", True), ("Join the webinar on June 12", True)], bullet


def test_sentences_glued_together_by_an_export_are_still_sentences():
    """An export that drops the space after a full stop ("…one school year.Would you be free…?Send me a time") still
    ends the sentence there; a web address, an initial and a single capital are not cut."""
    from emaillint.anatomy.sentences import split

    assert [s.text for s in split("It cut returns by a third.Would you be free on Tuesday?Send me a time.")] == [
        "It cut returns by a third.", "Would you be free on Tuesday?", "Send me a time."]
    for whole in ("See example.com/Depots for the list.", "Use a tool, e.g.Excel, for now.", "It runs on macOS.X is next."):
        assert len(split(whole)) == 1, whole
