"""Read drafts from disk or stdin and turn offsets into lines and columns.

Text is decoded once and normalised (BOM dropped, CRLF and CR turned into LF).
Normalising never moves a line or a column: a carriage return only ever sits at
the end of a line, so every reported position still points at the right place
in the original file.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path


class InputError(Exception):
    """A file that cannot be read or decoded; the message is one line."""


@dataclass(frozen=True)
class Source:
    """One draft: its display path, its format and its normalised text."""

    path: str
    text: str
    fmt: str  # "txt", "md", "eml", "jinja"


def normalise_text(text: str) -> str:
    """Drop a leading BOM and turn CRLF / CR line endings into LF."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def decode_bytes(data: bytes, path: str) -> str:
    """Decode as UTF-8 (with or without BOM), falling back to cp1252 for old drafts."""
    if b"\x00" in data[:4096]:
        raise InputError(f"{path}: looks like a binary file, not an email draft")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


JINJA_SUFFIXES = (".j2", ".jinja", ".jinja2")


def detect_format(path: str | None, text: str = "") -> str:
    """Guess the draft format from the file name (stdin: from the content)."""
    name = (path or "").lower()
    if name.endswith(JINJA_SUFFIXES):
        return "jinja"
    if name.endswith(".eml"):
        return "eml"
    if name.endswith((".md", ".markdown")):
        return "md"
    if not path or path == "-":
        if text.startswith("---\n"):
            return "md"
    return "txt"


def read_path(path: Path) -> Source:
    """Read one draft file; any failure becomes a one-line InputError."""
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    text = normalise_text(decode_bytes(data, str(path)))
    return Source(str(path), text, detect_format(str(path), text))


def from_text(text: str, path: str | None = None) -> Source:
    """Wrap text that is already in memory (stdin, an editor buffer, the API)."""
    text = normalise_text(text)
    return Source(path or "-", text, detect_format(path, text))


class LineIndex:
    """Offset ↔ (line, column) conversion, 1-based, by bisecting line starts."""

    def __init__(self, text: str):
        self.text = text
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self.starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; columns count characters."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        """Inverse of position() for 1-based line and column."""
        line = max(1, min(line, len(self.starts)))
        return self.starts[line - 1] + column - 1

    def line_text(self, line: int) -> str:
        start = self.starts[line - 1]
        end = self.text.find("\n", start)
        return self.text[start:] if end == -1 else self.text[start:end]
