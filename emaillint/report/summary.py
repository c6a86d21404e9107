"""Counts over a run's reports: the summary line, --statistics and the HTML report's header.

Pure data, no judging and no rendering: every number comes from the
FileReports (shown problems, suppressed problems, scores); formatters turn it
into text, JSON or HTML.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from emaillint.base.problem import FileReport, Level

DEFAULT_THRESHOLD = 70  # "below N" in the summary when no --fail-under / fail-under is set
BUCKETS = ((0, 49), (50, 69), (70, 79), (80, 89), (90, 99), (100, 100))


def bucket_label(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}-{high}"


@dataclass
class Summary:
    files: int = 0  # drafts judged (unreadable ones not included)
    unreadable: int = 0
    problems: int = 0  # shown (at or above --min-level)
    hidden: int = 0  # below --min-level
    min_level: str = "info"
    suppressed: int = 0
    baselined: int | None = None  # findings --baseline left out (None: no baseline)
    threshold: int | None = DEFAULT_THRESHOLD  # None: files use different fail-under values
    below: list[tuple[str, int]] = field(default_factory=list)  # (path, score) under the threshold
    average: float | None = None
    by_level: dict[str, int] = field(default_factory=dict)
    by_rule: list[dict] = field(default_factory=list)
    by_category: dict[str, int] = field(default_factory=dict)
    suppressed_by_rule: dict[str, int] = field(default_factory=dict)
    distribution: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        """The ``statistics`` object of the JSON output (present with --statistics)."""
        return {
            "files": self.files, "unreadable": self.unreadable, "problems": self.problems,
            "hidden": self.hidden, "min_level": self.min_level, "suppressed": self.suppressed,
            **({"baselined": self.baselined} if self.baselined is not None else {}),
            "threshold": self.threshold, "below_threshold": [{"path": p, "score": s} for p, s in self.below],
            "average_score": self.average, "by_level": self.by_level, "by_rule": self.by_rule,
            "by_category": self.by_category, "suppressed_by_rule": self.suppressed_by_rule,
            "score_distribution": self.distribution,
        }


def summarize(reports: list[FileReport], *, hidden: int = 0, min_level: str = "info",
              thresholds: list[int | None] | None = None, baselined: int | None = None) -> Summary:
    """Count ``reports`` (already filtered to what is shown). ``thresholds``: each file's fail-under."""
    judged = [(r, t) for r, t in zip(reports, thresholds or [None] * len(reports)) if not r.error]
    used = {t for _, t in judged if t is not None}
    threshold = used.pop() if len(used) == 1 and all(t is not None for _, t in judged) else (
        DEFAULT_THRESHOLD if not used else None)
    s = Summary(files=len(judged), unreadable=sum(1 for r in reports if r.error), hidden=hidden,
                min_level=min_level, threshold=threshold, baselined=baselined)
    rules: Counter = Counter()
    rule_files: dict[str, set] = {}
    names: dict[str, tuple[str, str]] = {}
    categories: Counter = Counter()
    levels: Counter = Counter()
    silenced: Counter = Counter()
    for report, own in judged:
        limit = own if own is not None else DEFAULT_THRESHOLD
        if report.score < limit:
            s.below.append((report.path, report.score))
        for p in report.problems:
            rules[p.code] += 1
            rule_files.setdefault(p.code, set()).add(report.path)
            names[p.code] = (p.name, p.category)
            categories[p.category] += 1
            levels[str(p.level)] += 1
        for p in report.suppressed:
            silenced[p.code] += 1
    s.problems = sum(rules.values())
    s.suppressed = sum(silenced.values())
    scores = [r.score for r, _ in judged]
    s.average = round(sum(scores) / len(scores), 1) if scores else None
    s.by_level = {str(lvl): levels[str(lvl)] for lvl in sorted(Level, reverse=True)}
    s.by_rule = [{"code": code, "name": names[code][0], "category": names[code][1], "count": n,
                  "files": len(rule_files[code])} for code, n in sorted(rules.items(), key=lambda kv: (-kv[1], kv[0]))]
    s.by_category = dict(sorted(categories.items(), key=lambda kv: (-kv[1], kv[0])))
    s.suppressed_by_rule = dict(sorted(silenced.items(), key=lambda kv: (-kv[1], kv[0])))
    s.distribution = [{"range": bucket_label(lo, hi), "min": lo, "max": hi,
                       "files": sum(1 for x in scores if lo <= x <= hi)} for lo, hi in BUCKETS]
    return s


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_line(s: Summary) -> str:
    """'31 problems in 12 files (4 below 70); 3 suppressed' and what else the reader must know."""
    below = f"{len(s.below)} below {s.threshold}" if s.threshold is not None else f"{len(s.below)} below their fail-under"
    line = f"{_plural(s.problems, 'problem')} in {_plural(s.files, 'file')} ({below}); {s.suppressed} suppressed"
    if s.baselined:
        line += f"; {s.baselined} in the baseline"
    if s.hidden:
        line += f"; {s.hidden} hidden by --min-level {s.min_level}"
    if s.unreadable:
        line += f"; {_plural(s.unreadable, 'file')} could not be read"
    return line
