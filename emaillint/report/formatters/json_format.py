"""The JSON contract (version 1) that other tools and the evaluation read."""
from __future__ import annotations

from emaillint.base import jsontext
from emaillint.base.problem import FileReport

VERSION = 1


def render(reports: list[FileReport], *, color: bool = False, statistics: dict | None = None,
           baselined: dict[str, int] | None = None) -> str:
    """``statistics`` (with --statistics) is added as a top-level key and, with --baseline, each file says how
    many of its findings the baseline left out (``baselined``); nothing else changes."""
    return "".join(stream(reports, statistics=statistics, baselined=baselined))


def stream(reports, *, color: bool = False, statistics=None, baselined: dict[str, int] | None = None):
    """:func:`render` in pieces, one file's object at a time (the same text as one ``json.dumps`` of the whole
    document). ``statistics`` may be a function, called once every report has gone by."""
    yield f'{{"version": {VERSION}, "files": ['
    for i, report in enumerate(reports):
        entry = report.to_dict()
        if baselined is not None:
            entry["baselined"] = baselined.get(entry["path"], 0)
        yield (", " if i else "") + jsontext.dumps(entry)
    yield "]"
    statistics = statistics() if callable(statistics) else statistics
    if statistics is not None:
        yield ', "statistics": ' + jsontext.dumps(statistics)
    yield "}"
