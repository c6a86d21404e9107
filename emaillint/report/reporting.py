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


def finish(results, *, files, missing, fmt: str, color: bool, options: OutputOptions | None) -> int:
    """Render ``results`` ((report, fails, fail_under, fail_level) per file, an iterable), write them, return the
    exit code. Each file's part of the output is written as soon as its result comes (JSON array, text, lines;
    SARIF and HTML go to temporary files first, since their summary comes first), and no report is kept after
    that: memory does not grow with the number of files. Only the counts of the summary are kept."""
    from emaillint.report.formatters import formatter

    opts = options or OutputOptions()
    run = _Run(opts)
    shown = run.shown(results)
    kwargs: dict = {}
    if fmt == "concise":
        kwargs["concise"] = True
    if fmt in ("text", "concise"):
        kwargs.update(quiet=opts.quiet, hidden=run.hidden_now, baselined=run.covered_now)
    if fmt == "json" and opts.statistics:
        kwargs["statistics"] = lambda: run.summary().to_dict()
    if fmt == "json" and opts.baseline:
        kwargs["baselined"] = run.covered_now
    if fmt == "html":
        kwargs["summary"] = run.summary
    keep_errors = fmt in ("json", "sarif", "html")
    pieces = formatter("text" if fmt == "concise" else fmt).stream(
        (r for r in shown if keep_errors or not r.error), color=color, **kwargs)
    if fmt == "text" and files:
        pieces = _with_tail(pieces, lambda: ([_text_statistics(run.summary())] if opts.statistics else [])
                            + ([] if opts.quiet else [_summary_lines(run.summary())]))
    _write(pieces, opts.output_file, opts.to_stderr)
    run.record_baseline()

    below = run.below
    if below:
        limits = sorted({t for _, _, t in below})
        single = len(limits) == 1
        head = f"--fail-under {limits[0]}" if single else "their fail-under"
        names = ", ".join(f"{path} ({score})" if single else f"{path} ({score} < {t})" for path, score, t in below)
        click.echo(f"emaillint: {len(below)} email{'s' if len(below) != 1 else ''} below {head}: {names}", err=True)
    if missing or run.errors:
        return EXIT_ERROR
    if not files and fmt == "text" and not opts.quiet:
        click.echo("emaillint: no draft files found", err=True)
    return EXIT_CLEAN if opts.exit_zero or not run.failed else EXIT_PROBLEMS


def _summary_lines(summary) -> str:
    """The summary line, then (when any shown finding has a fix) what --fix could fix, as ruff ends its run."""
    from emaillint.report.summary import fixable_line, summary_line

    return "\n".join(filter(None, (summary_line(summary), fixable_line(summary))))


def _text_statistics(summary) -> str:
    from emaillint.report.formatters.text import statistics

    return statistics(summary)


class _Run:
    """What ``finish`` keeps while the results go by: counts, the files below their fail-under, whether the
    run failed, and, for the formatters, the current file's hidden and baselined counts (``hidden_now`` and
    ``covered_now`` hold only the file being written: a formatter reads them when that file's turn comes)."""

    def __init__(self, opts: OutputOptions):
        from emaillint.report.summary import Tally

        self.opts = opts
        self.tally = Tally(min_level=opts.min_level)
        self.threshold = Level.parse(opts.min_level)
        self.hidden = self.errors = 0
        self.covered: int | None = None
        self.failed = False
        self.below: list[tuple[str, int, int]] = []
        self.hidden_now: dict[str, int] = {}
        self.covered_now: dict[str, int] = {}
        self.known = self.recording = None
        if opts.baseline:
            from emaillint.report import baseline

            self.covered = 0
            if opts.update_baseline:  # every finding of this run is recorded, so every one is covered
                self.recording = []
            else:
                try:
                    self.known = baseline.Known(baseline.load(opts.baseline), opts.baseline)
                except baseline.BaselineError as exc:
                    raise OutputError(str(exc)) from None

    def shown(self, results):
        """Each result's report as it is to be shown, counted on the way."""
        from emaillint.api import fails

        for result in results:
            report, fail_under = result[0], (result[2] if len(result) > 2 else None)
            fail_level = result[3] if len(result) > 3 else "warning"
            if report.error:
                self.errors += 1
                click.echo(f"emaillint: error: {report.error}", err=True)
            now = report
            self.covered_now.clear()
            if self.opts.baseline:
                now, n = self._split(report)
                self.covered += n
                if n:
                    self.covered_now[report.path] = n
                new_low_score = fail_under is not None and now.score < fail_under and bool(now.problems)
                self.failed |= bool(now.error) or fails(now, fail_level, None) or new_low_score
            else:
                self.failed |= result[1]
            if (fail_under is not None and not report.error and report.score < fail_under
                    and (not self.opts.baseline or now.problems)):
                self.below.append((report.path, report.score, fail_under))
            now = self._at_min_level(now)
            self.tally.add(now, fail_under)
            yield now

    def _split(self, report):
        if self.recording is not None:
            from emaillint.report import baseline

            self.recording += baseline.entries_of(report, Path(self.opts.baseline).resolve().parent)
            return (replace(report, problems=[]) if report.problems else report), len(report.problems)
        return self.known.split(report)

    def _at_min_level(self, report):
        self.hidden_now.clear()
        if self.threshold == Level.INFO:
            return report
        kept = [p for p in report.problems if p.level >= self.threshold]
        if len(kept) == len(report.problems):
            return report
        self.hidden += len(report.problems) - len(kept)
        self.hidden_now[report.path] = len(report.problems) - len(kept)
        return replace(report, problems=kept)

    def summary(self):
        return self.tally.summary(hidden=self.hidden, baselined=self.covered)

    def record_baseline(self) -> None:
        """--update-baseline: write what this run found (sorted) to the baseline file."""
        if self.recording is None:
            return
        from emaillint.report import baseline

        try:
            n = baseline.write_entries(self.opts.baseline, baseline.sort_entries(self.recording))
        except baseline.BaselineError as exc:
            raise OutputError(str(exc)) from None
        click.echo(f"emaillint: recorded {n} finding{'s' if n != 1 else ''} in {self.opts.baseline}", err=True)


def _with_tail(pieces, tail):
    """The text output, then ``tail()`` (the statistics, the summary line), each after a blank line."""
    wrote = False
    for piece in pieces:
        wrote = wrote or bool(piece)
        yield piece
    for part in tail():
        if part:
            yield ("\n\n" if wrote else "") + part
            wrote = True


def _write(pieces, path: str | None, to_stderr: bool = False) -> None:
    """Write the output as it comes, ended by a newline (nothing at all for an empty output): to standard
    output (or stderr), or to ``path`` through a temporary file that replaces it only once all is written."""
    if path is None:
        wrote = False
        for piece in pieces:
            if piece:
                click.echo(piece, nl=False, err=to_stderr)
                wrote = True
        if wrote:
            click.echo("", err=to_stderr)
        return
    try:
        from emaillint.base.fileio import atomic_open

        with atomic_open(path) as handle:
            last = ""
            for piece in pieces:
                if piece:
                    handle.write(piece.encode("utf-8", errors="surrogateescape"))
                    last = piece
            if last and not last.endswith("\n"):
                handle.write(b"\n")
    except OSError as exc:
        raise OutputError(f"cannot write {path} ({exc.strerror or exc})") from None
