"""GitHub Actions workflow annotations (::warning file=…,line=…::message)."""
from __future__ import annotations

from emaillint.problem import FileReport, Level

_COMMAND = {Level.ERROR: "error", Level.WARNING: "warning", Level.INFO: "notice"}


def _escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def render(reports: list[FileReport], *, color: bool = False, source_lines=None) -> str:
    lines = []
    for report in reports:
        if report.error:
            lines.append(f"::error file={report.path}::{_escape(report.error)}")
        for p in report.problems:
            props = f"file={report.path},line={p.line},col={p.column},endLine={p.end_line},endColumn={p.end_column},title={p.code} {p.name}"
            lines.append(f"::{_COMMAND[p.level]} {props}::{_escape(p.message)}")
    return "\n".join(lines)
