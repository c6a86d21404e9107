"""Standard input for pygls, re-framed so that a bad message header cannot make the server deaf or kill it.

pygls trusts the framing: a ``Content-Length`` it cannot parse, a length a few bytes off, or a message
with no header at all leaves it reading bodies as headers for the rest of the session (every later
request unanswered), and an absurd length makes it try to read that much (the server dies).
:class:`Frames` reads the real stream and hands pygls clean messages: a header block counts only once it
has a sensible ``Content-Length``, found anywhere in a line, so after a body that overran into the next
header, or a short one, one message is lost and the next is read again.
"""
from __future__ import annotations

import logging
import re

_LENGTH = re.compile(rb"Content-Length:[ \t]*(\d{1,10})[ \t]*\r?$", re.IGNORECASE)
MAX_MESSAGE = 64 * 1024 * 1024  # bytes; an editor's 5 MB buffer is far below it, a bogus length is not


class Frames:
    """``readline``/``read`` over ``raw`` (a binary stream), as pygls's reader calls them."""

    def __init__(self, raw) -> None:
        self.raw = raw
        self.pending = b""  # the clean message being handed out

    def _next(self) -> bytes:
        length = None
        while True:
            line = self.raw.readline()
            if not line:
                return b""
            found = _LENGTH.search(line.rstrip(b"\n"))
            if found:
                length = int(found.group(1))
            elif not line.strip() and length is not None:
                if length > MAX_MESSAGE:
                    logging.getLogger(__name__).warning("ignored a message that claims %d bytes", length)
                    length = None
                    continue
                body = self.raw.read(length)
                if len(body) < length:  # the client went away mid-message
                    return b""
                return b"Content-Length: %d\r\n\r\n" % length + body

    def readline(self) -> bytes:
        if not self.pending:
            self.pending = self._next()
        line, newline, self.pending = self.pending.partition(b"\n")
        return line + newline

    def read(self, n: int) -> bytes:
        out, self.pending = self.pending[:n], self.pending[n:]
        return out
