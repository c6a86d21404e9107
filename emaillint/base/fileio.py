"""Safe writes: every file emaillint writes (rendered templates, baselines, -o reports) goes
through a temporary file in the same folder that is renamed into place."""
from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def write_atomic(path: Path | str, text: str, *, overwrite: bool = True) -> None:
    """Write ``text`` to a temporary file beside ``path``, then rename it into place.

    A failure midway (full disk, Ctrl-C) leaves the old file whole. An existing
    file keeps its permissions; without ``overwrite`` an existing file is never
    replaced, even one that appeared a moment ago. A path that exists but is not
    a regular file (/dev/stdout, a FIFO) is written to directly: it cannot be
    replaced by renaming.
    """
    path = Path(path)
    try:
        info = os.stat(path)
    except OSError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        return
    folder = path.parent if str(path.parent) else Path(".")
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        if overwrite:
            os.replace(tmp, path)
        else:
            os.link(tmp, path)  # fails if the file exists: never clobbers
            os.unlink(tmp)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
