"""Streaming batch mode for platforms: JSON Lines in, JSON Lines out.

Each input line is one email, ``{"id": …, "text": "…", "kind": "cold"?, "subject": "…"?}``;
each output line is its result, written as soon as it is judged and in input
order, so a platform can pipe an outbound queue through ``emaillint batch``
with constant memory. A bad line (not JSON, no ``id`` or ``text``, an unknown
kind, too long) is one error object on its own output line; the run goes on.

Result lines carry the JSON contract of one file (``kind``, ``score``,
``subscores``, ``stats``, ``problems``, ``suppressed``) with ``id`` in place of
``path``. Positions count in ``text``; with a separate ``subject``, findings on
it say ``"field": "subject"`` and count in the subject (``line`` 1).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

from emaillint.run import config as config_mod
from emaillint.anatomy.kind import normalise
from emaillint.base.problem import FileReport

_SUBJECT = "Subject: "


class RecordError(ValueError):
    """An input record that cannot be judged; the message is one line."""


def _email_text(record: dict) -> tuple[str, int]:
    """The draft as emaillint reads it, and how many characters the separate subject adds in front of the text."""
    from emaillint.read.source import normalise_text

    text = record.get("text")
    if not isinstance(text, str):
        raise RecordError('"text" must be a string' if "text" in record else 'missing "text"')
    text = normalise_text(text)
    subject = record.get("subject")
    if subject is None:
        return text, 0
    if not isinstance(subject, str):
        raise RecordError('"subject" must be a string')
    head = _SUBJECT + " ".join(normalise_text(subject).split("\n")) + "\n\n"
    return head + text, len(head)


def _config_for(record: dict, config: config_mod.Config) -> config_mod.Config:
    kind = record.get("kind")
    if kind is None:
        return config
    canonical = normalise(kind) if isinstance(kind, str) else None
    if canonical is None:
        import json

        raise RecordError(f'"kind": {json.dumps(kind)[:40]} is not one of cold, follow-up, reply, re-engagement')
    return config.with_overrides(kind=canonical)


def _shift(problem: dict, head: int) -> dict:
    """Move a problem's positions from the composed draft to the record's own fields."""
    if not head:
        problem["field"] = "text"
        return problem
    if problem["line"] <= 1:  # on the "Subject: …" line
        field, lines, chars = "subject", 0, len(_SUBJECT)
        problem["column"] = max(1, problem["column"] - chars)
        problem["end_column"] = max(1, problem["end_column"] - chars) if problem["end_line"] <= 1 else problem["end_column"]
    else:
        field, lines, chars = "text", 2, head
        problem["line"] = max(1, problem["line"] - lines)
        problem["end_line"] = max(1, problem["end_line"] - lines)
    problem["field"] = field
    for edit in (problem.get("fix") or {}).get("edits", ()):
        edit["start"] = max(0, edit["start"] - chars)
        edit["end"] = max(0, edit["end"] - chars)
    return problem


def result_of(record_id: Any, report: FileReport, head: int = 0) -> dict:
    """One output line for a judged record."""
    if report.error:
        message = report.error.split(": ", 1)[1] if report.error.startswith("-: ") else report.error
        return {"id": record_id, "error": message}
    data = report.to_dict()
    del data["path"]
    data["problems"] = [_shift(p, head) for p in data["problems"]]
    data["suppressed"] = [_shift(p, head) for p in data["suppressed"]]
    return {"id": record_id, **data}


def lint_record(record: Any, config: config_mod.Config | None = None) -> dict:
    """Judge one record (a dict with ``id`` and ``text``); never raises: a bad record gives ``{"id", "error"}``."""
    from emaillint.api import _internal_error, lint_source
    from emaillint.read.source import Source, detect_format

    cfg = config if config is not None else config_mod.discover("-")
    if not isinstance(record, dict):
        return {"id": None, "error": f"a record must be a JSON object, not {type(record).__name__}"}
    record_id = record.get("id")
    try:
        if "id" not in record:
            raise RecordError('missing "id"')
        if isinstance(record_id, (dict, list)):
            raise RecordError('"id" must be a string or a number')
        text, head = _email_text(record)
        cfg = _config_for(record, cfg)
    except RecordError as exc:
        return {"id": record_id, "error": str(exc)}
    source = Source("-", text, detect_format(None, text))
    try:
        report = lint_source(source, cfg)
    except Exception as exc:  # noqa: BLE001 - one bad record must not stop the stream
        report = _internal_error(source, exc)
    return result_of(record_id, report, head)


def _parse(numbered: tuple[int, bytes | str], limit: int) -> Any:
    """The record on one input line, or an error result naming the line."""
    import json  # here, not at the top: `emaillint check` imports this module for count_judged, never parses a line

    number, raw = numbered
    if isinstance(raw, bytes):
        if len(raw) > limit:
            return _Bad(number, f"line {number}: longer than {limit:,} bytes (set max-size in the config to raise it)")
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            return _Bad(number, f"line {number}: not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})")
    try:
        return json.loads(raw)
    except (ValueError, RecursionError) as exc:
        return _Bad(number, f"line {number}: not JSON ({str(exc).split(':')[0]})")


class _Bad:
    __slots__ = ("number", "message")

    def __init__(self, number: int, message: str):
        self.number, self.message = number, message


_JOB: dict = {}
TRIM_EVERY = 2000  # records; see _trim_caches


def count_judged() -> None:
    """Count one draft about to be judged in this process (a worker counts its own); every TRIM_EVERY, empty
    the memo caches (see _trim_caches). At the second, start-up is over for the code cache: what the next
    drafts compile (patterns made for their words) is not kept (see base/codecache.settle). The batch mode
    and ``emaillint check`` both call it, so neither grows with the number of drafts."""
    _JOB["count"] = _JOB.get("count", 0) + 1
    if _JOB["count"] == 2:
        from emaillint.base import codecache

        codecache.settle()
    if _JOB["count"] % TRIM_EVERY == 0:
        _trim_caches()


def _trim_caches() -> None:
    """Empty emaillint's bounded per-text memo caches (functools.lru_cache with a maxsize).

    They hold sentences and tokens already seen, up to a few thousand entries
    each: worth tens of MiB once full. Emptying them every TRIM_EVERY records keeps
    a long stream's memory near what the first records needed; they only save
    recomputing, so answers never change. Unbounded caches (rules, knowledge,
    compiled patterns) are kept.
    """
    import functools
    import sys

    for name, module in list(sys.modules.items()):
        if module is None or not (name == "emaillint" or name.startswith("emaillint.")):
            continue
        for value in list(vars(module).values()):
            if isinstance(value, functools._lru_cache_wrapper) and value.cache_parameters().get("maxsize"):
                value.cache_clear()


def _judge(numbered: tuple[int, bytes | str]) -> dict:
    count_judged()
    config, limit = _JOB["config"], _JOB["limit"]
    record = _parse(numbered, limit)
    if isinstance(record, _Bad):
        return {"id": None, "line": record.number, "error": record.message}
    result = lint_record(record, config)
    if "error" in result:
        return {"id": result["id"], "line": numbered[0], "error": f"line {numbered[0]}: {result['error']}"}
    return result


def line_limit(config: config_mod.Config) -> int:
    """The longest input line read: a text of max-size characters, JSON-escaped, plus room for the other fields."""
    return config.max_size * 6 + 65536


def read_lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes]]:
    """(line number, bytes) for every non-blank line, never holding more than ``limit`` + 1 bytes of one line:
    the rest of a longer line is read and dropped, and the line is passed on too long (an error result)."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # skip the rest of the oversized line in bounded pieces
                more = stream.readline(1 << 20)
                if not more or more.endswith(b"\n"):
                    break
        if line.strip():
            yield number, line


def lint_jsonl(lines: Iterable[bytes | str], config: config_mod.Config | None = None, *, jobs: int | None = 1,
               numbered: bool = False) -> Iterator[dict]:
    """Judge JSON Lines: one result dict per non-blank input line, in order, as soon as each is judged.

    ``lines`` is any iterable of lines (str or bytes; a file opened in binary
    mode works); ``numbered=True`` when it yields (line number, line) pairs.
    ``jobs``: worker processes (1: in this process; None: what pays for a stream).
    """
    from emaillint.run import parallel

    cfg = config if config is not None else config_mod.discover("-")
    limit = line_limit(cfg)
    if not numbered:
        lines = ((n, line) for n, line in enumerate(lines, 1) if line.strip())
    workers = parallel.auto_jobs(None) if jobs is None else max(1, jobs)
    if workers > 1:
        warm_up(cfg)
    _JOB.update(config=cfg, limit=limit)
    yield from parallel.ordered_map(_judge, lines, workers, chunk=32, live=True)


def warm_up(config: config_mod.Config) -> None:
    """Ready a long batch, once: load the rules, compile every pattern and work out its literal pre-filter
    (see base/prefilter.Prefiltered.prepare), before worker processes are forked (so none does it again) and
    while the code cache records (so the next batch takes it from there). A one-draft run skips all this."""
    from emaillint.api import lint_text
    from emaillint.base import codecache
    from emaillint.base.prefilter import prepare_all
    from emaillint.judge.analysis.text import build_all

    codecache.switch("batch")
    lint_text("Subject: Re: your note\n\nHi Sam,\n\nJust checking in: are you still the right person? "
              "How do you plan shifts today? Could we talk on Tuesday at 10am?\n\n> On Monday Sam wrote:\n> hi\n\n"
              "Best,\nJo\n", path="warm-up.txt", config=config)
    build_all()
    prepare_all()


def dumps(result: dict) -> str:
    """One output line (no newline): compact, UTF-8 as is (a lone surrogate as its escape: base/jsontext.py)."""
    from emaillint.base import jsontext

    return jsontext.dumps(result, separators=(",", ":"))


def run(stream: BinaryIO, out, config: config_mod.Config, jobs: int | None) -> int:
    """Read ``stream``, write one result line per record to ``out`` (flushed line by line); the count of errors."""
    errors = 0
    lines = read_lines(stream, line_limit(config))
    for result in lint_jsonl(lines, config, jobs=jobs, numbered=True):
        errors += "error" in result
        out.write(dumps(result) + "\n")
        out.flush()
    return errors
