"""RFC 5322 drafts: headers, multipart, quoted-printable, base64, HTML-only, charsets."""
from __future__ import annotations

import base64

from .conftest import categories, lint

HEAD = "From: Kevin <k@x.example>\nTo: Dana <d@y.example>\nSubject: {subject}\nMIME-Version: 1.0\n"


def test_multipart_quoted_printable_takes_text_plain():
    eml = (HEAD.format(subject="Following up") + 'Content-Type: multipart/alternative; boundary="B"\n\n--B\n'
           "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
           "Hi Dana,\n\nJust wanted to touch base and see if you had a chance to review our proposal=\n. Let me know.\n\nKevin\n"
           "--B\nContent-Type: text/html\n\n<p>Hi Dana, something else entirely</p>\n--B--\n")
    report = lint(eml, path="m.eml")
    assert {"follow-up-cliche", "no-next-step"} <= categories(report)
    assert all(1 <= p.line <= eml.count("\n") + 1 for p in report.problems)


def test_plain_body_positions_are_exact():
    eml = HEAD.format(subject="shifts") + "Content-Type: text/plain\n\nHi Dana,\n\nJust checking in on the proposal.\n\nKevin\n"
    report = lint(eml, path="m.eml")
    cliche = next(p for p in report.problems if p.code == "EL301")
    assert (cliche.line, cliche.column) == (9, 1)


def test_subject_position_points_at_header():
    eml = HEAD.format(subject="just checking in") + "Content-Type: text/plain\n\nHi Dana,\n\nHow do you plan shifts?\n\nKevin\n"
    cliche = next(p for p in lint(eml, path="m.eml").problems if p.code == "EL301")
    assert (cliche.line, cliche.column) == (3, 10)


def test_base64_latin1_body_is_decoded():
    body = "Hi Dana,\n\nJust checking in about the café order.\n\nKevin\n".encode("latin-1")
    eml = (HEAD.format(subject="café") + 'Content-Type: text/plain; charset="iso-8859-1"\nContent-Transfer-Encoding: base64\n\n'
           + base64.encodebytes(body).decode())
    assert "follow-up-cliche" in categories(lint(eml, path="m.eml"))


def test_html_only_body_is_converted():
    eml = (HEAD.format(subject="Q3 hiring") + 'Content-Type: text/html; charset="utf-8"\n\n'
           "<html><body><p>Hi Ana,</p><p>How are you planning to ramp the new hires?</p>"
           "<p>I suggest a 20-minute call on Wednesday at 10am.</p><p>Sam</p></body></html>\n")
    report = lint(eml, path="h.eml")
    assert not categories(report) & {"no-problem-question", "no-next-step"}, report.problems
