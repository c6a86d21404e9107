"""SARIF 2.1.0, for code-scanning dashboards (GitHub code scanning, Azure DevOps, IDE viewers).

One run, one ``tool.driver`` with a ``rules`` entry for every rule a result
points at; one result per problem with a 1-based region (``columnKind`` is
``unicodeCodePoints`` because emaillint's columns count characters, and
``endColumn`` is exclusive in both). Suppressed problems are results too, with
an ``inSource`` suppression, so a dashboard shows that something was silenced.
Each file's score, kind and sub-scores travel in ``artifacts[].properties``;
files that could not be read are ``toolExecutionNotifications``.
"""
from __future__ import annotations

import os
from pathlib import Path

from emaillint.base import jsontext
from emaillint.base.vocabulary import VERSION
from emaillint.base.problem import FileReport, Level, Problem

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_LEVEL = {Level.ERROR: "error", Level.WARNING: "warning", Level.INFO: "note"}


def _uri(path: str) -> str:
    """A relative URI reference for a path (forward slashes, spaces and the like percent-encoded)."""
    from urllib.parse import quote

    if path == "-":
        return "stdin"
    p = Path(path)  # the name's own bytes are percent-encoded: a name that is not UTF-8 keeps them
    return p.as_uri() if p.is_absolute() else quote(os.fsencode(p.as_posix()), safe="/")


def _rule_specs() -> dict:
    try:
        from emaillint.judge.registry import load_rules

        return {r.code: r.spec for r in load_rules()}
    except Exception:  # noqa: BLE001 - metadata is a nicety; results must still be written
        return {}


def _descriptor(problem: Problem, specs: dict) -> dict:
    spec = specs.get(problem.code)
    summary = spec.summary if spec and spec.summary else problem.name
    descriptor = {
        "id": problem.code,
        "name": problem.name,
        "shortDescription": {"text": summary},
        "defaultConfiguration": {"level": _LEVEL[spec.level if spec else problem.level]},
        "properties": {"category": problem.category, "tags": [problem.category]},
    }
    why = " ".join(spec.why.split()) if spec else ""
    if why:
        descriptor["fullDescription"] = {"text": why}
        descriptor["help"] = {"text": f"{why} See: emaillint explain {problem.code}"}
    return descriptor


def _result(problem: Problem, rule_index: int, artifact_index: int, uri: str, suppressed: bool) -> dict:
    text = problem.message if not problem.suggestion else f"{problem.message} {problem.suggestion}"
    result = {
        "ruleId": problem.code,
        "ruleIndex": rule_index,
        "level": _LEVEL[problem.level],
        "message": {"text": text},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": uri, "index": artifact_index},
            "region": {"startLine": max(1, problem.line), "startColumn": max(1, problem.column),
                       "endLine": max(1, problem.end_line), "endColumn": max(1, problem.end_column)},
        }}],
        "properties": {"category": problem.category, "name": problem.name},
    }
    if problem.suggestion:
        result["properties"]["suggestion"] = problem.suggestion
    if suppressed:
        result["suppressions"] = [{"kind": "inSource", "justification": "an 'emaillint: disable' comment in the draft"}]
    return result


def render(reports: list[FileReport], *, color: bool = False) -> str:
    return "".join(stream(reports))


_ITEM_INDENT = " " * 8  # runs[0].artifacts[i] and runs[0].results[i] sit four levels deep


def stream(reports, *, color: bool = False):
    """:func:`render` in pieces, in constant memory: artifacts and results go to temporary files as the reports go
    by (the rules they point at and the notifications come first in the document, so nothing can be written
    before the last report); the text is the same as one ``json.dumps(..., indent=2)`` of the whole document."""
    from tempfile import SpooledTemporaryFile

    specs = _rule_specs()
    rules: list[dict] = []
    rule_index: dict[str, int] = {}
    notifications = []
    counts = {"artifacts": 0, "results": 0}
    with SpooledTemporaryFile(1 << 20, "w+", encoding="utf-8", errors="surrogateescape") as artifacts, \
            SpooledTemporaryFile(1 << 20, "w+", encoding="utf-8", errors="surrogateescape") as results:
        spools = {"artifacts": artifacts, "results": results}

        def put(name: str, item: dict) -> None:
            spool = spools[name]
            if counts[name]:
                spool.write(",\n")
            spool.write("\n".join(_ITEM_INDENT + line for line in jsontext.dumps(item, indent=2).split("\n")))
            counts[name] += 1

        for report in reports:
            uri = _uri(report.path)
            if report.error:
                notifications.append({"level": "error", "message": {"text": report.error},
                                      "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}]})
                continue
            artifact_index = counts["artifacts"]
            suppressed = list(getattr(report, "suppressed", []) or [])
            put("artifacts", {"location": {"uri": uri}, "properties": {
                "kind": report.kind, "score": report.score, "subscores": report.subscores,
                "findings": len(report.problems), "suppressed": len(suppressed)}})
            for problem, silenced in [(p, False) for p in report.problems] + [(p, True) for p in suppressed]:
                if problem.code not in rule_index:
                    rule_index[problem.code] = len(rules)
                    rules.append(_descriptor(problem, specs))
                put("results", _result(problem, rule_index[problem.code], artifact_index, uri, silenced))
        run = {
            "tool": {"driver": {"name": "emaillint", "version": VERSION, "semanticVersion": VERSION,
                                "informationUri": "https://github.com/emaillint/emaillint", "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "invocations": [{"executionSuccessful": not notifications,
                             "toolExecutionNotifications": notifications}],
            "artifacts": ["\0artifacts"],
            "results": ["\0results"],
        }
        text = jsontext.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, indent=2)
        for name in ("artifacts", "results"):
            marker = f'[\n{_ITEM_INDENT}"\\u0000{name}"\n{_ITEM_INDENT[:-2]}]'
            head, text = text.split(marker, 1)
            yield head
            if not counts[name]:
                yield "[]"
                continue
            yield "[\n"
            spool = spools[name]
            spool.seek(0)
            while chunk := spool.read(1 << 16):
                yield chunk
            yield f"\n{_ITEM_INDENT[:-2]}]"
        yield text
