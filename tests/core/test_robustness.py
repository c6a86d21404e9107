"""Odd and broken drafts never crash emaillint (no traceback, no EL000 internal error)."""
from __future__ import annotations

import random

import pytest

from emaillint.api import lint_text
from emaillint.run.config import Config

ODD = {
    "empty.txt": "",
    "blank.txt": "\n\n\n",
    "subject-only.txt": "Subject: hi",
    "signature-only.txt": "-- \nJo\n",
    "greeting-only.txt": "Hi Sam,\n",
    "long-line.txt": "word " * 20000,
    "unclosed-front-matter.md": "---\nsubject: hi\nHi Sam,\n",
    "bad-yaml.md": "---\nsubject: [unclosed\n---\nHi Sam,\n",
    "list-front-matter.md": "---\n- a\n- b\n---\nHi\n",
    "garbage.eml": "\x01\x02 not an email at all\n\n>>>\n",
    "headers-only.eml": "From: a@b.c\nSubject: x\n",
    "bad-charset.eml": "Subject: x\nContent-Type: text/plain; charset=klingon\n\nHi\n",
    "broken.txt.j2": "{% if %}{{ }}{# \n{{ a | default( }}\n",
    "nested-if.txt.j2": "{% if a %}{% if b %}x{% endif %}{% elif c %}y{% else %}z{% endif %}{% endif %}{% endif %}",
    "only-quotes.txt": "> a\n>> b\nOn Mon, X wrote:\n> c\n",
    "rtl-emoji.txt": "Subject: مرحبا 👋🏽\n\nHi ‮Sam‬,\n\nHow do you plan 🙂🙂🙂 today?!?!\n\n—\u00a0J\n",
    "only-punctuation.txt": "?!?!...;;;:::---\n",
    "many-lists.md": "- a\n" * 500,
    "whitespace-only.txt": " \t\n  \n\u00a0\n",
    "lone-cr.txt": "Subject: hi\r\rHi Sam,\r\rJust checking in!\r",
    "crlf-bom.txt": "\ufeffSubject: hi\r\n\r\nHi Sam,\r\n\r\nJust checking in!\r\n",
    "truncated-multipart.eml": "Subject: x\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/pl",
    "broken-base64.eml": "Subject: x\nContent-Transfer-Encoding: base64\n\nSGkgU2FtLC%%%%\n=\n",
    "broken-qp.eml": "Subject: x\nContent-Transfer-Encoding: quoted-printable\n\nHi =ZZ Sam =\n=E2=80\n",
    "lying-charset.eml": "Subject: x\nContent-Type: text/plain; charset=utf-16\n\nHi Sam, just checking in\n",
    "base64-lying-charset.eml": "Subject: x\nContent-Type: text/plain; charset=utf-32\nContent-Transfer-Encoding: base64\n\n"
                                "SGkgU2FtLCBqdXN0IGNoZWNraW5nIGlu\n",
    "broken-encoded-subject.eml": "Subject: =?utf-8?b?%%%?= =?x-unknown?q?a?=\n\nHi Sam\n",
}


@pytest.mark.parametrize("name", sorted(ODD))
def test_odd_drafts_are_judged_without_errors(name):
    report = lint_text(ODD[name], path=name, config=Config())
    assert "EL000" not in {p.code for p in report.problems}, report.problems
    assert 0 <= report.score <= 100


def test_shuffled_fragments_never_crash():
    pieces = ["Subject: Re: hi", "Hi Dana,", "Just following up!!", "-- ", "> quoted", "On Mon, X wrote:",
              "{{ name }}", "{% if x %}", "{% endif %}", "- item", "P.S. How are you handling it?", "Best,", "Kevin",
              "<!-- emaillint: disable=EL301 -->", "# emaillint: enable", "https://x.example/a?b", "$49 per seat per month",
              "Could you send me the contract, and let me know?", "", "\t", "I suggest Tuesday at 10am."]
    rng = random.Random(1234)
    for i in range(300):
        text = "\n".join(rng.choice(pieces) for _ in range(rng.randint(1, 25)))
        for path in ("x.txt", "x.md", "x.txt.j2", "x.eml"):
            report = lint_text(text, path=path, config=Config())
            assert "EL000" not in {p.code for p in report.problems}, (path, text)


def test_trailing_spaces_and_a_trailing_suppression_comment_change_nothing_else():
    """A line that ends in spaces (format=flowed mail wraps that way) used to end its paragraph, and a
    suppression comment at the end of a line (blanked to spaces) cut its sentence in two: a comment that
    silences one finding changed the others."""
    base = "Subject: Tuesday\n\nHi Dana, WE ARE THE BEST team\nfor clinics like yours. Just checking in!!\n\nBest,\nSam\n"

    def found(text, path="x.txt"):
        return sorted((p.code, p.line, p.column, p.message) for p in lint_text(text, path=path, config=Config()).problems)

    expected = found(base)
    assert any(code == "EL101" and "team for clinics" in message for code, _, _, message in expected)
    assert found(base.replace("team\n", "team   \n")) == expected
    without = [f for f in expected if f[0] != "EL504"]
    assert found(base.replace("team\n", "team # emaillint: disable-line=EL504\n")) == without
    assert found(base.replace("team\n", "team <!-- emaillint: disable-line=EL504 -->\n"), "x.md") == without
