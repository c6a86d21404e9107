"""On-disk cache of LanguageTool answers.

One small JSON file per request, named by the SHA-256 of everything that can
change LanguageTool's answer: the annotated text, the LanguageTool version, the
language and the rules sent as enabled/disabled. The house word list is applied
after the cache (client side), so editing it needs no new requests.
Writes are atomic (temp file + rename); a corrupt or unreadable entry is a miss.

The cache is pruned (:meth:`ResultCache.prune`, at most once a day, by the first
run that writes to it; ``base/lru.py``): entries unused for ``MAX_AGE_DAYS`` go,
then the least recently used until the answers take at most ``MAX_MEGABYTES``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import time
from pathlib import Path
from typing import Any

from emaillint.base import lru

FORMAT = 1
SERVER_VERSION_TTL = 3600.0  # seconds a remembered "URL -> LT version" is trusted
MAX_MEGABYTES = 100  # disk the answers may take (one answer is a file of 15 B to a few KB: a 4 KB block)
MAX_AGE_DAYS = 90  # an answer unused this long is removed
PRUNE_EVERY = 24 * 3600.0  # seconds between two prunes of one cache folder
_FOLDER = re.compile(r"lt-v\d+")
_ENTRY = re.compile(r"[0-9a-f]{64}\.json")
_TEMP = re.compile(r"\.tmp-.+\.json")  # left behind by a run killed mid-write; removed once an hour old


def default_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "emaillint" / "grammar"


class ResultCache:
    def __init__(self, directory: str | None, *, max_bytes: int = MAX_MEGABYTES * 1_000_000,
                 max_age: float = MAX_AGE_DAYS * 86400.0, prune_every: float = PRUNE_EVERY) -> None:
        if directory == "":
            self.dir: Path | None = None
        else:
            self.dir = Path(directory) if directory else default_dir()
        self.max_bytes, self.max_age, self.prune_every = max_bytes, max_age, prune_every
        self._pruned = False

    @property
    def enabled(self) -> bool:
        return self.dir is not None

    @staticmethod
    def key(payload: dict[str, Any]) -> str:
        blob = json.dumps({"format": FORMAT, **payload}, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()

    def _path(self, key: str) -> Path:
        assert self.dir is not None
        return self.dir / f"lt-v{FORMAT}" / key[:2] / f"{key}.json"

    def get(self, key: str) -> list[dict[str, Any]] | None:
        if self.dir is None:
            return None
        path = self._path(key)
        try:
            with open(path, encoding="utf-8") as fh:
                entry = json.load(fh)
                used = os.fstat(fh.fileno()).st_mtime
            matches = entry["matches"]
            if not isinstance(matches, list):
                return None
        except (OSError, ValueError, KeyError, TypeError):
            return None
        lru.renew(path, used)  # used now: pruning by age keeps what is still read
        return matches

    def put(self, key: str, matches: list[dict[str, Any]]) -> None:
        if self.dir is None:
            return
        self._write_json(self._path(key), {"matches": matches})
        if not self._pruned:
            self._pruned = True
            self.prune()

    # -- bounded size and age --

    def prune(self, now: float | None = None) -> None:
        """Remove stale and least recently used entries, if the folder was not pruned in ``prune_every``
        (``base/lru.py``; entries of another cache format are never read again and go at once)."""
        if self.dir is None:
            return
        current = f"lt-v{FORMAT}"
        lru.prune(self.dir, _FOLDER, _ENTRY, _TEMP, max_age=lambda name: self.max_age if name == current else -1,
                  max_bytes=self.max_bytes, every=self.prune_every, now=now)

    # -- which LT version answers at a URL (so a full cache hit asks nothing) --

    def _servers_path(self) -> Path:
        assert self.dir is not None
        return self.dir / "servers.json"

    def server_version(self, url: str) -> str | None:
        if self.dir is None:
            return None
        try:
            with open(self._servers_path(), encoding="utf-8") as fh:
                entry = json.load(fh)[url]
            if time.time() - float(entry["seen"]) < SERVER_VERSION_TTL:
                return str(entry["version"])
        except (OSError, ValueError, KeyError, TypeError):
            pass
        return None

    def remember_server_version(self, url: str, version: str) -> None:
        if self.dir is None:
            return
        try:
            with open(self._servers_path(), encoding="utf-8") as fh:
                servers = json.load(fh)
            if not isinstance(servers, dict):
                servers = {}
        except (OSError, ValueError):
            servers = {}
        servers[url] = {"version": version, "seen": time.time()}
        self._write_json(self._servers_path(), servers)

    @staticmethod
    def _write_json(path: Path, data: Any) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False)
            os.replace(tmp, path)
        except OSError:
            # a cache that cannot be written is just a slower run
            try:
                os.unlink(tmp)  # type: ignore[possibly-undefined]
            except (OSError, UnboundLocalError):
                pass
