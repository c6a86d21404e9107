"""Turn command-line paths into the list of draft files to lint.

Folders are walked; hidden folders and files are skipped, and so are files
git ignores (asked of git once per run, when the folder is in a repository).
``--include`` / ``--exclude`` globs match file names or relative paths.
"""
from __future__ import annotations

import fnmatch
import os
import subprocess
from pathlib import Path


def _matches(path: Path, patterns: tuple[str, ...]) -> bool:
    text = path.as_posix()
    return any(fnmatch.fnmatch(path.name, p) or fnmatch.fnmatch(text, p) or fnmatch.fnmatch(text, f"*/{p}") for p in patterns)


WARNINGS: list[str] = []  # one line each: folders that could not be read, links that lead nowhere


def _walk(folder: Path) -> list[Path]:
    """Files under folder; symlinked folders are not followed (no loops), unreadable folders are reported."""
    def unreadable(error: OSError) -> None:
        WARNINGS.append(f"{error.filename}: cannot read folder ({error.strerror or error}), skipped")

    found = []
    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in ("node_modules", "__pycache__"))
        found += [Path(root) / f for f in sorted(files) if not f.startswith(".")]
    return found


def _usable(path: Path) -> bool:
    """A walked file worth reading: a symlink loop or a dangling link is reported and skipped."""
    if path.is_symlink() and not os.path.exists(path):
        WARNINGS.append(f"{path}: symbolic link that leads nowhere (or loops), skipped")
        return False
    return True


def _git_ignored(paths: list[Path]) -> set[Path]:
    """Paths git would ignore; empty when git or a repository is not there."""
    if not paths:
        return set()
    try:  # bytes both ways: file names need not be UTF-8
        proc = subprocess.run(["git", "check-ignore", "--stdin", "-z"], input=b"\0".join(map(os.fsencode, paths)),
                              capture_output=True, cwd=paths[0].parent, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return set()
    return {Path(os.fsdecode(p)) for p in proc.stdout.split(b"\0") if p}


def expand(paths: list[str], include: tuple[str, ...], exclude: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """(files to lint, missing paths). Files named explicitly are always linted."""
    files: list[str] = []
    missing: list[str] = []
    for raw in paths:
        if raw == "-":
            files.append(raw)
            continue
        path = Path(raw)
        if path.is_dir():
            walked = [p for p in _walk(path) if _matches(p, include) and not _matches(p, exclude) and _usable(p)]
            ignored = _git_ignored(walked)
            files += [str(p) for p in walked if p not in ignored]
        elif path.exists() or path.is_symlink():  # a link loop named on the command line is read and reported
            if not _matches(path, exclude):
                files.append(raw)
        else:
            missing.append(raw)
    return files, missing
