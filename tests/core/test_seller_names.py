"""The names the sender gives their own company in the body ("I'm Tom from Ledgerly"): the cheap test in front
of each pattern only saves time, it never loses a name."""
from __future__ import annotations

from pathlib import Path

from emaillint.anatomy.parts import parse_email
from emaillint.judge.checks import el805_subject_about_seller as el805

ROOT = Path(__file__).resolve().parents[2]

MADE_UP = [
    "At Ledgerly, we help finance teams close faster.", "AT LEDGERLY, WE HELP FINANCE TEAMS.", "at Acme we build tools.",
    "I'm Tom from Ledgerly.", "I’m Tom from Ledgerly.", "this is Dana Park at Northwind Freight.",
    "My name is Omar, with Harbor Mutual.", "I lead partnerships at Ledgerly Inc.", "I look after sales for Acme.",
    "I'm an account executive at Globex Corp.", "I am the head of growth at Initech.", "Here at Acme, we care.",
    "We at Globex think so.", "What's at stake at Acme?", "Hi Amanda, great to meet you.", "That is it.",
]


def _sentences():
    files = sorted(ROOT.glob("tests/corpus*/emails/*.*")) + sorted(ROOT.glob("examples/*.*"))
    for path in files:
        yield from parse_email(path.read_text(encoding="utf-8", errors="replace")).sentences()
    for text in MADE_UP:
        yield from parse_email(f"Hi Sam,\n\n{text}\n\nJo\n").sentences()


def test_the_cheap_test_never_loses_a_name(monkeypatch):
    sentences = list(_sentences())
    found = [el805.self_named([s]) for s in sentences]
    monkeypatch.setattr(el805, "_may_hold_any", lambda low: True)  # every pattern on every sentence
    monkeypatch.setattr(el805, "_may_hold", lambda low, i: True)
    assert [el805.self_named([s]) for s in sentences] == found
    assert sum(bool(names) for names in found) >= 12  # the made-up introductions were read
    assert el805.self_named(list(parse_email("Hi Sam,\n\nAt Ledgerly, we help.\n\nJo\n").sentences())) == {"Ledgerly"}


def test_the_site_an_email_sends_them_to_names_the_sender():
    """A sentence that ends with a link, bare or behind a button's words, sends them there to act: the sender's site.
    A link inside a sentence, or one the sender looked at, may be the prospect's; a scheduling host names no one."""
    from emaillint.anatomy.parts import seller_names

    def names(body: str) -> frozenset[str]:
        return seller_names(parse_email(f"Hi Sam,\n\n{body}\n\nJo\n"))

    assert names("Depotly moves surplus stock in days.\n\n[Open your free account](https://depotly.com/join)") == {"Depotly"}
    assert names("Depotly moves surplus stock.\n\n**[Open your account](https://www.depotly.com)**") == {"Depotly"}
    assert names("Depotly moves surplus stock.\n\nhttps://depotly.com/start") == {"Depotly"}
    assert names("I was on https://harborfoods.com and Harbor Foods lists twelve depots.") == frozenset()
    assert names("Depotly moves surplus stock. Want a free trial? Here's the link: https://depotly.com/trial") == {"Depotly"}
    assert names("I was looking at https://acme.com. Acme runs twelve depots.") == frozenset()
    assert names("Calendly is how I book.\n\nhttps://calendly.com/jo/20min") == frozenset()
