"""A coach reads the same email the same way however it was typed: the findings, score and kind of every draft in
the team's corpora stay the same when it is re-typed as real mail often is.

- curly apostrophes ("haven’t heard back"), as Gmail, Outlook and Apple Mail type them;
- Windows line endings;
- paragraphs hard-wrapped at 72 columns, as plain-text mail and many editors leave them;
- every line indented (pasted from a quote block or a document), the greeting and quote headers included, and
  hard-wrapped lines indented with a tab ("check\n\tin" is still "check in");
- "Sent from my iPhone", "Sent from my Samsung Galaxy smartphone." or "Get Outlook for Android" under the
  signature;
- zero-width joiners and spaces at line starts and after full stops, as text copied from a web page carries;
- an emoji ending a paragraph ("Glad the audit was helpful! 🙂");
- "Subject line:" or "Subject -" (as blog posts and template libraries write it) for "Subject:";
- a mail client's "-- " signature block and a legal footer under the sender's typed name;
- no-break spaces for spaces, as HTML editors and web pages leave them, and apostrophes as "&#39;", as a draft
  copied out of a page's source has them; UTF-8 read as Windows-1252 ("Iâ€™m", "cafÃ©"), as a misconfigured export
  leaves it; "e-mail" for "email";
- a paragraph in bold ("**How are you handling renewals today?**"), as Markdown and HTML-to-text mail mark it;
- the sign-off and the name on one line ("Best, Ellie Shaw"), another sign-off ("Have a great week,"), and a
  greeting ending in a dash ("Hi Alan -");
- paragraphs with single line breaks instead of blank lines between them, as web forms, CRM exports and many
  pasted emails have them: the quoted message, the P.S., the signature and the footer are still their own parts,
  and each line still ends its sentence.

Each transform once changed findings (a data rule missed "haven’t heard back", a phrase cut by a wrap, the typed
name under the sign-off fell out of every part, an indented greeting or "On … wrote:" went unseen, a quote or a
P.S. typed without a blank line above it was read as the signature); tests/core/test_prefilter.py,
test_anatomy.py and test_sentences.py hold the pieces."""
from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from emaillint.api import lint_text

ROOT = Path(__file__).resolve().parents[2]
DRAFTS = sorted(ROOT.glob("tests/corpus*/emails/*.txt"))


def _wrap(text: str, width: int = 72) -> str:
    """Each one-line prose paragraph wrapped at ``width``; lists, quotes and blocks of lines as they are."""
    return "\n\n".join("\n".join(textwrap.wrap(p, width, break_on_hyphens=False, break_long_words=False))
                       if "\n" not in p.strip() and not p.lstrip().startswith(("-", "*", ">", "•")) else p
                       for p in text.split("\n\n"))


RETYPED = {
    "curly apostrophes": lambda t: re.sub(r"(?<=\w)'(?=\w)", "’", t),
    "windows line endings": lambda t: t.replace("\n", "\r\n"),
    "hard wrap at 72": _wrap,
    "every line indented": lambda t: "\n".join("    " + line if line.strip() else line for line in t.split("\n")),
    "hard-wrapped and indented with a tab": lambda t: "\n".join("\t" + line if line.strip() else line
                                                                for line in _wrap(t).split("\n")),
    "sent from my phone": lambda t: t.rstrip() + "\n\nSent from my iPhone\n",
    "a mail app's line": lambda t: t.rstrip() + "\n\nSent from my Samsung Galaxy smartphone.\n\nGet Outlook for Android\n",
    "zero-width characters from a web editor": lambda t: re.sub(r"(?m)^(?=\S)", "\u200d", t).replace(". ", ".\u200b "),
    "a smile ending a paragraph": lambda t: re.sub(r"(?m)(?<=[a-z][.!])$(?=\n\n)", " 🙂", t, count=1),
    "'Subject line:' for 'Subject:'": lambda t: re.sub(r"(?m)^Subject:", "Subject line:", t, count=1),
    "'Subject -' for 'Subject:'": lambda t: re.sub(r"(?m)^Subject: ", "Subject - ", t, count=1),
    "no-break spaces": lambda t: t.replace(" ", "\u00a0"),
    "apostrophes as character references": lambda t: t.replace("'", "&#39;"),
    "a paragraph in bold": lambda t: re.sub(r"\n\n([A-Z][^\n*]+[?.])\n\n", lambda m: f"\n\n**{m.group(1)}**\n\n", t),
    "the sign-off and the name on one line": lambda t: re.sub(
        r"(?m)^(Best|Thanks|Cheers|Regards|Best regards|Kind regards|Thank you|Sincerely|Warm regards),[ \t]*\n(?=[A-Z])",
        r"\1, ", t, count=1),
    "another sign-off": lambda t: re.sub(r"(?m)^(?:Best|Thanks|Cheers|Regards),[ \t]*$", "Have a great week,", t, count=1),
    "a greeting ending in a dash": lambda t: re.sub(r"(?m)^(Hi|Hello|Hey|Dear) ([A-Z][a-z]+),[ \t]*$", r"\1 \2 -", t,
                                                    count=1),
    "'e-mail' for 'email'": lambda t: re.sub(r"\bemail", "e-mail", t).replace("Email", "E-mail"),
    "UTF-8 read as Windows-1252": lambda t: "".join(
        bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in t.encode("utf-8")),
    "single line breaks between paragraphs": lambda t: re.sub(r"\n[ \t]*\n+", "\n", t),
    "a dash signature and a footer": lambda t: t.rstrip() + (
        "\n\n--\nKevin Smith | Account Executive | Acme Inc.\n555-0100 | acme.example.com\n\n"
        "This email and any attachments are confidential. If you received it in error, please delete it.\n"),
}


def _reading(text: str, name: str):
    report = lint_text(text, name)
    return sorted(p.code for p in report.problems), report.score, report.kind


def test_the_corpora_are_there():
    assert len(DRAFTS) > 500


@pytest.mark.parametrize("retype", RETYPED)
def test_a_retyped_draft_is_judged_as_the_draft(retype):
    change = RETYPED[retype]
    changed = 0
    differ = []
    for path in DRAFTS:
        text = path.read_text(encoding="utf-8")
        again = change(text)
        changed += again != text
        if _reading(again, path.name) != _reading(text, path.name):
            differ.append(path.name)
    assert changed > 50, "the transform changed almost nothing: it tests nothing"
    assert not differ, f"{len(differ)} drafts judged otherwise once {retype}: {differ[:8]}"


def test_a_dash_reads_the_same_spaced_or_not():
    """"This is my last email—I promise!" and "This is my last email - I promise!" are one sentence to a reader: a
    dash between two words splits clauses either way, and "I promise" is the sender's stance, not a pitch; a
    range ("9–5") is not a dash between words."""
    from emaillint.judge.analysis import orientation

    for dash in ("—", " — ", " - ", " – "):
        assert orientation.orient(f"This is my last email{dash}I promise!") == "neutral", dash
        assert orientation.orient(f"If not{dash}we built a platform that automates it.") == "seller", dash
    assert orientation.orient("I promise you will love our platform.") == "seller"


def test_a_finding_after_invisible_characters_points_at_the_words_in_the_file():
    text = ("Subject: shifts\n\n\u200dHi Sam,\n\n\u200dI noticed your new site opens in May.\u200d\u200b Just checking in "
            "on my last email.\n\n\u200dBest,\nJo\n")
    found = next(p for p in lint_text(text, "x.txt").problems if p.code == "EL301")
    line = text.split("\n")[found.line - 1]
    assert line[found.column - 1:].startswith("Just checking in")


def test_the_senders_company_is_known_in_a_sentence_typed_without_capitals():
    """The signature names the company ("FleetIQ"); the prose typed in lower case ("fleetiq is the only…") still
    sells it. A capitalised sentence names it only by its capitals: "close the loop" is not the company Close."""
    from emaillint.judge.analysis import orientation

    names = frozenset({"FleetIQ"})
    assert orientation.mentions_name("as a reminder, fleetiq is the only telematics platform.", names)
    assert not orientation.mentions_name("Let me close the loop.", frozenset({"Close"}))
    signed = ("Hi Colin,\n\n{}\n\nCan we do 15 minutes on Thursday at 11?\n\nThanks,\nPriya Shah\nFleetIQ\n")
    pitch = ("As a reminder, FleetIQ is the only telematics platform built for mixed fleets, with charging-aware "
             "routing. Our customers typically save 12% on energy costs in year one.")
    assert _reading(signed.format(pitch), "x.txt") == _reading(signed.format(pitch.lower()), "x.txt")


_SPELLED_OUT = {"I'm": "I am", "don't": "do not", "we're": "we are", "We're": "We are", "you're": "you are",
                "You're": "You are", "it's": "it is", "It's": "It is", "haven't": "have not", "I've": "I have",
                "I'd": "I would", "I'll": "I will", "we've": "we have", "We've": "We have", "can't": "cannot",
                "won't": "will not", "didn't": "did not", "isn't": "is not", "that's": "that is", "That's": "That is",
                "we'll": "we will", "We'll": "We will", "you'll": "you will", "You'll": "You will", "here's": "here is",
                "Here's": "Here is"}
_CONTRACTION = re.compile(r"\b(" + "|".join(re.escape(k) for k in sorted(_SPELLED_OUT, key=len, reverse=True)) + r")\b")


def test_contractions_spelled_out_are_judged_alike():
    """"I will send the invite Tuesday" is the ask "I'll send the invite Tuesday" is, and "I know you are busy" the
    same apology: the mission judgements and the kind stay (the length and the reading grade may move, as the
    email has more words)."""
    mission = {"self-centric", "no-problem-question", "follow-up-cliche", "no-next-step"}

    def judged(text, name):
        report = lint_text(text, name)
        return report.kind, sorted({p.category for p in report.problems} & mission)

    changed, differ = 0, []
    for path in DRAFTS:
        text = path.read_text(encoding="utf-8")
        spelled = _CONTRACTION.sub(lambda m: _SPELLED_OUT[m.group()], text)
        if spelled == text:
            continue
        changed += 1
        if judged(spelled, path.name) != judged(text, path.name):
            differ.append(path.name)
    assert changed > 200
    assert not differ, f"{len(differ)} drafts judged otherwise with contractions spelled out: {differ[:8]}"
