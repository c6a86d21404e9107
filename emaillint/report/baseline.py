"""--baseline FILE / --update-baseline: adopt emaillint in a repository that already has findings.

``--update-baseline`` records today's findings; later runs with ``--baseline``
leave those out of the output and the exit code, so only new findings fail.

A finding is matched by its file, its rule and the words around it (the words it
covers plus four words either side, lower-cased), never by line number, so an
edit elsewhere in the file (a new paragraph above, a reflowed signature) keeps
it matched. When the words around it changed but the words it covers did not
(an edit right next to it), it still matches by file, rule and covered words.
Each recorded entry matches at most one finding, so a second "just following
up" added later is new.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import replace
from pathlib import Path

from emaillint.base.problem import FileReport, Problem

VERSION = 1
_WORD = re.compile(r"[\w'’]+")
_AROUND = 4


class BaselineError(ValueError):
    """The baseline file cannot be read or has the wrong shape; the message is one line."""


def _words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def fingerprint(text: str, problem: Problem) -> tuple[str, str]:
    """(covered words, covered words with four words either side) for one problem in its file's text."""
    start, end = max(0, min(problem.start, len(text))), max(0, min(problem.end, len(text)))
    inside = " ".join(_words(text[start:end]))
    before = _words(text[max(0, start - 200):start])[-_AROUND:]
    after = _words(text[end:end + 200])[:_AROUND]
    return inside, f"{' '.join(before)} [{inside}] {' '.join(after)}".strip()


def _key_path(path: str, root: Path) -> str:
    if path == "-":
        return "-"
    try:
        return Path(os.path.relpath(Path(path).resolve(), root.resolve())).as_posix()
    except ValueError:  # another drive
        return Path(path).resolve().as_posix()


def entries(reports: list[FileReport], baseline_path: str) -> list[dict]:
    """Every finding of ``reports`` as a baseline entry (sorted, so the file diffs well)."""
    root = Path(baseline_path).resolve().parent
    return sort_entries(e for report in reports for e in entries_of(report, root))


def entries_of(report: FileReport, root: Path) -> list[dict]:
    """The findings of one report as baseline entries, paths relative to ``root`` (the baseline's folder);
    their words come from the text the report was judged on (every file is read once)."""
    if report.error or not report.problems:
        return []
    text = report.text or ""
    out = []
    for p in report.problems:
        inside, context = fingerprint(text, p)
        out.append({"path": _key_path(report.path, root), "code": p.code, "words": inside, "context": context,
                    "line": p.line})
    return out


def sort_entries(found) -> list[dict]:
    return sorted(found, key=lambda e: (e["path"], e["line"], e["code"], e["context"]))


def write(path: str, reports: list[FileReport]) -> int:
    return write_entries(path, entries(reports, path))


def write_entries(path: str, found: list[dict]) -> int:
    """Write the baseline file (``found``: sorted entries); returns how many findings it records."""
    doc = {"version": VERSION, "tool": "emaillint",
           "note": "findings recorded by 'emaillint check --update-baseline'; matched by file, rule and the words around them",
           "findings": found}
    try:
        from emaillint.base import jsontext
        from emaillint.base.fileio import write_atomic

        text = jsontext.dumps(doc, indent=2)  # a file name that is not UTF-8 reads back the same
        write_atomic(path, text + "\n")
    except OSError as exc:
        raise BaselineError(f"{path}: cannot write the baseline ({exc.strerror or exc})") from None
    return len(found)


def load(path: str) -> list[dict]:
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: no such baseline file (create it with --update-baseline)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read the baseline ({getattr(exc, 'strerror', None) or exc})") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}: not a baseline file (invalid JSON at line {exc.lineno})") from None
    found = doc.get("findings") if isinstance(doc, dict) else None
    if not isinstance(doc, dict) or doc.get("version") != VERSION:
        raise BaselineError(f"{path}: not an emaillint baseline (version {VERSION} expected)")
    if not isinstance(found, list) or not all(isinstance(e, dict) and {"path", "code", "context"} <= set(e) for e in found):
        raise BaselineError(f"{path}: 'findings' must be a list of {{path, code, words, context}} entries")
    return found


def pair(before: list[tuple], after: list[tuple]) -> dict[int, int]:
    """Which finding of ``before`` each finding of ``after`` is: {index in after: index in before}.

    Each finding is (key, covered words, context) from :func:`fingerprint`, the key naming what must be
    equal (file and rule for a baseline, the rule for ``emaillint diff``). A finding matches first by
    its words in context, then, when the words around it were edited, by the words it covers. Each
    finding of ``before`` matches at most one of ``after``, so a second copy of a phrase is new."""
    by_context: dict[tuple, list[int]] = {}
    for i, (key, _, context) in enumerate(before):
        by_context.setdefault((key, context), []).append(i)
    pairs, pending = {}, []
    for j, (key, words, context) in enumerate(after):
        waiting = by_context.get((key, context))
        if waiting:
            pairs[j] = waiting.pop(0)
        else:
            pending.append(j)
    by_words: dict[tuple, list[int]] = {}
    for i in sorted(i for left in by_context.values() for i in left):
        if before[i][1]:
            by_words.setdefault((before[i][0], before[i][1]), []).append(i)
    for j in pending:  # the covered words are unchanged; the words around them were edited
        waiting = by_words.get((after[j][0], after[j][1]))
        if after[j][1] and waiting:
            pairs[j] = waiting.pop(0)
    return pairs


def split(reports: list[FileReport], recorded: list[dict], baseline_path: str):
    """Reports without the recorded findings, and {path: number of findings the baseline covered}."""
    known = Known(recorded, baseline_path)
    out, covered = [], {}
    for report in reports:
        kept, n = known.split(report)
        if n:
            covered[report.path] = covered.get(report.path, 0) + n
        out.append(kept)
    return out, covered


class Known:
    """The recorded findings, matched one report at a time (``emaillint check`` keeps no report longer than it
    takes to write it). A finding's key holds its file, so each report meets only its own file's entries: one
    report at a time is the same as all at once (:func:`pair` over the whole run)."""

    def __init__(self, recorded: list[dict], baseline_path: str):
        self.root = Path(baseline_path).resolve().parent
        self.by_path: dict[str, list[tuple]] = {}
        for e in recorded:
            self.by_path.setdefault(e["path"], []).append(((e["path"], e["code"]), e.get("words", ""), e["context"]))

    def split(self, report: FileReport) -> tuple[FileReport, int]:
        """The report without the findings the baseline records, and how many those were."""
        if report.error or not report.problems:
            return report, 0
        text = report.text or ""  # the text it was judged on
        key_path = _key_path(report.path, self.root)
        after = [((key_path, p.code), *fingerprint(text, p)) for p in report.problems]
        known = set(pair(self.by_path.get(key_path, []), after))
        if not known:
            return report, 0
        kept = [p for j, p in enumerate(report.problems) if j not in known]
        return replace(report, problems=kept), len(report.problems) - len(kept)
