"""Render a Jinja template with its example values and remember where each piece came from.

Users' templates are judged the way their recipients will read them: every
``{{ var }}`` becomes the variable's example value (from front matter
``variables:``), a ``| default('…')`` literal, or the variable's name in
words; ``{% if %}`` blocks keep the branch the example values choose; ``{% %}``
and ``{# #}`` tags disappear. Literal text keeps an exact map back to the
template, and a substituted value maps to its tag, so every finding points at
the template's own line and column. Only simple conditions (a variable, or
``not`` a variable) are evaluated; anything else keeps the first branch.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from emaillint.tags import Tag

_NAME = re.compile(r"^\s*-?\s*([A-Za-z_]\w*)")
_DEFAULT = re.compile(r"default\(\s*(['\"])(.*?)\1")
_COND = re.compile(r"^(if|elif)\s+(not\s+)?([A-Za-z_]\w*)\s*(?:(==|!=)\s*(['\"])(.*?)\5)?\s*$")


@dataclass(frozen=True)
class Piece:
    text: str
    source_start: int
    exact: bool


def example_values(front_matter: dict) -> dict:
    """name -> example (or default) value, from either front matter form, as YAML typed it."""
    variables = front_matter.get("variables") or {}
    out: dict = {}
    if isinstance(variables, dict):
        for name, spec in variables.items():
            value = spec.get("example", spec.get("default", "")) if isinstance(spec, dict) else spec
            out[str(name)] = "" if value is None else value
    return out


def value_of(tag: Tag, values: dict) -> str:
    inner = tag.inner
    name = _NAME.match(inner)
    if name and name.group(1) in values and values[name.group(1)] != "":
        return str(values[name.group(1)])
    default = _DEFAULT.search(inner)
    if default:
        return default.group(2)
    return name.group(1).replace("_", " ") if name else ""


def _condition(inner: str, values: dict) -> bool:
    """Evaluate `if var`, `if not var`, `if var == "x"` / `!= "x"`; anything else keeps the branch."""
    match = _COND.match(inner)
    if not match:
        return True
    value = values.get(match.group(3))
    if match.group(4):
        truth = (str(value) == match.group(6)) if match.group(4) == "==" else (str(value) != match.group(6))
    else:
        truth = bool(value)
    return not truth if match.group(2) else truth


def render_pieces(text: str, tags: list[Tag], values: dict, start: int = 0) -> list[Piece]:
    """The rendered text as pieces, each tied to its place in the template."""
    pieces: list[Piece] = []
    stack: list[list[bool]] = []  # per open if: [branch visible now, a branch was taken]
    hidden = 0  # frames whose branch is not visible (visible iff 0: constant time however deep)
    pos = start

    def set_top(frame: list[bool]) -> None:
        nonlocal hidden
        hidden += (not frame[0]) - (not stack[-1][0])
        stack[-1] = frame

    for tag in (t for t in tags if t.start >= start):
        if pos < tag.start and not hidden:
            pieces.append(Piece(text[pos:tag.start], pos, True))
        pos = tag.end
        if tag.kind == "expr":
            if not hidden:
                pieces.append(Piece(value_of(tag, values), tag.start, False))
            continue
        if tag.kind != "stmt":
            continue
        keyword = tag.inner.split(" ", 1)[0]
        if keyword == "if":
            taken = _condition(tag.inner, values)
            stack.append([taken, taken])
            hidden += not taken
        elif keyword == "elif" and stack:
            taken = not stack[-1][1] and _condition(tag.inner, values)
            set_top([taken, stack[-1][1] or taken])
        elif keyword == "else" and stack:
            set_top([not stack[-1][1], True])
        elif keyword == "endif" and stack:
            hidden -= not stack.pop()[0]
    if pos < len(text) and not hidden:
        pieces.append(Piece(text[pos:], pos, True))
    return pieces
