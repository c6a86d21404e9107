"""Bounding an on-disk cache by age and size, least recently used first: the one pruning both caches
(LanguageTool's answers in ``grammar/_cache.py``, reports in ``run/cache.py``) use.

A cache is a folder of ``<version folder>/<2-hex shard>/<entry>`` files. An entry's modification
time is its last use (:func:`renew` on a hit), so pruning removes what nobody read for longest.
Pruning runs at most once per interval (a stamp file's modification time says when it last ran),
deletes only files named like the cache's own entries, never follows a symbolic link, and gives up
quietly on a folder it cannot write: a cache is never worth a failed run. Concurrent runs are safe:
the first to find the stamp old renews it and prunes, the others skip; an entry another run removes
first is simply gone, and a reader of a removed entry sees a miss.
"""
from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from pathlib import Path

RENEW_AFTER = 24 * 3600.0  # a hit renews an entry's time only when it is older than this (no write per hit)
TEMP_GRACE = 3600.0  # a temporary file this old was left by a run killed mid-write
STAMP = ".last-pruned"
_SHARD = re.compile(r"[0-9a-f]{2}")


def renew(path: Path | str, used: float) -> None:
    """Mark an entry last used ``used`` (its modification time) as used now, at most once a day."""
    if time.time() - used > RENEW_AFTER:
        try:
            os.utime(path)
        except OSError:
            pass


def prune(root: Path, folders: re.Pattern, entries: re.Pattern, temps: re.Pattern, *,
          max_age: Callable[[str], float], max_bytes: int, every: float, now: float | None = None) -> None:
    """Remove stale and least recently used entries under ``root``, if it was not pruned in ``every`` seconds.

    ``folders`` names the version folders, ``entries`` and ``temps`` the entries and the temporary files
    in their shards; ``max_age(folder name)`` is how long an entry of that folder may go unused (a
    negative age: the folder is never read again, remove everything). Then the least recently used go
    until the entries take at most ``max_bytes`` on disk."""
    now = time.time() if now is None else now
    stamp = root / STAMP
    try:
        if now - stamp.stat().st_mtime < every:
            return
    except FileNotFoundError:
        pass
    except OSError:
        return
    try:
        stamp.touch()
        os.utime(stamp, (now, now))
    except OSError:
        return  # an unwritable cache cannot be pruned (nor written): nothing to do
    kept: list[tuple[float, int, str]] = []  # (last use, bytes on disk, path)
    for folder in _scan(root, folders, folders=True):
        allowed = max_age(folder.name)
        for shard in _scan(folder, _SHARD, folders=True):
            for entry in _scan(shard, entries, folders=False) + _scan(shard, temps, folders=False):
                try:
                    info = entry.stat(follow_symlinks=False)
                except OSError:  # removed meanwhile by another run
                    continue
                age = now - info.st_mtime
                if temps.fullmatch(entry.name):
                    if age > TEMP_GRACE:
                        _remove(entry.path)
                elif 0 <= allowed and age <= allowed:
                    kept.append((info.st_mtime, max(info.st_size, getattr(info, "st_blocks", 0) * 512), entry.path))
                else:
                    _remove(entry.path)
    total = sum(size for _, size, _ in kept)
    for _, size, path in sorted(kept):
        if total <= max_bytes:
            break
        _remove(path)
        total -= size
    for folder in _scan(root, folders, folders=True):  # emptied shards and folders go too
        for shard in _scan(folder, _SHARD, folders=True):
            _rmdir(shard.path)
        _rmdir(folder.path)


def _scan(folder: Path | str, name: re.Pattern, *, folders: bool) -> list[os.DirEntry]:
    """Sub-folders (or files) of ``folder`` named like ``name``; symbolic links are never followed,
    and a folder that cannot be read holds nothing."""
    try:
        with os.scandir(folder) as it:
            return [e for e in it if name.fullmatch(e.name)
                    and (e.is_dir(follow_symlinks=False) if folders else e.is_file(follow_symlinks=False))]
    except OSError:
        return []


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:  # gone already (another run pruned it), or not ours to remove
        pass


def _rmdir(path: str) -> None:
    try:
        os.rmdir(path)
    except OSError:  # not empty, or gone
        pass
