"""A result cache for ``emaillint check``: an unchanged draft is not judged twice.

An entry is keyed by everything that decides a report, hashed together:

- the draft: its display path and its decoded, normalised text;
- emaillint itself: the version and the content of every file of the package
  (code), of the shipped ``rules/`` (data rules, lexicons, knowledge files) and
  ``templates/``;
- the effective configuration for the file (selections, per-file ignores,
  rule options, house phrases, kind, size limit, the config file's folder),
  and the content of any extra rule or template folders it names.

Change any of them and the key changes, so a stale report is never served;
entries of an older emaillint are simply never read again. The cache stays
bounded (``base/lru.py``, the grammar cache's pruning, at most once a day by
the first run that writes): reports of other installations unused for a week
go, this installation's unused for ``MAX_AGE_DAYS``, then the least recently
used until all take at most ``MAX_MEGABYTES`` (a hit renews an entry). Runs with ``--grammar`` are not cached
(LanguageTool has its own cache), nor reports of a file that could not be
read or judged.

Where: ``$EMAILLINT_CACHE_DIR``, else the platform's cache folder
(``$XDG_CACHE_HOME/emaillint`` or ``~/.cache/emaillint`` on Linux,
``~/Library/Caches/emaillint`` on macOS, ``%LOCALAPPDATA%\\emaillint\\Cache`` on
Windows). ``--no-cache`` or ``EMAILLINT_NO_CACHE=1`` bypasses it. Writes are
atomic (a temporary file renamed into place), so parallel runs and worker
processes share it safely; a cache that cannot be written is silently skipped.
"""
from __future__ import annotations

import os
import re
import sys
from functools import cache
from pathlib import Path

from emaillint.base.prebuilt import hash_tree
from emaillint.base.problem import Edit, FileReport, Fix, Level, Problem
from emaillint.base.resources import cache_dir  # noqa: F401 - the result cache's folder, named here too

try:  # blake2 without OpenSSL: importing hashlib costs a one-file run a few milliseconds
    from _blake2 import blake2b as _hash
except ImportError:  # pragma: no cover
    from hashlib import blake2b as _hash

FORMAT = "results-v1"
STALE_AFTER = 7 * 24 * 3600  # seconds: reports of other installations unused this long are removed
MAX_AGE_DAYS = 30  # a report of this installation unused this long is removed
MAX_MEGABYTES = 100  # disk the reports may take (one is a file of 1-10 KB)
PRUNE_EVERY = 24 * 3600.0  # seconds between two prunes
_FOLDER = re.compile(r"[0-9a-f]{32}")  # one per installation key
_ENTRY = re.compile(r"[0-9a-f]{128}\.json")
_TEMP = re.compile(r"\.[0-9a-f]{128}\.json\.\d+\.tmp")  # left behind by a run killed mid-write


def disabled_by_env() -> bool:
    return os.environ.get("EMAILLINT_NO_CACHE", "").strip().lower() not in ("", "0", "false", "no")


@cache
def _installation_key() -> str:
    """emaillint's version and the content of its code, rules and templates."""
    from emaillint.base.resources import PACKAGE, data_dir
    from emaillint.base.vocabulary import VERSION

    digest = _hash(f"{FORMAT}\0{VERSION}\0{sys.version_info[:2]}\0".encode())
    hash_tree(digest, PACKAGE)  # the package (with _data/ in a wheel)
    for name in ("rules", "templates"):
        try:
            hash_tree(digest, data_dir(name))
        except FileNotFoundError:
            digest.update(f"<no {name}>".encode())
    return digest.hexdigest()


@cache
def _config_key(config) -> str:
    """The effective configuration, with the content of the folders it names."""
    fields = (config.select, config.ignore, config.per_file_ignores, config.kind, config.rule_options,
              config.phrases, tuple(map(str, config.extra_rules)), tuple(map(str, config.template_dirs)),
              config.max_size, str(config.root) if config.root else None, repr(config.grammar))
    digest = _hash(repr(fields).encode())
    for folder in (*config.extra_rules, *config.template_dirs):
        hash_tree(digest, Path(folder))
    return digest.hexdigest()


def usable(config) -> bool:
    """Whether reports under this config may be cached (not with LanguageTool on)."""
    return not config.grammar.enabled


class ResultCache:
    """Reports stored by key under one folder per installation key."""

    def __init__(self, root: Path | None = None, *, max_bytes: int = MAX_MEGABYTES * 1_000_000,
                 max_age: float = MAX_AGE_DAYS * 86400.0, prune_every: float = PRUNE_EVERY):
        self.root = (root or cache_dir()) / FORMAT
        self.folder = self.root / _installation_key()[:32]
        self.max_bytes, self.max_age, self.prune_every = max_bytes, max_age, prune_every
        self._pruned = False
        self.hits = self.misses = 0

    def key(self, path: str, fmt: str, text: str, config) -> str:
        digest = _hash(_config_key(config).encode())
        digest.update(f"\0{path}\0{fmt}\0".encode("utf-8", "surrogatepass"))
        digest.update(text.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def _file(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def has(self, key: str) -> bool:
        return self._file(key).is_file()

    def get(self, key: str) -> FileReport | None:
        import json  # here and in put: a run with --no-cache never loads it

        path = self._file(key)
        try:
            with open(path, "rb") as fh:
                data = json.loads(fh.read())
                used = os.fstat(fh.fileno()).st_mtime
            report = decode(data)
        except (OSError, ValueError, KeyError, TypeError):
            self.misses += 1
            return None
        self.hits += 1
        from emaillint.base import lru

        lru.renew(path, used)  # pruning keeps what is still read
        return report

    def put(self, key: str, report: FileReport) -> None:
        if report.error or any(p.code == "EL000" for p in report.problems):
            return
        import json

        target = self._file(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            temp.write_text(json.dumps(encode(report), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
            os.replace(temp, target)
            self.prune()
        except (OSError, ValueError):  # ValueError: a file name that is not UTF-8 (surrogates) is not cached
            try:
                temp.unlink()
            except (OSError, UnboundLocalError):
                pass

    def prune(self, now: float | None = None) -> None:
        """Bound the cache (once per run, and then at most once per ``prune_every``): see the module's text."""
        if self._pruned:
            return
        self._pruned = True
        from emaillint.base import lru

        mine = self.folder.name
        lru.prune(self.root, _FOLDER, _ENTRY, _TEMP, max_age=lambda name: self.max_age if name == mine else STALE_AFTER,
                  max_bytes=self.max_bytes, every=self.prune_every, now=now)

def _problem(p: Problem) -> list:
    fix = None if p.fix is None else [p.fix.title, p.fix.safe, [[e.start, e.end, e.text] for e in p.fix.edits]]
    return [p.code, p.name, p.category, int(p.level), p.message, p.start, p.end, p.line, p.column, p.end_line,
            p.end_column, p.suggestion, fix, p.source, [list(m) for m in p.marks]]


def _unproblem(row: list) -> Problem:
    fix = None
    if row[12] is not None:
        title, safe, edits = row[12]
        fix = Fix(title, tuple(Edit(*e) for e in edits), safe)
    return Problem(row[0], row[1], row[2], Level(row[3]), row[4], *row[5:11], row[11], fix, row[13],
                   tuple(tuple(m) for m in row[14]))


def encode(report: FileReport) -> dict:
    """Everything in a report, as JSON (problems as rows)."""
    return {"path": report.path, "kind": report.kind, "score": report.score, "subscores": report.subscores,
            "stats": report.stats, "problems": [_problem(p) for p in report.problems],
            "suppressed": [_problem(p) for p in report.suppressed], "suppressed_by": report.suppressed_by}


def decode(data: dict) -> FileReport:
    return FileReport(data["path"], data["kind"], data["score"], [_unproblem(r) for r in data["problems"]],
                      data["subscores"], data["stats"], None, [_unproblem(r) for r in data["suppressed"]],
                      data["suppressed_by"])
