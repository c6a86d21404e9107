"""Pull the author's message out of an RFC 5322 ``.eml`` file.

The standard library parses headers, multipart structure, quoted-printable,
base64 and charsets. emaillint judges the text/plain part (or text derived
from text/html when there is none) and keeps a map from the decoded body's
lines back to the file, so findings point at the right line: exactly when the
body is stored as plain 7bit/8bit text, approximately (same relative line
from where the part starts) when it had to be decoded.
"""
from __future__ import annotations

import email
import email.policy
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from emaillint.base import markup


@dataclass(frozen=True)
class EmlDraft:
    subject: str | None
    body: str
    subject_line: int | None  # 1-based line of the Subject header in the file
    body_line: int  # 1-based file line where body line 1 sits
    exact: bool  # True when body columns match the file too


class _HTMLText(HTMLParser):
    """Turn email HTML into paragraphs of plain text, tags shown as ``base/markup.py`` says a mail client shows
    them (the parser, not markup's patterns: a whole message's HTML has tags of every kind, all dropped)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.run: list[tuple[str | None, bool]] = []  # tags side by side, shown together; None: white space between
        self.skip = 0

    def _tag(self, tag: str, closing: bool) -> None:
        if tag in markup.HIDDEN:
            self.skip = self.skip - 1 if closing and self.skip else self.skip + (not closing)
        elif not self.skip:
            self.run.append((tag, closing))

    def handle_starttag(self, tag, attrs):
        self._tag(tag, False)

    def handle_endtag(self, tag):
        self._tag(tag, True)

    def handle_data(self, data):
        if self.skip:
            return
        if self.run and not data.strip():  # between tags: gone if they break the line, a space if not
            self.run.append((None, False))
            return
        self.flush()
        self.parts.append(re.sub(r"[ \t\r\n]+", " ", data))

    def flush(self) -> None:
        together = markup.together(self.run)
        if together is not None:
            self.parts.append(together)
        else:
            self.parts += [markup.shown(tag, closing) if tag else " " for tag, closing in self.run]
        self.run = []


def html_to_text(html: str) -> str:
    """Readable paragraphs from an HTML body (no external dependency)."""
    parser = _HTMLText()
    parser.feed(html)
    parser.close()
    parser.flush()
    text = "".join(parser.parts)
    lines = [line.strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def _find_line(raw: str, needle: str, start: int = 0) -> int | None:
    pos = raw.find(needle, start)
    return None if pos == -1 else raw.count("\n", 0, pos) + 1


MAX_HEADER = 4000  # characters of one header (folded lines included) handed to the parser
MAX_HEADERS = 200  # headers in one header block


def _bounded_headers(raw: str) -> str:
    """The message with each header of the top-level block cut to MAX_HEADER characters and at most
    MAX_HEADERS of them: the standard library's header parser is quadratic in a long header (50,000
    Content-Type parameters, 200,000 encoded words). The body is left as it is."""
    end = raw.find("\n\n")
    head, rest = (raw, "") if end == -1 else (raw[:end + 1], raw[end + 1:])
    if len(head) <= MAX_HEADER and head.count("\n") <= MAX_HEADERS:
        return raw
    headers: list[str] = []
    for line in head.split("\n"):
        if line[:1] in (" ", "\t") and headers:
            if len(headers[-1]) < MAX_HEADER:
                headers[-1] = (headers[-1] + "\n" + line)[:MAX_HEADER]
        elif line:
            if len(headers) >= MAX_HEADERS:
                break
            headers.append(line[:MAX_HEADER])
    return "\n".join(headers) + "\n" + rest


def parse_eml(raw: str) -> EmlDraft:
    """Parse an .eml text (already decoded and normalised) into an EmlDraft."""
    try:
        return _parse(raw)
    except RecursionError:
        from emaillint.read.source import InputError

        raise InputError("MIME parts are nested too deeply to read (a message inside a message, "
                         "hundreds of levels down)") from None


def _parse(raw: str) -> EmlDraft:
    msg = email.message_from_string(_bounded_headers(raw), policy=email.policy.default)
    subject = msg.get("Subject")
    subject_line = None
    match = re.search(r"(?im)^subject:", raw)
    if match:
        subject_line = raw.count("\n", 0, match.start()) + 1
    part = msg.get_body(preferencelist=("plain", "html"))
    if part is None:
        return EmlDraft(str(subject) if subject else None, "", subject_line, 1, False)
    payload = part.get_payload()
    if isinstance(payload, str) and str(part.get("Content-Transfer-Encoding", "")).strip().lower() in (
            "", "7bit", "8bit", "binary"):
        # Not encoded: the text is already decoded (the file was, when it was read). The email package
        # would decode it again, as ASCII when no charset is declared: every emoji and accent mangled,
        # and the body no longer found in the file, so findings lose their place and their fixes.
        content = payload
    else:
        try:
            content = part.get_content()
        except (LookupError, ValueError):
            content = (part.get_payload(decode=True) or b"").decode("utf-8", errors="replace")
    content = content.replace("\r\n", "\n").replace("\r", "\n")
    html = part.get_content_subtype() == "html"
    body = html_to_text(content) if html else content
    header_end = raw.find("\n\n")
    exact_at = -1 if html else raw.find(body.strip("\n")[:200], max(header_end, 0))
    if exact_at != -1 and body.strip():
        lead = len(body) - len(body.lstrip("\n"))
        line = raw.count("\n", 0, exact_at) + 1 - lead
        return EmlDraft(str(subject) if subject else None, body, subject_line, line, True)
    first = next((l for l in content.split("\n") if l.strip()), "")
    line = _find_line(raw, first[:40], max(header_end, 0)) if first else None
    lead = len(body) - len(body.lstrip("\n"))
    return EmlDraft(str(subject) if subject else None, body, subject_line, (line or 1) - lead if line else 1, False)
