"""YAML front matter at the top of Markdown drafts and templates."""
from __future__ import annotations

import re
from dataclasses import dataclass

_FENCE = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)


class FrontMatterError(ValueError):
    """Front matter that is not valid YAML or not a mapping. ``read_as``: how it was read all the same, when every
    line is a plain "key: value" (the usual slip: "subject: Re: pricing", a value holding ": " unquoted)."""

    def __init__(self, message: str, read_as: FrontMatter | None = None):
        super().__init__(message)
        self.read_as = read_as


@dataclass(frozen=True)
class FrontMatter:
    data: dict
    end: int  # offset just after the closing fence
    raw: str


MAX_YAML_VALUES = 50_000  # values once aliases are expanded ("billion laughs" stops here)
MAX_YAML_DEPTH = 64


def check_yaml_size(data) -> None:
    """Refuse YAML whose values, with every alias expanded, are too many or nested too deep.

    A walk with a budget: aliases make a small file stand for billions of values,
    and everything downstream (rendering, str(), comparisons) would expand them.
    """
    budget = MAX_YAML_VALUES
    stack = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        budget -= 1
        if budget < 0:
            raise FrontMatterError(f"too large: over {MAX_YAML_VALUES:,} values once aliases (*name) are expanded")
        if depth > MAX_YAML_DEPTH:
            raise FrontMatterError(f"nested more than {MAX_YAML_DEPTH} levels deep")
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for kv in value.items() for v in kv)
        elif isinstance(value, (list, tuple, set)):
            stack.extend((v, depth + 1) for v in value)


def load_yaml(text: str):
    """Parse YAML with the C loader when available (it is ~10x faster); bounded in size and depth."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        raise FrontMatterError(f"invalid YAML{where}: {getattr(exc, 'problem', exc)}") from None
    except RecursionError:
        raise FrontMatterError(f"invalid YAML: nested more than {MAX_YAML_DEPTH} levels deep") from None
    check_yaml_size(data)
    return data


def parse(text: str) -> FrontMatter | None:
    """The front matter block, or None when the text has none."""
    match = _FENCE.match(text)
    if not match:
        return None
    raw = match.group(1) or ""
    try:
        data = load_yaml(raw) if raw.strip() else {}
    except FrontMatterError as exc:
        pairs = _plain_pairs(raw)
        if pairs is None:
            raise
        raise FrontMatterError(f"{exc}; read as plain 'key: value' lines (put quotes around a value that holds "
                               f"': ')", FrontMatter(pairs, match.end(), raw)) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError("front matter must be a mapping of keys to values")
    return FrontMatter(data, match.end(), raw)


_PLAIN_PAIR = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:(.*)")  # (greedy, the value stripped after: linear on any line)


def _plain_pairs(raw: str) -> dict[str, str] | None:
    """``raw`` as "key: value" lines, each value the text after its key's first colon; None when a line is not
    one (indented, a list, no key)."""
    pairs: dict[str, str] = {}
    for line in raw.split("\n"):
        if not line.strip() or line.startswith("#"):
            continue
        match = _PLAIN_PAIR.fullmatch(line)
        if match is None:
            return None
        pairs[match.group(1)] = match.group(2).strip()
    return pairs or None


def key_span(text: str, fm: FrontMatter, key: str) -> tuple[int, int] | None:
    """Span of a top-level key's scalar value inside the front matter."""
    match = re.search(rf"(?m)^{re.escape(key)}[ \t]*:[ \t]*(.*)$", text[: fm.end])
    if not match:
        return None
    value_start, value_end = match.span(1)
    value = match.group(1)
    if value[:1] in "\"'" and value.rstrip()[-1:] == value[:1]:
        value_start, value_end = value_start + 1, value_start + len(value.rstrip()) - 1
    return value_start, value_end
