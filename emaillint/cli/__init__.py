"""CLI: command-line flags in, reports and an exit code out; a thin click layer over ``emaillint.api``.

The commands' work lives in this package's modules (``runner`` for ``check``, ``batch``, ``templates``)
and in the stages below; they are imported inside the commands, so ``--help`` stays fast.

Exit codes: 0 nothing at or above --fail-level (and the score is not under
--fail-under), 1 problems found, 2 usage, configuration or input error.
"""
from __future__ import annotations

import dataclasses
import os
import sys
from pathlib import Path

from emaillint.base import codecache

codecache.enable("check", [dataclasses])  # before click and the rest: their compiled regexes and methods are kept

import click  # noqa: E402

from emaillint import __version__

from emaillint.base.vocabulary import EMAIL_KINDS, EXIT_CLEAN, EXIT_ERROR, EXIT_PROBLEMS
from emaillint.cli.usage import attach_epilogs, one_line, usage_error_line
LEVELS = click.Choice(["info", "warning", "error"], case_sensitive=False)


class Group(click.Group):
    """Turns usage, configuration and rule-file errors into one line (``emaillint: error: …``) and exit 2."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except _usage_errors() as exc:  # evaluated only once something was raised
            click.echo(one_line(str(exc)), err=True)
            ctx.exit(EXIT_ERROR)
        except KeyboardInterrupt:
            _quiet_exit(130)
        except BrokenPipeError:
            _quiet_exit(EXIT_ERROR)
        except OSError as exc:
            if not _stdout_failed(exc):
                raise
            _quiet_exit(EXIT_ERROR, f"emaillint: error: cannot write the output ({exc.strerror or exc})")

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """click's main, except that a usage error is one line on stderr (not click's three) and exit 2."""
        import signal

        loaded = sys.modules.get("emaillint.api")
        if loaded is not None:  # an earlier run in this process (the hook's daemon) said its warnings, not ours
            loaded.forget_warnings()
        for name in ("stdout", "stderr"):  # started with a closed stream (>&-): write nowhere, quietly
            if getattr(sys, name) is None:
                setattr(sys, name, open(os.devnull, "w"))

        try:  # SIGTERM ends a batch like Ctrl-C: no traceback, no orphaned worker
            signal.signal(signal.SIGTERM, _on_sigterm)
        except (ValueError, OSError):  # not the main thread
            pass
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except (KeyboardInterrupt, click.Abort):
            _quiet_exit(130)
        except click.exceptions.NoArgsIsHelpError as exc:  # plain `emaillint`: the help, like --help
            if not standalone_mode:
                raise
            click.echo(exc.ctx.get_help())
            sys.exit(EXIT_CLEAN)
        except click.ClickException as exc:
            if not standalone_mode:
                raise
            click.echo(usage_error_line(exc), err=True)
            sys.exit(EXIT_ERROR)
        if not standalone_mode:
            return result
        sys.exit(result if isinstance(result, int) else EXIT_CLEAN)


def _usage_errors() -> tuple[type, ...]:
    """Configuration and rule-file errors. A RuleFileError can only come from emaillint.judge.datarules once it is
    loaded, so it is not imported for this (a run answered from the result cache never loads the rules)."""
    from emaillint.run.config import ConfigError

    rule_file_error = getattr(sys.modules.get("emaillint.judge.datarules"), "RuleFileError", None)
    return (ConfigError, rule_file_error) if rule_file_error else (ConfigError,)


# How long a run stopped by SIGTERM may take to unwind (end its workers, flush, exit) before it is ended outright
SIGTERM_GRACE = 5.0


def _on_sigterm(signum, frame):
    """SIGTERM ends a run as Ctrl-C does, and for certain: if unwinding hangs (a worker pool's thread joined at exit,
    a lock a signal left taken), a watchdog leaves with 130 after ``SIGTERM_GRACE`` seconds. The one place emaillint
    waits on a signal's aftermath, so no such hang can outlast a supervisor's patience."""
    import threading

    watchdog = threading.Timer(SIGTERM_GRACE, _leave_now)
    watchdog.daemon = True
    watchdog.start()
    raise KeyboardInterrupt


def _leave_now() -> None:
    """Exit 130 at once, worker processes ended first: none is left behind waiting for work."""
    import multiprocessing

    for child in multiprocessing.active_children():
        try:
            child.kill()
        except (OSError, ValueError):
            pass
    os._exit(130)


def _stdout_failed(exc: OSError) -> bool:
    import errno

    return exc.errno in (errno.EPIPE, errno.ENOSPC, errno.EBADF, errno.EIO, errno.EDQUOT)


def _quiet_exit(code: int, message: str | None = None) -> None:
    """Leave without a traceback even when stdout is gone (closed pipe, full disk)."""
    if message:
        try:
            print(message, file=sys.stderr)
        except (OSError, ValueError):
            pass
    try:  # point stdout at /dev/null so the interpreter's final flush cannot fail again
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
    sys.exit(code)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="emaillint")
def main():
    """emaillint: lint sales email drafts the way a seasoned sales coach would."""


def _split(values: tuple[str, ...]) -> tuple[str, ...] | None:
    items = tuple(s.strip() for v in values for s in v.split(",") if s.strip())
    return items or None


def _config_factory(config_file, isolated, overrides):
    from emaillint.run import config as cfg

    fixed = None
    if isolated:
        fixed = cfg.Config()
    elif config_file:
        fixed = cfg.load_file(Path(config_file))

    checked: set = set()
    merged_of: dict[int, tuple] = {}  # id(base config) -> (it, it with the flags): a batch's files share a few configs

    def for_path(path: str):
        base = fixed if fixed is not None else cfg.discover(path)
        known = merged_of.get(id(base))
        if known is not None and known[0] is base:
            return known[1]  # the same object each time, so the caches keyed by config hit without comparing
        merged = base.with_overrides(**overrides)
        if (merged.extra_rules, merged.phrases) not in checked:
            _check_flag_selectors(merged, overrides)
            checked.add((merged.extra_rules, merged.phrases))
        if len(merged_of) >= 256:
            merged_of.clear()
        merged_of[id(base)] = (base, merged)
        return merged

    return for_path


def _check_flag_selectors(config, overrides) -> None:
    """A --select/--ignore value that matches no rule is an error, as it is in a config file."""
    if not (overrides.get("select") or overrides.get("ignore")):
        return  # nothing to check: don't load the rules (a run served from the cache may never need them)
    from emaillint.run.config import ConfigError
    from emaillint.judge.registry import load_rules
    from emaillint.read.suppress import matches

    rules = load_rules(config.extra_rules, config.phrases)
    for flag in ("select", "ignore"):
        for sel in overrides.get(flag) or ():
            if sel.upper() != "ALL" and not any(matches(sel, r.code, r.name, r.spec.category) for r in rules):
                raise ConfigError(f"--{flag}: '{sel}' matches no rule code, name or category (see 'emaillint rules')")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(readable=False))  # an unreadable file is our one line, not a usage error
@click.option("--format", "fmt", type=click.Choice(["text", "concise", "json", "github", "sarif", "html"]), default="text", show_default=True)
@click.option("--fail-level", type=LEVELS, default=None, help="Lowest level that fails the run [default: warning].")
@click.option("--fail-under", type=click.IntRange(0, 100), default=None, help="Fail when an email scores below N.")
@click.option("--select", multiple=True, help="Only these rules (codes, prefixes, names or categories).")
@click.option("--ignore", multiple=True, help="Skip these rules (codes, prefixes, names or categories).")
@click.option("--kind", type=click.Choice(EMAIL_KINDS), help="Kind of email, when drafts don't say.")
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False), help="Use this config file only.")
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
@click.option("--include", multiple=True, help="Globs of files to lint inside folders.")
@click.option("--exclude", multiple=True, help="Globs of files or folders to skip.")
@click.option("--grammar/--no-grammar", default=None, help="Add LanguageTool grammar and spelling findings.")
@click.option("--languagetool-url", envvar="EMAILLINT_LANGUAGETOOL_URL", help="LanguageTool server to use with --grammar.")
@click.option("--stdin-filename", help="Name to use for text read from '-' (picks format and config).")
@click.option("--color/--no-color", default=None, help="Colour the text output [default: on a terminal].")
@click.option("--min-level", type=LEVELS, default="info", show_default=True,
              help="Show only findings at or above this level (scores and the exit code still count every finding).")
@click.option("--statistics", is_flag=True, help="Add counts per rule and category and the score distribution.")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only: no score lines, no summary.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when problems are found (2 still means an error).")
@click.option("-o", "--output-file", type=click.Path(dir_okay=False, writable=True), help="Write the report to this file.")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False),
              help="Leave out the findings recorded in this file; fail only on new ones.")
@click.option("--update-baseline", is_flag=True, help="Record today's findings in the --baseline file.")
@click.option("--no-cache", is_flag=True, help="Judge every file again (do not read or write the result cache).")
@click.option("-j", "--jobs", type=click.IntRange(0, 64), default=0,
              help="Worker processes (1: none; 0: what pays, a pool only for 100+ files and free cores).")
@click.option("--fix", is_flag=True, help="Apply the safe fixes in place, then report what is left ('-': the fixed "
                                         "text goes to stdout, the report to stderr).")
@click.option("--diff", "show_diff", is_flag=True,
              help="Print what --fix would change as a unified diff, write nothing (exit 1 when something would change).")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, also apply the fixes that need review.")
def check(paths, fmt, fail_level, fail_under, select, ignore, kind, config_file, isolated, include, exclude,
          grammar, languagetool_url, stdin_filename, color, min_level, statistics, quiet, exit_zero, output_file,
          baseline_file, update_baseline, no_cache, jobs, fix, show_diff, unsafe_fixes):
    """Lint draft files and folders ('-' reads stdin)."""
    from emaillint.cli.runner import run_check

    overrides = {"select": _split(select), "ignore": _split(ignore), "kind": kind,
                 "include": _split(include), "exclude": _split(exclude)}
    factory = _config_factory(config_file, isolated, overrides)
    use_color = color if color is not None else (fmt == "text" and not output_file and sys.stdout.isatty()
                                                 and "NO_COLOR" not in os.environ)
    from emaillint.run.config import ConfigError
    from emaillint.report.reporting import OutputOptions

    if update_baseline and not baseline_file:
        raise ConfigError("--update-baseline needs --baseline FILE (where to record the findings)")
    if unsafe_fixes and not (fix or show_diff):
        raise ConfigError("--unsafe-fixes needs --fix (apply them) or --diff (show them)")
    if show_diff and update_baseline:
        raise ConfigError("--diff only shows fixes; it records no baseline (drop --update-baseline)")
    from emaillint.cli.fixes import FixOptions

    fixing = FixOptions(write=not show_diff, unsafe=unsafe_fixes, quiet=quiet) if fix or show_diff else None
    shown = OutputOptions(statistics=statistics, quiet=quiet, exit_zero=exit_zero, output_file=output_file,
                          min_level=min_level.lower(), baseline=baseline_file, update_baseline=update_baseline)
    code = run_check(list(paths) or ["."], factory, fmt=fmt, fail_level=fail_level, fail_under=fail_under,
                     grammar=grammar, languagetool_url=languagetool_url, stdin_filename=stdin_filename, color=use_color,
                     output=shown, cache=not no_cache, jobs=jobs or None, fix=fixing)
    sys.exit(code)


@main.command()
@click.argument("input_file", default="-", type=click.Path(dir_okay=False, allow_dash=True, readable=False))
@click.option("--kind", type=click.Choice(EMAIL_KINDS), help="Kind of email, when records don't say.")
@click.option("--select", multiple=True, help="Only these rules (codes, prefixes, names or categories).")
@click.option("--ignore", multiple=True, help="Skip these rules (codes, prefixes, names or categories).")
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False), help="Use this config file only.")
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
@click.option("-j", "--jobs", type=click.IntRange(0, 64), default=0, help="Worker processes (0: what pays).")
@click.option("-o", "--output-file", type=click.Path(dir_okay=False, writable=True), help="Write the results to this file.")
def batch(input_file, kind, select, ignore, config_file, isolated, jobs, output_file):
    """Judge JSON Lines ({"id", "text", "kind"?, "subject"?} per line; '-' or none: stdin); one result per line."""
    from emaillint.cli.batch import run_batch

    overrides = {"select": _split(select), "ignore": _split(ignore), "kind": kind}
    sys.exit(run_batch(input_file, _config_factory(config_file, isolated, overrides)("-"), jobs or None, output_file))


@main.command()
@click.argument("old")
@click.argument("new")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--select", multiple=True, help="Only these rules (codes, prefixes, names or categories).")
@click.option("--ignore", multiple=True, help="Skip these rules (codes, prefixes, names or categories).")
@click.option("--kind", type=click.Choice(EMAIL_KINDS), help="Kind of email, when drafts don't say.")
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False), help="Use this config file only.")
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
def diff(old, new, fmt, select, ignore, kind, config_file, isolated):
    """How the score and the findings changed from OLD to NEW (each a file, or REV:PATH for the file at a
    git revision, PATH relative to the current folder). Exit 0: the score did not drop and no finding is new;
    1: it dropped or a finding is new; 2: a version cannot be read."""
    from emaillint.read.source import InputError
    from emaillint.report.changes import diff_drafts, render_json, render_text

    overrides = {"select": _split(select), "ignore": _split(ignore), "kind": kind}
    try:
        change = diff_drafts(old, new, _config_factory(config_file, isolated, overrides))
    except InputError as exc:
        click.echo(f"emaillint: error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(render_json(change) if fmt == "json" else render_text(change))
    sys.exit(EXIT_PROBLEMS if change.worse else EXIT_CLEAN)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules(fmt):
    """List every rule: code, name, category, level and summary."""
    from emaillint.report.explain import rules_table

    click.echo(rules_table(fmt))


@main.command()
@click.argument("rule")
def explain(rule):
    """Show a rule's full documentation: by code (EL301) or name (follow-up.cliche); a category
    (self-centric) or a code prefix (EL3) explains each of its rules."""
    from emaillint.report.explain import explain

    text = explain(rule)
    if text is None:
        raise click.UsageError(f"no rule or category '{rule}' (see 'emaillint rules')")
    click.echo(text)


@main.command()
def lsp():
    """Start the language server on stdio (needs the lsp extra: pip install '.[lsp]' in a clone)."""
    try:
        from emaillint.lsp.server import serve
    except ImportError as exc:
        raise click.ClickException(f"the language server needs pygls: pip install '.[lsp]' in a clone of emaillint ({exc})")
    serve()


def _register_optional_commands() -> None:
    try:
        from emaillint.cli.templates import suggest, templates
    except ImportError:
        return
    main.add_command(templates)
    main.add_command(suggest)


_register_optional_commands()
attach_epilogs(main)
