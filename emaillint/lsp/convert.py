"""Pure conversions between emaillint's positions and LSP positions.

emaillint reports offsets into the *normalised* text (BOM dropped, CRLF and CR
turned into LF) and 1-based line/column pairs that count code points. LSP
positions are 0-based and count columns in the client's position encoding
(UTF-16 code units unless the client negotiated ``utf-8`` or ``utf-32``).
:class:`TextMap` does the arithmetic; nothing here talks to a client.
"""
from __future__ import annotations

from lsprotocol import types

from emaillint.base.problem import FileReport, Level, Problem
from emaillint.read.source import LineIndex, normalise_text

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
SOURCE = "emaillint"
SCORE_CODE = "score"

_SEVERITY = {
    Level.ERROR: types.DiagnosticSeverity.Error,
    Level.WARNING: types.DiagnosticSeverity.Warning,
    Level.INFO: types.DiagnosticSeverity.Information,
}


def units(text: str, encoding: str = UTF16) -> int:
    """How many code units ``text`` takes in ``encoding`` (pygls' PositionCodec counts them)."""
    return _codec(encoding).client_num_units(text)


def _codec(encoding: str):
    from pygls.workspace import PositionCodec

    return PositionCodec(types.PositionEncodingKind(encoding) if encoding in (UTF8, UTF16, UTF32) else UTF16)


class TextMap:
    """Lines of one buffer and the position arithmetic for one encoding.

    ``original`` is the buffer as the client holds it; every line and column
    refers to it, every offset to its normalised text. Lines and offsets come
    from :class:`emaillint.read.source.LineIndex` (the one line map), code units from
    pygls' :class:`PositionCodec`; the only arithmetic of its own is the BOM the
    client still holds on the first line.
    """

    def __init__(self, original: str, encoding: str = UTF16):
        self.original = original
        self.encoding = str(encoding or UTF16)
        self.codec = _codec(self.encoding)
        self.text = normalise_text(original)
        self.bom = 1 if original.startswith("\ufeff") else 0
        self.eol = "\r\n" if "\r\n" in original else "\n"
        self.lines = self.text.split("\n")
        self.index = LineIndex(self.text)
        self.starts = self.index.starts

    # code points -> client units -------------------------------------------
    def position(self, line0: int, column0: int) -> types.Position:
        """0-based line and code point column -> an LSP position."""
        if line0 >= len(self.lines):
            line0, column0 = len(self.lines) - 1, len(self.lines[-1])
        line0 = max(line0, 0)
        column0 = max(0, min(column0, len(self.lines[line0])))
        lead = self.bom if line0 == 0 else 0
        client = self.codec.position_to_client_units(self.lines, types.Position(line=line0, character=column0))
        return types.Position(line=line0, character=client.character + lead)

    def at_offset(self, offset: int) -> types.Position:
        """An offset into the normalised text -> an LSP position."""
        line1, column1 = self.index.position(offset)
        return self.position(line1 - 1, column1 - 1)

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.at_offset(start), end=self.at_offset(max(start, end)))

    def line_range(self, line0: int) -> types.Range:
        """The whole text of one line (without its line break)."""
        line0 = max(0, min(line0, len(self.lines) - 1))
        return types.Range(start=self.position(line0, 0), end=self.position(line0, len(self.lines[line0])))

    # client units -> code points -------------------------------------------
    def to_offset(self, position: types.Position) -> int:
        """An LSP position -> an offset into the normalised text (clamped)."""
        if position.line >= len(self.lines):
            return len(self.text)
        line0 = max(position.line, 0)
        text = self.lines[line0]
        count = max(0, min(position.character - (self.bom if line0 == 0 else 0), self.codec.client_num_units(text)))
        server = self.codec.position_from_client_units(self.lines, types.Position(line=line0, character=count))
        return self.starts[line0] + server.character

    def line_of(self, offset: int) -> int:
        """0-based line of an offset into the normalised text."""
        return self.index.position(offset)[0] - 1

    def offset_of(self, line1: int, column1: int) -> int:
        """1-based line/column (code points) -> offset into the normalised text."""
        line0 = max(0, min(line1 - 1, len(self.lines) - 1))
        return self.starts[line0] + max(0, min(column1 - 1, len(self.lines[line0])))


def problem_span(problem: Problem, tm: TextMap) -> tuple[int, int]:
    """(start, end) offsets of a problem in the normalised text, from its line/column.

    Line and column are what every format (including .eml, whose problem
    offsets can be approximate) gets right. A zero-width span is widened to
    the rest of its line so that the squiggle is visible and hover finds it.
    """
    start = tm.offset_of(problem.line, problem.column)
    end = tm.offset_of(problem.end_line, problem.end_column)
    end = max(end, start)
    if end == start:
        line0 = tm.line_of(start)
        end = tm.starts[line0] + len(tm.lines[line0])
    return start, end


def problem_range(problem: Problem, tm: TextMap) -> types.Range:
    start, end = problem_span(problem, tm)
    return tm.range(start, end)


def diagnostic_data(problem: Problem) -> dict:
    return {
        "name": problem.name,
        "category": problem.category,
        "origin": problem.source,
        "suggestion": problem.suggestion,
        "fixable": problem.fix is not None,
    }


def to_diagnostic(problem: Problem, tm: TextMap) -> types.Diagnostic:
    """One emaillint Problem as an LSP Diagnostic (the suggestion rides in ``data``)."""
    return types.Diagnostic(
        range=problem_range(problem, tm),
        message=problem.message,
        severity=_SEVERITY.get(problem.level, types.DiagnosticSeverity.Warning),
        code=problem.code,
        source=SOURCE,
        data=diagnostic_data(problem),
    )


# --------------------------------------------------------------------------
# The score


def weakest(report: FileReport, limit: int | None = 3) -> list[tuple[str, int]]:
    """Sub-scores under 100, lowest first."""
    low = sorted(((c, s) for c, s in report.subscores.items() if s < 100), key=lambda cs: (cs[1], cs[0]))
    return low if limit is None else low[:limit]


def score_line(report: FileReport) -> str:
    """One line: the score, the kind and the weakest sub-scores."""
    low = weakest(report)
    tail = ("; weakest: " + ", ".join(f"{c} {s}" for c, s in low)) if low else "; every sub-score is 100"
    return f"emaillint score {report.score}/100 ({report.kind} email){tail}"


def score_diagnostic(report: FileReport, tm: TextMap) -> types.Diagnostic:
    """An information diagnostic on the first line carrying the score."""
    return types.Diagnostic(
        range=tm.line_range(0),
        message=score_line(report),
        severity=types.DiagnosticSeverity.Information,
        code=SCORE_CODE,
        source=SOURCE,
        data={"score": report.score, "subscores": dict(report.subscores), "kind": report.kind},
    )


def score_markdown(report: FileReport) -> str:
    """The score and every sub-score as a Markdown table (for hover)."""
    rows = [f"**emaillint score: {report.score}/100** ({report.kind} email)", "", "| category | score |", "| --- | ---: |"]
    rows += [f"| {c} | {s} |" for c, s in sorted(report.subscores.items(), key=lambda cs: (cs[1], cs[0]))]
    stats = report.stats or {}
    if stats:
        grade = stats.get("reading_grade")
        rows += ["", f"{stats.get('words', 0)} words, {stats.get('sentences', 0)} sentences"
                 + (f", reading grade {grade}" if grade is not None else "")]
    return "\n".join(rows)


def score_plain(report: FileReport) -> str:
    rows = [f"emaillint score: {report.score}/100 ({report.kind} email)"]
    rows += [f"  {c:22} {s:3}" for c, s in sorted(report.subscores.items(), key=lambda cs: (cs[1], cs[0]))]
    return "\n".join(rows)
