"""Inline suppression comments, in a form that fits each draft format.

    <!-- emaillint: disable=EL301 -->            Markdown (and any format)
    {# emaillint: disable=follow-up-cliche #}    Jinja templates
    # emaillint: disable=EL5                     a line of its own in .txt / .eml

Actions: ``disable`` (from here until ``enable`` or the end), ``enable``,
``disable-next-line``, ``disable-line`` and ``disable-file``. Each takes codes,
code prefixes, rule names or categories, comma separated; none means every
rule. A directive that silences nothing is itself reported.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_DIRECTIVE = re.compile(
    r"(?:<!--|\{#|^[ \t]*#)[ \t]*emaillint:[ \t]*(disable-next-line|disable-line|disable-file|disable|enable)"
    r"(?:[ \t]*=[ \t]*([\w.,\- \t]*?))?[ \t]*(?:-->|#\}|$)",
    re.M,
)
ACTIONS = ("disable", "enable", "disable-next-line", "disable-line", "disable-file")


@dataclass(frozen=True)
class Directive:
    action: str
    selectors: tuple[str, ...]  # empty: every rule
    start: int
    end: int
    line: int  # 1-based line of the directive in the analysed text


def find_directives(text: str) -> list[Directive]:
    out = []
    for m in _DIRECTIVE.finditer(text):
        selectors = tuple(s.strip() for s in (m.group(2) or "").split(",") if s.strip())
        out.append(Directive(m.group(1), selectors, m.start(), m.end(), text.count("\n", 0, m.start()) + 1))
    return out


def comment_for(fmt: str, action: str, selector: str) -> str:
    """The directive comment to insert for a format (used by editor quick fixes)."""
    body = f"emaillint: {action}={selector}"
    if fmt == "jinja":
        return "{# " + body + " #}"
    if fmt == "md":
        return f"<!-- {body} -->"
    return f"# {body}"


def matches(selector: str, code: str, name: str, category: str) -> bool:
    """Does one selector (code, prefix, name, name prefix or category) cover a rule?"""
    sel = selector.strip()
    if not sel or sel.upper() == "ALL":
        return True
    if sel.upper().startswith("EL") and code.startswith(sel.upper()):
        return True
    return sel == category or sel == name or name.startswith(sel + ".")


def _covers(d: Directive, code: str, name: str, category: str) -> bool:
    return not d.selectors or any(matches(s, code, name, category) for s in d.selectors)


def is_suppressed(directives: list[Directive], line: int, code: str, name: str, category: str) -> Directive | None:
    """The directive that silences a problem on ``line``, if any."""
    active: Directive | None = None
    for d in directives:
        if not _covers(d, code, name, category):
            continue
        if d.action == "disable-file":
            return d
        if d.action == "disable-line" and d.line == line:
            return d
        if d.action == "disable-next-line" and d.line + 1 == line:
            return d
        if d.line <= line:
            if d.action == "disable":
                active = d
            elif d.action == "enable":
                active = None
    return active
