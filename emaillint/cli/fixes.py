"""The fixing step of ``emaillint check --fix / --diff [--unsafe-fixes]``, before the usual report.

The work is ``emaillint.run.fixing``; this module only walks the files, prints, and
decides what the run does next: ``--diff`` prints the diffs and ends the run (exit 1
when a file would change, like ruff); ``--fix`` rewrites the files, then the usual
report judges what is left. Standard input is fixed in memory and the fixed text goes
to stdout (the report then goes to stderr).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import click

from emaillint.base.vocabulary import EXIT_CLEAN, EXIT_ERROR, EXIT_PROBLEMS


@dataclass(frozen=True)
class FixOptions:
    write: bool = True  # False: --diff, show what would change
    unsafe: bool = False
    quiet: bool = False  # --quiet: no summary line


@dataclass
class FixOutcome:
    exit_code: int | None = None  # set: the run ends here with it (--diff)
    stdin_text: str | None = None  # standard input after fixing
    failed: bool = False  # a file could not be fixed (one line each was printed): exit 2 at the end
    results: list = field(default_factory=list)


_JOB: dict = {}  # what a worker process needs (inherited through the fork): the configuration and the options


def _fix_one(path: str):
    from emaillint.run import fixing

    return fixing.fix_path(path, _JOB["config_for"](path), unsafe=_JOB["options"].unsafe, write=_JOB["options"].write)


def _fixed(files: list[str], config_for, options: FixOptions, workers: int):
    """Each file's FixResult (None for standard input, fixed by the caller), in the order of ``files``.

    With more than one worker (``check``'s own choice: --jobs, or a pool for 100 files or more on cores the load
    leaves free) the files are fixed by forked worker processes, as ``check`` judges them; each file is
    read, fixed and written by one worker, and the results come back in order, so the output is the same."""
    from emaillint.run import parallel

    _JOB.update(config_for=config_for, options=options)
    if workers <= 1 or "-" in files or len(files) < 2 or not parallel.can_fork():
        yield from (None if path == "-" else _fix_one(path) for path in files)
        return
    from emaillint.cli.runner import RunError
    from emaillint.run.stream import warm_up

    warm_up(config_for(files[0]))  # rules loaded and patterns compiled once, before the fork
    try:
        yield from parallel.ordered_map(_fix_one, files, workers, chunk=max(4, min(64, len(files) // (workers * 8) or 1)))
    except parallel.WorkerDied:
        raise RunError("a worker process died (out of memory or killed); "
                       "run again with --jobs 1 (or EMAILLINT_JOBS=1) to find the file") from None


def fix_files(files: list[str], config_for, options: FixOptions, *, stdin_text: str | None,
              stdin_filename: str | None, workers: int = 1) -> FixOutcome:
    """Fix (or diff) every file, in worker processes when ``workers`` > 1; see the module docstring."""
    from emaillint.read.source import from_text
    from emaillint.run import fixing

    outcome = FixOutcome(stdin_text=stdin_text)
    results = _fixed(files, config_for, options, workers)
    for path in files:
        result = next(results)
        if path == "-":
            name = stdin_filename or "-"
            result = fixing.fix_source(from_text(stdin_text or "", stdin_filename), config_for(name),
                                       unsafe=options.unsafe)
            result.path = name
            if options.write:  # the fixed text, or the text as it came when it could not be fixed
                outcome.stdin_text = result.before if result.error else result.after
                crlf = "\r\n" in (stdin_text or "") and "\n" not in (stdin_text or "").replace("\r\n", "")
                text = stdin_text or "" if result.error else result.after.replace("\n", "\r\n") if crlf else result.after
                click.echo(text, nl=False)
        outcome.results.append(result)
        if result.error and (not result.unread or not options.write):  # --fix: the report names an unread file
            click.echo(f"emaillint: error: {result.error}", err=True)
            outcome.failed = True
        elif not result.settled:
            click.echo(f"emaillint: warning: {result.path}: the fixes still changed the draft after "
                       f"{fixing.MAX_PASSES} passes; kept the last pass (please report the draft)", err=True)
        if not options.write and result.changed and not result.error:
            click.echo(fixing.diff(result), nl=False)
    next(results, None)  # let a pool shut down cleanly
    if not options.quiet:
        _summary(outcome.results, options)
    if not options.write:
        changed = any(r.changed and not r.error for r in outcome.results)
        outcome.exit_code = EXIT_ERROR if outcome.failed else EXIT_PROBLEMS if changed else EXIT_CLEAN
    return outcome


def _summary(results: list, options: FixOptions) -> None:
    """One line on stderr: how many fixes (would) change how many files, and what --unsafe-fixes would add."""
    done = [r for r in results if r.changed and not r.error]
    fixes = sum(r.fixed for r in done)
    files = f"{len(done)} file{'s' if len(done) != 1 else ''}"
    if not options.write:
        line = f"{fixes} fix{'es' if fixes != 1 else ''} would change {files}" if done else "nothing to fix"
    else:
        line = f"fixed {fixes} problem{'s' if fixes != 1 else ''} in {files}" if done else "nothing to fix"
    if not options.unsafe:
        more = sum(1 for r in results if r.report is not None and not r.error
                   for p in r.report.problems if p.fix is not None and not p.fix.safe)
        if more:
            line += f"; {more} more {'fixes need' if more != 1 else 'fix needs'} review: add --unsafe-fixes"
    click.echo(f"emaillint: {line}", err=True)


def remember(outcome: FixOutcome, cache, config_for) -> None:
    """Put each fixed file's last judgement (of the text now on disk) in the result cache, so the report
    that follows --fix reads it instead of judging every file a second time."""
    from emaillint.run.cache import usable

    if cache is None:
        return
    for result in outcome.results:
        if result.error or result.report is None or result.path == "-" or not result.written:
            continue
        config = config_for(result.path)
        if usable(config):
            cache.put(cache.key(result.path, result.fmt, result.after, config), result.report)
