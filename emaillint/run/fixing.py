"""``emaillint check --fix`` / ``--diff``: apply the rules' fixes, the way ruff does.

Each finding may carry a fix (edits plus a safety, see ``base.problem``). Safe fixes
are applied, unsafe ones only when asked (``unsafe=True``). One pass applies every
chosen fix that does not overlap one applied before it, in reading order; two
findings that carry the same fix (two apologies in one sentence) share it. The text
is then judged again, because a fix can make or unmake findings, and the next pass
applies what is left, until nothing changes or ``MAX_PASSES`` passes ran. The
suppressed findings are never fixed. Files are rewritten through ``read.rewrite``
(encoding, byte-order mark and line breaks kept, atomically, refused when the file
changed meanwhile); standard input is fixed in memory.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from emaillint.base.problem import Edit, FileReport, Problem
from emaillint.read.source import InputError, Source

#: Passes before giving up on a file whose fixes keep changing it (ruff allows 100; ours settle in 2 or 3).
MAX_PASSES = 10


@dataclass
class FixResult:
    """What fixing one draft did (or would do)."""

    path: str
    before: str  # the judged (normalised) text as read
    after: str  # the same after every pass
    applied: Counter = field(default_factory=Counter)  # fixes applied, by rule code
    passes: int = 0
    settled: bool = True  # False: still changing after MAX_PASSES
    error: str | None = None  # one line: why the file was not fixed
    unread: bool = False  # the error is that the file cannot be read (the report says so too)
    report: FileReport | None = None  # the last judgement (of ``after``)
    fmt: str = "txt"
    written: bool = False  # ``after`` is what the file now holds

    @property
    def changed(self) -> bool:
        return self.after != self.before

    @property
    def fixed(self) -> int:
        return sum(self.applied.values())


def chosen(problems: list[Problem], unsafe: bool = False) -> list[Problem]:
    """The findings whose fixes this run applies: safe ones, and unsafe ones when asked."""
    return [p for p in problems if p.fix is not None and p.fix.edits and (p.fix.safe or unsafe)]


def apply_fixes(text: str, problems: list[Problem], unsafe: bool = False) -> tuple[str, list[Problem]]:
    """One pass: ``text`` with the chosen fixes applied, and the findings they fixed.

    Fixes are taken in reading order (then by code); one that overlaps an edit already taken waits
    for the next pass, and a fix identical to one taken is shared (both findings are fixed)."""
    taken: list[Edit] = []
    seen: set[tuple[Edit, ...]] = set()
    fixed = []
    for problem in sorted(chosen(problems, unsafe), key=lambda p: (min(e.start for e in p.fix.edits), p.code)):
        edits = tuple(sorted(problem.fix.edits, key=lambda e: (e.start, e.end)))
        if edits in seen:
            fixed.append(problem)
            continue
        if any(e.end > len(text) for e in edits) or _overlap(edits) or _clash(edits, taken):
            continue
        taken.extend(edits)
        seen.add(edits)
        fixed.append(problem)
    for edit in sorted(taken, key=lambda e: (e.start, e.end), reverse=True):
        text = text[:edit.start] + edit.text + text[edit.end:]
    return text, fixed


def _overlap(edits: tuple[Edit, ...]) -> bool:
    return any(b.start < a.end for a, b in zip(edits, edits[1:]))


def _clash(edits: tuple[Edit, ...], taken: list[Edit]) -> bool:
    """Whether any of ``edits`` overlaps an edit already taken (touching is fine; two insertions at one
    place are not, since their order would be a guess)."""
    return any(e.start < t.end and t.start < e.end or (e.start == t.start and (e.start == e.end or t.start == t.end))
               for e in edits for t in taken)


def fix_source(source: Source, config, *, unsafe: bool = False, max_passes: int = MAX_PASSES) -> FixResult:
    """Fix one draft in memory: pass after pass until nothing changes. ``config``: its configuration."""
    from emaillint.api import lint_source

    result = FixResult(source.path, source.text, source.text, fmt=source.fmt)
    while True:
        try:
            report = lint_source(Source(source.path, result.after, source.fmt), config)
        except InputError as exc:  # found while parsing (MIME nested too deeply)
            result.error, result.after = f"{source.path}: {exc}", result.before
            return result
        except Exception as exc:  # noqa: BLE001 - a bug must not write a half-fixed file or a traceback
            result.error = (f"{source.path}: not fixed: emaillint could not finish judging it ({type(exc).__name__}: "
                            f"{exc}); this is a bug in emaillint, please report it with the draft")
            result.after = result.before
            return result
        result.report = report
        if report.error or result.passes == max_passes:
            result.settled = not chosen(report.problems, unsafe)
            return result
        text, fixed = apply_fixes(result.after, report.problems, unsafe)
        if not fixed or text == result.after:
            return result
        result.after = text
        result.passes += 1
        result.applied.update(p.code for p in fixed)


def fix_path(path: str, config, *, unsafe: bool = False, write: bool = True) -> FixResult:
    """Fix one file: judge, fix, and (with ``write``) rewrite it in place; never raises for a bad file
    (``error`` says why it was not fixed, in one line, and the file is untouched)."""
    from emaillint.read import rewrite

    try:
        original = rewrite.read_original(path, config.max_size)
    except rewrite.RewriteError as exc:
        return FixResult(path, "", "", error=str(exc))
    except InputError as exc:
        return FixResult(path, "", "", error=str(exc), unread=True)
    result = fix_source(original.source, config, unsafe=unsafe)
    result.written = not result.changed  # unchanged: the file holds what was judged
    if result.changed:
        try:
            data = rewrite.encode_fixed(original, result.after)
            if write:
                rewrite.write_fixed(original, data)
                result.written = True
        except InputError as exc:
            result.error = str(exc)
    return result


def diff(result: FixResult) -> str:
    """What fixing changed (or would change) in one draft, as a unified diff; empty when nothing."""
    from emaillint.read.rewrite import unified_diff

    return unified_diff(result.path, result.before, result.after) if result.changed else ""
