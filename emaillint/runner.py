"""What ``emaillint check`` does between parsing flags and exiting.

Kept out of cli.py so the click layer stays a thin shell: expand paths, lint
each file with its own configuration, render with the chosen formatter, and
work out the exit code.
"""
from __future__ import annotations

import sys
from dataclasses import replace

import click

from emaillint import api
from emaillint.discovery import expand
from emaillint.formatters import FORMATTERS

EXIT_CLEAN, EXIT_PROBLEMS, EXIT_ERROR = 0, 1, 2


def _with_grammar(config, grammar, url):
    if grammar is None and not url:
        return config
    g = config.grammar
    if grammar is not None:
        g = replace(g, enabled=grammar)
    if url:
        g = replace(g, url=url)
    return replace(config, grammar=g)


class RunError(click.ClickException):
    """One line on stderr, exit 2."""

    exit_code = EXIT_ERROR


PARALLEL_FROM = 100  # files; below this, starting worker processes costs more than it saves
_JOB: dict = {}


def _lint_one(path: str):
    """Lint one file with its own configuration; returns (report, whether it fails the run, its fail-under and fail-level)."""
    job = _JOB
    shown = job["stdin_filename"] if path == "-" and job["stdin_filename"] else path
    cfg = _with_grammar(job["config_for"](shown), job["grammar"], job["url"])
    report = next(api.lint_paths([path], cfg, stdin_text=job["stdin_text"], stdin_filename=job["stdin_filename"],
                                 cache=job.get("cache")))
    fail_level = job["fail_level"] or cfg.fail_level
    fail_under = job["fail_under"] if job["fail_under"] is not None else cfg.fail_under
    return report, api.fails(report, fail_level, fail_under), fail_under, fail_level


def _jobs() -> int:
    """Worker processes: EMAILLINT_JOBS when it is a whole number >= 1, else one per core (at most 8)."""
    import os

    default = min(os.cpu_count() or 1, 8)
    raw = os.environ.get("EMAILLINT_JOBS", "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        from emaillint.api import _warn

        _warn(f"EMAILLINT_JOBS={raw!r} is not a whole number of at least 1; using {default}")
        return default
    return min(value, 64)


def _lint_all(files: list[str]):
    """Lint in order; large batches use one worker process per core (fork keeps rules compiled).

    EMAILLINT_JOBS=N sets the number of worker processes (1: no workers). A
    worker that dies (the OOM killer, a signal) fails the run with one line
    instead of leaving it waiting forever.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from emaillint.progress import Progress

    workers = _jobs()
    progress = Progress(len(files), enabled=_JOB.get("progress", True))  # on stderr, only on a terminal
    parallel = (len(files) >= PARALLEL_FROM and workers > 1 and "-" not in files and not _JOB["grammar"]
                and "fork" in multiprocessing.get_all_start_methods())
    if not parallel:
        return list(progress.track(map(_lint_one, files)))
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    try:
        results = list(progress.track(pool.map(_lint_one, files, chunksize=max(16, len(files) // (workers * 8)))))
        pool.shutdown()
        return results
    except KeyboardInterrupt:  # Ctrl-C or SIGTERM: stop the workers now, leave none behind
        for process in list(getattr(pool, "_processes", {}).values()):
            process.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    except BrokenProcessPool:
        pool.shutdown(wait=False, cancel_futures=True)
        raise RunError("a worker process died (out of memory or killed); "
                       "run again with EMAILLINT_JOBS=1 to find the file") from None


def run_check(paths, config_for, *, fmt, fail_level, fail_under, grammar, languagetool_url, stdin_filename, color,
              output=None, cache: bool = True) -> int:
    base = config_for(paths[0] if paths[0] != "-" else (stdin_filename or "-"))
    from emaillint import discovery

    files, missing = expand(paths, base.include, base.exclude)
    for warning in discovery.WARNINGS:
        click.echo(f"emaillint: warning: {warning}", err=True)
    for path in missing:
        click.echo(f"emaillint: error: {path}: no such file or folder", err=True)
    stdin_text = None
    if "-" in files:
        from emaillint.source import InputError, read_stdin

        name = stdin_filename or "-"
        try:
            stdin_text, notes = read_stdin(base.max_size, name)
        except InputError as exc:
            click.echo(f"emaillint: error: {exc}", err=True)
            return EXIT_ERROR
        for note in notes:
            click.echo(f"emaillint: warning: {note}", err=True)
    from emaillint.cache import ResultCache, disabled_by_env

    _JOB.update(config_for=config_for, grammar=grammar, url=languagetool_url, stdin_text=stdin_text,
                stdin_filename=stdin_filename, fail_level=fail_level, fail_under=fail_under,
                cache=ResultCache() if cache and not disabled_by_env() else None)
    _JOB["progress"] = not (output is not None and output.quiet)
    results = _lint_all(files)
    from emaillint.reporting import finish  # what to show, where to write it, the exit code

    return finish(results, files=files, missing=missing, fmt=fmt, color=color, stdin_text=stdin_text,
                  source_lines=_source_lines(stdin_text) if fmt == "text" else None, options=output)


def _source_lines(stdin_text):
    from pathlib import Path

    from emaillint.source import InputError, normalise_text, read_path

    def lines(path: str):
        """The file's lines for showing findings in context; None when it changed into something unreadable
        since it was judged (read again, so bounded and for regular files only, like the first time)."""
        try:
            text = stdin_text if path in ("-",) else read_path(Path(path)).text
        except (InputError, OSError):
            return None
        return normalise_text(text or "").split("\n")

    return lines
