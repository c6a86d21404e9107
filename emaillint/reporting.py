"""After linting: choose what to show, render it, write it where asked, and work out the exit code.

The options that shape the output of ``emaillint check`` (--statistics,
--quiet, --exit-zero, --output-file, --min-level) live here so the runner
and the click layer stay thin. Formatters only render.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import click

from emaillint.problem import Level

EXIT_CLEAN, EXIT_PROBLEMS, EXIT_ERROR = 0, 1, 2


@dataclass(frozen=True)
class OutputOptions:
    statistics: bool = False
    quiet: bool = False
    exit_zero: bool = False
    output_file: str | None = None
    min_level: str = "info"


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


def _write(text: str, path: str | None) -> None:
    if path is None:
        if text:
            click.echo(text)
        return
    try:
        Path(path).write_text(text + ("\n" if text and not text.endswith("\n") else ""), encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"cannot write {path} ({exc.strerror or exc})") from None


def finish(results, *, files, missing, fmt: str, color: bool, source_lines, options: OutputOptions | None,
           stdin_text: str | None = None) -> int:
    """Render ``results`` ((report, fails, fail_under) per file), write them, return the exit code."""
    from emaillint.formatters import FORMATTERS
    from emaillint.summary import summarize, summary_line

    opts = options or OutputOptions()
    reports = [r[0] for r in results]
    for report in reports:
        if report.error:
            click.echo(f"emaillint: error: {report.error}", err=True)
    failed = any(r[1] for r in results)
    shown, hidden = _shown(reports, opts.min_level)
    thresholds = [r[2] if len(r) > 2 else None for r in results]
    summary = summarize(shown, hidden=sum(hidden.values()), min_level=opts.min_level, thresholds=thresholds)

    renderer = FORMATTERS["text"] if fmt == "concise" else FORMATTERS[fmt]
    kwargs: dict = {}
    if fmt == "concise":
        kwargs["concise"] = True
    if fmt in ("text", "concise"):
        kwargs.update(quiet=opts.quiet, hidden=hidden)
    if fmt == "json" and opts.statistics:
        kwargs["statistics"] = summary.to_dict()
    if fmt == "html":
        kwargs["summary"] = summary
        kwargs["stdin_text"] = stdin_text
    keep_errors = fmt in ("json", "sarif", "html")
    output = renderer([r for r in shown if keep_errors or not r.error], color=color, source_lines=source_lines, **kwargs)
    if fmt == "text" and files:
        from emaillint.formatters.text import statistics

        tail = []
        if opts.statistics:
            tail.append(statistics(summary))
        if not opts.quiet:
            tail.append(summary_line(summary))
        output = "\n\n".join(x for x in [output, *tail] if x)
    _write(output, opts.output_file)

    below = [(r[0].path, r[0].score, r[2]) for r in results
             if len(r) > 2 and r[2] is not None and not r[0].error and r[0].score < r[2]]
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
