"""Grammar (a judge-level stage): text segments in, LanguageTool grammar and spelling matches out.

Through a LanguageTool server (issue 6). The core calls :func:`check` only when
grammar is enabled. Importing this package is cheap: ``requests`` and
``language_tool_python`` are imported inside the functions that need them.

    check(segments, options) -> list[GrammarMatch]

* Only the author's text is sent; template syntax goes as AnnotatedText markup
  (``interpretAs`` = example value or neutral word), so nothing lands on it.
* Offsets from LanguageTool are UTF-16 code units of the original text; they
  come back as Python string indexes into the source (see ``_offsets``).
* Results are cached on disk per (text, markup, LT version, settings), so an
  unchanged draft asks the server nothing (see ``_cache``).
* No server, no Java, nothing downloadable: :class:`GrammarUnavailable` with a
  one-line message; never a traceback.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .rules import DEFAULT_DISABLED_RULES

__all__ = [
    "DEFAULT_DISABLED_RULES",
    "GrammarMatch",
    "GrammarOptions",
    "GrammarUnavailable",
    "Segment",
    "check",
]


@dataclass(frozen=True)
class Segment:
    """One stretch of the author's own text.

    ``offset`` is where ``text`` starts in the source (a Python str index).
    ``markup`` holds ``(start, end, interpret_as)`` spans, relative to ``text``,
    that are template syntax; ``interpret_as`` is what LanguageTool reads there
    ("" for ``{% %}`` / ``{# #}`` tags).
    """

    offset: int
    text: str
    markup: tuple[tuple[int, int, str], ...] = ()


@dataclass(frozen=True)
class GrammarOptions:
    url: str | None = None
    language: str = "en-US"
    disabled_rules: tuple[str, ...] = ()
    enabled_rules: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    cache_dir: str | None = None
    concurrency: int = 2


@dataclass(frozen=True)
class GrammarMatch:
    start: int
    end: int
    rule_id: str
    category: str  # "spelling" or "grammar"
    message: str
    replacements: tuple[str, ...]


class GrammarUnavailable(Exception):
    """LanguageTool cannot be used; ``str(exc)`` is one line for the user."""


def check(segments: Sequence[Segment], options: GrammarOptions) -> list[GrammarMatch]:
    """Check ``segments`` with LanguageTool and return matches in source offsets."""
    from ._check import run

    return run(segments, options)
