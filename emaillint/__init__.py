"""emaillint: a linter for sales emails that reads drafts like a sales coach.

The public API is ``lint_text`` and ``lint_paths`` (see ``emaillint.api``);
they are imported lazily so ``import emaillint`` stays cheap (``emaillint-hook`` starts by importing it).
"""
from __future__ import annotations

__all__ = ["lint_text", "lint_paths", "lint_source", "lint_jsonl", "lint_record", "__version__"]


def __getattr__(name):
    if name in ("lint_text", "lint_paths", "lint_source", "lint_jsonl", "lint_record"):
        from emaillint import api

        return getattr(api, name)
    if name == "__version__":
        from emaillint.base.vocabulary import VERSION

        return VERSION
    raise AttributeError(name)
