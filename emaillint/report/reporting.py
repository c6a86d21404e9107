"""After linting: choose what to show, render it, write it where asked, and work out the exit code.

The options that shape the output of ``emaillint check`` (--statistics,
--quiet, --exit-zero, --output-file, --min-level) live here so the runner
and the click layer stay thin. Formatters only render.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import click

from emaillint.run.config import ConfigError
from emaillint.base.problem import Level

from emaillint.base.vocabulary import EXIT_CLEAN, EXIT_ERROR, EXIT_PROBLEMS


class OutputError(ConfigError):
    """The report cannot be written or the baseline read: one line on stderr, exit 2."""


@dataclass(frozen=True)
class OutputOptions:
    statistics: bool = False
    quiet: bool = False
    exit_zero: bool = False
    output_file: str | None = None
    min_level: str = "info"
    baseline: str | None = None
    update_baseline: bool = False
    to_stderr: bool = False  # the report goes to stderr (check --fix - writes the fixed text to stdout)


def _apply_baseline(results, reports, opts: OutputOptions, stdin_text):
    """Leave out the findings the baseline records; a file then fails only on new findings."""
    from emaillint.report import baseline
    from emaillint.api import fails

    try:
        if opts.update_baseline:
            n = baseline.write(opts.baseline, reports, stdin_text)
            click.echo(f"emaillint: recorded {n} finding{'s' if n != 1 else ''} in {opts.baseline}", err=True)
        recorded = baseline.load(opts.baseline)
    except baseline.BaselineError as exc:
        raise OutputError(str(exc)) from None
    kept, covered = baseline.split(reports, recorded, opts.baseline, stdin_text)
    failed = False
    for result, report in zip(results, kept):
        fail_under = result[2] if len(result) > 2 else None
        fail_level = result[3] if len(result) > 3 else "warning"
        new_low_score = fail_under is not None and report.score < fail_under and bool(report.problems)
        failed |= bool(report.error) or fails(report, fail_level, None) or new_low_score
    return kept, covered, failed


def _shown(reports, min_level: str):
    """Reports with only the problems at or above ``min_level`` (scores are not changed), and how many were hidden."""
    threshold = Level.parse(min_level)
    if threshold == Level.INFO:
        return list(reports), {}
    out, hidden = [], {}
    for r in reports:
        kept = [p for p in r.problems if p.level >= threshold]
        if len(kept) != len(r.problems):
            hidden[r.path] = hidden.get(r.path, 0) + len(r.problems) - len(kept)
        out.append(replace(r, problems=kept) if len(kept) != len(r.problems) else r)
    return out, hidden


def _write(text: str, path: str | None, to_stderr: bool = False) -> None:
    if path is None:
        if text:
            click.echo(text, err=to_stderr)
        return
    try:
        from emaillint.base.fileio import write_atomic

        write_atomic(path, text + ("\n" if text and not text.endswith("\n") else ""))
    except OSError as exc:
        raise OutputError(f"cannot write {path} ({exc.strerror or exc})") from None


def finish(results, *, files, missing, fmt: str, color: bool, options: OutputOptions | None,
           stdin_text: str | None = None) -> int:
    """Render ``results`` ((report, fails, fail_under, fail_level) per file), write them, return the exit code."""
    from emaillint.report.formatters import FORMATTERS
    from emaillint.report.summary import summarize, summary_line

    opts = options or OutputOptions()
    reports = [r[0] for r in results]
    for report in reports:
        if report.error:
            click.echo(f"emaillint: error: {report.error}", err=True)
    failed = any(r[1] for r in results)
    covered = None
    if opts.baseline:
        reports, covered, failed = _apply_baseline(results, reports, opts, stdin_text)
    shown, hidden = _shown(reports, opts.min_level)
    thresholds = [r[2] if len(r) > 2 else None for r in results]
    summary = summarize(shown, hidden=sum(hidden.values()), min_level=opts.min_level, thresholds=thresholds,
                        baselined=None if covered is None else sum(covered.values()))

    renderer = FORMATTERS["text"] if fmt == "concise" else FORMATTERS[fmt]
    kwargs: dict = {}
    if fmt == "concise":
        kwargs["concise"] = True
    if fmt in ("text", "concise"):
        kwargs.update(quiet=opts.quiet, hidden=hidden, baselined=covered)
    if fmt == "json" and opts.statistics:
        kwargs["statistics"] = summary.to_dict()
    if fmt == "json" and covered is not None:
        kwargs["baselined"] = covered
    if fmt == "html":
        kwargs["summary"] = summary
    keep_errors = fmt in ("json", "sarif", "html")
    output = renderer([r for r in shown if keep_errors or not r.error], color=color, **kwargs)
    if fmt == "text" and files:
        from emaillint.report.formatters.text import statistics

        tail = []
        if opts.statistics:
            tail.append(statistics(summary))
        if not opts.quiet:
            tail.append(summary_line(summary))
        output = "\n\n".join(x for x in [output, *tail] if x)
    _write(output, opts.output_file, opts.to_stderr)

    below = [(r[0].path, r[0].score, r[2]) for r, now in zip(results, reports)
             if len(r) > 2 and r[2] is not None and not r[0].error and r[0].score < r[2]
             and (covered is None or now.problems)]
    if below:
        limits = sorted({t for _, _, t in below})
        single = len(limits) == 1
        head = f"--fail-under {limits[0]}" if single else "their fail-under"
        names = ", ".join(f"{path} ({score})" if single else f"{path} ({score} < {t})" for path, score, t in below)
        click.echo(f"emaillint: {len(below)} email{'s' if len(below) != 1 else ''} below {head}: {names}", err=True)
    if missing or any(r.error for r in reports):
        return EXIT_ERROR
    if not files and fmt == "text" and not opts.quiet:
        click.echo("emaillint: no draft files found", err=True)
    return EXIT_CLEAN if opts.exit_zero or not failed else EXIT_PROBLEMS
