"""Human output: file:line:col, code, level, ``[*]`` when ``--fix`` fixes it, message, the words it is about with markers
under them, a score.

Colour only when asked (the CLI turns it on for terminals). ``concise``
drops the source line and the suggestion: one line per finding, for hooks.
The draft's text comes with its report (never read again). A long line is
shown as a window around the finding, so at 100 columns the markers stay
under their words; a marker covers only what the finding flags (a rule that
flags two marks in a paragraph gets two carets, not a run to the line's end).
"""
from __future__ import annotations

import unicodedata

from emaillint.base.problem import FileReport, Level
from emaillint.read.source import LineIndex

_COLORS = {Level.ERROR: "31", Level.WARNING: "33", Level.INFO: "36"}
WIDTH = 100  # columns a finding's context may take, indent included
_INDENT = "    "


def _c(text: str, code: str, color: bool) -> str:
    return f"\033[{code}m{text}\033[0m" if color else text


def _cells(ch: str) -> int:
    """Terminal columns one character takes (wide East Asian and emoji two, combining marks none)."""
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _width(text: str) -> int:
    """Terminal columns ``text`` takes (printable ASCII: one per character, asked of Unicode one by one otherwise)."""
    return len(text) if text.isascii() and text.isprintable() else sum(map(_cells, text))


def _pad(text: str) -> str:
    """Blank space as wide as ``text`` (tabs kept, so a tab stop lines up as in the line above)."""
    if "\t" not in text and text.isascii() and text.isprintable():
        return " " * len(text)
    return "".join(ch if ch == "\t" else " " * _cells(ch) for ch in text)


def _window(line: str, first: int, last: int) -> tuple[int, int]:
    """[start, end) of ``line`` to show so that columns first..last fit in WIDTH (the whole line when it fits)."""
    room = WIDTH - len(_INDENT)
    if _width(line) <= room:
        return 0, len(line)
    room -= 2  # an ellipsis on each side
    start = max(0, min(first - (room - (last - first)) // 2, first))
    end, used = start, 0
    while end < len(line) and used + _cells(line[end]) <= room:
        used += _cells(line[end])
        end += 1
    while start > 0 and used + _cells(line[start - 1]) <= room and end == len(line):
        start -= 1  # the window reached the line's end: give the room to what comes before
        used += _cells(line[start])
    return start, end


def _context(report: FileReport, p, index: LineIndex) -> list[tuple[str, str]]:
    """(shown line, markers) for each line the finding marks, at most three."""
    spans = p.marks or ((p.start, p.end),)
    by_line: dict[int, list[tuple[int, int, int]]] = {}
    for start, end in spans:
        line, column = index.position(start)
        end_line, end_column = index.position(max(start, end))
        text = index.line_text(line)
        last = len(text) if end_line > line else max(column, end_column - 1)  # 1-based, inclusive
        by_line.setdefault(line, []).append((column - 1, min(max(last, column), len(text) + 1), end_line))
    out = []
    for line in sorted(by_line)[:3]:
        text = index.line_text(line)
        marks = sorted(by_line[line])
        lo, hi = _window(text, marks[0][0], max(m[1] for m in marks))
        shown = ("…" if lo else "") + text[lo:hi] + ("…" if hi < len(text) else "")
        markers, at = (" " if lo else ""), lo
        for a, b, end_line in marks:
            a, b = max(a, at, lo), min(max(b, a + 1), hi if hi > a else a + 1)
            if b <= a:
                continue
            markers += _pad(text[at:a]) + "^" * max(1, _width(text[a:b]))
            at = b
        last_line = max(m[2] for m in marks)
        if last_line > line and len(by_line) == 1:
            markers += f" (to line {last_line})"
        out.append((shown, markers))
    return out


def _problem_lines(report: FileReport, p, color: bool, index: LineIndex | None, concise: bool) -> list[str]:
    where = _c(f"{report.path}:{p.line}:{p.column}:", "1", color)
    level = _c(str(p.level), _COLORS[p.level], color)
    fixable = " [*]" if p.fix is not None and p.fix.edits and p.fix.safe else ""  # as ruff marks what --fix fixes
    out = [f"{where} {p.code} [{level}]{fixable} {p.message}"]
    if concise:
        return out
    if index is not None and 0 < p.line <= len(index.starts):
        for shown, markers in _context(report, p, index):
            out.append(f"{_INDENT}{shown}")
            out.append(_INDENT + _c(markers, _COLORS[p.level], color))
    if p.suggestion:
        out.append(f"{_INDENT}{p.suggestion}")
    return out


def render(reports: list[FileReport], *, color: bool = False, concise: bool = False,
           quiet: bool = False, hidden: dict[str, int] | None = None, baselined: dict[str, int] | None = None) -> str:
    """Findings and a score line per file; ``quiet``: findings only; ``hidden``: findings --min-level left out, per path."""
    return "\n".join(lines(reports, color=color, concise=concise, quiet=quiet, hidden=hidden,
                           baselined=baselined)).rstrip("\n")


def stream(reports, **options):
    """:func:`render` in pieces, one report at a time: ``"".join(stream(...)) == render(...)``."""
    held, started = "", False
    for line in lines(reports, **options):
        piece = ("\n" if started else "") + line
        started = True
        body = piece.rstrip("\n")
        if body:  # what render's final rstrip would drop is held back until more text follows it
            yield held + body
            held = piece[len(body):]
        else:
            held += piece


def lines(reports, *, color: bool = False, concise: bool = False, quiet: bool = False,
          hidden: dict[str, int] | None = None, baselined: dict[str, int] | None = None):
    """The lines of :func:`render`, one report at a time (``emaillint check`` writes them as files are judged).
    ``hidden`` and ``baselined`` are read for each report when it comes, so they may hold only its own counts."""
    for report in reports:
        if report.error:
            yield f"{report.path}: error: {report.error}"
            continue
        index = LineIndex(report.text) if report.text is not None and not concise else None
        for p in report.problems:
            yield from _problem_lines(report, p, color, index, concise)
        if quiet:
            if report.problems and not concise:
                yield ""
            continue
        score = _c(str(report.score), "32" if report.score >= 80 else "33" if report.score >= 50 else "31", color)
        left_out = (hidden or {}).get(report.path, 0)
        known = (baselined or {}).get(report.path, 0)
        count = len(report.problems) + left_out + known
        silenced = len(report.suppressed)
        note = ((f", {known} in the baseline" if known else "") + (f", {left_out} not shown" if left_out else "")
                + (f", {silenced} suppressed" if silenced else ""))
        yield f"{report.path}: score {score}/100 ({report.kind}, {count} finding{'s' if count != 1 else ''}{note})"
        if not concise and report.problems:
            yield ""


def statistics(summary) -> str:
    """--statistics as text: counts per rule and per category, then the score distribution."""
    out = ["Statistics"]
    if summary.by_rule:
        out.append("  findings by rule:")
        for r in summary.by_rule:
            mark = "[*]" if r.get("fixable") else "   "  # --fix fixes some of them (the summary says how many)
            out.append(f"    {r['count']:>5}  {r['code']:<6} {mark} {r['name']:<32} {r['category']} "
                       f"({r['files']} file{'s' if r['files'] != 1 else ''})")
        out.append("  findings by category:")
        for category, n in summary.by_category.items():
            out.append(f"    {n:>5}  {category}")
    else:
        out.append("  no findings")
    if summary.suppressed_by_rule:
        out.append("  suppressed by rule:")
        for code, n in summary.suppressed_by_rule.items():
            out.append(f"    {n:>5}  {code}")
    average = "-" if summary.average is None else f"{summary.average:g}"
    out.append(f"  scores ({summary.files} file{'s' if summary.files != 1 else ''}, average {average}):")
    width = max((b["files"] for b in summary.distribution), default=0)
    for b in reversed(summary.distribution):
        bar = "#" * (round(b["files"] * 30 / width) if width else 0)
        out.append(f"    {b['range']:>6}  {b['files']:>5}  {bar}".rstrip())
    return "\n".join(out)
