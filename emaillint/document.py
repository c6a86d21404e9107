"""Prepare a Source for judgement: the text rules read and how it maps back.

For .txt, .md and templates the analysed text is the file itself with Jinja
tags and suppression comments masked (same length, so offsets are shared).
For .eml the analysed text is rebuilt from the decoded message ("Subject:"
line, blank line, body) and an offset map sends every position back to the
right line of the file.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

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

    def source_span(self, start: int, end: int) -> tuple[int, int, bool]:
        s, exact_s = self.offsets.to_source(start)
        e, exact_e = self.offsets.to_source(end)
        return s, max(s, e), exact_s and exact_e


def prepare(source: Source) -> Document:
    """Build the Document for a Source (pure: no I/O)."""
    if source.fmt == "eml":
        return _prepare_eml(source)
    text = source.text
    found_tags = jinja_tags.scan(text) if source.fmt == "jinja" else []
    directives = suppress.find_directives(text)
    masked = jinja_tags.mask(text, found_tags)
    masked = jinja_tags.mask_spans(masked, [(d.start, d.end) for d in directives])
    errors: list[tuple[int, str]] = []
    fm, subject_span, start = None, None, 0
    if source.fmt in ("md", "jinja") or text.startswith("---\n"):
        try:
            fm = frontmatter.parse(text)
        except frontmatter.FrontMatterError as exc:
            errors.append((0, f"front matter: {exc}"))
    if fm is not None:
        start = fm.end
        subject_span = frontmatter.key_span(text, fm, "subject") if "subject" in fm.data else None
    email = anatomy.parse_email(masked, subject=subject_span, content_start=start,
                                front_matter=fm.data if fm else {})
    unclosed = jinja_tags.unclosed(text, found_tags) if source.fmt == "jinja" else []
    return Document(source, masked, email, LineIndex(text), OffsetMap(), found_tags, unclosed, directives, errors)


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
    directives = suppress.find_directives(analysed)
    masked = jinja_tags.mask_spans(analysed, [(d.start, d.end) for d in directives])
    email = anatomy.parse_email(masked)
    return Document(source, masked, email, index, OffsetMap(segments), [], [], directives, [])
