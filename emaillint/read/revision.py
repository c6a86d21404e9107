"""Read one version of a draft for ``emaillint diff``: a file, or ``REV:PATH``, the file at a git revision.

``REV:PATH`` is git's own way to name a file at a revision (``git show HEAD~1:drafts/x.txt``),
with one difference: PATH is relative to the current folder, as the working copy's PATH
is, so ``emaillint diff HEAD:x.txt x.txt`` works from any folder of the repository. An
argument that names an existing file is always that file, so a file name with a colon in
it still works. The bytes come from ``git cat-file blob`` (no filters, no pager) and are
decoded and size-checked like a file on disk.
"""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

from emaillint.read.source import InputError, Source, decode_with_notes, detect_format, normalise_text, read_path, \
    too_large

GIT_TIMEOUT = 60  # seconds; a repository on a stalled network disk must not hang the command


def split_spec(spec: str) -> tuple[str | None, str]:
    """(revision, path) of ``REV:PATH``; (None, spec) for a file."""
    if os.path.exists(spec) or ":" not in spec:
        return None, spec
    rev, _, path = spec.partition(":")
    return rev, path


def read_version(spec: str, max_size: int) -> Source:
    """The draft ``spec`` names, as a Source whose path is the file's own path (its format, its
    configuration) and whose notes say what could not be decoded. Raises InputError."""
    rev, path = split_spec(spec)
    if rev is None:
        return read_path(Path(path), max_size)
    if not rev or rev.startswith("-") or not path:
        raise InputError(f"{spec}: write a git revision and a file as REV:PATH (e.g. HEAD:drafts/intro.txt)")
    relative = os.path.relpath(path) if os.path.isabs(path) else path
    if not relative.startswith(("./", "../")):
        relative = "./" + relative  # git reads ./PATH relative to the current folder
    try:
        done = subprocess.run(["git", "cat-file", "blob", f"{rev}:{relative}"], capture_output=True,
                              timeout=GIT_TIMEOUT, check=False)
    except FileNotFoundError:
        raise InputError(f"{spec}: reading a file at a revision needs git, which is not installed") from None
    except subprocess.TimeoutExpired:
        raise InputError(f"{spec}: git did not answer within {GIT_TIMEOUT} seconds") from None
    if done.returncode != 0:
        why = (done.stderr.decode("utf-8", "replace").strip().splitlines() or ["git failed"])[-1]
        raise InputError(f"{spec}: {why.removeprefix('fatal: ')}")
    if len(done.stdout) > max_size:
        raise InputError(f"{spec}: {too_large(len(done.stdout), max_size)}")
    text, notes = decode_with_notes(done.stdout, spec)
    text = normalise_text(text)
    return Source(path, text, detect_format(path, text), notes)
