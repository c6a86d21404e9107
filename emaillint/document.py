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

from emaillint import anatomy, frontmatter, suppress, tags as jinja_tags
from emaillint.source import LineIndex, Source


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
        """Where a source offset landed in the analysed text (a removed tag: just after it)."""
        if not self.segments:
            return source_offset
        best = 0
        for seg in self.segments:
            if seg.s_start <= source_offset:
                if seg.exact and source_offset <= seg.s_start + seg.length:
                    return seg.a_start + (source_offset - seg.s_start)
                if not seg.exact and source_offset == seg.s_start:
                    return seg.a_start
                best = seg.a_start + seg.length
            else:
                return max(best, seg.a_start) if best <= seg.a_start else best
        return best

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
        s, exact_s = self.offsets.to_source(start)
        e, exact_e = self.offsets.to_source(end)
        return s, max(s, e), exact_s and exact_e


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
    directives = suppress.find_directives(text)
    if source.fmt == "jinja":
        return _prepare_template(source, fm, directives, errors)
    masked = jinja_tags.mask_spans(text, [(d.start, d.end) for d in directives])
    start = fm.end if fm else 0
    subject_span = frontmatter.key_span(text, fm, "subject") if fm and "subject" in fm.data else None
    email = anatomy.parse_email(masked, subject=subject_span, content_start=start, front_matter=fm.data if fm else {})
    return Document(source, masked, email, LineIndex(text), OffsetMap(), [], [], directives, errors)


def _prepare_template(source: Source, fm, directives, errors) -> Document:
    """Judge a template as rendered with its example values, mapped back to the template."""
    from emaillint.render_map import example_values, render_pieces

    text = source.text
    found_tags = jinja_tags.scan(text)
    unclosed = jinja_tags.unclosed(text, found_tags)
    values = example_values(fm.data) if fm else {}
    head_end = fm.end if fm else 0
    pieces = render_pieces(text, found_tags, values, start=head_end)
    segments, parts, offset = [], [], 0
    if head_end:
        segments.append(Segment(0, 0, head_end, True))
        parts.append(text[:head_end])
        offset = head_end
    for piece in pieces:
        segments.append(Segment(offset, piece.source_start, len(piece.text), piece.exact))
        parts.append(piece.text)
        offset += len(piece.text)
    analysed = "".join(parts)
    subject_span = None
    if fm and "subject" in fm.data:
        subject = str(_render_subject(text, fm, found_tags, values) or "")
        analysed_head = f"---\nsubject: {subject}\n---\n"
        # the subject is judged as rendered; its findings point at the subject line of the template
        span = frontmatter.key_span(text, fm, "subject")
        segments = [Segment(0, span[0] if span else 0, len(analysed_head), False)] + [
            Segment(s.a_start - head_end + len(analysed_head), s.s_start, s.length, s.exact) for s in segments[1:]]
        analysed = analysed_head + analysed[head_end:]
        subject_span = (len("---\nsubject: "), len("---\nsubject: ") + len(subject))
        head_end = len(analysed_head)
    email = anatomy.parse_email(analysed, subject=subject_span, content_start=head_end, front_matter=fm.data if fm else {})
    offsets = OffsetMap(segments)
    directives = [replace(d, start=offsets.to_analysed(d.start), end=offsets.to_analysed(d.start)) for d in directives]
    return Document(source, analysed, email, LineIndex(text), offsets, found_tags, unclosed, directives, errors)


def _render_subject(text: str, fm, tags, values) -> str:
    from emaillint.render_map import render_pieces

    span = frontmatter.key_span(text, fm, "subject")
    if span is None:
        return str(fm.data.get("subject", ""))
    inner = [t for t in tags if span[0] <= t.start and t.end <= span[1]]
    pieces = render_pieces(text[:span[1]], inner, values, start=span[0])
    return "".join(p.text for p in pieces)


def _prepare_eml(source: Source) -> Document:
    from emaillint.eml import parse_eml

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
    found = suppress.find_directives(analysed)
    masked = jinja_tags.mask_spans(analysed, [(d.start, d.end) for d in found])
    directives = [replace(d, line=index.position(offsets.to_source(d.start)[0])[0]) for d in found]
    email = anatomy.parse_email(masked)
    return Document(source, masked, email, index, offsets, [], [], directives, [])
