"""Every command in README.md and docs/*.md works as written from a clone.

Each doc's shell blocks run in order in a fresh copy of this checkout (a clone's files, tests
left out), with ``emaillint`` on PATH running this checkout's code, a private HOME and caches:
``emaillint``, ``cat``, ``echo`` and ``printf`` lines run for real and must not fail with a usage
or input error (exit 2) or a traceback; output a console block shows under a command must be in
what it prints (``…`` stands for any text). A ``cat FILE`` whose file the reader is meant to have
(``cat old.txt`` before ``emaillint suggest old.txt``) writes FILE from the output shown, so the
session continues as the doc tells it; ``echo $?`` shows the exit status of the command before.
Lines that install, clone, start servers or run benchmarks are not run here (NOT_RUN says where
each is tested); their ``emaillint`` parts, and every ``emaillint …`` quoted in the prose, must
parse: every subcommand and option known, every value valid.
"""
from __future__ import annotations

import shutil
import subprocess

import click
import pytest

from emaillint.cli import main
from tests.cli.support import REPO_ROOT, isolated_env, parse_error
from tests.docs.doc_commands import (
    DOCS,
    commands,
    inline_commands,
    output_matches,
    segments,
    shell_blocks,
)

RUN = {"emaillint", "emaillint-hook", "cat", "echo", "printf"}
#: Programs the docs name that this test does not run, and where they are tested instead.
NOT_RUN = {
    "pip": "installs packages: tests/precommit/test_install_from_git.py installs the git URL form, offline",
    "git": "clones from the network",
    "cd": "belongs to a set-up line that is not run",
    "scripts/test": "runs the whole test suite",
    "scripts/setup/vscode.sh": "needs npm: tests/editors/test_vscode_extension.py builds the extension",
    "npx": "packages the VS Code extension",
    "npm": "installs the VS Code extension's packages",
    "scripts/languagetool-server": "starts Java: tests/grammar start and stop it",
    "export": "sets a variable for the reader's shell",
    "scripts/setup/precommit.sh": "fills the pre-commit wheelhouse: tests/precommit",
    "pre-commit": "needs a template repository: tests/precommit (test_precommit_snippet.py runs the documented snippet)",
    "python": "benchmarks (bench/) and the test runner",
    "xdg-open": "opens a browser",
}
#: Commands quoted in the prose to show an error; they must fail to parse, with this message.
SHOWN_AS_ERRORS = {"emaillint check --frobnicate": "No such option '--frobnicate'"}
EMAILLINT_COMMANDS = {"check", "batch", "rules", "explain", "lsp", "templates", "suggest", "diff"}


def _copy_of_the_clone(dest):
    listing = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=REPO_ROOT,
                             capture_output=True, text=True, check=True).stdout
    for rel in filter(None, listing.split("\0")):
        src = REPO_ROOT / rel
        if rel.startswith("tests/") or not src.is_file():
            continue
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dest / rel)
    return dest


def _names_a_command(words: list[str]) -> bool:
    """Whether ``words`` are only a command's name (``templates render``), as prose quotes it."""
    command = main
    for word in words:
        if not isinstance(command, click.Group) or word not in command.commands:
            return False
        command = command.commands[word]
    return True


def test_every_program_the_docs_run_is_known():
    unknown = [(c.where(), argv[0]) for doc in DOCS for block in shell_blocks(doc) for c in commands(block)
               for argv in segments(c.text) if argv[0] not in RUN and argv[0] not in NOT_RUN]
    assert not unknown, "run it in test_doc_commands (RUN) or say where it is tested (NOT_RUN): " + repr(unknown)


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: str(d.relative_to(REPO_ROOT)))
def test_shell_blocks_run_as_written(doc, tmp_path):
    clone = _copy_of_the_clone(tmp_path / "emaillint")
    env = isolated_env(tmp_path)
    last_status = None
    ran = 0
    for block in shell_blocks(doc):
        for command in commands(block):
            parts = segments(command.text)
            for argv in parts:
                if argv[0] == "emaillint":
                    assert parse_error(argv[1:]) is None, f"{command.where()}: {parse_error(argv[1:])}"
            runnable = all(a[0] in RUN for a in parts) and not any(a[:2] == ["emaillint", "lsp"] and len(a) == 2
                                                                   for a in parts)
            if not runnable:
                continue
            if parts == [["echo", "$?"]]:
                assert command.output == [str(last_status)], f"{command.where()}: the command before exited {last_status}"
                continue
            if parts[0][0] == "cat" and len(parts) == 1 and not (clone / parts[0][1]).exists():
                (clone / parts[0][1]).write_text("\n".join(command.output) + "\n", encoding="utf-8")
            proc = subprocess.run(["bash", "-c", command.text], cwd=clone, env=env, capture_output=True, text=True,
                                  timeout=300, stdin=subprocess.DEVNULL)
            ran += 1
            last_status = proc.returncode
            assert "Traceback" not in proc.stderr, f"{command.where()}:\n{proc.stderr}"
            shown_failure = any(c.text == "echo $?" and c.line > command.line for c in commands(block))
            if not shown_failure:
                allowed = (0, 1) if parts[-1][0] == "emaillint" else (0,)
                assert proc.returncode in allowed, f"{command.where()}: exit {proc.returncode}\n{proc.stderr}"
            problem = output_matches(command.output, proc.stdout + proc.stderr)
            assert problem is None, f"{command.where()}: {problem}\n--- actual:\n{proc.stdout}{proc.stderr}"
    if doc.name in ("README.md", "templates.md"):
        assert ran >= 8, f"only {ran} commands of {doc.name} ran"


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: str(d.relative_to(REPO_ROOT)))
def test_commands_quoted_in_the_prose_parse(doc):
    for command in inline_commands(doc):
        argv = segments(command.text)[0]
        if "<Tab>" in command.text or len(argv) < 2 or not (argv[1] in EMAILLINT_COMMANDS or argv[1].startswith("-")):
            continue  # a key press, or output that starts with "emaillint" ("emaillint score 66/100 …")
        if _names_a_command(argv[1:]):  # "`emaillint templates render` writes…": nothing to parse
            continue
        error = parse_error(argv[1:])
        if command.text in SHOWN_AS_ERRORS:
            assert error and SHOWN_AS_ERRORS[command.text] in error, command.where()
        else:
            assert error is None, f"{command.where()}: {error}"
