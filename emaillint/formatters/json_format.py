"""The JSON contract (version 1) that other tools and the evaluation read."""
from __future__ import annotations

import json

from emaillint.problem import FileReport

VERSION = 1


def render(reports: list[FileReport], *, color: bool = False, source_lines=None, statistics: dict | None = None) -> str:
    """``statistics`` (with --statistics) is added as a top-level key; nothing else changes."""
    doc = {"version": VERSION, "files": [r.to_dict() for r in reports]}
    if statistics is not None:
        doc["statistics"] = statistics
    return json.dumps(doc, ensure_ascii=False)
