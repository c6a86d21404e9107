"""The JSON contract (version 1) that other tools and the evaluation read."""
from __future__ import annotations

import json

from emaillint.base.problem import FileReport

VERSION = 1


def render(reports: list[FileReport], *, color: bool = False, statistics: dict | None = None,
           baselined: dict[str, int] | None = None) -> str:
    """``statistics`` (with --statistics) is added as a top-level key and, with --baseline, each file says how
    many of its findings the baseline left out (``baselined``); nothing else changes."""
    doc = {"version": VERSION, "files": [r.to_dict() for r in reports]}
    if baselined is not None:
        for entry in doc["files"]:
            entry["baselined"] = baselined.get(entry["path"], 0)
    if statistics is not None:
        doc["statistics"] = statistics
    return json.dumps(doc, ensure_ascii=False)
