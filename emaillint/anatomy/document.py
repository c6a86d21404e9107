"""Prepare a Source for judgement: the text rules read and how it maps back.

For .txt and .md the analysed text is the file itself; templates are judged as
Jinja renders them; .eml is rebuilt from the decoded message ("Subject:" line,
blank line, body). Suppression comments are then left out of the analysed text
(a line holding only comments goes whole), so adding one changes nothing else
that is found, and so is spintax but its first variant ("{Hi|Hello} Sam," reads
"Hi Sam,"), and, outside Jinja templates, a sending tool's control tags ("{% if x %}",
"{{#if x}}") but the first branch. HTML markup reads as a mail client shows it ("<p>" a blank line, "<b>"
nothing; ``base/markup.py``). An offset map sends every position back to the file.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace

from emaillint.anatomy import parts as anatomy
from emaillint.base import markup

from emaillint.read import frontmatter

from emaillint.read import suppress

from emaillint.read import tags as jinja_tags
from emaillint.read.source import LineIndex, Source


@dataclass(frozen=True)
class Segment:
    """analysed[a_start:a_start+length] comes from source[s_start:…] (exactly or not)."""

    a_start: int
    s_start: int
    length: int
    exact: bool


class OffsetMap:
    """Map offsets in the analysed text back to offsets in the source text."""

    def __init__(self, segments: list[Segment] | None = None):
        self.segments = segments or []
        self.starts = [s.a_start for s in self.segments]

    def to_analysed(self, source_offset: int) -> int:
        """Where a source offset landed in the analysed text (a removed tag: just after what precedes it).

        Segments may visit the source in any order (a loop repeats its body, a macro
        is defined above its call): the first segment holding the offset wins, else
        the end of the segment that starts nearest before it.
        """
        if not self.segments:
            return source_offset
        best, best_start = 0, -1
        for seg in self.segments:
            if seg.s_start <= source_offset:
                if seg.exact and source_offset <= seg.s_start + seg.length:
                    return seg.a_start + (source_offset - seg.s_start)
                if not seg.exact and source_offset == seg.s_start:
                    return seg.a_start
                if seg.s_start > best_start:
                    best, best_start = seg.a_start + seg.length, seg.s_start
        return best

    def contiguous(self, a: int, b: int) -> bool:
        """Whether analysed offsets a..b come from one stretch of source (no tag or loop in between)."""
        if not self.segments:
            return True
        i = max(0, bisect_right(self.starts, a) - 1)
        j = max(0, bisect_right(self.starts, b) - 1)
        for k in range(i, j):
            x, y = self.segments[k], self.segments[k + 1]
            if not (x.exact and y.exact and y.s_start - (x.s_start + x.length) == y.a_start - (x.a_start + x.length)):
                return False
        return True

    def to_source(self, offset: int) -> tuple[int, bool]:
        if not self.segments:
            return offset, True
        i = max(0, bisect_right(self.starts, offset) - 1)
        seg = self.segments[i]
        delta = min(max(offset - seg.a_start, 0), seg.length)
        return (seg.s_start + delta, True) if seg.exact else (seg.s_start, False)


@dataclass
class Document:
    source: Source
    analysed: str  # the masked text rules read
    email: anatomy.Email
    index: LineIndex  # over the source text
    offsets: OffsetMap = field(default_factory=OffsetMap)
    tags: list[jinja_tags.Tag] = field(default_factory=list)
    unclosed_tags: list[int] = field(default_factory=list)
    directives: list[suppress.Directive] = field(default_factory=list)  # placed in the source file
    errors: list[tuple[int, str]] = field(default_factory=list)  # (offset, message) found while preparing
    spintax: int = 0  # spintax groups read as their first variant: a file with any is a sending tool's template
    control_tags: int = 0  # "{% if %}", "{{#if}}" left out (outside Jinja templates): a sending tool's template too

    @property
    def fmt(self) -> str:
        return self.source.fmt

    def position(self, offset: int) -> tuple[int, int]:
        src, _ = self.offsets.to_source(offset)
        return self.index.position(src)

    def to_analysed(self, source_offset: int) -> int:
        return self.offsets.to_analysed(source_offset)

    def source_span(self, start: int, end: int) -> tuple[int, int, bool]:
        """Source offsets of an analysed span; exact when every character in it maps one to one."""
        s, exact_s = self.offsets.to_source(start)
        if end <= start:
            return s, s, exact_s
        e, exact_e = self.offsets.to_source(end - 1)  # the last character, not what follows it
        e = e + 1 if exact_e else max(e, self.offsets.to_source(end)[0])
        return s, max(s, e), exact_s and exact_e and self.offsets.contiguous(start, end - 1)


def prepare(source: Source) -> Document:
    """Build the Document for a Source (pure: no I/O)."""
    if source.fmt == "eml":
        return _prepare_eml(source)
    text = source.text
    errors: list[tuple[int, str]] = []
    fm = None
    if source.fmt in ("md", "jinja") or text.startswith("---\n"):
        try:
            fm = frontmatter.parse(text)
        except frontmatter.FrontMatterError as exc:
            errors.append((0, f"front matter: {exc}"))
            fm = exc.read_as  # judged as meant when its lines are plain "key: value" ("subject: Re: pricing")
    directives = suppress.find_directives(text, source.fmt)
    if source.fmt == "jinja":
        return _prepare_template(source, fm, directives, errors)
    spins, controls = _spintax_cuts(text, fm.end if fm else 0), _control_cuts(text, fm.end if fm else 0)
    cuts = _comment_cuts(text, directives) + controls + spins + markup.not_read(text, fm.end if fm else 0)
    shown = _markup(text, fm.end if fm else 0)
    analysed, segments, moved = _cut(text, [Segment(0, 0, len(text), True)], cuts, shown)
    analysed = markup.spaces_as_read(analysed)
    start = moved(fm.end) if fm else 0
    subject_span = frontmatter.key_span(text, fm, "subject") if fm and "subject" in fm.data else None
    subject_span = (moved(subject_span[0]), moved(subject_span[1])) if subject_span else None
    email = anatomy.parse_email(analysed, subject=subject_span, content_start=start, front_matter=fm.data if fm else {})
    offsets = OffsetMap(segments if analysed != text else [])
    return Document(source, analysed, email, LineIndex(text), offsets, [], [], directives, errors, len(spins) // 2,
                    len(controls))


def _comment_cuts(text: str, directives: list[suppress.Directive]) -> list[tuple[int, int]]:
    """The spans of ``text`` to leave out so that its suppression comments leave no trace: a line holding
    only comments goes whole, newline and all (blanked, it would split its paragraph); a comment after text
    goes with the spaces before it, one that opens a line with the spaces after it."""
    cuts: list[tuple[int, int]] = []
    by_line: dict[int, list[suppress.Directive]] = {}
    for d in directives:
        by_line.setdefault(text.rfind("\n", 0, d.start) + 1, []).append(d)
    for line_start, found in by_line.items():
        line_end = text.find("\n", found[-1].end)
        line_end = len(text) if line_end == -1 else line_end
        rest, last = [], line_start
        for d in found:
            rest.append(text[last:d.start])
            last = max(last, d.end)
        rest.append(text[last:line_end])
        if not "".join(rest).strip():
            if line_end < len(text):
                cuts.append((line_start, line_end + 1))
            else:  # the last line, with no newline of its own: take the one before it
                cuts.append((max(line_start - 1, 0), line_end))
            continue
        for d in found:
            before = text[line_start:d.start]
            if before.strip():
                cuts.append((line_start + len(before.rstrip(" \t")), d.end))
            else:
                after = text[d.end:line_end]
                cuts.append((d.start, d.end + len(after) - len(after.lstrip(" \t"))))
    return cuts


def _markup(text: str, start: int) -> list[tuple[int, int, str]]:
    """HTML markup after ``start`` read as a mail client shows it (``base/markup.py``). A "Subject:" line keeps its
    tags, as a tag read as a line break would end it, and reads its character references ("Q3 &amp; Q4"). UTF-8
    read as Windows-1252 ("Iâ€™m") is read as what was typed, and "e-mail" as "email", everywhere."""
    if "<" not in text and "&" not in text and text.isascii() and not markup.may_hold_spellings(text):
        return []  # the usual plain draft: nothing to read otherwise (a hot path: every draft passes here)
    subject_end = anatomy.subject_line_end(text, start)
    return (markup.references(text, start, subject_end) + markup.mojibake(text, start) + markup.spellings(text, start)
            + markup.edits(text, subject_end))


# Spintax, which cold-email tools expand to one variant per recipient: "{Hi|Hello|Hey}". Braces holding two to
# twenty variants on one line, no brace inside; "{{ name | default }}", "{% … %}" and "{FirstName}" are not it.
# Each variant is bounded, and a scan stops at the next brace or line end, so a run of "{a|" stays linear.
_SPINTAX = re.compile(r"(?<!\{)\{(?![{%#])([^{}|\n]{0,80})(?:\|[^{}|\n]{0,80}){1,19}\}(?!\})")


# A template's control tags in a file that is not a Jinja template (.txt, .md, .eml written for a sending tool):
# Jinja and Liquid "{% if x %}", "{# note #}"; Handlebars and Mustache "{{#if x}}", "{{else}}", "{{/if}}",
# "{{^x}}", "{{! note }}". They render to nothing, and a branch after "else" is not what the typical recipient
# reads: the text is judged as its first branch, like spintax.
_CONTROL = re.compile(r"\{%-?[ \t]{0,10}(\w{0,20})[^%\n]{0,200}%\}|\{#[^#\n]{0,200}#\}"
                      r"|\{\{~?[ \t]{0,10}([#/^!]|else\b)[ \t]{0,10}(\w{0,20})[^{}\n]{0,200}\}\}")
_OPENS = frozenset(("if", "unless", "for", "each", "with", "case", "capture", "block", "macro", "raw"))
_BRANCHES = frozenset(("else", "elif", "elsif", "when"))


def _control_cuts(text: str, start: int) -> list[tuple[int, int]]:
    """The spans of ``text`` (from ``start``) that leave a template's control tags out, and every branch but the
    first of an if/unless/case block. Blocks that do not nest properly lose their tags only."""
    if "{%" not in text and "{#" not in text and "{{" not in text:
        return []
    cuts: list[tuple[int, int]] = []
    dropping: list[int | None] = []  # per open block: where its dropped branches began (None: keeping)
    nested_ok = True
    for m in _CONTROL.finditer(text, start):
        cuts.append(m.span())
        if m.group().startswith("{#") or m.group(2) == "!":
            continue
        word = (m.group(1) if m.group(1) is not None else (m.group(3) or "")).lower()
        sign = m.group(2)
        if sign == "else" or word in _BRANCHES:
            if dropping and dropping[-1] is None:
                dropping[-1] = m.start()
        elif sign == "/" or word.startswith("end"):
            if not dropping:
                nested_ok = False
                continue
            began = dropping.pop()
            if began is not None:
                cuts.append((began, m.end()))
        elif word == "comment":  # Liquid's "{% comment %}…{% endcomment %}": nothing of it renders
            dropping.append(m.start())
        elif sign in ("#", "^") or word in _OPENS:
            dropping.append(None)
    if not nested_ok or dropping:  # unbalanced: drop no branch, only the tags
        cuts = [m.span() for m in _CONTROL.finditer(text, start)]
    return cuts


def _spintax_cuts(text: str, start: int) -> list[tuple[int, int]]:
    """The spans of ``text`` (from ``start``: not the front matter) that leave each spintax as its first variant,
    as the template's author wrote it first: the opening brace, and from the first bar to the closing brace."""
    if "|" not in text or "{" not in text:
        return []
    cuts = []
    for m in _SPINTAX.finditer(text, start):
        cuts += [(m.start(), m.start() + 1), (m.end(1), m.end())]
    return cuts


def _in_analysed(segments: list[Segment], cuts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The analysed spans that came exactly from the source spans ``cuts``."""
    removed = []
    for a, b in cuts:
        for seg in segments:
            lo, hi = max(a, seg.s_start), min(b, seg.s_start + seg.length)
            if seg.exact and lo < hi:
                removed.append((seg.a_start + lo - seg.s_start, seg.a_start + hi - seg.s_start))
    return removed


def _cut(analysed: str, segments: list[Segment], removed: list[tuple[int, int]],
         shown: list[tuple[int, int, str]] = ()):
    """``analysed`` without the spans ``removed``, and with each span of ``shown`` (start, end, text) read as its
    text (HTML markup: ``base/markup.py``; one that overlaps a removed span goes with it): the new text, its
    segments (back to the source; a shown text maps, inexactly, to where its span starts), and ``moved``,
    where an old analysed offset lands in the new text."""
    if not removed and not shown:
        return analysed, segments, lambda offset: offset
    merged: list[list] = []
    for a, b in sorted(removed):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b, ""])
    if shown:
        cuts = list(merged)
        cut_starts = [a for a, _, _ in cuts]
        for a, b, text in shown:
            i = bisect_right(cut_starts, a) - 1
            if not (i >= 0 and a < cuts[i][1]) and not (i + 1 < len(cuts) and cuts[i + 1][0] < b):
                merged.append([a, b, text])
        merged.sort(key=lambda edit: edit[0])
    edit_starts, shift_before = [a for a, _, _ in merged], []
    total = 0
    for a, b, text in merged:
        shift_before.append(total)
        total += b - a - len(text)

    def moved(offset: int) -> int:
        i = bisect_right(edit_starts, offset) - 1
        if i < 0:
            return offset
        a, b, text = merged[i]
        return min(offset, a) - shift_before[i] if offset < b else offset - shift_before[i] - (b - a) + len(text)

    kept, last = [], 0
    for a, b, text in merged:
        kept.append(analysed[last:a])
        kept.append(text)
        last = b
    kept.append(analysed[last:])
    out = []
    for seg in segments:
        pieces, at = [], seg.a_start
        end = seg.a_start + seg.length
        i = max(0, bisect_right(edit_starts, at) - 1)  # the edits are in order and do not overlap
        while i < len(merged) and merged[i][0] < end:
            a, b, text = merged[i]
            i += 1
            if text and seg.a_start <= a:  # what is shown instead maps to where its span starts
                out.append(Segment(moved(a), seg.s_start + (a - seg.a_start) if seg.exact else seg.s_start,
                                   len(text), False))
            if b <= at:
                continue
            if a > at:
                pieces.append((at, a))
            at = max(at, b)
        if at < end:
            pieces.append((at, end))
        for a, b in pieces:
            s_start = seg.s_start + (a - seg.a_start) if seg.exact else seg.s_start
            out.append(Segment(moved(a), s_start, b - a, seg.exact))
    if shown:
        out.sort(key=lambda seg: seg.a_start)
    return "".join(kept), out, moved


def _prepare_template(source: Source, fm, directives, errors) -> Document:
    """Judge a template as Jinja renders it with its example values, every character mapped back to the template."""
    from emaillint.read import rendering

    text = source.text
    found_tags = jinja_tags.scan(text)
    unclosed = jinja_tags.unclosed(text, found_tags)
    values = rendering.front_matter_values(fm.data) if fm else {}
    head_end = fm.end if fm else 0
    body = _render_part(text, head_end, len(text), values, errors, found_tags, broken=bool(unclosed))
    segments, parts, offset = [], [], 0
    if fm and "subject" in fm.data:
        # the subject is judged as rendered, mapped into the template's subject line
        span = frontmatter.key_span(text, fm, "subject")
        raw = str(fm.data.get("subject") or "")
        if span and text[span[0]:span[1]] == raw:
            subject = _render_part(text, span[0], span[1], values, errors, found_tags, broken=bool(unclosed))
        else:
            subject = [rendering.Piece(_render_string(raw, values), span[0] if span else 0, False)]
        subject = [rendering.Piece(p.text.replace("\n", " "), p.source_start, p.exact) for p in subject]
        at = span[0] if span else 0
        pieces = [rendering.Piece("---\nsubject: ", at, False), *subject,
                  rendering.Piece("\n---\n", span[1] if span else 0, False), *body]
        subject_start = len("---\nsubject: ")
        subject_span = (subject_start, subject_start + sum(len(p.text) for p in subject))
        head_end = subject_span[1] + len("\n---\n")
    else:
        pieces = ([rendering.Piece(text[:head_end], 0, True)] if head_end else []) + body
        subject_span = None
    for piece in pieces:
        if piece.text:
            segments.append(Segment(offset, piece.source_start, len(piece.text), piece.exact))
            parts.append(piece.text)
            offset += len(piece.text)
    rendered = "".join(parts)
    spins = _spintax_cuts(rendered, head_end)
    comments = _in_analysed(segments, _comment_cuts(text, directives))
    analysed, segments, moved = _cut(rendered, segments, comments + spins + markup.not_read(rendered, head_end),
                                     _markup(rendered, head_end))
    analysed = markup.spaces_as_read(analysed)
    subject_span = (moved(subject_span[0]), moved(subject_span[1])) if subject_span else None
    email = anatomy.parse_email(analysed, subject=subject_span, content_start=moved(head_end),
                                front_matter=fm.data if fm else {})
    return Document(source, analysed, email, LineIndex(text), OffsetMap(segments), found_tags, unclosed, directives, errors,
                    len(spins) // 2)


def _render_part(text: str, start: int, end: int, values: dict, errors: list, tags, broken: bool) -> list:
    """text[start:end] rendered and traced; a template Jinja cannot render is judged as written, tags masked."""
    from emaillint.read import rendering

    if not broken:
        try:
            return rendering.render_traced(text[start:end], values, offset=start)
        except rendering.RenderError as exc:
            if not str(exc).startswith("Jinja syntax error"):  # syntax errors are EL001's own finding
                line_start = LineIndex(text[start:end]).offset(exc.line, 1)
                errors.append((start + line_start, f"The template cannot be rendered with its example values: {exc}."))
    masked = jinja_tags.mask(text, [t for t in tags if start <= t.start and t.end <= end])
    return [rendering.Piece(masked[start:end], start, True)]


def _render_string(raw: str, values: dict) -> str:
    from emaillint.read import rendering

    try:
        return rendering.render_text(raw, values)
    except rendering.RenderError:
        return raw


def _prepare_eml(source: Source) -> Document:
    from emaillint.read.eml import parse_eml

    draft = parse_eml(source.text)
    index = LineIndex(source.text)
    head = f"Subject: {draft.subject}\n\n" if draft.subject is not None else ""
    analysed = head + draft.body
    segments = []
    if head and draft.subject_line:
        line_start = index.offset(draft.subject_line, 1)
        segments.append(Segment(0, line_start, len(head) - 2, True))
    offset = len(head)
    for i, line in enumerate(draft.body.split("\n")):
        file_line = min(max(draft.body_line + i, 1), len(index.starts))
        segments.append(Segment(offset, index.offset(file_line, 1), len(line), draft.exact))
        offset += len(line) + 1
    offsets = OffsetMap(segments)
    found = suppress.find_directives(analysed, "eml")
    directives = []
    for d in found:  # placed in the file, like every format's
        start, end = offsets.to_source(d.start)[0], offsets.to_source(d.end)[0]
        directives.append(replace(d, start=start, end=max(start, end), line=index.position(start)[0]))
    spins, controls = _spintax_cuts(analysed, 0), _control_cuts(analysed, 0)
    analysed, segments, _ = _cut(analysed, segments, _comment_cuts(analysed, found) + controls + spins
                                 + markup.not_read(analysed))
    analysed = markup.spaces_as_read(analysed)
    email = anatomy.parse_email(analysed)
    return Document(source, analysed, email, index, OffsetMap(segments), [], [], directives, [], len(spins) // 2,
                    len(controls))
