"""``emaillint diff OLD NEW``: how the score and the findings changed between two versions of a draft.

For reviewing a template edit in a pull request. Both versions are judged with the same
configuration (the one found for NEW), so what changes is the edit's doing, not the
configuration's. Findings are matched the way the baseline matches them: by rule and
the words around them, never by line number, so a paragraph added above a finding
leaves it unchanged. A finding of NEW that matches none of OLD is new; one of OLD that
matches none of NEW is fixed. The change is worse when the score dropped or a finding
is new (exit 1), so a CI step can hold a pull request that makes a draft worse.
"""
from __future__ import annotations

from dataclasses import dataclass

from emaillint.base.problem import FileReport, Problem
from emaillint.report.baseline import fingerprint, pair


@dataclass
class Version:
    """One side of the comparison: what the user named, its text and its judgement."""

    label: str  # as given: a path, or REV:PATH
    text: str
    report: FileReport


@dataclass
class DraftChange:
    before: Version
    after: Version
    new: list[Problem]  # of ``after``
    fixed: list[Problem]  # of ``before``
    unchanged: list[Problem]  # of ``after``

    @property
    def score_change(self) -> int:
        return self.after.report.score - self.before.report.score

    @property
    def worse(self) -> bool:
        return self.score_change < 0 or bool(self.new)

    def to_dict(self) -> dict:
        def side(v: Version) -> dict:
            return {"path": v.label, "kind": v.report.kind, "score": v.report.score, "subscores": v.report.subscores}

        return {"version": 1, "before": side(self.before), "after": side(self.after),
                "score_change": self.score_change, "worse": self.worse,
                "findings": {"new": [p.to_dict() for p in self.new], "fixed": [p.to_dict() for p in self.fixed],
                             "unchanged": [p.to_dict() for p in self.unchanged]}}


def compare(before: Version, after: Version) -> DraftChange:
    """Match the findings of two judged versions (see the module docstring)."""
    def keys(v: Version) -> list[tuple]:
        return [(p.code, *fingerprint(v.text, p)) for p in v.report.problems]

    pairs = pair(keys(before), keys(after))
    old, new = before.report.problems, after.report.problems
    matched_old = set(pairs.values())
    return DraftChange(before, after, [p for j, p in enumerate(new) if j not in pairs],
                       [p for i, p in enumerate(old) if i not in matched_old],
                       [p for j, p in enumerate(new) if j in pairs])


def diff_drafts(old: str, new: str, config_for) -> DraftChange:
    """Read (a file or REV:PATH each), judge and compare two versions; ``config_for(path)`` gives the
    configuration. Raises InputError (one line) for a version that cannot be read or judged."""
    from emaillint.api import lint_source
    from emaillint.read.revision import read_version, split_spec
    from emaillint.read.source import InputError

    config = config_for(split_spec(new)[1])
    versions = []
    for spec in (old, new):
        source = read_version(spec, config.max_size)
        report = lint_source(source, config)
        if report.error:
            raise InputError(report.error)
        versions.append(Version(spec, source.text, report))
    return compare(*versions)


def render_json(change: DraftChange) -> str:
    from emaillint.base import jsontext

    return jsontext.dumps(change.to_dict(), indent=2)


def render_text(change: DraftChange) -> str:
    """The change as a reviewer reads it: the score, the sub-scores that moved, then new, fixed and
    unchanged findings, each placed in its own version (``REV:path:line:column``)."""
    b, a = change.before, change.after
    sign = f"{change.score_change:+d}" if change.score_change else "±0"
    lines = [f"{b.label} -> {a.label}", f"score {b.report.score} -> {a.report.score} ({sign})"]
    moved = [f"{cat} {b.report.subscores.get(cat, 100)} -> {a.report.subscores.get(cat, 100)}"
             for cat in sorted(set(b.report.subscores) | set(a.report.subscores))
             if b.report.subscores.get(cat, 100) != a.report.subscores.get(cat, 100)]
    if moved:
        lines.append("  " + ", ".join(moved))
    for title, problems, label in (("new", change.new, a.label), ("fixed", change.fixed, b.label),
                                   ("unchanged", change.unchanged, a.label)):
        lines.append(f"{title}: {len(problems)}")
        lines += [f"  {label}:{p.line}:{p.column}: {p.code} [{p.name}] {p.message}" for p in problems]
    verdict = "worse: " + ", ".join(
        x for x in (f"the score dropped by {-change.score_change}" if change.score_change < 0 else "",
                    f"{len(change.new)} new finding{'s' if len(change.new) != 1 else ''}" if change.new else "") if x) \
        if change.worse else "not worse: the score did not drop and no finding is new"
    return "\n".join(lines + [verdict])
