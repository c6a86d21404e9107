"""Safe writes: every file emaillint writes (rendered templates, baselines, -o reports) goes
through a temporary file in the same folder that is renamed into place, and never through a
symbolic link that leads out of the project."""
from __future__ import annotations

import errno
import os
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path


class LeavesProject(PermissionError):
    """The path to write is in the project, but a symbolic link on it leads outside."""


def within_project(path: Path | str, project: Path | str | None = None) -> Path:
    """The real path to write for ``path``; raises :class:`LeavesProject` when it is inside
    ``project`` (default: the current folder) as written, but a symbolic link on the way (the
    file itself or a folder) leads outside it.

    A repository can hold ``report.json -> /etc/...`` or ``out -> /home/you``; a CI job that runs
    ``emaillint check -o out/report.json`` in it must not write there. A path that is outside the
    project as written (``-o /tmp/report.json``, ``/dev/stdout``) is the user's own choice, and a
    link that stays inside the project is followed (the link stays a link).
    """
    given = Path(os.path.abspath(path))
    real = Path(os.path.realpath(path))
    if given != real:
        root = Path(os.path.abspath(project if project is not None else os.getcwd()))
        real_root = Path(os.path.realpath(root))
        if given.is_relative_to(root) and not real.is_relative_to(real_root):
            raise LeavesProject(errno.EACCES, f"a symbolic link leads out of the project, to {real}; name that path "
                                              "itself to write there", str(path))
    return real


def write_atomic(path: Path | str, text: str | bytes, *, overwrite: bool = True,
                 project: Path | str | None = None) -> None:
    """Write ``text`` (UTF-8; bytes as they are) to a temporary file beside ``path``, then rename it into place.

    A failure midway (full disk, Ctrl-C) leaves the old file whole. An existing
    file keeps its permissions; without ``overwrite`` an existing file is never
    replaced, even one that appeared a moment ago. A path that exists but is not
    a regular file (/dev/stdout, a FIFO) is written to directly: it cannot be
    replaced by renaming. Symbolic links: see :func:`within_project`. Text that
    holds undecodable file-name bytes (lone surrogates) is written with those
    bytes, as on standard output.
    """
    with atomic_open(path, overwrite=overwrite, project=project) as handle:
        handle.write(text if isinstance(text, bytes) else text.encode("utf-8", errors="surrogateescape"))


@contextmanager
def atomic_open(path: Path | str, *, overwrite: bool = True, project: Path | str | None = None):
    """A binary file to write ``path`` with, piece by piece, as :func:`write_atomic` writes it whole: the pieces
    go to a temporary file beside ``path`` that replaces it only when the ``with`` block ends without an error."""
    real = within_project(path, project)
    try:
        info = os.stat(path)
    except OSError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):  # opened by the name given: /dev/stdout has no real path
        with open(path, "wb") as handle:
            yield handle
        return
    path = real
    folder = path.parent if str(path.parent) else Path(".")
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
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
