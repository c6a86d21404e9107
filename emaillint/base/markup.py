"""HTML markup in a draft, read as what the recipient's mail client shows.

Sending tools keep templates as HTML, and drafts copied out of them carry it: "<p>Hi Dana,</p><p>Your
team…</p>". Read as plain text, the tags glue the greeting and every paragraph into one long sentence, and a
question that ends a paragraph is no longer a sentence of its own. Here each tag becomes what a mail client
shows for it:

- a paragraph, heading, quote, list or table: a blank line before and after;
- ``<div>`` (one line, as Gmail writes it), ``<br>``, a table row: a line break; a list item: a line
  starting "- "; a table cell: a space;
- tags side by side ("</p>\n<p>", "</div><div>") as one break, as a browser lays blocks out;
- inline tags (``<b>``, ``<a href=…>``, ``<span>``) and images: nothing;
- ``<style>``, ``<script>`` and ``<head>`` with what they hold, comments and ``<!DOCTYPE>``: nothing;
- a link's web address after its text ("grab a time https://cal.com/jo"), as a plain draft would write it:
  the recipient sees where a link goes, and a booking link is a next step;
- character references (``&nbsp;``, ``&amp;``, ``&#39;``): their character.

A line break a tag stands just before is taken with it (the tag already breaks the line), so that
"Best,<br>" at the end of a line stays one line break, not a blank line. Only the names of HTML elements are
tags: ``<First Name>`` and ``<<Company>>`` stay merge tags (``emaillint.base.mergetags``). Edits never
overlap, so every position of what is read maps back to the file.
"""
from __future__ import annotations

import html
import re

BLANK_LINE = frozenset(("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "table", "hr", "pre",
                        "section", "article", "header", "footer", "center"))
LINE_BREAK = frozenset(("div", "br", "tr", "li"))
HIDDEN = frozenset(("style", "script", "head"))  # what they hold is not shown either
INLINE = frozenset(("a", "b", "i", "u", "em", "strong", "span", "font", "img", "sup", "sub", "html", "body",
                    "tbody", "thead", "tfoot", "meta", "o:p"))
CELLS = frozenset(("td", "th"))
ELEMENTS = tuple(sorted(BLANK_LINE | LINE_BREAK | HIDDEN | INLINE | CELLS, key=lambda n: (-len(n), n)))
"""Every element name read as markup (longest first, for the patterns that list them)."""

# The attributes are bounded and hold no angle bracket, so a run of "<p" with no ">" stays linear.
_TAG = re.compile(r"<(/?)(" + "|".join(re.escape(name) for name in ELEMENTS) + r")(?=[\s/>])[^<>]{0,1000}>", re.I)
_DECLARATION = re.compile(r"<[!?][A-Za-z?][^<>]{0,1000}>")  # <!DOCTYPE html>, <?xml …?>
_HREF = re.compile(r"""\bhref[ \t]*=[ \t]*["']?(https?://[^"'\s<>]{1,2000})""", re.I)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_SPACE_TO_LINE_END = re.compile(r"[ \t]*\n")


def breaks(name: str) -> int:
    """The line breaks the tag of element ``name`` makes: 2 (a blank line), 1, or 0 (inline)."""
    return 2 if name in BLANK_LINE else 1 if name in LINE_BREAK else 0


def shown(name: str, closing: bool) -> str:
    """What a mail client shows for one tag of element ``name`` on its own (an opening tag, or a closing one)."""
    if name == "li" and not closing:
        return "\n- "
    if name == "br" and closing:
        return ""
    return "\n" * breaks(name) or (" " if name in CELLS else "")


def _comments(text: str, start: int) -> list[list]:
    """Every closed ``<!-- -->`` comment (an unclosed one is left as text); one forward scan."""
    out = []
    at = text.find("<!--", start)
    while at != -1:
        end = text.find("-->", at + 4)
        if end == -1:
            break
        out.append([at, end + 3, None, False])
        at = text.find("<!--", end + 3)
    return out


def edits(text: str, start: int = 0) -> list[tuple[int, int, str]]:
    """The edits (start, end, what is shown instead) that read the HTML markup of ``text`` from ``start``, in
    order and not overlapping; none when it holds no tag of an HTML element (a plain draft)."""
    if "<" not in text or _TAG.search(text, start) is None:
        return references(text, start)  # "it&rsquo;s", "&nbsp;" copied out of a page's source, with no tag
    tags = _comments(text, start)  # [start, end, element name (None: shows nothing), closing]
    if "<!" in text or "<?" in text:
        tags += [[m.start(), m.end(), None, False] for m in _DECLARATION.finditer(text, start)]
    links: list[tuple[int, int, str]] = []
    hidden_until, unclosed = -1, set()
    link: tuple[str, int] | None = None  # the open <a href=…>'s web address, and where its text starts
    for m in _TAG.finditer(text, start):
        if m.start() < hidden_until:
            continue
        closing, name = m.group(1) == "/", m.group(2).lower()
        if name == "a":
            if not closing:
                href = _HREF.search(m.group())
                link = (html.unescape(href.group(1)), m.end()) if href else None
            elif link is not None:
                (address, opened), link = link, None
                if address not in text[opened:m.start()]:  # not when its text is the address itself
                    links.append((m.start(), m.end(), " " + address))
                    continue
        if name in HIDDEN and not closing and name not in unclosed:
            close = re.compile(r"</" + name + r"\s*>", re.I).search(text, m.end())
            if close is None:  # nor will a later one have a close: one search each, so a run of "<head>" is linear
                unclosed.add(name)
            else:
                tags.append([m.start(), close.end(), None, False])
                hidden_until = close.end()
                continue
        tags.append([m.start(), m.end(), name, closing])
    found = _runs(text, _without_overlaps(sorted(tags, key=lambda t: (t[0], -t[1])))) + links + references(text, start)
    return _without_overlaps(sorted(found, key=lambda e: (e[0], -e[1])))


def references(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """Each character reference ("&nbsp;", "&amp;", "&#39;") from ``start`` to ``end``, read as the character
    it stands for."""
    if "&" not in text:
        return []
    found = []
    for m in _ENTITY.finditer(text, start, len(text) if end is None else end):
        value = html.unescape(m.group())
        if value != m.group():
            found.append((m.start(), m.end(), value.translate(_SPACES_AND_NOT_SHOWN)))
    return found


def _cp1252_bytes() -> dict[str, int]:
    """The byte each character stands for when UTF-8 was read as Windows-1252 (Latin-1 where 1252 has none)."""
    table = {}
    for byte in range(0x80, 0x100):
        try:
            table[bytes([byte]).decode("cp1252")] = byte
        except UnicodeDecodeError:
            table[chr(byte)] = byte
    table["\ufffd"] = 0x9D  # "â€" and a replacement mark: the closing quote, the one whose byte 1252 lacks
    return table


_AS_BYTE = _cp1252_bytes()
_CONTINUATION = "".join(sorted(char for char, byte in _AS_BYTE.items() if 0x80 <= byte <= 0xBF))
_LEAD = "".join(sorted(char for char, byte in _AS_BYTE.items() if 0xC2 <= byte <= 0xF4))
# UTF-8 read as Windows-1252, as a draft copied through a misconfigured page or export carries it: "Iâ€™m", "Ã©"
_MOJIBAKE = re.compile(f"[{re.escape(_LEAD)}][{re.escape(_CONTINUATION)}]{{1,3}}")


def mojibake(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """Each character that UTF-8 read as Windows-1252 split in two or three ("â€™" for "’", "Ã©" for "é"), from
    ``start`` to ``end``, read as the character it was."""
    if text.isascii():
        return []
    found = []
    for m in _MOJIBAKE.finditer(text, start, len(text) if end is None else end):
        try:
            char = bytes(_AS_BYTE[c] for c in m.group()).decode("utf-8")
        except UnicodeDecodeError:
            continue  # not one whole character: left as written
        found.append((m.start(), m.end(), char.translate(_SPACES_AND_NOT_SHOWN)))
    return found


# "e-mail", "E-Mail": the same word as "email", which the rules and knowledge are written with
_E_MAIL = re.compile(r"\b([Ee])-([Mm]ail)")


def may_hold_spellings(text: str) -> bool:
    """False when :func:`spellings` has nothing to read in ``text`` (a test of the whole text, not a search)."""
    return "-mail" in text or "-Mail" in text or "-MAIL" in text


def spellings(text: str, start: int = 0) -> list[tuple[int, int, str]]:
    """Each "e-mail" from ``start``, read as "email": one word however it is hyphenated ("per my last e-mail")."""
    if not may_hold_spellings(text):
        return []
    return [(m.start(), m.end(), m.group(1) + m.group(2)) for m in _E_MAIL.finditer(text, start)]


# Characters a mail client shows as nothing: zero-width spaces and joiners, the word joiner, a byte-order mark, a soft
# hyphen, the grapheme joiner that preheaders pad with. Copied from a web page or an HTML editor, they sit at line
# starts ("\u200dHi Sam,") and between sentences, where a reader sees none of them.
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u034f]+")
_NOT_SHOWN = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u034f"))


# Spaces a reader sees as a space: the no-break space HTML editors and web pages leave between words and after full
# stops, thin, narrow and figure spaces, the ideographic space. The same length each, so offsets hold.
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f"
                                 "\u205f\u3000"), " ")
_SPACES_AND_NOT_SHOWN = {**_NOT_SHOWN, **_SPACES}


def spaces_as_read(text: str) -> str:
    """``text`` with every space a reader sees as a space (:data:`_SPACES`) typed as one: "just\u00a0following
    up" is "just following up" to the rules, as to the prospect."""
    return text if text.isascii() else text.translate(_SPACES)


def not_read(text: str, start: int = 0) -> list[tuple[int, int]]:
    """The spans of ``text`` (from ``start``) a reader does not read as words, to leave out:

    - what a mail client shows as nothing (:data:`INVISIBLE`);
    - each line's indentation: an indented line ("    in and see if…", pasted from a quote block or a document)
      reads on from the line before it as if it were not indented, so a phrase a hard wrap cut in two is still
      one ("check\n    in");
    - emphasis marks: "**How are you handling renewals today?**" is a question about the prospect, as
      "*acme.io*" is a name, in bold; a bullet ("* item") and a merge tag's "*|FNAME|*" are left as they are.
    """
    spans = [] if text.isascii() else [m.span() for m in INVISIBLE.finditer(text, start)]
    if "\n " in text or "\n\t" in text or text[start:start + 1] in (" ", "\t"):
        spans += [m.span() for m in _INDENTATION.finditer(text, start)]
    if "*" in text:
        spans += [m.span() for m in _EMPHASIS.finditer(text, start) if not _not_emphasis(text, m.start(), m.end())]
    return spans


_INDENTATION = re.compile(r"^[ \t]+(?=\S)", re.M)
_EMPHASIS = re.compile(r"(?<![*|])\*{1,3}(?![*|])")  # a run of more is a rule line ("*****"), not emphasis


def _not_emphasis(text: str, start: int, end: int) -> bool:
    """Whether the asterisks at ``start:end`` begin a list item, stand alone between spaces ("5 * 3") or sit inside
    a word ("24*7")."""
    before, after = text[start - 1:start] if start else "\n", text[end:end + 1]
    if after in (" ", "\t"):
        return before in (" ", "\t", "\n")  # (indentation before a bullet too)
    return before.isalnum() and after.isalnum()


def _without_overlaps(spans: list) -> list:
    kept: list = []
    for span in spans:
        if not kept or span[0] >= kept[-1][1]:  # a tag inside a comment, an entity inside a tag's attribute
            kept.append(span)
    return kept


def together(run: list[tuple[str | None, bool]]) -> str | None:
    """What tags side by side (only white space between them; (element name, closing) each, None for a comment
    or the white space)
    show as one, as a browser lays blocks out: the most line breaks any of them makes, plus one for each
    ``<br>`` after the first tag ("</div><div><br></div><div>" is Gmail's empty line; "text<br></div>" ends a
    line once), at most a blank line; "- " when a list item opens. None when they break no line: each tag is
    then shown on its own (the space in "</b> <i>" stays)."""
    lines = max((breaks(name) for name, _ in run if name), default=0)
    lines = min(2, lines + sum(1 for name, _ in run[1:] if name == "br"))
    if not lines:
        return None
    return "\n" * lines + ("- " if any(name == "li" and not closing for name, closing in run) else "")


def _runs(text: str, tags: list[list]) -> list[tuple[int, int, str]]:
    """The tags as edits, those side by side as one (:func:`together`), with the line break a run stands just
    before (the run already breaks the line there)."""
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(tags):
        j = i + 1
        while j < len(tags) and not text[tags[j - 1][1]:tags[j][0]].strip():
            j += 1
        run = tags[i:j]
        instead = together([(name, closing) for _, _, name, closing in run])
        if instead is not None:
            after = _SPACE_TO_LINE_END.match(text, run[-1][1])
            out.append((run[0][0], after.end() if after else run[-1][1], instead))
        else:
            out += [(a, b, shown(name, closing) if name else "") for a, b, name, closing in run]
        i = j
    return out
