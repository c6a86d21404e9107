"""Prepare a Source for judgement: the text rules read and how it maps back.

For .txt, .md and templates the analysed text is the file itself with Jinja
tags and suppression comments masked (same length, so offsets are shared).
For .eml the analysed text is rebuilt from the decoded message ("Subject:"
line, blank line, body) and an offset map sends every position back to the
right line of the file.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, replace

from emaillint.anatomy import parts as anatomy

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
    directives: list[suppress.Directive] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (offset, message) found while preparing

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
    directives = suppress.find_directives(text, source.fmt)
    if source.fmt == "jinja":
        return _prepare_template(source, fm, directives, errors)
    masked = jinja_tags.mask_spans(text, [(d.start, d.end) for d in directives])
    start = fm.end if fm else 0
    subject_span = frontmatter.key_span(text, fm, "subject") if fm and "subject" in fm.data else None
    email = anatomy.parse_email(masked, subject=subject_span, content_start=start, front_matter=fm.data if fm else {})
    return Document(source, masked, email, LineIndex(text), OffsetMap(), [], [], directives, errors)


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
    analysed = "".join(parts)
    email = anatomy.parse_email(analysed, subject=subject_span, content_start=head_end, front_matter=fm.data if fm else {})
    offsets = OffsetMap(segments)
    directives = [replace(d, start=offsets.to_analysed(d.start), end=offsets.to_analysed(d.start)) for d in directives]
    return Document(source, analysed, email, LineIndex(text), offsets, found_tags, unclosed, directives, errors)


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
    masked = jinja_tags.mask_spans(analysed, [(d.start, d.end) for d in found])
    directives = [replace(d, line=index.position(offsets.to_source(d.start)[0])[0]) for d in found]
    email = anatomy.parse_email(masked)
    return Document(source, masked, email, index, offsets, [], [], directives, [])
