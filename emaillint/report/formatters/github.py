"""GitHub Actions workflow annotations (::warning file=…,line=…::message)."""
from __future__ import annotations

from emaillint.base.problem import FileReport, Level

_COMMAND = {Level.ERROR: "error", Level.WARNING: "warning", Level.INFO: "notice"}


def _escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """A property value (file=, title=): also ':' and ',' so a file name cannot end the command or add one."""
    return _escape(text).replace(":", "%3A").replace(",", "%2C")


def render(reports: list[FileReport], *, color: bool = False) -> str:
    return "".join(stream(reports))


def stream(reports, *, color: bool = False):
    """:func:`render` in pieces, one report at a time."""
    first = True
    for report in reports:
        lines = []
        if report.error:
            lines.append(f"::error file={_escape_property(report.path)}::{_escape(report.error)}")
        for p in report.problems:
            props = (f"file={_escape_property(report.path)},line={p.line},col={p.column},endLine={p.end_line},"
                     f"endColumn={p.end_column},title={_escape_property(f'{p.code} {p.name}')}")
            lines.append(f"::{_COMMAND[p.level]} {props}::{_escape(p.message)}")
        if lines:
            yield ("" if first else "\n") + "\n".join(lines)
            first = False
