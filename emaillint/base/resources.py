"""Locate the data folders (rules/, templates/) shipped with emaillint, and the folder its caches live in.

In a source checkout or an editable install they sit at the repository root,
beside the package; in a built wheel they are copied into ``emaillint/_data``.
Looking in both places keeps one layout for developers and users.
"""
from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

#: The emaillint package folder (this file sits in its base/ stage).
PACKAGE = Path(__file__).resolve().parents[1]


@cache
def data_dir(name: str) -> Path:
    """Return the shipped data folder ``name`` ("rules" or "templates")."""
    for candidate in (PACKAGE / "_data" / name, PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"emaillint data folder '{name}' is missing from this installation")


def rules_dir() -> Path:
    """The folder of shipped data rules and lexicons."""
    return data_dir("rules")


def templates_dir() -> Path:
    """The folder of shipped Jinja2 email templates."""
    return data_dir("templates")


def cache_dir() -> Path:
    """Where emaillint keeps its caches (not created here): ``$EMAILLINT_CACHE_DIR``, else the platform's
    cache folder (``$XDG_CACHE_HOME/emaillint`` or ``~/.cache/emaillint`` on Linux,
    ``~/Library/Caches/emaillint`` on macOS, ``%LOCALAPPDATA%\\emaillint\\Cache`` on Windows)."""
    explicit = os.environ.get("EMAILLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "emaillint" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "emaillint"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "emaillint"
