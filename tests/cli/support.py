"""What the command-line and documentation tests share: an ``emaillint`` program on PATH that runs
this checkout, an environment that keeps a run away from the developer's home and caches, and a
check that a command line parses the way ``emaillint`` would parse it."""
from __future__ import annotations

import contextlib
import importlib.util
import io
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import click

REPO_ROOT = Path(__file__).resolve().parents[2]


def install_program(folder: Path) -> Path:
    """Write ``folder/emaillint`` and ``folder/emaillint-hook`` as an install would, importing this checkout
    (whatever the Python environment has installed): the console scripts of pyproject's [project.scripts], and
    the plain scripts of the wheel's shared-scripts with this Python on their ``#!python`` line. Returns ``folder``."""
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    folder.mkdir(parents=True, exist_ok=True)
    checkout = f"sys.path.insert(0, {str(REPO_ROOT)!r})\n"
    for name, entry in project["project"]["scripts"].items():
        module, func = entry.split(":")
        _executable(folder / name, f"#!{sys.executable}\nimport sys\n{checkout}from {module} import {func}\n"
                                   f"sys.exit({func}())\n")
    shared = project["tool"]["hatch"]["build"]["targets"]["wheel"].get("shared-scripts", {})
    for source, name in shared.items():
        first, rest = (REPO_ROOT / source).read_text(encoding="utf-8").split("\n", 1)
        assert first == "#!python", f"{source}: an installer only rewrites a '#!python' first line"
        _executable(folder / name, f"#!{sys.executable}\nimport sys\n{checkout}{rest}")
    return folder


def _executable(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    path.chmod(0o755)


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


def build_wheel(src: Path, out: Path) -> Path:
    """emaillint's wheel, built from a copy of what it is built from (in ``src``, so the build never writes into
    the checkout) into ``out``."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "_data")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        if (REPO_ROOT / name).exists():
            shutil.copy2(REPO_ROOT / name, src / name)
    for name in ("emaillint", "rules", "templates", "scripts/bin"):
        shutil.copytree(REPO_ROOT / name, src / name, ignore=ignore)
    if not (src / "README.md").exists():  # the metadata needs one; not what the wheel tests are about
        (src / "README.md").write_text("emaillint\n")
    if importlib.util.find_spec("build") is not None:
        command = [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(src)]
        if importlib.util.find_spec("hatchling") is not None:
            command.insert(4, "--no-isolation")
    else:
        command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(src)]
        if importlib.util.find_spec("hatchling") is not None:
            command.insert(5, "--no-build-isolation")
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"wheel build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    wheels = sorted(out.glob("emaillint-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]
