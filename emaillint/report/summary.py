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
    fixable: int = 0  # shown findings whose fix is safe: what `check --fix` would fix
    unsafe_fixable: int = 0  # shown findings whose fix needs review: what --unsafe-fixes adds

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
            "fixable": self.fixable, "unsafe_fixable": self.unsafe_fixable,
        }


def summarize(reports: list[FileReport], *, hidden: int = 0, min_level: str = "info",
              thresholds: list[int | None] | None = None, baselined: int | None = None) -> Summary:
    """Count ``reports`` (already filtered to what is shown). ``thresholds``: each file's fail-under."""
    tally = Tally(min_level=min_level)
    for report, own in zip(reports, thresholds or [None] * len(reports)):
        tally.add(report, own)
    return tally.summary(hidden=hidden, baselined=baselined)


class Tally:
    """The counts of :func:`summarize`, kept as reports go by: ``emaillint check`` writes each report as
    it is judged and keeps only these counters (and the files below their threshold), never the reports."""

    def __init__(self, *, min_level: str = "info"):
        self.min_level = min_level
        self.files = self.unreadable = 0
        self.below: list[tuple[str, int]] = []
        self.rules: Counter = Counter()
        self.rule_files: Counter = Counter()
        self.names: dict[str, tuple[str, str]] = {}
        self.categories: Counter = Counter()
        self.levels: Counter = Counter()
        self.silenced: Counter = Counter()
        self.safe_fixes: Counter = Counter()  # by rule code
        self.unsafe_fixes: Counter = Counter()
        self.score_sum = 0
        self.buckets = [0] * len(BUCKETS)
        self.thresholds: set[int] = set()
        self.unset = False  # a judged file without a threshold of its own

    def add(self, report: FileReport, own: int | None = None) -> None:
        """Count one report (as shown); ``own``: its fail-under, None when it has none."""
        if report.error:
            self.unreadable += 1
            return
        self.files += 1
        if own is None:
            self.unset = True
        else:
            self.thresholds.add(own)
        if report.score < (own if own is not None else DEFAULT_THRESHOLD):
            self.below.append((report.path, report.score))
        for p in report.problems:
            self.rules[p.code] += 1
            self.names[p.code] = (p.name, p.category)
            self.categories[p.category] += 1
            self.levels[str(p.level)] += 1
            if p.fix is not None and p.fix.edits:
                (self.safe_fixes if p.fix.safe else self.unsafe_fixes)[p.code] += 1
        for code in {p.code for p in report.problems}:
            self.rule_files[code] += 1
        for p in report.suppressed:
            self.silenced[p.code] += 1
        self.score_sum += report.score
        for i, (low, high) in enumerate(BUCKETS):
            if low <= report.score <= high:
                self.buckets[i] += 1

    def summary(self, *, hidden: int = 0, baselined: int | None = None) -> Summary:
        used = set(self.thresholds)
        threshold = used.pop() if len(used) == 1 and not self.unset else (DEFAULT_THRESHOLD if not used else None)
        s = Summary(files=self.files, unreadable=self.unreadable, hidden=hidden, min_level=self.min_level,
                    threshold=threshold, baselined=baselined, below=list(self.below))
        s.problems = sum(self.rules.values())
        s.suppressed = sum(self.silenced.values())
        s.average = round(self.score_sum / self.files, 1) if self.files else None
        s.by_level = {str(lvl): self.levels[str(lvl)] for lvl in sorted(Level, reverse=True)}
        s.fixable, s.unsafe_fixable = sum(self.safe_fixes.values()), sum(self.unsafe_fixes.values())
        s.by_rule = [{"code": code, "name": self.names[code][0], "category": self.names[code][1], "count": n,
                      "files": self.rule_files[code], "fixable": self.safe_fixes[code],
                      "unsafe_fixable": self.unsafe_fixes[code]} for code, n in sorted(self.rules.items(), key=lambda kv: (-kv[1], kv[0]))]
        s.by_category = dict(sorted(self.categories.items(), key=lambda kv: (-kv[1], kv[0])))
        s.suppressed_by_rule = dict(sorted(self.silenced.items(), key=lambda kv: (-kv[1], kv[0])))
        s.distribution = [{"range": bucket_label(lo, hi), "min": lo, "max": hi, "files": n}
                          for (lo, hi), n in zip(BUCKETS, self.buckets)]
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


def fixable_line(s: Summary) -> str:
    """What ``--fix`` could do, ruff's wording adapted: '[*] 3 fixable with the --fix option (2 more with
    --unsafe-fixes)'; empty when no shown finding has a fix, so a run with nothing to fix says nothing."""
    more = f" ({s.unsafe_fixable} more with --unsafe-fixes)" if s.unsafe_fixable else ""
    if s.fixable:
        return f"[*] {s.fixable} fixable with the --fix option{more}"
    return f"no fixes with the --fix option{more}" if more else ""
