"""Human output: file:line:col, code, message, the line with a marker, a score.

Colour only when asked (the CLI turns it on for terminals). ``concise``
drops the source line and the suggestion: one line per finding, for hooks.
"""
from __future__ import annotations

from emaillint.problem import FileReport, Level

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


def render(reports: list[FileReport], *, color: bool = False, source_lines=None, concise: bool = False) -> str:
    out: list[str] = []
    for report in reports:
        if report.error:
            out.append(f"{report.path}: error: {report.error}")
            continue
        lines = source_lines(report.path) if source_lines else None
        for p in report.problems:
            out += _problem_lines(report, p, color, lines, concise)
        score = _c(str(report.score), "32" if report.score >= 80 else "33" if report.score >= 50 else "31", color)
        count = len(report.problems)
        silenced = len(report.suppressed)
        note = f", {silenced} suppressed" if silenced else ""
        out.append(f"{report.path}: score {score}/100 ({report.kind}, {count} finding{'s' if count != 1 else ''}{note})")
        if not concise and count:
            out.append("")
    return "\n".join(out).rstrip("\n")
