"""Read drafts from disk or stdin and turn offsets into lines and columns.

Text is decoded once and normalised (BOM dropped, CRLF and CR turned into LF).
Normalising never moves a line or a column: a carriage return only ever sits at
the end of a line, so every reported position still points at the right place
in the original file.
"""
from __future__ import annotations

import os
import stat
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

MAX_SIZE = 256 * 1024  # bytes (characters for text already in memory); config key ``max-size``


class InputError(Exception):
    """A file that cannot be read or decoded; the message is one line."""


@dataclass(frozen=True)
class Source:
    """One draft: its display path, its format and its normalised text."""

    path: str
    text: str
    fmt: str  # "txt", "md", "eml", "jinja"
    notes: tuple[str, ...] = field(default=(), compare=False)  # one-line warnings found while reading


def too_large(size: int, limit: int, unit: str = "bytes") -> str:
    """The one-line reason a draft is refused for its size."""
    return f"{size:,} {unit} is over the size limit of {limit:,} (set max-size in the config to raise it)"


# C1 control characters that are really cp1252 punctuation decoded the wrong way somewhere upstream
# ("I\x92m" for "I’m"); no draft means them as controls. Same length, so offsets are kept.
_C1_PUNCTUATION = str.maketrans({"\x91": "‘", "\x92": "’", "\x93": "“", "\x94": "”", "\x95": "•", "\x96": "–", "\x97": "—"})


def normalise_text(text: str) -> str:
    """Drop a leading BOM, turn CRLF / CR line endings into LF and mis-decoded cp1252 quotes into quotes."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.isascii():  # the C1 controls are outside ASCII; translating costs per character
        text = text.translate(_C1_PUNCTUATION)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def _where(data: bytes, at: int) -> str:
    line = data.count(b"\n", 0, at) + 1
    column = at - (data.rfind(b"\n", 0, at) + 1) + 1
    return f"line {line}, column {column}"


def decode_with_notes(data: bytes, path: str) -> tuple[str, tuple[str, ...]]:
    """Decode a draft; returns the text and one-line notes about bytes that could not be decoded.

    UTF-8 (with or without BOM) first; UTF-16 and UTF-32 when they start with a
    BOM; a file that is mostly UTF-8 with a few bad bytes keeps its UTF-8 and
    names the first bad byte; a file with no UTF-8 at all is an old cp1252 draft.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec), ()
            except UnicodeDecodeError as exc:
                text = data[len(bom):].decode(codec, errors="replace")
                return text, (f"{path}: bytes {exc.start + len(bom)}-{exc.end + len(bom) - 1} are not valid "
                              f"{codec.upper()[:6]}; shown as \ufffd",)
    if b"\x00" in data[:4096]:
        raise InputError(f"{path}: looks like a binary file, not an email draft")
    try:
        return data.decode("utf-8-sig"), ()
    except UnicodeDecodeError as exc:
        first = exc
    text = data.decode("utf-8-sig", errors="replace")
    if any(ord(c) > 127 and c != "\ufffd" for c in text):
        bad = data[first.start:first.start + 1].hex()
        count = text.count("\ufffd")
        more = f" (and {count - 1} more)" if count > 1 else ""
        return text, (f"{path}: byte 0x{bad} at {_where(data, first.start)} is not UTF-8{more}; shown as \ufffd",)
    return data.decode("cp1252", errors="replace"), ()


def decode_bytes(data: bytes, path: str) -> str:
    """Decode as UTF-8 (with or without BOM), UTF-16/32 with a BOM, falling back to cp1252 for old drafts."""
    return decode_with_notes(data, path)[0]


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


def _describe(error: OSError) -> str:
    return error.strerror or str(error)


def _check_regular(path: Path, info: os.stat_result, max_size: int) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{path}: is a directory")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{path}: not a regular file (a pipe, socket or device), skipped")
    if info.st_size > max_size:
        raise InputError(f"{path}: {too_large(info.st_size, max_size)}")


def read_path(path: Path, max_size: int = MAX_SIZE) -> Source:
    """Read one draft file; any failure becomes a one-line InputError.

    Only regular files are read (a FIFO or a device such as /dev/zero would block
    or never end), and never more than ``max_size`` bytes. The file is checked
    before it is opened (a device is not even opened) and again once it is open,
    without waiting: a file swapped for a FIFO in between is refused, not waited on.
    """
    try:
        _check_regular(path, os.stat(path), max_size)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with open(fd, "rb") as handle:
            info = os.fstat(fd)
            _check_regular(path, info, max_size)
            # read() of n bytes allocates n up front: ask for the size the file has (a 256 KB buffer per
            # draft costs more than judging it), then for the rest only if it grew in the meantime
            data = handle.read(min(info.st_size, max_size) + 1)
            if len(data) > info.st_size:
                data += handle.read(max_size + 1 - len(data))
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({_describe(exc)})") from None
    except ValueError as exc:  # e.g. an embedded NUL in the name
        raise InputError(f"{path}: cannot read ({exc})") from None
    if len(data) > max_size:
        raise InputError(f"{path}: {too_large(len(data), max_size)}")
    shown = os.fsdecode(path) if not isinstance(path, str) else path
    text, notes = decode_with_notes(data, str(shown))
    text = normalise_text(text)
    return Source(str(path), text, detect_format(str(path), text), notes)


def read_stdin(max_size: int = MAX_SIZE, name: str = "-") -> tuple[str, tuple[str, ...]]:
    """Standard input as text (bytes decoded like a file), at most ``max_size`` bytes."""
    import sys

    stream = sys.stdin
    if stream is None:
        raise InputError(f"{name}: standard input is closed")
    try:
        raw = getattr(stream, "buffer", None)
        data = raw.read(max_size + 1) if raw is not None else stream.read(max_size + 1)
    except (OSError, ValueError) as exc:
        raise InputError(f"{name}: cannot read standard input ({exc})") from None
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogateescape")
    if len(data) > max_size:
        raise InputError(f"{name}: {too_large(len(data), max_size)}")
    return decode_with_notes(data, name)


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
