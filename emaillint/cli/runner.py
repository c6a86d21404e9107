"""What ``emaillint check`` does between parsing flags and exiting.

Kept out of cli/__init__.py so the click layer stays a thin shell: expand paths, lint
each file with its own configuration, render with the chosen formatter, and
work out the exit code.
"""
from __future__ import annotations

import sys
from dataclasses import replace

import click

from emaillint import api
from emaillint.run.discovery import expand

from emaillint.base.vocabulary import EXIT_ERROR


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


_JOB: dict = {}


def _lint_one(path: str):
    """Lint one file with its own configuration; returns (report, whether it fails the run, its fail-under and fail-level)."""
    from emaillint.run.stream import count_judged

    count_judged()  # a long run empties the memo caches now and then: memory stays flat
    job = _JOB
    shown = job["stdin_filename"] if path == "-" and job["stdin_filename"] else path
    cfg = _with_grammar(job["config_for"](shown), job["grammar"], job["url"])
    report = next(api.lint_paths([path], cfg, stdin_text=job["stdin_text"], stdin_filename=job["stdin_filename"],
                                 cache=job.get("cache")))
    fail_level = job["fail_level"] or cfg.fail_level
    fail_under = job["fail_under"] if job["fail_under"] is not None else cfg.fail_under
    return report, api.fails(report, fail_level, fail_under), fail_under, fail_level


def _jobs(explicit: int | None = None) -> int | None:
    """Worker processes asked for: --jobs N, else EMAILLINT_JOBS when it is a whole number >= 1; None: what pays."""
    import os

    if explicit:
        return min(explicit, 64)
    raw = os.environ.get("EMAILLINT_JOBS", "").strip()
    if not raw:
        return None
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        from emaillint.api import _warn

        _warn(f"EMAILLINT_JOBS={raw!r} is not a whole number of at least 1; using what pays")
        return None
    return min(value, 64)


def _cached_one(path: str):
    """The result of a file the cache holds, without judging it; None when it must be judged."""
    job = _JOB
    shown = job["stdin_filename"] if path == "-" and job["stdin_filename"] else path
    cfg = _with_grammar(job["config_for"](shown), job["grammar"], job["url"])
    report = api.cached_report(path, cfg, job["cache"], stdin_text=job["stdin_text"],
                               stdin_filename=job["stdin_filename"])
    if report is None:
        return None
    fail_level = job["fail_level"] or cfg.fail_level
    fail_under = job["fail_under"] if job["fail_under"] is not None else cfg.fail_under
    return report, api.fails(report, fail_level, fail_under), fail_under, fail_level


def _ordered_results(files: list[str], jobs: int | None):
    """Each file's result, in the order of ``files``, each as soon as it is ready (nothing is kept: memory does
    not grow with the number of files).

    Files are judged here, or by worker processes when that pays: --jobs N /
    EMAILLINT_JOBS=N asks for N (1: none), otherwise a pool starts only for 100
    or more files to judge and only with cores the machine's load leaves free.
    Which files the result cache holds is looked up first (one flag per file),
    so a warm cache starts no pool; their reports are read here, in turn. The
    rules are loaded and every pattern compiled before the workers are forked,
    so no worker loads them again. A worker that dies (the OOM killer, a signal)
    fails the run with one line instead of leaving it waiting forever.
    """
    from emaillint.run import parallel

    workers = _jobs(jobs)
    pool_possible = len(files) >= 2 and "-" not in files and not _JOB["grammar"] and (workers or 2) > 1
    cached = bytearray(len(files))  # 1: the result cache holds the file as it is now
    if pool_possible and _JOB.get("cache") is not None and (workers or len(files) >= parallel.POOL_FROM):
        for i, path in enumerate(files):
            cached[i] = _is_cached(path)
    todo = len(files) - sum(cached)
    if workers is None:
        workers = parallel.auto_jobs(todo)
    if not pool_possible or todo < 2 or not parallel.can_fork():
        workers = 1
    from emaillint.run.stream import warm_up

    if workers == 1:
        if todo >= parallel.POOL_FROM and not _JOB["grammar"]:  # a long batch: every filter worked out at once,
            warm_up(_with_grammar(_JOB["config_for"](files[0]), False, None))  # from the code cache's record
        yield from map(_lint_one, files)  # the result cache is read on the way
        return
    first = next(i for i in range(len(files)) if not cached[i])
    warm_up(_with_grammar(_JOB["config_for"](files[first]), False, None))
    judged = parallel.ordered_map(_lint_one, (path for path, hit in zip(files, cached) if not hit), workers,
                                  chunk=max(4, min(64, todo // (workers * 8) or 1)))
    try:
        for path, hit in zip(files, cached):
            yield (_cached_one(path) or _lint_one(path)) if hit else next(judged)
        next(judged, None)  # let the pool shut down cleanly
    except parallel.WorkerDied:
        raise RunError("a worker process died (out of memory or killed); "
                       "run again with --jobs 1 (or EMAILLINT_JOBS=1) to find the file") from None


def _fix_workers(files: list[str], jobs: int | None, grammar) -> int:
    """Worker processes for the fix step: as for judging (--jobs N, EMAILLINT_JOBS, else a pool only for 100
    files or more on free cores), none for standard input or with --grammar (as judging)."""
    from emaillint.run import parallel

    if "-" in files or grammar or len(files) < 2:
        return 1
    return _jobs(jobs) or parallel.auto_jobs(len(files))


def _is_cached(path: str) -> bool:
    job = _JOB
    shown = job["stdin_filename"] if path == "-" and job["stdin_filename"] else path
    cfg = _with_grammar(job["config_for"](shown), job["grammar"], job["url"])
    return api.is_cached(path, cfg, job["cache"], stdin_text=job["stdin_text"], stdin_filename=job["stdin_filename"])


def _lint_all(files: list[str], jobs: int | None = None, *, progress: bool = True):
    """Lint in order (see _ordered_results), one result at a time; a progress line on stderr for long runs on a
    terminal (``progress``: when the report itself does not go to that terminal as it is written)."""
    from emaillint.report.progress import Progress

    return Progress(len(files), enabled=progress).track(_ordered_results(files, jobs))


def run_check(paths, config_for, *, fmt, fail_level, fail_under, grammar, languagetool_url, stdin_filename, color,
              output=None, cache: bool = True, jobs: int | None = None, fix=None) -> int:
    """Judge, report, exit code. ``fix``: a ``cli.fixes.FixOptions`` for --fix / --diff, applied first."""
    base = config_for(paths[0] if paths[0] != "-" else (stdin_filename or "-"))
    from emaillint.run import discovery

    files, missing = expand(paths, base.include, base.exclude)
    for warning in discovery.WARNINGS:
        click.echo(f"emaillint: warning: {warning}", err=True)
    for path in missing:
        click.echo(f"emaillint: error: {path}: no such file or folder", err=True)
    stdin_text = None
    if "-" in files:
        from emaillint.read.source import InputError, read_stdin

        name = stdin_filename or "-"
        try:
            stdin_text, notes = read_stdin(base.max_size, name)
        except InputError as exc:
            click.echo(f"emaillint: error: {exc}", err=True)
            return EXIT_ERROR
        for note in notes:
            click.echo(f"emaillint: warning: {note}", err=True)
    fixed = None
    if fix is not None:
        from emaillint.cli.fixes import fix_files

        fixed = fix_files(files, lambda p: _with_grammar(config_for(p), grammar, languagetool_url), fix,
                          stdin_text=stdin_text, stdin_filename=stdin_filename, workers=_fix_workers(files, jobs, grammar))
        if fixed.exit_code is not None:
            return fixed.exit_code
        stdin_text = fixed.stdin_text
        if "-" in files and fix.write:
            from emaillint.report.reporting import OutputOptions

            output = output or OutputOptions()
            output = output if output.output_file else replace(output, to_stderr=True)  # stdout holds the fixed text
    from emaillint.run.cache import ResultCache, disabled_by_env

    _JOB.update(config_for=config_for, grammar=grammar, url=languagetool_url, stdin_text=stdin_text,
                stdin_filename=stdin_filename, fail_level=fail_level, fail_under=fail_under,
                cache=ResultCache() if cache and not disabled_by_env() else None)
    if fixed is not None:
        from emaillint.cli.fixes import remember

        remember(fixed, _JOB["cache"], lambda p: _with_grammar(config_for(p), grammar, languagetool_url))
    to_terminal = not (output is not None and (output.output_file or output.to_stderr)) and _isatty(sys.stdout)
    results = _lint_all(files, jobs, progress=not (output is not None and output.quiet) and not to_terminal)
    from emaillint.report.reporting import finish  # what to show, where to write it, the exit code

    code = finish(results, files=files, missing=missing, fmt=fmt, color=color, options=output)
    return EXIT_ERROR if fixed is not None and fixed.failed else code


def _isatty(stream) -> bool:
    try:
        return bool(stream) and stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False
