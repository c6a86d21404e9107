"""On-disk cache of LanguageTool answers.

One small JSON file per request, named by the SHA-256 of everything that can
change LanguageTool's answer: the annotated text, the LanguageTool version, the
language and the rules sent as enabled/disabled. The house word list is applied
after the cache (client side), so editing it needs no new requests.
Writes are atomic (temp file + rename); a corrupt or unreadable entry is a miss.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

FORMAT = 1
SERVER_VERSION_TTL = 3600.0  # seconds a remembered "URL -> LT version" is trusted


def default_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "emaillint" / "grammar"


class ResultCache:
    def __init__(self, directory: str | None) -> None:
        if directory == "":
            self.dir: Path | None = None
        else:
            self.dir = Path(directory) if directory else default_dir()

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
        try:
            with open(self._path(key), encoding="utf-8") as fh:
                entry = json.load(fh)
            matches = entry["matches"]
            return matches if isinstance(matches, list) else None
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, matches: list[dict[str, Any]]) -> None:
        if self.dir is None:
            return
        self._write_json(self._path(key), {"matches": matches})

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
