"""What the command-line and documentation tests share: an ``emaillint`` program on PATH that runs
this checkout, an environment that keeps a run away from the developer's home and caches, and a
check that a command line parses the way ``emaillint`` would parse it."""
from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import click

REPO_ROOT = Path(__file__).resolve().parents[2]


def install_program(folder: Path) -> Path:
    """Write ``folder/emaillint`` and ``folder/emaillint-hook``: the console scripts pip generates from pyproject's
    [project.scripts], importing this checkout (whatever the Python environment has installed). Returns ``folder``."""
    scripts = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    folder.mkdir(parents=True, exist_ok=True)
    for name, entry in scripts.items():
        module, func = entry.split(":")
        script = folder / name
        script.write_text(f"#!{sys.executable}\nimport sys\nsys.path.insert(0, {str(REPO_ROOT)!r})\n"
                          f"from {module} import {func}\nsys.exit({func}())\n", encoding="utf-8")
        script.chmod(0o755)
    return folder


def emaillint(*args: str, cwd: Path = REPO_ROOT, stdin: str | None = None) -> subprocess.CompletedProcess:
    """``python -m emaillint ARGS`` with this checkout's code, output captured as text."""
    return subprocess.run([sys.executable, "-m", "emaillint", *args], capture_output=True, text=True, cwd=cwd,
                          input=stdin, env={**os.environ, "PYTHONPATH": str(REPO_ROOT)})


def isolated_env(tmp: Path) -> dict[str, str]:
    """Environment for running documented commands: ``emaillint`` on PATH, a private HOME, XDG folders
    and result cache, no colour, and a LanguageTool URL on a closed port (``--grammar`` then warns and
    goes on, as it does for a user without a server)."""
    home = tmp / "home"
    for sub in ("", ".config", ".cache", ".local/share", ".local/state"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("EMAILLINT_", "XDG_"))}
    env.update(PATH=f"{install_program(tmp / 'bin')}{os.pathsep}{os.environ.get('PATH', '')}", HOME=str(home),
               XDG_CONFIG_HOME=str(home / ".config"), XDG_CACHE_HOME=str(home / ".cache"),
               XDG_DATA_HOME=str(home / ".local/share"), XDG_STATE_HOME=str(home / ".local/state"),
               EMAILLINT_CACHE_DIR=str(tmp / "emaillint-cache"), NO_COLOR="1",
               EMAILLINT_LANGUAGETOOL_URL="http://127.0.0.1:9", PYTHONPATH=str(REPO_ROOT))
    return env


@contextlib.contextmanager
def _parsing_only(group: click.Group):
    """Every command's callback replaced by a no-op, so that parsing runs and nothing else does, and
    no path must exist (``--template-dir PATH`` in a doc names the reader's folder, not one here)."""
    saved, paths = [], []

    def walk(command: click.Command):
        saved.append((command, command.callback))
        command.callback = lambda *a, **k: None
        for param in command.params:
            if isinstance(param.type, click.Path) and param.type.exists:
                paths.append(param.type)
                param.type.exists = False
        for sub in getattr(command, "commands", {}).values():
            walk(sub)

    walk(group)
    try:
        yield
    finally:
        for command, callback in saved:
            command.callback = callback
        for path_type in paths:
            path_type.exists = True


def parse_error(argv: list[str]) -> str | None:
    """None when ``emaillint ARGV`` parses (every subcommand and option known, every value valid;
    files need not exist), else click's message. Runs click's own parser over the real command
    tree; no command runs."""
    from emaillint.cli import main

    with _parsing_only(main), contextlib.redirect_stdout(io.StringIO()), \
            contextlib.redirect_stderr(io.StringIO()):
        try:
            click.Group.main(main, list(argv), prog_name="emaillint", standalone_mode=False)
        except click.exceptions.NoArgsIsHelpError:
            return None  # plain `emaillint` prints the help
        except click.ClickException as exc:
            return exc.format_message()
    return None
