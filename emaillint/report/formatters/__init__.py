"""Output formats, chosen by name. Formatters only render; they never judge.

Each format's module has ``render(reports, ...) -> str`` and ``stream(reports, ...)``, the same text in
pieces, one report at a time, so ``emaillint check`` writes each file's findings as soon as it is judged.
Only the chosen format's module is imported.
"""
from __future__ import annotations

from importlib import import_module

NAMES = {"text": "text", "json": "json_format", "github": "github", "sarif": "sarif", "html": "html"}


def formatter(name: str):
    """The module of format ``name`` ("text", "json", "github", "sarif" or "html")."""
    return import_module(f"emaillint.report.formatters.{NAMES[name]}")
