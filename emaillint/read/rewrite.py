"""Put fixed text back into a draft file exactly as the file was written.

emaillint judges a normalised text (byte-order mark dropped, CRLF and CR turned
into LF, mis-decoded cp1252 quotes turned into quotes; see ``source``), and fix
offsets point into it. Writing that text back would change every line ending
and the encoding of a file the author never asked to convert. So the fixed text
is not written as such: each changed stretch is mapped back to the file's own
characters, the rest of the file is kept character for character, new line
breaks take the file's own style, and the result is encoded with the file's own
encoding and byte-order mark. A file whose bytes do not survive that (bytes that
are not valid in its encoding, a fix that needs a character its encoding lacks)
is refused with one line rather than written lossily; so is a file that changed
since it was read.
"""
from __future__ import annotations

import difflib
import re
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path

from emaillint.read.source import InputError, Source, decode_with_notes, normalise_text, read_path

_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


class RewriteError(InputError):
    """The file cannot be rewritten without losing or clobbering something; the message is one line."""


@dataclass(frozen=True)
class Original:
    """A draft file as read for rewriting: its bytes, how they decode, and what emaillint judges."""

    source: Source  # the normalised text and format, as every other command reads the file
    data: bytes
    codec: str
    bom: bytes
    raw: str  # the decoded characters, line endings and all

    @property
    def newline(self) -> str:
        """The file's own line break, for the ones a fix adds: the most common of CRLF, CR and LF."""
        crlf = self.raw.count("\r\n")
        cr, lf = self.raw.count("\r") - crlf, self.raw.count("\n") - crlf
        return max((crlf, "\r\n"), (lf, "\n"), (cr, "\r"))[1] if crlf or cr else "\n"


def read_original(path: str, max_size: int) -> Original:
    """Read a draft for rewriting (the same checks and decoding as ``read_path``); raises RewriteError
    (an InputError) when its bytes would not survive a round trip."""
    source = read_path(Path(path), max_size)
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_size + 1)
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    raw, notes = decode_with_notes(data, path)
    if normalise_text(raw) != source.text:
        raise RewriteError(f"{path}: not fixed: the file changed while it was read; run again")
    if notes:
        raise RewriteError(f"{path}: not fixed: it holds bytes that are not valid text (see the warning above); "
                           "fixing it would lose them")
    bom, codec = next(((b, c) for b, c in _BOMS if data.startswith(b)), (b"", None))
    if codec is None:
        codec = "utf-8" if _is_utf8(data) else "cp1252"
    if bom + raw.encode(codec, errors="replace") != data:
        raise RewriteError(f"{path}: not fixed: its encoding could not be worked out exactly; fixing it could "
                           "change bytes it does not touch")
    return Original(source, data, codec, bom, raw)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _raw_offsets(original: Original):
    """A function from offsets in the normalised text to offsets in the decoded file text."""
    raw = original.raw
    lead = 1 if raw.startswith("\ufeff") else 0  # a second byte-order mark that normalising dropped
    crlf_at, at, k = [], raw.find("\r\n"), 0  # where each CRLF's LF sits in the normalised text
    while at != -1:
        crlf_at.append(at - lead - k)
        k += 1
        at = raw.find("\r\n", at + 2)
    return lambda n: n + lead + bisect_left(crlf_at, n)


def encode_fixed(original: Original, fixed: str) -> bytes:
    """The file's bytes with ``fixed`` (a normalised text, as judged) in place of its text.

    Lines the fixes did not touch keep their exact characters and line breaks (a file that mixes
    CRLF and LF keeps both); changed lines take the file's most common line break."""
    old_lines, new_lines = _LINE.findall(original.source.text)[:-1], _LINE.findall(fixed)[:-1]
    to_raw = _raw_offsets(original)
    starts = [0]
    for line in old_lines:
        starts.append(starts[-1] + len(line))
    out = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(original.raw[to_raw(starts[i1]):to_raw(starts[i2])])
        else:
            out.append("".join(new_lines[j1:j2]).replace("\n", original.newline))
    raw = "".join(out)
    try:
        data = original.bom + raw.encode(original.codec)
    except UnicodeEncodeError as exc:
        raise RewriteError(f"{original.source.path}: not fixed: the fix needs {exc.object[exc.start]!r}, which the "
                           f"file's encoding ({original.codec}) cannot hold") from None
    if normalise_text(decode_with_notes(data, original.source.path)[0]) != fixed:
        raise RewriteError(f"{original.source.path}: not fixed: the fixed text would not read back as written")
    return data


_LINE = re.compile(r"[^\n]*\n|[^\n]*$")  # lines with their LF; the last match is always the empty end


def write_fixed(original: Original, data: bytes) -> None:
    """Replace the file with ``data`` atomically (permissions kept; a symbolic link stays a link and its
    target is rewritten), unless it changed since it was read."""
    from emaillint.base.fileio import write_atomic

    path = original.source.path
    try:
        with open(path, "rb") as handle:
            now = handle.read(len(original.data) + 1)
    except OSError as exc:
        raise RewriteError(f"{path}: not fixed: cannot read it again ({exc.strerror or exc})") from None
    if now != original.data:
        raise RewriteError(f"{path}: not fixed: the file changed since emaillint read it; run again")
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise RewriteError(f"{path}: not fixed: cannot write it ({exc.strerror or exc})") from None


def unified_diff(path: str, before: str, after: str) -> str:
    """What a fix changes, as a unified diff of the judged (normalised) texts, headed by the path."""
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 fromfile=path, tofile=path)
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
