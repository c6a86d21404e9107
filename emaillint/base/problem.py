"""Value types shared by the engine, the formatters, the LSP server and the API.

Problems are frozen values with structured fields (flake8's Violation,
sqlfluff's to_dict): the code stays separate from the message, positions are
kept both as character offsets into the source text and as 1-based line and
column, and a fix is optional data that the caller applies, never the rule.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum


class Level(IntEnum):
    """How much a finding matters; ordered so levels can be compared."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> "Level":
        try:
            return cls[name.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown level '{name}' (use info, warning or error)") from None

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Edit:
    """Replace source[start:end] with ``text`` (offsets into the source text)."""

    start: int
    end: int
    text: str


#: How sure a rule is of its fixes (ruff's "fix safety"), declared in its spec: ``safe`` fixes are
#: mechanical and keep what the author says (``check --fix`` applies them, the editor prefers them);
#: ``unsafe`` ones change the wording and need review (``--unsafe-fixes``); ``mixed`` means the rule
#: decides per fix and its docs say when.
FIX_SAFETY = ("safe", "unsafe", "mixed")


@dataclass(frozen=True)
class Fix:
    """A set of edits with a title; ``safe`` fixes may be applied without review.

    Not safe unless said so: the engine sets ``safe`` from the rule's declared fix safety.
    """

    title: str
    edits: tuple[Edit, ...]
    safe: bool = False


@dataclass(frozen=True)
class Finding:
    """What a rule yields: where and what. The engine stamps identity on it."""

    start: int
    end: int
    message: str
    suggestion: str | None = None
    fix: Fix | None = None
    origin: tuple[str, str] | None = None  # from an outside checker: (its name, its rule), ("languagetool", "…")
    marks: tuple[tuple[int, int], ...] = ()  # the pieces it is about, when not all of start..end ("!" … "!")
    # start, end (and the fix's edits) are offsets in the source file: a finding about a suppression
    # comment, which the analysed text leaves out
    in_source: bool = False


@dataclass(frozen=True)
class Problem:
    """A finding stamped with the rule's identity and resolved to line/column."""

    code: str
    name: str
    category: str
    level: Level
    message: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    suggestion: str | None = None
    fix: Fix | None = None
    source: str = "emaillint"
    marks: tuple[tuple[int, int], ...] = field(default=(), compare=False)  # source offsets; not in the JSON

    def to_dict(self) -> dict:
        """The JSON contract for one problem (version 1)."""
        data = {
            "code": self.code,
            "name": self.name,
            "category": self.category,
            "level": str(self.level),
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "message": self.message,
            "suggestion": self.suggestion,
        }
        if self.fix is not None:
            data["fix"] = {
                "title": self.fix.title,
                "safe": self.fix.safe,
                "edits": [{"start": e.start, "end": e.end, "text": e.text} for e in self.fix.edits],
            }
        return data


@dataclass
class FileReport:
    """Everything emaillint has to say about one file (or buffer)."""

    path: str
    kind: str
    score: int
    problems: list[Problem]
    subscores: dict[str, int] = field(default_factory=dict)
    stats: dict = field(default_factory=dict)
    error: str | None = None
    # problems an inline 'emaillint: disable…' comment silenced (they cost nothing), and for each,
    # where that comment is: {"line": 7, "comment": "emaillint: disable-next-line=EL301"}
    suppressed: list[Problem] = field(default_factory=list)
    suppressed_by: list[dict] = field(default_factory=list)
    # the text that was judged (normalised), so formatters show findings in context without reading again
    text: str | None = field(default=None, compare=False, repr=False)

    def to_dict(self) -> dict:
        data = {
            "path": self.path,
            "kind": self.kind,
            "score": self.score,
            "subscores": self.subscores,
            "stats": self.stats,
            "problems": [p.to_dict() for p in self.problems],
            "suppressed": [dict(p.to_dict(), **({"suppressed_by": by} if by else {}))
                           for p, by in zip(self.suppressed, self.suppressed_by + [None] * len(self.suppressed))],
        }
        if self.error:
            data["error"] = self.error
        return data
