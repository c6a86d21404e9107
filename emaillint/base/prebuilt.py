"""Data from ``rules/`` and ``templates/`` kept pre-built: what parsing and checking their files gives, stored once.

The YAML files stay the source of truth; parsing them (PyYAML) and validating them on
every run was the larger part of a one-draft run's start-up (~40 ms of ~240). So the
first run after a change parses and checks them as before, then stores the result, plain
data, as one ``marshal`` file in emaillint's cache folder, named by a hash of everything
that decides it: this module's format, emaillint's version, the Python version (marshal's
format is Python's), the paths and the content of every file it was built from. Later runs
read that file instead (well under a millisecond) and never import yaml. Hashing the
content, not the modification times, means a checkout, a copy or a clock change can never
serve stale data. The name also holds :func:`code_fingerprint`, so that emaillint's own code
changing under one version number (an install from another commit, an edit in a checkout)
builds the data again rather than serve what older code made of the same files. A cache
folder that cannot be written costs only time: the data is then built on every run, as before. ``python -c "import emaillint.base.prebuilt as p; print(p.folder())"``
shows where the files go.
"""
from __future__ import annotations

import marshal
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from emaillint.base.resources import cache_dir
from emaillint.base.vocabulary import VERSION

try:  # blake2 without OpenSSL: importing hashlib costs a one-file run a few milliseconds
    from _blake2 import blake2b as _hash
except ImportError:  # pragma: no cover
    from hashlib import blake2b as _hash

FORMAT = "prebuilt-v1"
T = TypeVar("T")


def folder() -> Path:
    return cache_dir() / FORMAT


_fingerprint: list[str] = []


def code_fingerprint() -> str:
    """A short hash of the path, size and modification time of every Python file of emaillint: what built a
    cached result. Stat only, no reading (~1 ms, once per process)."""
    if not _fingerprint:
        digest = _hash()
        stack = [os.path.dirname(os.path.dirname(os.path.abspath(__file__)))]
        while stack:
            try:
                entries = sorted(os.scandir(stack.pop()), key=lambda e: e.name)
            except OSError:
                continue
            for entry in entries:
                try:
                    if entry.is_dir(follow_symlinks=False):
                        if entry.name != "__pycache__":
                            stack.append(entry.path)
                    elif entry.name.endswith(".py"):
                        stat = entry.stat()
                        digest.update(f"{entry.path}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode("utf-8", "surrogatepass"))
                except OSError:
                    digest.update(entry.path.encode("utf-8", "surrogatepass") + b"<unreadable>")
        _fingerprint.append(digest.hexdigest()[:16])
    return _fingerprint[0]


def hash_tree(digest, folder: Path) -> None:
    """Add every file's relative path and content under ``folder`` to ``digest`` (sorted; caches and
    hidden files left out; a missing folder counts as such)."""
    if not folder.is_dir():
        digest.update(b"<missing>" + str(folder).encode())
        return
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if "__pycache__" in rel.parts or any(part.startswith(".") for part in rel.parts):
            continue
        if path.is_file():
            digest.update(rel.as_posix().encode() + b"\0")
            try:
                digest.update(_hash(path.read_bytes()).digest())
            except OSError:
                digest.update(b"<unreadable>")


def _content_key(kind: str, sources: list[Path], place: Path | None) -> tuple[str, str]:
    """(a short hash of what is built and where from, a hash of the sources' paths and content and of the code
    that builds it)."""
    import sys

    where = _hash(f"{FORMAT}\0{kind}\0{sys.version}\0".encode())
    for source in [place] if place is not None else sources:
        where.update(str(source).encode("utf-8", "surrogatepass") + b"\0")
    content = _hash(f"{VERSION}\0{code_fingerprint()}\0".encode())  # another build replaces this one's file
    for source in sources:
        content.update(str(source).encode("utf-8", "surrogatepass") + b"\0")
        if source.is_file():
            try:
                content.update(b"file\0" + _hash(source.read_bytes()).digest())
            except OSError:
                content.update(b"<unreadable>")
        else:
            hash_tree(content, source)
    return where.hexdigest()[:16], content.hexdigest()[:32]


def load(kind: str, sources: Iterable[Path], build: Callable[[], T], *, place: Path | None = None) -> T:
    """What ``build()`` makes from ``sources`` (files or folders): from the cache when none of them
    changed since it was stored, else built now (and stored when it can be, replacing what was stored for
    the same ``kind`` and ``place``: the folder the sources come from; by default the sources themselves).
    ``build`` must return plain data (dicts, lists, tuples, strings, numbers, booleans, None); whatever it
    raises is raised, and nothing is stored."""
    where, content = _content_key(kind, list(sources), place)
    path = folder() / f"{kind}-{where}-{content}.marshal"
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    data = build()
    _store(path, f"{kind}-{where}-", data)
    return data


def _store(path: Path, prefix: str, data) -> None:
    """Write ``data`` to ``path`` atomically and remove what this kind and place stored before."""
    try:
        blob = marshal.dumps(data)
    except ValueError:  # something marshal cannot hold (a date in a YAML file, say): build it every time
        return
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp.write_bytes(blob)
        os.replace(temp, path)
        for old in path.parent.glob(f"{prefix}*.marshal"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        try:
            temp.unlink(missing_ok=True)
        except OSError:
            pass
