"""YAML front matter at the top of Markdown drafts and templates."""
from __future__ import annotations

import re
from dataclasses import dataclass

_FENCE = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)


class FrontMatterError(ValueError):
    """Front matter that is not valid YAML or not a mapping."""


@dataclass(frozen=True)
class FrontMatter:
    data: dict
    end: int  # offset just after the closing fence
    raw: str


def load_yaml(text: str):
    """Parse YAML with the C loader when available (it is ~10x faster)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        raise FrontMatterError(f"invalid YAML{where}: {getattr(exc, 'problem', exc)}") from None


def parse(text: str) -> FrontMatter | None:
    """The front matter block, or None when the text has none."""
    match = _FENCE.match(text)
    if not match:
        return None
    raw = match.group(1) or ""
    data = load_yaml(raw) if raw.strip() else {}
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError("front matter must be a mapping of keys to values")
    return FrontMatter(data, match.end(), raw)


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
