"""``--help`` shows examples and exit codes for every command, and every failure is one line on
stderr, ``emaillint: error: …``, with exit status 2 (click's three-line usage errors included)."""
from __future__ import annotations

import shlex

import click
import pytest

from emaillint.cli import main
from emaillint.cli.usage import HELP
from tests.cli.support import emaillint, parse_error


def _command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = [prefix]
    for name, command in sorted(group.commands.items()):
        out += _command_paths(command, prefix + (name,)) if isinstance(command, click.Group) else [prefix + (name,)]
    return out


COMMANDS = _command_paths(main)


def test_every_command_is_described():
    assert {" ".join(path) for path in COMMANDS} == set(HELP), \
        "each command needs examples and exit codes in emaillint/cli/usage.py HELP"


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "emaillint")
def test_help_shows_examples_and_exit_codes(path):
    proc = emaillint(*path, "--help")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    examples, codes = HELP[" ".join(path)]
    assert "Examples:" in out and "Exit codes:" in out
    for example in examples:  # shown as written, one per line (click must not re-wrap them)
        assert f"  {example}\n" in out
    for code, meaning in codes.items():
        assert f"  {code}  {meaning}\n" in out
    if path == ("check",):
        assert "  1  problems found" in out and "  2  usage, configuration or input error" in out


@pytest.mark.parametrize("example", sorted({e for examples, _ in HELP.values() for e in examples}))
def test_every_help_example_parses(example):
    words = shlex.split(example, comments=True)
    if words[0].startswith("_EMAILLINT_COMPLETE="):
        return  # shell completion: tests/cli/test_completion.py
    assert words[0] == "emaillint"
    argv = words[1:]
    for redirect in ("<", ">"):  # the shell's, not emaillint's
        argv = argv[:argv.index(redirect)] if redirect in argv else argv
    assert parse_error(argv) is None, f"{example}: {parse_error(argv)}"


@pytest.mark.parametrize("args, says", [
    (["check", "--frobnicate", "examples/"], "no such option '--frobnicate'"),
    (["check", "--format", "yaml", "examples/"], "invalid value for '--format'"),
    (["check", "--fail-under", "200", "examples/"], "200 is not in the range"),
    (["nosuch"], "no such command 'nosuch'"),
    (["explain"], "missing argument 'RULE'"),
    (["explain", "EL999"], "no rule or category 'EL999'"),
    (["templates", "render", "are-you", "--var", "nobody=1"], "unknown variable nobody"),
    (["templates", "render", "no-such-template", "--example"], "unknown template 'no-such-template'"),
    (["templates", "render", "are-you"], "missing variables: first_name, topic"),
    (["check", "--config", "no-such.toml", "examples/"], "'no-such.toml' does not exist"),
    (["check", "--select", "EL999", "examples/"], "'EL999' matches no rule"),
    (["check", "no-such-draft.txt"], "no-such-draft.txt"),
    (["suggest", "no-such-draft.txt"], "no-such-draft.txt"),
    (["batch", "no-such-queue.jsonl"], "no-such-queue.jsonl"),
    (["templates", "--template-dir", "no-such-folder", "list"], "'no-such-folder' does not exist"),
    (["check", "-o", "no-such-folder/report.json", "examples/"], "cannot write no-such-folder/report.json"),
])
def test_errors_are_one_line_and_exit_2(args, says):
    proc = emaillint(*args)
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("emaillint: error: ") and says in lines[0], lines[0]
    assert "Traceback" not in proc.stderr and proc.stdout == ""


def test_usage_errors_say_where_the_help_is():
    assert emaillint("check", "--frobnicate").stderr.rstrip().endswith("(see 'emaillint check --help')")
    assert emaillint("templates", "render", "are-you", "--bogus").stderr.rstrip().endswith(
        "(see 'emaillint templates render --help')")


def test_config_errors_are_one_line(tmp_path):
    (tmp_path / ".emaillint.toml").write_text('fail-level = "loud"\nnot-a-key = 1\n', encoding="utf-8")
    (tmp_path / "draft.txt").write_text("Hi Dana,\n\nHow is the close going?\n", encoding="utf-8")
    proc = emaillint("check", "draft.txt", cwd=tmp_path)
    assert proc.returncode == 2 and len(proc.stderr.splitlines()) == 1, proc.stderr
    assert proc.stderr.startswith("emaillint: error: ") and ".emaillint.toml" in proc.stderr


def test_bad_input_is_one_line(tmp_path):
    binary = tmp_path / "draft.txt"
    binary.write_bytes(b"\x00\x01\x02 not text \x00")
    proc = emaillint("check", "--isolated", str(binary))
    assert proc.returncode == 2 and len(proc.stderr.splitlines()) == 1, proc.stderr
    assert proc.stderr.startswith("emaillint: error: ")
