"""The library API: everything the CLI, the hook and the language server use.

    >>> from emaillint import lint_text
    >>> report = lint_text("Subject: hi\\n\\nJust checking in!\\n", path="draft.txt")
    >>> report.score, [p.category for p in report.problems]

``lint_text`` judges one text in memory; ``lint_paths`` reads files (each with
the configuration found for it) and never raises for a bad file: its report
carries ``error`` instead. ``lint_jsonl`` and ``lint_record`` are the streaming
batch mode for platforms (JSON Lines records in, result dicts out).
"""
from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator

from emaillint.run import config as config_mod
from emaillint.base.problem import FileReport, Level
from emaillint.read.source import InputError, Source, from_text, read_path, read_stdin, too_large


def lint_source(source: Source, config: config_mod.Config | None = None, *, grammar_warn=None) -> FileReport:
    """Judge one Source with ``config`` (discovered from its path when None)."""
    # imported here, not at the top: a run answered from the result cache never needs the engine
    from emaillint.anatomy.document import prepare
    from emaillint.base.vocabulary import CATEGORIES
    from emaillint.judge.engine import build_report, judge

    cfg = config if config is not None else config_mod.discover(source.path)
    if len(source.text) > cfg.max_size:  # text handed over in memory (an editor buffer, the API)
        return FileReport(source.path, "unknown", 0, [],
                          error=f"{source.path}: {too_large(len(source.text), cfg.max_size, 'characters')}")
    for note in source.notes:
        (grammar_warn or _warn)(note)
    try:
        doc = prepare(source)
    except InputError as exc:  # found while parsing (MIME nested too deeply): one line, not an exception
        return FileReport(source.path, "unknown", 0, [], error=f"{source.path}: {exc}")
    rules = cfg.rules_for(source.path)
    judged = judge(doc, rules, cfg.kind, grammar=cfg.grammar if cfg.grammar.enabled else None,
                   warn=grammar_warn or _warn)
    problems = judged.problems
    if problems:
        from emaillint.templates.hints import attach

        problems = attach(problems, judged.kind, cfg.template_dirs)
    categories = tuple(sorted({r.spec.category for r, _, _ in rules} & set(CATEGORIES)))
    return build_report(doc, judged, problems, categories)


def _internal_error(source: Source, exc: Exception) -> FileReport:
    """A bug must not sink a whole batch: report it on the file, as one finding."""
    from emaillint.base.problem import Problem

    message = (f"emaillint could not finish judging this file ({type(exc).__name__}: {exc}); "
               "this is a bug in emaillint, please report it with the draft")
    problem = Problem("EL000", "internal.error", "internal", Level.ERROR, message, 0, 0, 1, 1, 1, 1)
    _warn(f"{source.path}: {message}")
    return FileReport(source.path, "unknown", 0, [problem], text=source.text)


def lint_text(text: str, path: str | None = None, config: config_mod.Config | None = None) -> FileReport:
    """Judge a draft held in memory. ``path`` picks the format and the config."""
    return lint_source(from_text(text, path), config)


def _read(path: str, config, stdin_text: str | None, stdin_filename: str | None):
    """(the config for the file, its Source); raises InputError for a file that cannot be read."""
    if path == "-":
        cfg = config if config is not None else config_mod.discover(stdin_filename or "-")
        if stdin_text is None:
            text, notes = read_stdin(cfg.max_size, stdin_filename or "-")
            source = from_text(text, stdin_filename)
            return cfg, Source(source.path, source.text, source.fmt, notes)
        return cfg, from_text(stdin_text, stdin_filename)
    from pathlib import Path

    cfg = config if config is not None else config_mod.discover(path)
    return cfg, read_path(Path(path), cfg.max_size)


def cached_report(path: str, config: config_mod.Config | None, cache, *, stdin_text: str | None = None,
                  stdin_filename: str | None = None) -> FileReport | None:
    """The report ``cache`` holds for this file as it is now, or None (not cached, unreadable, or not cacheable).
    ``lint_paths`` with the same cache then gives the same report; this never judges anything."""
    found = _cache_key(path, config, cache, stdin_text, stdin_filename)
    if found is None:
        return None
    key, source = found
    return _from_cache(cache.get(key), source)


def is_cached(path: str, config: config_mod.Config | None, cache, *, stdin_text: str | None = None,
              stdin_filename: str | None = None) -> bool:
    """Whether ``cache`` holds a report for this file as it is now (without reading the report)."""
    found = _cache_key(path, config, cache, stdin_text, stdin_filename)
    return found is not None and cache.has(found[0])


def _cache_key(path: str, config, cache, stdin_text: str | None, stdin_filename: str | None):
    """(the result cache's key for this file as it is now, its Source), or None when it cannot be cached."""
    from emaillint.run.cache import usable

    if path == "-" and stdin_text is None:
        return None  # reading stdin here would consume it
    try:
        cfg, source = _read(path, config, stdin_text, stdin_filename)
    except InputError:
        return None
    if not usable(cfg):
        return None
    return cache.key(source.path, source.fmt, source.text, cfg), source


def _from_cache(report: FileReport | None, source: Source) -> FileReport | None:
    """A stored report as if just judged: with the text it was judged on, and the reading notes said again."""
    if report is not None:
        report.text = source.text
        for note in source.notes:
            _warn(note)
    return report


def lint_paths(paths: Iterable[str], config: config_mod.Config | None = None, *, stdin_text: str | None = None,
               stdin_filename: str | None = None, cache=None) -> Iterator[FileReport]:
    """Judge files one by one; unreadable files yield a report with ``error`` set.

    ``cache``: an ``emaillint.run.cache.ResultCache`` (or None): a file whose text, path, configuration and
    emaillint installation were judged before gets its stored report instead of being judged again."""
    for path in paths:
        try:
            cfg, source = _read(path, config, stdin_text, stdin_filename)
        except InputError as exc:
            yield FileReport(path, "unknown", 0, [], error=str(exc))
            continue
        key = None
        if cache is not None:
            from emaillint.run.cache import usable

            if usable(cfg):
                key = cache.key(source.path, source.fmt, source.text, cfg)
                stored = _from_cache(cache.get(key), source)
                if stored is not None:
                    yield stored
                    continue
        try:
            report = lint_source(source, config)
        except InputError as exc:  # found while parsing (MIME nested too deeply): one line, like an unreadable file
            yield FileReport(path, "unknown", 0, [], error=f"{source.path}: {exc}")
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop the batch
            yield _internal_error(source, exc)
        else:
            if key is not None:
                cache.put(key, report)
            yield report


def lint_record(record: dict, config: config_mod.Config | None = None) -> dict:
    """Judge one batch record ``{"id", "text", "kind"?, "subject"?}``; returns its result line as a dict
    (``{"id", "kind", "score", "subscores", "stats", "problems", "suppressed"}``, or ``{"id", "error"}``).
    Never raises for a bad record. See ``emaillint.run.stream``."""
    from emaillint.run.stream import lint_record as judge

    return judge(record, config)


def lint_jsonl(lines: Iterable[bytes | str], config: config_mod.Config | None = None, *,
               jobs: int | None = 1) -> Iterator[dict]:
    """Judge JSON Lines (one record per line, str or bytes; an open binary file works): one result dict per
    non-blank line, in input order, each yielded as soon as it is judged, in constant memory. A line that is
    not a valid record yields ``{"id", "line", "error"}`` and the stream goes on. ``jobs``: worker
    processes (1: this process; None: what pays)."""
    from emaillint.run.stream import lint_jsonl as judge_lines

    return judge_lines(lines, config, jobs=jobs)


def fails(report: FileReport, fail_level: str = "warning", fail_under: int | None = None) -> bool:
    """Does this report fail the run (a problem at or above the level, or a low score)?"""
    if report.error:
        return True
    threshold = Level.parse(fail_level)
    return any(p.level >= threshold for p in report.problems) or (fail_under is not None and report.score < fail_under)


_WARNED: set[str] = set()


def forget_warnings() -> None:
    """A new run starts: its warnings are said again (a process that runs many, the hook's daemon, a test)."""
    _WARNED.clear()


def _warn(message: str) -> None:
    """Print a warning once per run, however many files hit it."""
    if message not in _WARNED:
        _WARNED.add(message)
        print(f"emaillint: warning: {message}", file=sys.stderr)
