"""Render a Jinja template as its recipient reads it, and map every output character back to the template.

One renderer for everything: the linter, ``templates render``, ``suggest`` and the
editor all use the bounded ``SandboxedEnvironment`` of :mod:`emaillint.read.sandbox`
(same whitespace control, same limits). For judging, a template is rendered with
its example values (front matter ``variables:``, read by :func:`read_variables`);
a variable with no value reads as its name in words ("first name"), so an
undeclared field is reported (``EL002``) but the sentence around it can still be judged.

Tracing, the way sqlfluff's ``JinjaTracer`` does it, adapted:

1. ``Environment.lex`` gives the template's raw tokens; concatenated they are the
   template except for whitespace that whitespace control strips, which lex only
   ever drops just before a tag opener. So every literal chunk and every ``{{ }}``
   tag gets its source offset by walking the tokens (looking ahead for openers).
2. The parsed template's ``Output`` nodes are rewritten: each literal chunk is
   wrapped in private-use marker characters carrying its index, and each ``{{ }}``
   output between two markers carrying the tag's index. Rendering this traced
   twin runs the template's real logic (``if``/``and``/``or``, loops, filters,
   macros, ``set`` blocks), and reading the markers off its output says where
   every character came from: literal text exactly, text a tag produced inexactly
   (at the tag).
3. The plain render is the truth: when markers change what the template does (a
   captured block compared to a string) the plain text is aligned with the
   traced one by difflib, and what does not align maps to the nearest tag.

Jinja is imported only here, and only when a template is rendered.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Mapping

# Marker characters (Unicode private use): literal i is  LIT i SEP text END,  tag j is  TAG j SEP output END.
_LIT, _TAG, _SEP, _END = "\ue000", "\ue001", "\ue002", "\ue003"
_MARKER = re.compile("([\ue000\ue001])([0-9]+)\ue002|\ue003")
_MARKER_CHARS = re.compile("[\ue000-\ue003]")


class RenderError(Exception):
    """The template cannot be rendered; ``line`` is the 1-based line of the rendered text it names (or 1)."""

    def __init__(self, message: str, line: int = 1):
        super().__init__(message)
        self.line = line


# --------------------------------------------------------------------------
# Front matter ``variables:`` (the one reader)


@dataclass(frozen=True)
class Variable:
    """One variable a template expects."""

    name: str
    description: str = ""
    example: Any = None
    required: bool = True
    default: Any = None
    stated: bool = field(default=False, compare=False)  # says 'required' or gives a 'default' (the catalog asks)

    @property
    def has_example(self) -> bool:
        return self.example is not None and self.example != ""


class VariablesError(ValueError):
    """A ``variables:`` block of the wrong shape (one line)."""


def read_variables(raw: Any, strict: bool = False) -> dict[str, Variable]:
    """The variables a front matter ``variables:`` value declares.

    Forms: a mapping of name to a mapping (``description``, ``example``,
    ``required``, ``default``), to a scalar (its example value) or to nothing;
    or a list of names (or of mappings with a ``name``). ``strict`` (the template
    catalog) accepts only the mapping form and raises :class:`VariablesError`;
    otherwise what cannot be read is left out.
    """
    if raw is None:
        return {}
    items: list[tuple[str, Any]] = []
    if isinstance(raw, Mapping):
        items = [(str(name), spec) for name, spec in raw.items()]
    elif isinstance(raw, list) and not strict:
        for entry in raw:
            if isinstance(entry, Mapping) and "name" in entry:
                items.append((str(entry["name"]), {k: v for k, v in entry.items() if k != "name"}))
            elif isinstance(entry, (str, int)):
                items.append((str(entry), None))
    elif strict:
        raise VariablesError("'variables' must be a mapping of name to description/example/required/default")
    out: dict[str, Variable] = {}
    for name, spec in items:
        if spec is None:
            spec = {}
        elif not isinstance(spec, Mapping):
            if strict and isinstance(spec, (list, tuple)):
                raise VariablesError(f"variable '{name}' must be a mapping")
            spec = {"example": spec}
        out[name] = Variable(
            name=name,
            description=str(spec.get("description") or "").strip(),
            example=spec.get("example"),
            required=bool(spec.get("required", "default" not in spec)),
            default=spec.get("default"),
            stated="required" in spec or "default" in spec,
        )
    return out


def example_values(variables: Mapping[str, Variable], examples: bool = True) -> dict[str, Any]:
    """What ``templates render --example`` fills in: defaults of optional variables, then examples.

    A required variable with no example is left out (the linter reads it as its name).
    """
    merged: dict[str, Any] = {}
    for name, var in variables.items():
        if not var.required or var.default is not None:
            merged[name] = "" if var.default is None else var.default
    if examples:
        merged.update({name: var.example for name, var in variables.items() if var.example is not None})
    return merged


def front_matter_values(front_matter: Mapping | None) -> dict[str, Any]:
    """Example values from a parsed front matter mapping (any form; unreadable entries left out)."""
    if not front_matter:
        return {}
    return example_values(read_variables(front_matter.get("variables")))


# --------------------------------------------------------------------------
# The environment


@lru_cache(maxsize=1)
def lint_environment():
    """The catalog's bounded sandbox, with undefined variables read as their names in words."""
    from jinja2 import ChainableUndefined

    from emaillint.read.sandbox import environment

    class NameInWords(ChainableUndefined):
        __slots__ = ()

        def __str__(self) -> str:
            return str(self._undefined_name or "").replace("_", " ")

        def __call__(self, *args, **kwargs):  # an undefined macro or method: still a value
            return self

        def _same(self, *args, **kwargs):  # arithmetic on an unknown value stays unknown
            return self

        def _false(self, *args, **kwargs):  # an unknown value is not greater, smaller or equal to anything
            return False

        __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __truediv__ = __rtruediv__ = _same
        __floordiv__ = __rfloordiv__ = __mod__ = __rmod__ = __pow__ = __rpow__ = __pos__ = __neg__ = _same
        __lt__ = __le__ = __gt__ = __ge__ = _false

    return environment().overlay(undefined=NameInWords)


def undeclared_names(source: str) -> set[str]:
    """Every variable the template reads and does not set itself (Jinja's own answer); none when it does not parse."""
    from jinja2 import TemplateSyntaxError, meta

    try:
        return meta.find_undeclared_variables(lint_environment().parse(source))
    except (TemplateSyntaxError, RecursionError):
        return set()


def undeclared_uses(source: str, declared: set[str], offset: int = 0) -> list[tuple[str, int]]:
    """(name, offset of the first tag reading it) for each variable the template reads but neither
    declares, sets, defaults (``| default(...)``) nor tests (``is defined``); [] when it does not parse."""
    from jinja2 import TemplateSyntaxError, meta, nodes

    env = lint_environment()
    try:
        ast = env.parse(source)
        names = meta.find_undeclared_variables(ast) - declared
        for node in ast.find_all((nodes.Filter, nodes.Test)):
            if node.name in ("default", "d", "defined", "undefined") and isinstance(node.node, nodes.Name):
                names.discard(node.node.name)
        if not names:
            return []
        found: dict[str, int] = {}
        cursor, tag_start, previous = 0, 0, ""
        for _, kind, value in env.lex(source):
            at = source.index(value, cursor) if kind.endswith("_begin") else cursor
            cursor = at + len(value)
            if kind.endswith("_begin"):
                tag_start = at
            if kind == "whitespace":
                continue
            if kind == "name" and value in names and value not in found and previous not in (".", "|", "is"):
                found[value] = tag_start + offset
            previous = value
    except (TemplateSyntaxError, ValueError, RecursionError):
        return []
    return sorted(found.items(), key=lambda item: item[1])


def render_text(source: str, values: Mapping[str, Any]) -> str:
    """Render a template string with the lint environment; :class:`RenderError` when it cannot be."""
    return _render(lint_environment(), source, values)


def _render(env, template: Any, values: Mapping[str, Any]) -> str:
    from jinja2 import TemplateError as JinjaError
    from jinja2 import TemplateSyntaxError

    from emaillint.read.sandbox import TemplateError, bounded_render

    try:
        compiled = env.from_string(template)
        return bounded_render(compiled, dict(values))
    except TemplateSyntaxError as exc:
        raise RenderError(f"Jinja syntax error: {exc.message}", exc.lineno or 1) from None
    except RecursionError:
        raise RenderError("the template is nested too deeply") from None
    except TemplateError as exc:
        message = str(exc).removeprefix("the template cannot be rendered: ")
        raise RenderError(message, _template_line(exc)) from None
    except JinjaError as exc:
        raise RenderError(str(exc).splitlines()[0] if str(exc) else type(exc).__name__, _template_line(exc)) from None


def _template_line(exc: BaseException) -> int:
    """The template line an error was raised on (Jinja rewrites tracebacks to template lines), else 1."""
    line = 1
    seen = 0
    while exc is not None and seen < 5:
        tb = exc.__traceback__
        while tb is not None:
            if tb.tb_frame.f_code.co_filename == "<template>":
                line = tb.tb_lineno
            tb = tb.tb_next
        exc, seen = exc.__context__, seen + 1
    return line


# --------------------------------------------------------------------------
# Tracing


@dataclass(frozen=True)
class Piece:
    """Rendered text and where it came from: ``source_start`` (exactly, char by char, or the tag it came from)."""

    text: str
    source_start: int
    exact: bool


def _chunks(env, source: str) -> tuple[list[tuple[int, str]], list[int]]:
    """(offset, text) of every non-empty literal chunk and the offset of every ``{{`` tag, in order."""
    literals: list[tuple[int, str]] = []
    tags: list[int] = []
    cursor = 0
    for _, kind, value in env.lex(source):
        if kind.endswith("_begin"):
            at = source.index(value, cursor)  # lex only skips whitespace stripped before an opener
            if kind == "variable_begin":
                tags.append(at)
        else:
            at = cursor
            if kind == "data" and value:
                literals.append((at, value))
        cursor = at + len(value)
    return literals, tags


def _traced_ast(env, source: str, literals, tags):
    """The parsed template with every literal and every ``{{ }}`` output wrapped in markers, or None."""
    from jinja2 import nodes

    ast = env.parse(source)
    outputs = list(ast.find_all(nodes.Output))
    li = ti = 0
    for output in outputs:
        new = []
        for child in output.nodes:
            if isinstance(child, nodes.TemplateData):
                if li >= len(literals) or literals[li][1] != child.data:
                    return None
                new.append(nodes.TemplateData(f"{_LIT}{li}{_SEP}{child.data}{_END}", lineno=child.lineno))
                li += 1
            else:
                if ti >= len(tags):
                    return None
                new += [nodes.TemplateData(f"{_TAG}{ti}{_SEP}", lineno=child.lineno), child,
                        nodes.TemplateData(_END, lineno=child.lineno)]
                ti += 1
        output.nodes = new
    if li != len(literals) or ti != len(tags):
        return None
    return ast


def _read_markers(traced: str, literals, tags, fallback: int) -> list[Piece]:
    """Pieces of the traced output, markers dropped: literals exact, tag output at its tag."""
    pieces: list[Piece] = []
    stack: list[tuple[str, int]] = []
    pos = 0

    def emit(text: str) -> None:
        if not text:
            return
        if stack and stack[-1][0] == _LIT:
            at, original = literals[stack[-1][1]]
            pieces.append(Piece(text, at, text == original))  # a filter may have changed it
        else:
            pieces.append(Piece(text, tags[stack[-1][1]] if stack else fallback, False))

    for m in _MARKER.finditer(traced):
        emit(traced[pos:m.start()])
        pos = m.end()
        if m.group(1):
            stack.append((m.group(1), int(m.group(2))))
        elif stack:
            stack.pop()
    emit(traced[pos:])
    return pieces


MAX_ALIGN = 20_000  # characters difflib may align when markers and the plain render disagree


def _align(plain: str, traced: list[Piece], fallback: int) -> list[Piece]:
    """Map the plain output through the traced pieces where the two agree (difflib), else to the nearest source."""
    from difflib import SequenceMatcher

    text = "".join(p.text for p in traced)
    if len(text) > MAX_ALIGN or len(plain) > MAX_ALIGN:  # difflib is quadratic at worst: map it coarsely
        return [Piece(plain, fallback, False)] if plain else []
    owner: list[tuple[int, bool]] = []  # per traced character: source offset, exact
    for p in traced:
        owner += [(p.source_start + i, True) for i in range(len(p.text))] if p.exact else [(p.source_start, False)] * len(p.text)
    per_char: list[tuple[int, bool]] = []
    last = (fallback, False)
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, text, plain, autojunk=False).get_opcodes():
        if tag == "equal":
            per_char += owner[i1:i2]
            last = owner[i2 - 1] if i2 > i1 else last
        elif j2 > j1:
            near = owner[i1] if i1 < len(owner) else last
            per_char += [(near[0], False)] * (j2 - j1)
    pieces: list[Piece] = []
    start = 0
    for k in range(1, len(plain) + 1):
        if k == len(plain) or not _continues(per_char[k - 1], per_char[k]):
            at, exact = per_char[start]
            pieces.append(Piece(plain[start:k], at, exact))
            start = k
    return pieces


def _continues(a: tuple[int, bool], b: tuple[int, bool]) -> bool:
    return (a[1] and b[1] and b[0] == a[0] + 1) or (not a[1] and not b[1] and a[0] == b[0])


def render_traced(source: str, values: Mapping[str, Any], offset: int = 0) -> list[Piece]:
    """Render ``source`` (a template, or the part of a file from ``offset`` on) and map it back.

    Source offsets in the pieces count from the start of the file (``offset`` is
    added). Raises :class:`RenderError` (its offset in the file) when Jinja cannot
    parse or render the template.
    """
    env = lint_environment()
    plain = _render(env, source, values)
    if _MARKER_CHARS.search(source) is None:
        try:
            literals, tags = _chunks(env, source)
            ast = _traced_ast(env, source, literals, tags)
        except (ValueError, RecursionError):  # a lexer surprise: keep the plain text, mapped coarsely
            ast = None
        if ast is not None:
            try:
                traced = _read_markers(_render(env, ast, values), literals, tags, 0)
            except RenderError:
                traced = None
            if traced is not None:
                if "".join(p.text for p in traced) != plain:
                    traced = _align(plain, traced, 0)
                return [Piece(p.text, p.source_start + offset, p.exact) for p in traced]
    coarse = _align(plain, [Piece(source, 0, True)], 0)  # literal text still found in the source
    return [Piece(p.text, p.source_start + offset, p.exact) for p in coarse]
