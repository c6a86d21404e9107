"""emaillint: a linter for sales emails that reads drafts like a sales coach.

The public API is ``lint_text`` and ``lint_paths`` (see ``emaillint.api``);
they are imported lazily so ``import emaillint`` stays cheap.
"""
from __future__ import annotations

from emaillint.base.vocabulary import VERSION as __version__
__all__ = ["lint_text", "lint_paths", "lint_source", "lint_jsonl", "lint_record", "__version__"]


def __getattr__(name):
    if name in ("lint_text", "lint_paths", "lint_source", "lint_jsonl", "lint_record"):
        from emaillint import api

        return getattr(api, name)
    raise AttributeError(name)
