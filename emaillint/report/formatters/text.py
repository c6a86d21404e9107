"""Human output: file:line:col, code, message, the line with a marker, a score.

Colour only when asked (the CLI turns it on for terminals). ``concise``
drops the source line and the suggestion: one line per finding, for hooks.
"""
from __future__ import annotations

from emaillint.base.problem import FileReport, Level

_COLORS = {Level.ERROR: "31", Level.WARNING: "33", Level.INFO: "36"}


def _c(text: str, code: str, color: bool) -> str:
    return f"\033[{code}m{text}\033[0m" if color else text


def _marker(line_text: str, column: int, end_column: int, same_line: bool) -> str:
    width = max(1, (end_column - column) if same_line else len(line_text) - column + 1)
    prefix = "".join(ch if ch == "\t" else " " for ch in line_text[: column - 1])
    return prefix + "^" * min(width, max(1, len(line_text) - column + 1))


def _problem_lines(report: FileReport, p, color: bool, lines: list[str] | None, concise: bool) -> list[str]:
    where = _c(f"{report.path}:{p.line}:{p.column}:", "1", color)
    level = _c(str(p.level), _COLORS[p.level], color)
    out = [f"{where} {p.code} [{level}] {p.message}"]
    if concise:
        return out
    if lines and 0 < p.line <= len(lines):
        text = lines[p.line - 1]
        out.append(f"    {text}")
        out.append("    " + _c(_marker(text, p.column, p.end_column, p.line == p.end_line), _COLORS[p.level], color))
    if p.suggestion:
        out.append(f"    {p.suggestion}")
    return out


def render(reports: list[FileReport], *, color: bool = False, source_lines=None, concise: bool = False,
           quiet: bool = False, hidden: dict[str, int] | None = None, baselined: dict[str, int] | None = None) -> str:
    """Findings and a score line per file; ``quiet``: findings only; ``hidden``: findings --min-level left out, per path."""
    out: list[str] = []
    for report in reports:
        if report.error:
            out.append(f"{report.path}: error: {report.error}")
            continue
        lines = source_lines(report.path) if source_lines else None
        for p in report.problems:
            out += _problem_lines(report, p, color, lines, concise)
        if quiet:
            if report.problems and not concise:
                out.append("")
            continue
        score = _c(str(report.score), "32" if report.score >= 80 else "33" if report.score >= 50 else "31", color)
        left_out = (hidden or {}).get(report.path, 0)
        known = (baselined or {}).get(report.path, 0)
        count = len(report.problems) + left_out + known
        silenced = len(report.suppressed)
        note = ((f", {known} in the baseline" if known else "") + (f", {left_out} not shown" if left_out else "")
                + (f", {silenced} suppressed" if silenced else ""))
        out.append(f"{report.path}: score {score}/100 ({report.kind}, {count} finding{'s' if count != 1 else ''}{note})")
        if not concise and report.problems:
            out.append("")
    return "\n".join(out).rstrip("\n")


def statistics(summary) -> str:
    """--statistics as text: counts per rule and per category, then the score distribution."""
    out = ["Statistics"]
    if summary.by_rule:
        out.append("  findings by rule:")
        for r in summary.by_rule:
            out.append(f"    {r['count']:>5}  {r['code']:<6} {r['name']:<32} {r['category']} ({r['files']} file{'s' if r['files'] != 1 else ''})")
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
