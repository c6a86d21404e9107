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
from functools import cache, lru_cache
from dataclasses import dataclass, field
from enum import Enum

from emaillint.anatomy import sentences as sentence_splitter
from emaillint.base import mergetags
from emaillint.base.lexicons import lexicon_may_match, lexicon_regex, lexicon_set


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
    # the name lines under the sign-off when a "-- " signature follows further down ("Best,\nSam\n\nP.S. …\n\n--\n
    # Sam Lee | Acme"): the sender's too, kept apart so the "-- " block stays the signature
    name_block: Part | None = None
    quotes: list[Part] = field(default_factory=list)
    footer: Part | None = None
    front_matter: dict = field(default_factory=dict)
    _sentences: list | None = None
    _subject_sentences: tuple | None = None  # (the subject they were split from, its sentences)

    def sentences(self):
        """Sentences of the body, in order (cached)."""
        if self._sentences is None:
            text = self.text  # (a paragraph may start mid-line, after "Hi Tom, ": the splitter measures its lines whole)
            self._sentences = [s for p in self.body
                               for s in sentence_splitter.split(p.text, p.start, p.start - text.rfind("\n", 0, p.start) - 1)]
        return self._sentences

    def subject_sentences(self):
        """Sentences of the subject line (cached: every rule that reads the subject asks; a copy of the email with
        another subject, as ``dataclasses.replace`` makes, splits its own)."""
        cached = self._subject_sentences
        if cached is None or cached[0] is not self.subject:
            split = sentence_splitter.split(self.subject.text, self.subject.start) if self.subject else []
            cached = self._subject_sentences = (self.subject, split)
        return cached[1]

    @property
    def body_text(self) -> str:
        """The body's paragraphs as one string, runs of white space squeezed (for searching, not for offsets)."""
        return _squeeze("\n\n".join(p.text for p in self.body))

    @property
    def quoted_text(self) -> str:
        return _squeeze("\n".join(q.text for q in self.quotes))

    def signatures(self) -> list[Part]:
        """The sender's signature blocks, in order: the typed name block, if any, then the signature."""
        return [part for part in (self.name_block, self.signature) if part is not None]

    def author_parts(self) -> list[Part]:
        parts = [self.subject, self.greeting, *self.body]
        return [p for p in parts if p is not None]


_SPACES = re.compile(r"\s{2,}")


def _squeeze(text: str) -> str:
    """Runs of white space become one space, one newline or one blank line: whole-text patterns never
    meet a long run (the analysers' merge-tag pattern is quadratic in one after '{{')."""
    if (text.isascii() and "  " not in text and " \n" not in text and "\n " not in text and "\n\n\n" not in text
            and not any(char in text for char in sentence_splitter.OTHER_ASCII_SPACES)):
        return text  # its only white space is single spaces, newlines and blank lines: nothing to squeeze

    def one(m: re.Match) -> str:
        run = m.group()
        return "\n\n" if run.count("\n") > 1 else "\n" if "\n" in run else " "
    return _SPACES.sub(one, text)


_SUBJECT = re.compile(r"(?im)\A(?:[ \t]*\n)*(?:(?:to|from|cc|bcc|date)[ \t]*:.*\n)*[*_#> \t]*(?:email[ \t]+)?subject(?:[ \t]+line)?[*_]*(?:[ \t]*:|[ \t]+[-–—](?=[ \t]))[*_]*[ \t]*(.*?)(?<!\|)[*_]*$")  # "**Subject:** …**" loses its bold, not a "*|FNAME|*"
_QUOTE_HEADER = re.compile(
    r"(?im)^[ \t]*(?:on\s[^\n]{0,200}?(?:\n[^\n]{0,120}?)?\bwrote:[ \t]*$|-{2,}[ \t]*(?:original|forwarded)\s+message[ \t]*-*[ \t]*$"
    r"|begin forwarded message:[ \t]*$|_{5,}[ \t]*$|from:[ \t].+\n[ \t]*(?:sent|date):[ \t].+$)",  # (lines may be indented)
)
# What each kind of quote header above cannot be without, lower-cased (none holds a letter that case-blind matching
# folds unlike str.lower()): a text with none of them needs no search, which tries every line of the email
_QUOTE_HEADER_NEEDLES = ("wrote:", "--", "forwarded", "_____", "from:")
_QUOTED_LINE = re.compile(r"(?m)^[ \t]*>.*$")
_SIG_DASHES = re.compile(r"(?m)^[ \t]*--[ \t]?$")
# lines up to a blank line; a line may end in spaces (format=flowed mail wraps that way) without ending
# its paragraph
_PARAGRAPH = re.compile(r"\S(?:.*\S)?(?:[ \t]*\n[ \t]*\S.*)*", re.M)
_LINE_STARTS = re.compile(r"\n[ \t]*")


@cache
def _greeting_re() -> re.Pattern[str]:
    """A greeting word, up to three name-like words, then , ! : or a dash ("Hi Sam - quick one: …", "Hi Sam -"). Matched
    where the first paragraph's text starts, however far the line is indented."""
    words = lexicon_regex("greetings").pattern
    name = rf"(?:[A-Z][\w.'’-]*|{_MERGE_TAG})"
    return re.compile(rf"(?:{words})\b(?:[ \t]+(?:there|all|team|everyone|{name})){{0,3}}[ \t]*(?:[,!:]|[ \t]+[-–—](?:[ \t]|$)|$)"
                      rf"|{name}(?:[ \t]+{name}){{0,2}}[ \t]*[,—–][ \t]*$", re.I | re.M)


# A merge tag standing for a name: "[First Name]", "{{first_name}}", "{FNAME}", "*|FNAME|*", "%FIRSTNAME%"...
_MERGE_TAG = mergetags.EMBEDDABLE
_ONLY_TAGS = re.compile(rf"(?:{_MERGE_TAG}[ \t,|.-]*)+")


_NOT_A_WORD = re.compile(r"[^\w' ]")


def _is_sign_off(line: str) -> bool:
    words = _NOT_A_WORD.sub("", line.strip().lower().replace("’", "'"))
    return bool(words) and " ".join(words.split()) in lexicon_set("sign-offs") and len(line) < 40


_SIGNED = re.compile(rf"([^,\n]{{1,30}}),[ \t]+((?:[A-Z][\w.'’-]*|{_MERGE_TAG})(?:[ \t]+(?:[A-Z][\w.'’-]*|{_MERGE_TAG})){{0,2}})[ \t]*$")


def _name_after_sign_off(line: str) -> int:
    """Where the name starts on a line that signs off and names the sender ("Best, Ellie Shaw", "Thanks,
    {{sender}}"); 0 when the line is not one."""
    match = _SIGNED.match(line) if "," in line and len(line) < 80 else None
    return match.start(2) if match and _is_sign_off(match.group(1) + ",") else 0


def _is_name_line(line: str) -> bool:
    """A line of a signature block: a name, a title, a company, a phone number or an address."""
    stripped = line.strip().lstrip("-–—~ ").strip()
    if not stripped:
        return False
    if _CONTACT.search(stripped[:300]):  # bounded: the e-mail address pattern is quadratic in one long word
        return True
    if _ONLY_TAGS.fullmatch(stripped):
        return True  # "[Your name]", "{{sender_name}}": the template's signature
    if len(stripped.split()) > 6 or stripped[-1] in ".?!:,;":
        return False
    return stripped[0].isupper() or "|" in stripped


_CONTACT = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|https?://|www\.|^(?:[mtpfe]|tel|mob|mobile|phone|direct|office|web)\s*[:.]|\+?\d[\d\s().-]{7,}\d", re.I)
_PS = re.compile(r"^(?:p\.?\s?p?\.?\s?s\.?|ps)(?:[:.\s-]|$)", re.I)
_PS_LINE_HINT = re.compile(r"\n[ \t]*p", re.I)  # a line that may start a P.S.: _PS says whether it does


def _region_end(text: str, start: int) -> tuple[int, list[Part]]:
    """Where the author's region ends (first quote header) and the quote parts."""
    quotes: list[Part] = []
    end = len(text)
    low = text.lower()
    header = _QUOTE_HEADER.search(text, start) if any(needle in low for needle in _QUOTE_HEADER_NEEDLES) else None
    if header:
        end = header.start()
        quotes.append(Part(PartKind.QUOTE, end, len(text), text[end:]))
    return end, quotes


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The blocks between blank lines, each cut again where a part of its own starts without one: a quoted run
    ("> could you send pricing?") and a P.S. are their own paragraphs however the email spaced them, so mail
    typed with single line breaks between its paragraphs parts the same way as mail with blank lines."""
    out: list[tuple[int, int]] = []
    for m in _PARAGRAPH.finditer(text, start, end):
        block = m.group()
        if "\n" in block and (">" in block or _PS_LINE_HINT.search(block)):
            out += _cut_at_parts(text, m.start(), m.end())
        else:
            out.append((m.start(), m.end()))
    return out


def _is_quoted_line(line: str) -> bool:
    """A line of a quoted message ("> could you send…", ">> Thanks"), not a price ("> 500 seats @ $9")."""
    return line.startswith(">") and not line[1:].lstrip(" ")[:1].isdigit()


def _cut_at_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """One block's lines cut where a line starts a P.S. or where the lines change between quoted and not."""
    out, piece, at, was_quoted = [], start, start, None
    for line in text[start:end].split("\n"):
        said = line.lstrip()
        quoted = _is_quoted_line(said)
        if at > piece and (quoted != was_quoted or _PS.match(said)):
            out.append((piece, piece + len(text[piece:at - 1].rstrip())))
            piece = at + len(line) - len(said)
        was_quoted = quoted
        at += len(line) + 1
    out.append((piece, end))
    return out


def _footer_start(text: str, paras: list[tuple[int, int]]) -> int | None:
    """A legal or mailing footer: a paragraph that opens with a footer phrase, or has a
    long one early on ("Harrow & Vale LLP is authorised and regulated by…")."""
    if not lexicon_may_match("footer-markers", text):
        return None  # no paragraph holds a footer phrase: most emails, tested once instead of per paragraph
    regex = lexicon_regex("footer-markers")
    for s, e in paras:
        # each line of a paragraph may start the footer: mail typed with single line breaks puts it straight
        # under the signature ("Efua\nThis message may contain confidential information…")
        starts = [s] + [s + m.end() for m in _LINE_STARTS.finditer(text[s:e])]
        for at in starts:
            if at == 0:
                continue
            if regex.match(text, at):
                return at
            line_end = text.find("\n", at, e)  # a line inside a paragraph is searched to its end only
            early = regex.search(text, at, min(e if at == s or line_end == -1 else line_end, at + 80))
            if early and len(early.group().split()) >= 3:
                return at
    return None


def _split_closing(text: str, paras: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], int | None, int | None]:
    """Find the sign-off line and where the signature block starts."""
    for index in range(len(paras) - 1, max(-1, len(paras) - 4), -1):
        s, e = paras[index]
        lines = text[s:e].split("\n")
        offset = s
        for i, line in enumerate(lines):
            named = _name_after_sign_off(line)
            if named:  # "Best, Ellie Shaw": the sign-off and the name on one line, the name block under it
                under = lines[i + 1] if i + 1 < len(lines) else (text[paras[index + 1][0]:paras[index + 1][1]]
                                                                  if index + 1 < len(paras) else "")
                if not under or _is_name_line(under.split("\n")[0]):
                    return paras[:index] + ([(s, offset - 1)] if i else []), offset, offset + named
            elif _is_sign_off(line):
                rest = [l for l in lines[i + 1:] if l.strip()]
                following = paras[index + 1:]
                next_line = text[following[0][0]:following[0][1]].split("\n")[0] if following else ""
                if (rest and _is_name_under_sign_off(rest[0])) or (not rest and (not following or _is_name_under_sign_off(next_line))):
                    body = paras[:index] + ([(s, offset - 1)] if i else [])
                    sig_start = offset + len(line) + 1 if rest else (following[0][0] if following else None)
                    return body, offset, sig_start
            offset += len(line) + 1
    if paras:
        s, e = paras[-1]
        lines = text[s:e].split("\n")
        if len(paras) > 1 and _is_name_block(lines):
            return paras[:-1], None, s
        for first in range(max(1, len(lines) - 6), len(lines)):
            # the name block typed straight under the last sentence ("…Worth a call?\nDana\nAcme Freight"), as
            # mail with single line breaks between its paragraphs has it
            said = lines[first - 1].rstrip().rstrip(sentence_splitter.CLOSING)
            if said and (said[-1] in ".?!" or _ENDS_WITH_URL.search(said)) and _is_name_block(lines[first:]):
                cut = s + sum(len(line) + 1 for line in lines[:first])  # where the name block's first line starts
                body_end = s + len(text[s:cut - 1].rstrip())
                return paras[:-1] + [(s, body_end)], None, cut + len(lines[first]) - len(lines[first].lstrip())
    return paras, None, None


def _is_name_under_sign_off(line: str) -> bool:
    """The line under "Thanks," is the sender's name when it reads as one, or when it is a word or two typed in lower
    case ("maya", "jo p"), as a name is signed in a hurry."""
    if _is_name_line(line):
        return True
    words = line.split()
    return 0 < len(words) <= 2 and all(word.isalpha() and word.islower() for word in words)


def _is_name_block(lines: list[str]) -> bool:
    """Up to six lines of a name, title, company or contact details, the first a short name; a line under the name
    may be the sender's tagline in quotation marks ("Still doing payroll in spreadsheets? Ask us how!")."""
    return (len(lines) <= 6 and _is_name_line(lines[0]) and len(lines[0].split()) <= 4
            and all(_is_name_line(line) or _TAGLINE.fullmatch(line.strip()) for line in lines[1:]))


_ENDS_WITH_URL = re.compile(r"https?://\S{1,300}$")  # "…here's my calendar: <https://…>" ends its sentence
_TAGLINE = re.compile(r"[\"“][^\"“”\n]{3,150}[\"”]")


def _peel_postscripts(text: str, paras: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Trailing P.S. paragraphs: the author's words, even after the signature."""
    ps: list[tuple[int, int]] = []
    while len(paras) > 1 and _PS.match(text[paras[-1][0]:paras[-1][1]]):
        ps.insert(0, paras.pop())
    return paras, ps


def parse_email(text: str, *, subject: tuple[int, int] | None = None, content_start: int = 0,
                front_matter: dict | None = None) -> Email:
    """Parse analysed text into an Email.

    ``subject`` is the span of a subject found elsewhere (front matter, eml
    headers); ``content_start`` skips front matter. The steps peel off what is
    not the author's, from the outside in: quotes, the "-- " signature, inline
    quoted paragraphs, the footer, then greeting, sign-off and signature block.
    """
    email = Email(text=text, front_matter=front_matter or {})
    start = _take_subject(email, text, subject, content_start)
    end, email.quotes = _region_end(text, start)
    paras, end = _take_dash_signature(email, text, start, end)
    paras = _take_inline_quotes_and_footer(email, text, paras, end)
    if email.footer is not None and email.footer.start < end:
        end = email.footer.start  # a signature above a footer ends where the footer starts
    paras, postscripts = _peel_postscripts(text, paras)
    if postscripts:
        end = postscripts[0][0]
    paras = _take_greeting(email, text, paras)
    paras = _take_closing(email, text, paras, end) + postscripts
    email.body = [Part(PartKind.BODY, s, e, text[s:e]) for s, e in paras if text[s:e].strip()]
    return email


def subject_line_end(text: str, start: int = 0) -> int:
    """Where the draft's own "Subject:" line ends, as :func:`parse_email` reads it (``start`` when it has none)."""
    match = _SUBJECT.match(text, start)
    return match.end() if match else start


def _take_subject(email: Email, text: str, subject: tuple[int, int] | None, start: int) -> int:
    if subject is not None:
        email.subject = Part(PartKind.SUBJECT, *subject, text[subject[0]:subject[1]])
        return start
    match = _SUBJECT.match(text, start)
    if not match:
        return start
    email.subject = Part(PartKind.SUBJECT, match.start(1), match.end(1), match.group(1))
    return match.end()


def _take_dash_signature(email: Email, text: str, start: int, end: int) -> tuple[list[tuple[int, int]], int]:
    """Everything after a "-- " line is signature, except a P.S. after it."""
    sig = _SIG_DASHES.search(text, start, end) if text.find("--", start, end) != -1 else None  # (tries every line)
    if not sig:
        return _paragraphs(text, start, end), end
    ps_after = [p for p in _paragraphs(text, sig.end(), end) if _PS.match(text[p[0]:p[1]])]
    sig_end = ps_after[0][0] if ps_after else end
    email.signature = Part(PartKind.SIGNATURE, sig.start(), sig_end, text[sig.start():sig_end].rstrip())
    return _paragraphs(text, start, sig.start()) + ps_after, sig.start()


def _take_inline_quotes_and_footer(email: Email, text: str, paras, end: int):
    quoted = [(s, e) for s, e in paras if all(_is_quoted_line(l.lstrip()) for l in text[s:e].split("\n"))]
    email.quotes += [Part(PartKind.QUOTE, s, e, text[s:e]) for s, e in quoted]
    if quoted:
        taken = set(quoted)
        paras = [p for p in paras if p not in taken]
    footer = _footer_start(text, paras)
    if footer is None:
        return paras
    email.footer = Part(PartKind.FOOTER, footer, end, text[footer:end])
    above = len(text[:footer].rstrip())  # a paragraph the footer starts inside ends above it
    return [(s, min(e, above)) for s, e in paras if s < footer]


def _take_closing(email: Email, text: str, paras, end: int):
    paras, sign_off, sig_start = _split_closing(text, paras)
    if sign_off is not None:
        line_end = text.find("\n", sign_off)
        line_end = len(text) if line_end == -1 else line_end
        if sig_start is not None and sign_off < sig_start < line_end:  # "Best, Ellie Shaw": the name is the signature's
            line_end = len(text[:sig_start].rstrip())
        email.sign_off = Part(PartKind.SIGN_OFF, sign_off, line_end, text[sign_off:line_end])
    if sig_start is not None:
        end = min([end] + [q.start for q in email.quotes if q.start > sig_start])  # a quote under it is not its
        sig_end = paras_end(text, sig_start, end)
        block = Part(PartKind.SIGNATURE, sig_start, sig_end, text[sig_start:sig_end])
        if email.signature is None:
            email.signature = block
        elif sig_start < email.signature.start and sig_end > sig_start:
            email.name_block = block
    return paras


def paras_end(text: str, start: int, end: int) -> int:
    return len(text[:end].rstrip()) if end > start else start


def _take_greeting(email: Email, text: str, paras: list[tuple[int, int]]) -> list[tuple[int, int]]:
    if not paras:
        return paras
    s, e = paras[0]
    line_end = text.find("\n", s, e)
    line_end = e if line_end == -1 else line_end
    match = _greeting_re().match(text, s, line_end)
    if not match:
        return paras
    greeting_end = match.end() if text[match.end():line_end].strip() else line_end
    email.greeting = Part(PartKind.GREETING, s, greeting_end, text[s:greeting_end].rstrip())
    rest = greeting_end if greeting_end < line_end else line_end + 1
    if rest < e and text[rest:e].strip():
        lead = len(text[rest:e]) - len(text[rest:e].lstrip())
        return [(rest + lead, e)] + paras[1:]
    return paras[1:]


_TITLE_WORDS = frozenset("""account executive manager director head vp vice president ceo cto cfo coo cmo founder co-founder cofounder
partner associate lead senior junior sales business development representative rep specialist consultant engineer solutions
success customer marketing operations growth advisor adviser analyst officer owner principal ae sdr bdr recruiter regional national
global strategic enterprise applications product team chief managing m t p tel mob mobile phone office fax direct email web
linkedin ext manager, of and the for intern coordinator architect designer sent from my iphone""".split())
_COMPANY_SUFFIXES = frozenset("""mutual partners partner analytics labs lab inc ltd llc plc gmbh group systems solutions advisory
insurance consulting consultants technologies technology software studio creative capital ventures holdings company co corp
search talent logistics automation""".split())
_SIG_SPLIT = re.compile(r"\s*(?:\||,|·|•|\s-\s|\s–\s|\s—\s|\bat\b|@)\s*")


def seller_names(email: Email) -> frozenset[str]:
    """Organisation names the sender signs with ("Partner, Aldwych Partners" -> "Aldwych Partners"), and the name of
    the site the email sends them to ("[Create your account](https://plankmarket.com)" -> "PlankMarket").

    A body sentence that names the sender's own company is about the sender,
    however few "we"s it has ("Harbor Mutual is the only carrier…").
    """
    signed = frozenset().union(*(_signed_names(part.text) for part in email.signatures()))
    if "http" not in email.body_text:
        return signed
    return signed | _linked_brands(tuple(s.text for s in email.sentences()))


# A sentence that ends with a link, bare or behind a button's words, sends them there to act: the sender's site. A
# link in the middle of a sentence, or one the sender looked at ("I was on harborfoods.com"), may be the prospect's.
_ENDS_WITH_LINK = re.compile(r"(?:\]\((https?://[^)\s]{1,200})\)|(https?://\S{1,200}?))[ \t*_.!)]*$")
_LOOKED_AT = re.compile(r"\b(?:saw|seen|noticed|visited|was on|looking at|looked at|came across|read|checked out|browsing|found)\b", re.I)
_SITE = re.compile(r"https?://(?:www\.)?([a-z0-9-]{3,40})\.", re.I)
_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z0-9]{2,40}\b")


@lru_cache(maxsize=256)
def _linked_brands(sentences: tuple[str, ...]) -> frozenset[str]:
    """The capitalised names in the body that spell the site a sentence ends with ("PlankMarket" for plankmarket.com)."""
    sites = set()
    for sentence in sentences:
        match = _ENDS_WITH_LINK.search(sentence) if "http" in sentence else None
        if match and not _LOOKED_AT.search(sentence):
            sites.update(site.lower() for url in match.groups() if url for site in _SITE.findall(url))
    sites -= lexicon_set("not-company-domains")
    if not sites:
        return frozenset()
    return frozenset(word for sentence in sentences for word in _CAPITALISED.findall(sentence) if word.lower() in sites)


@lru_cache(maxsize=256)  # the orientation and EL805 both ask, for each email
def _signed_names(signature: str) -> frozenset[str]:
    lines = [l.strip(" -–—*_") for l in signature.split("\n")]
    lines = [l for l in lines if l and not l.startswith("--")]
    names = set()
    for i, line in enumerate(lines[:6]):
        segments = [s.strip() for s in _SIG_SPLIT.split(" ".join(line[:200].split())) if s and s.strip()]
        for j, seg in enumerate(segments):
            if i == 0 and j == 0:
                continue  # the sender's own name
            words = seg.split()
            if (1 <= len(words) <= 4 and seg[0].isupper() and not re.search(r"\d|https?:|www\.|[.!?:;]$", seg)
                    and not all(w.lower().strip("().") in _TITLE_WORDS for w in words)
                    and not any(w.lower() in _TITLE_WORDS for w in words[:1] if len(words) > 1 and w.lower() in ("head", "vp", "senior"))):
                if words[0].lower() in ("our", "we", "the", "a", "an", "my", "your"):
                    continue
                names.add(seg)
                if len(words) > 1 and words[-1].lower().strip(".") in _COMPANY_SUFFIXES:
                    names.add(" ".join(words[:-1]))
    person = lines[0].split("|")[0].split(",")[0].strip() if lines else ""
    return frozenset(n for n in names if n not in person.split() and n != person and len(n) > 2)
