"""Turn command-line paths into the list of draft files to lint.

Folders are walked; hidden folders and files are skipped, and so are files
git ignores (asked of git once per folder named, when it is in a repository).
``--include`` / ``--exclude`` globs match file names or relative paths.
"""
from __future__ import annotations

import fnmatch
import os
from pathlib import Path


def _matches(path: Path, patterns: tuple[str, ...]) -> bool:
    """A glob matches the file's name, its path as given, or its end; an absolute glob (a config file's
    ``drafts/private/*``, anchored at the file's folder) matches the file's real path, wherever the run starts."""
    text = path.as_posix()
    real = None
    for p in patterns:
        if p.startswith("/"):
            real = real or (Path(os.path.realpath(path.parent)) / path.name).as_posix()
            if fnmatch.fnmatch(real, p):
                return True
        elif fnmatch.fnmatch(path.name, p) or fnmatch.fnmatch(text, p) or fnmatch.fnmatch(text, f"*/{p}"):
            return True
    return False


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


def _not_ignored(folder: Path) -> set[Path] | None:
    """The files under ``folder`` that git does not ignore (tracked, or untracked and not ignored), as paths
    under ``folder``; None when git or a repository is not there.

    Asked in ``folder`` itself, so git answers with paths relative to it whatever the current folder is, and
    reads every ``.gitignore`` from the repository root (an anchored ``/drafts/private/`` works).
    A folder git lists as a whole (a nested repository, a submodule) keeps every file under it."""
    import subprocess  # here: a run over named files (pre-commit's) never starts git nor pays the import

    try:  # bytes: file names need not be UTF-8
        proc = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                              capture_output=True, cwd=folder, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return None
    if proc.returncode != 0:
        return None
    return {folder / os.fsdecode(p.rstrip(b"/")) for p in proc.stdout.split(b"\0") if p}


def _kept_by_git(folder: Path, walked: list[Path]) -> list[Path]:
    """The walked files git does not ignore; all of them outside a repository."""
    listed = _not_ignored(folder) if walked else None
    if listed is None:
        return walked
    kept = [p for p in walked if p in listed or any(parent in listed for parent in p.parents)]
    if walked and not kept:
        WARNINGS.append(f"{folder}: git ignores every draft in this folder; name the files to check them anyway")
    return kept


def expand(paths: list[str], include: tuple[str, ...], exclude: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """(files to lint, missing paths). Files named explicitly are always linted. ``WARNINGS`` then holds this
    expansion's warnings only (a process that runs many checks, the hook's daemon, says each once)."""
    WARNINGS.clear()
    files: list[str] = []
    missing: list[str] = []
    for raw in paths:
        if raw == "-":
            files.append(raw)
            continue
        path = Path(raw)
        if path.is_dir():
            walked = [p for p in _walk(path) if _matches(p, include) and not _matches(p, exclude) and _usable(p)]
            files += [str(p) for p in _kept_by_git(path, walked)]
        elif path.exists() or path.is_symlink():  # a link loop named on the command line is read and reported
            if not _matches(path, exclude):
                files.append(raw)
        else:
            missing.append(raw)
    return files, missing
