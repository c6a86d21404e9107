"""Reading a draft asks for the size the file has, not for the whole size limit (a 256 KB buffer per draft
cost more than judging it), and still reads all of a file that grew after it was measured."""
from __future__ import annotations

import os

import pytest

from emaillint.read import source
from emaillint.read.source import InputError, read_path


def _stat_says(monkeypatch, size: int):
    """os.fstat reports ``size`` bytes, as if the file grew after it was measured."""
    real = os.fstat

    def fstat(fd):
        info = real(fd)
        return os.stat_result((info.st_mode, info.st_ino, info.st_dev, info.st_nlink, info.st_uid, info.st_gid, size,
                               info.st_atime, info.st_mtime, info.st_ctime))
    monkeypatch.setattr(source.os, "fstat", fstat)


def test_a_file_that_grew_after_it_was_measured_is_read_whole(tmp_path, monkeypatch):
    draft = tmp_path / "d.txt"
    draft.write_text("Hi Dana,\n\nHow do you staff the night shift today?\n", encoding="utf-8")
    _stat_says(monkeypatch, 5)
    assert read_path(draft).text == draft.read_text(encoding="utf-8")


def test_a_file_that_grew_past_the_limit_is_refused(tmp_path, monkeypatch):
    draft = tmp_path / "d.txt"
    draft.write_bytes(b"x" * 5000)
    _stat_says(monkeypatch, 10)
    with pytest.raises(InputError, match="too large|over"):
        read_path(draft, max_size=1000)


def test_reading_asks_for_the_file_size_not_the_limit(tmp_path, monkeypatch):
    draft = tmp_path / "d.txt"
    draft.write_text("Short draft.\n", encoding="utf-8")
    asked = []
    real_open = open

    class Spy:
        def __init__(self, handle):
            self.handle = handle

        def read(self, n=-1):
            asked.append(n)
            return self.handle.read(n)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

    monkeypatch.setattr(source, "open", lambda fd, mode: Spy(real_open(fd, mode)), raising=False)
    read_path(draft)
    assert asked and max(asked) <= draft.stat().st_size + 1
