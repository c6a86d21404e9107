"""Inline suppression comments: how they are written, what they silence, and which ones do nothing.

    <!-- emaillint: disable=EL301 -->            Markdown (and any format)
    {# emaillint: disable=follow-up-cliche #}    Jinja templates (and any format)
    # emaillint: disable=EL5                     .txt / .eml / templates: a line of its own
    Thanks!! # emaillint: disable-line=EL503     .txt / .eml: at the end of the line it is about

Actions: ``disable`` (from here until ``enable`` or the end), ``enable``,
``disable-next-line``, ``disable-line`` and ``disable-file``. Each takes codes,
code prefixes, rule names or categories, comma separated; none means every
rule. This module is the one place suppression lives: finding the comments,
deciding what each silences (:func:`apply`), and which silenced nothing or can
never work (reported by ``EL003``, with how to write it instead).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_DIRECTIVE = re.compile(
    r"(?:<!--|\{#|^[ \t]*#|(?<=[ \t])#)[ \t]*emaillint:[ \t]*(disable-next-line|disable-line|disable-file|disable|enable)"
    r"(?:[ \t]*=[ \t]*([\w.,\- \t]*?))?[ \t]*(?:-->|#\}|$)",
    re.M,
)
# anything that looks like an attempt at a directive: 'emaillint:' and a word, with or without a comment opener
_ATTEMPT = re.compile(r"(?:(?:<!--|\{#|//|#)[ \t]*)?\bemaillint[ \t]*:[ \t]*[A-Za-z][^\n]*?(?:-->|#\}|$)", re.I | re.M)
ACTIONS = ("disable", "enable", "disable-next-line", "disable-line", "disable-file")
_TRAILING_FORMATS = ("txt", "eml")  # where a '#' comment may end a line of text


@dataclass(frozen=True)
class Directive:
    action: str
    selectors: tuple[str, ...]  # empty: every rule
    start: int
    end: int
    line: int  # 1-based line of the directive in the source file (start, end: offsets there too)
    problem: str | None = field(default=None, compare=False)  # why this comment can never work
    instead: str | None = field(default=None, compare=False)  # how to write it so that it does

    @property
    def comment(self) -> str:
        return f"emaillint: {self.action}" + (f"={','.join(self.selectors)}" if self.selectors else "")


def comment_for(fmt: str, action: str, selector: str) -> str:
    """The directive comment to insert for a format (used by editor quick fixes and by advice)."""
    body = f"emaillint: {action}={selector}" if selector else f"emaillint: {action}"
    if fmt == "jinja":
        return "{# " + body + " #}"
    if fmt == "md":
        return f"<!-- {body} -->"
    return f"# {body}"


def find_directives(text: str, fmt: str = "txt") -> list[Directive]:
    """Every suppression comment in ``text``, in order; those that can never work carry ``problem``."""
    if "emaillint" not in text.lower():
        return []  # the common case: both patterns try several openers at every character of the draft
    out = []
    for m in _DIRECTIVE.finditer(text):
        selectors = tuple(s.strip() for s in (m.group(2) or "").split(",") if s.strip())
        d = Directive(m.group(1), selectors, m.start(), m.end(), text.count("\n", 0, m.start()) + 1)
        out.append(_checked(d, text, fmt))
    taken = [(d.start, d.end) for d in out]
    for m in _ATTEMPT.finditer(text):
        if not any(a <= m.start() < b or m.start() <= a < m.end() for a, b in taken):
            out.append(_unreadable(m, text, fmt))
    return sorted(out, key=lambda d: d.start)


def _checked(d: Directive, text: str, fmt: str) -> Directive:
    """``d``, with a problem when its form or place means it can never silence anything."""
    line_start = text.rfind("\n", 0, d.start) + 1
    line_end = text.find("\n", d.end)
    before = text[line_start:d.start]
    rest = _DIRECTIVE.sub("", text[d.end:len(text) if line_end == -1 else line_end])
    trailing = text[d.start] == "#" and before.strip() != ""
    selector = ",".join(d.selectors)
    if trailing and fmt not in _TRAILING_FORMATS:
        where = "a template" if fmt == "jinja" else "Markdown"
        return _broken(d, f"A '#' comment after text is part of the email in {where}, not a suppression comment.",
                       f"Try: {comment_for(fmt, d.action, selector)} at the end of the line.")
    if d.action == "disable-line" and not (before.strip() or rest.strip()):
        return _broken(d, "'disable-line' silences the line it is on, and this line holds nothing else.",
                       f"Try: {comment_for(fmt, 'disable-next-line', selector)} on the line above the finding, "
                       "or this comment at the end of the finding's line.")
    return d


def _unreadable(m: re.Match, text: str, fmt: str) -> Directive:
    """A comment that mentions 'emaillint:' but is not a directive emaillint reads."""
    body = m.group(0).strip()
    after = re.sub(r"^.*?emaillint[ \t]*:[ \t]*", "", body, flags=re.I)
    word = re.match(r"[\w-]+", after).group(0).lower()
    selector = ",".join(re.findall(r"EL\d+|[a-z]+(?:[.-][a-z]+)+", after[len(word):], re.I))
    after_text = text[text.rfind("\n", 0, m.start()) + 1:m.start()].strip() != ""
    action = word if word in ACTIONS else "disable-line" if after_text else "disable-next-line"
    if word not in ACTIONS:
        problem = f"'emaillint: {word}' is not a suppression emaillint knows (use {', '.join(ACTIONS)})."
    else:
        problem = f"This 'emaillint: {word}' comment is not written the way emaillint reads it."
    line = text.count("\n", 0, m.start()) + 1
    return Directive(word, (), m.start(), m.end(), line, problem, f"Try: {comment_for(fmt, action, selector)}")


def _broken(d: Directive, problem: str, instead: str) -> Directive:
    return Directive(d.action, d.selectors, d.start, d.end, d.line, problem, instead)


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
        if d.problem or not _covers(d, code, name, category):
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


@dataclass
class Silencing:
    """What the comments of one draft did to its findings."""

    kept: list  # the problems no comment silences, in their order
    silenced: list  # (problem, {"line", "comment"}) for each silenced one, in (line, column, code) order
    unused: list[Directive]  # comments that silenced nothing ('enable' never does) or can never work


def apply(directives: list[Directive], problems: list) -> Silencing:
    """Split ``problems`` (anything with line, code, name and category) into kept and silenced."""
    if not directives:
        return Silencing(list(problems), [], [])
    kept, silenced, used = [], [], set()
    for p in problems:
        d = is_suppressed(directives, p.line, p.code, p.name, p.category)
        if d is None:
            kept.append(p)
        else:
            used.add(d)
            silenced.append((p, {"line": d.line, "comment": d.comment}))
    silenced.sort(key=lambda pair: (pair[0].line, pair[0].column, pair[0].code))
    unused = [d for d in directives if d.problem or (d not in used and d.action != "enable")]
    return Silencing(kept, silenced, unused)
