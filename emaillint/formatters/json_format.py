"""The JSON contract (version 1) that other tools and the evaluation read."""
from __future__ import annotations

import json

from emaillint.problem import FileReport

VERSION = 1


def render(reports: list[FileReport], *, color: bool = False, source_lines=None) -> str:
    return json.dumps({"version": VERSION, "files": [r.to_dict() for r in reports]}, ensure_ascii=False)
