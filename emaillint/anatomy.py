"""Split an email into its anatomy and keep only the author's own words.

Parts: subject, greeting, body paragraphs, sign-off, signature, quoted
replies, forwarded messages and legal footers. Rules judge the subject,
greeting and body; quotes, signatures and footers belong to someone else (or
to boilerplate) and are never judged, but stay available (a reply rule reads
the quote to see whether the author listened). Every part keeps its span in
the analysed text, so positions stay exact.
"""
from __future__ import annotations

import re
from functools import cache
from dataclasses import dataclass, field
from enum import Enum

from emaillint import sentences as sentence_splitter
from emaillint.lexicons import lexicon_regex, lexicon_set


class PartKind(str, Enum):
    SUBJECT = "subject"
    GREETING = "greeting"
    BODY = "body"
    SIGN_OFF = "sign-off"
    SIGNATURE = "signature"
    QUOTE = "quote"
    FOOTER = "footer"


@dataclass(frozen=True)
class Part:
    kind: PartKind
    start: int
    end: int
    text: str


@dataclass
class Email:
    text: str
    subject: Part | None = None
    greeting: Part | None = None
    body: list[Part] = field(default_factory=list)
    sign_off: Part | None = None
    signature: Part | None = None
    quotes: list[Part] = field(default_factory=list)
    footer: Part | None = None
    front_matter: dict = field(default_factory=dict)
    _sentences: list | None = None

    def sentences(self):
        """Sentences of the body, in order (cached)."""
        if self._sentences is None:
            self._sentences = [s for p in self.body for s in sentence_splitter.split(p.text, p.start)]
        return self._sentences

    def subject_sentences(self):
        return sentence_splitter.split(self.subject.text, self.subject.start) if self.subject else []

    @property
    def body_text(self) -> str:
        return "\n\n".join(p.text for p in self.body)

    @property
    def quoted_text(self) -> str:
        return "\n".join(q.text for q in self.quotes)

    def author_parts(self) -> list[Part]:
        parts = [self.subject, self.greeting, *self.body]
        return [p for p in parts if p is not None]


_SUBJECT = re.compile(r"(?im)\A(?:[ \t]*\n)*(?:(?:to|from|cc|bcc|date)[ \t]*:.*\n)*subject[ \t]*:[ \t]*(.*)$")
_QUOTE_HEADER = re.compile(
    r"(?im)^(?:on\s.{0,200}?\bwrote:[ \t]*$|-{2,}[ \t]*(?:original|forwarded)\s+message[ \t]*-*[ \t]*$"
    r"|begin forwarded message:[ \t]*$|_{5,}[ \t]*$|from:[ \t].+\n(?:sent|date):[ \t].+$)",
)
_QUOTED_LINE = re.compile(r"(?m)^[ \t]*>.*$")
_SIG_DASHES = re.compile(r"(?m)^--[ \t]?$")
_PARAGRAPH = re.compile(r"\S(?:.*\S)?(?:\n[ \t]*\S.*)*", re.M)


@cache
def _greeting_re() -> re.Pattern[str]:
    return re.compile(rf"^(?:{lexicon_regex('greetings').pattern})\b[^\n]{{0,60}}$|^[A-Z][\w.'’ -]{{0,40}},$", re.I)


def _is_sign_off(line: str) -> bool:
    words = re.sub(r"[^\w' ]", "", line.strip().lower().replace("’", "'"))
    return bool(words) and " ".join(words.split()) in lexicon_set("sign-offs") and len(line) < 40


def _is_name_line(line: str) -> bool:
    stripped = line.strip()
    if not stripped or len(stripped.split()) > 5 or stripped[-1] in ".?!:,;":
        return False
    return stripped[0].isupper() or "|" in stripped or "@" in stripped


def _region_end(text: str, start: int) -> tuple[int, list[Part]]:
    """Where the author's region ends (first quote header) and the quote parts."""
    quotes: list[Part] = []
    end = len(text)
    header = _QUOTE_HEADER.search(text, start)
    if header:
        end = header.start()
        quotes.append(Part(PartKind.QUOTE, end, len(text), text[end:]))
    return end, quotes


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text, start, end)]


def _footer_start(text: str, paras: list[tuple[int, int]]) -> int | None:
    regex = lexicon_regex("footer-markers")
    for s, e in paras:
        if regex.match(text, s) and s > 0:
            return s
    return None


def _split_closing(text: str, paras: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], int | None, int | None]:
    """Find the sign-off line and where the signature block starts."""
    for index in range(len(paras) - 1, max(-1, len(paras) - 4), -1):
        s, e = paras[index]
        lines = text[s:e].split("\n")
        offset = s
        for i, line in enumerate(lines):
            if _is_sign_off(line):
                rest = lines[i + 1:]
                if all(_is_name_line(l) or not l.strip() for l in rest) or index < len(paras) - 1:
                    body = paras[:index] + ([(s, offset - 1)] if i else [])
                    return body, offset, offset + len(line) + 1
            offset += len(line) + 1
    if paras:
        s, e = paras[-1]
        lines = text[s:e].split("\n")
        if len(paras) > 1 and len(lines) <= 4 and all(_is_name_line(l) for l in lines):
            return paras[:-1], None, s
    return paras, None, None


def parse_email(text: str, *, subject: tuple[int, int] | None = None, content_start: int = 0,
                front_matter: dict | None = None) -> Email:
    """Parse analysed (masked) text into an Email.

    ``subject`` is the span of a subject found elsewhere (front matter, eml
    headers); ``content_start`` skips front matter.
    """
    email = Email(text=text, front_matter=front_matter or {})
    start = content_start
    if subject is not None:
        email.subject = Part(PartKind.SUBJECT, *subject, text[subject[0]:subject[1]])
    else:
        match = _SUBJECT.match(text, start)
        if match:
            email.subject = Part(PartKind.SUBJECT, match.start(1), match.end(1), match.group(1))
            start = match.end()
    end, email.quotes = _region_end(text, start)
    sig = _SIG_DASHES.search(text, start, end)
    if sig:
        email.signature = Part(PartKind.SIGNATURE, sig.start(), end, text[sig.start():end])
        end = sig.start()
    paras = _paragraphs(text, start, end)
    inline_quotes = [(s, e) for s, e in paras if all(l.lstrip().startswith(">") for l in text[s:e].split("\n"))]
    for s, e in inline_quotes:
        email.quotes.append(Part(PartKind.QUOTE, s, e, text[s:e]))
    paras = [p for p in paras if p not in inline_quotes]
    footer = _footer_start(text, paras)
    if footer is not None:
        email.footer = Part(PartKind.FOOTER, footer, end, text[footer:end])
        paras = [p for p in paras if p[0] < footer]
    paras = _take_greeting(email, text, paras)
    paras, sign_off, sig_start = _split_closing(text, paras)
    if sign_off is not None:
        line_end = text.find("\n", sign_off)
        line_end = len(text) if line_end == -1 else line_end
        email.sign_off = Part(PartKind.SIGN_OFF, sign_off, line_end, text[sign_off:line_end])
    if sig_start is not None and email.signature is None:
        sig_end = paras_end(text, sig_start, end)
        email.signature = Part(PartKind.SIGNATURE, sig_start, sig_end, text[sig_start:sig_end])
    email.body = [Part(PartKind.BODY, s, e, text[s:e]) for s, e in paras if text[s:e].strip()]
    return email


def paras_end(text: str, start: int, end: int) -> int:
    return len(text[:end].rstrip()) if end > start else start


def _take_greeting(email: Email, text: str, paras: list[tuple[int, int]]) -> list[tuple[int, int]]:
    if not paras:
        return paras
    s, e = paras[0]
    line_end = text.find("\n", s, e)
    line_end = e if line_end == -1 else line_end
    if not _greeting_re().match(text[s:line_end].strip()):
        return paras
    email.greeting = Part(PartKind.GREETING, s, line_end, text[s:line_end])
    rest = line_end + 1
    if rest < e and text[rest:e].strip():
        lead = len(text[rest:e]) - len(text[rest:e].lstrip())
        return [(rest + lead, e)] + paras[1:]
    return paras[1:]
