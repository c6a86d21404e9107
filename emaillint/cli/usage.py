"""How the command line explains itself: the examples and exit codes under each ``--help``, and
the one-line error every failure prints.

The examples are data here rather than in each command's docstring so that one test can parse
every one of them (``tests/cli/test_help.py``): an example that no longer parses fails the build.
"""
from __future__ import annotations

import click

from emaillint.base.vocabulary import EXIT_CLEAN, EXIT_ERROR, EXIT_PROBLEMS

#: What each exit status means for a command that judges drafts, and for one that only reports.
_JUDGING = {EXIT_CLEAN: "nothing at or above --fail-level, no score under --fail-under (always with --exit-zero)",
            EXIT_PROBLEMS: "problems found, or an email scored under --fail-under (with --diff: a fix would change a file)",
            EXIT_ERROR: "usage, configuration or input error (one line on stderr)"}
_OTHER = {EXIT_CLEAN: "done", EXIT_ERROR: "usage, configuration or input error (one line on stderr)"}

#: Command path (without the program name) -> (examples, exit statuses). Every command is listed.
HELP: dict[str, tuple[tuple[str, ...], dict[int, str]]] = {
    "": (("emaillint check drafts/", "emaillint explain follow-up-cliche",
          "emaillint templates render are-you --example",
          "_EMAILLINT_COMPLETE=bash_source emaillint > ~/.emaillint-complete.bash   # shell completion"),
         {EXIT_CLEAN: "no problems", EXIT_PROBLEMS: "problems found (check)", EXIT_ERROR: _OTHER[EXIT_ERROR]}),
    "check": (("emaillint check drafts/ templates/",
               "emaillint check --format json draft.txt",
               "emaillint check --fail-under 80 --fail-level error drafts/",
               "emaillint check --select follow-up-cliche,EL4 --kind follow-up drafts/",
               "emaillint check --format html -o report.html drafts/",
               "emaillint check --baseline .emaillint-baseline.json --update-baseline drafts/",
               "emaillint check --fix drafts/     # apply the safe fixes; --diff shows them, --unsafe-fixes adds the rest",
               "emaillint check --stdin-filename draft.md - < draft.md"), _JUDGING),
    "batch": (("emaillint batch queue.jsonl -o results.jsonl",
               "emaillint batch --isolated --jobs 2 < queue.jsonl"),
              {EXIT_CLEAN: "every line answered (a record that cannot be judged is an error line in the output)",
               EXIT_ERROR: "the input or the output cannot be opened, a worker died, or a usage error"}),
    "diff": (("emaillint diff drafts/intro-v1.txt drafts/intro-v2.txt",
              "emaillint diff HEAD:drafts/intro.txt drafts/intro.txt     # the committed version against your edit",
              "emaillint diff --format json main:drafts/intro.txt drafts/intro.txt"),
             {EXIT_CLEAN: "the score did not drop and no finding is new",
              EXIT_PROBLEMS: "the score dropped or a finding is new",
              EXIT_ERROR: "a version cannot be read (no such file or revision), or a usage error"}),
    "rules": (("emaillint rules", "emaillint rules --format json"), _OTHER),
    "explain": (("emaillint explain EL301", "emaillint explain follow-up.cliche",
                 "emaillint explain self-centric     # every rule of a category", "emaillint explain EL7"),
                {EXIT_CLEAN: "explained", EXIT_ERROR: "no rule or category by that name"}),
    "lsp": (("emaillint lsp     # started by the editor, speaks LSP on stdin/stdout",), _OTHER),
    "templates": (("emaillint templates list", "emaillint templates --template-dir our-templates list"), _OTHER),
    "templates list": (("emaillint templates list",), _OTHER),
    "templates show": (("emaillint templates show are-you",), _OTHER),
    "templates render": (("emaillint templates render are-you --example",
                          "emaillint templates render are-you --var first_name=Dana --var topic='month-end close' "
                          "-o draft.txt",
                          "emaillint templates render are-you --vars prospect.yaml --plain"),
                         {EXIT_CLEAN: "rendered", EXIT_ERROR: "unknown template or variable, a missing value, "
                                                              "or an output file that exists (use --force)"}),
    "suggest": (("emaillint suggest draft.txt", "emaillint suggest --kind follow-up - < draft.txt"), _OTHER),
}


def epilog(path: str) -> str:
    """The text under a command's --help: its examples and what its exit statuses mean.

    ``\\b`` keeps click from re-wrapping the lines.
    """
    examples, codes = HELP[path]
    lines = ["\b", "Examples:", *(f"  {e}" for e in examples), "", "\b", "Exit codes:"]
    lines += [f"  {code}  {meaning}" for code, meaning in sorted(codes.items())]
    return "\n".join(lines)


def attach_epilogs(group: click.Group, prefix: str = "") -> None:
    """Give every command under ``group`` its examples and exit codes (a command missing from HELP is a bug)."""
    group.epilog = epilog(prefix.strip())
    for name, command in group.commands.items():
        path = f"{prefix} {name}".strip()
        if isinstance(command, click.Group):
            attach_epilogs(command, path)
        else:
            command.epilog = epilog(path)


def one_line(message: str) -> str:
    """``emaillint: error: …`` on one line, whatever the message (click's and ours alike)."""
    text = "; ".join(part.strip() for part in str(message).splitlines() if part.strip())
    if len(text) > 1 and text[0].isupper() and text[1].islower():  # click says "No such option"; we say "no such…"
        text = text[0].lower() + text[1:]
    return f"emaillint: error: {text}"


def usage_error_line(exc: click.ClickException) -> str:
    """A usage error as one line, ending with where to read more: ``(see 'emaillint check --help')``."""
    line = one_line(exc.format_message())
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, click.UsageError) and ctx is not None and "(see '" not in line:
        line = line.rstrip(".")
        names = []
        while ctx is not None:
            names.append(ctx.info_name if ctx.parent is not None else "emaillint")
            ctx = ctx.parent
        line += f" (see '{' '.join(reversed(names))} --help')"
    return line
