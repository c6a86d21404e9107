"""A progress line on stderr for long runs, only on a terminal.

    emaillint: judged 1,200/5,000 files

It appears once a run has taken longer than half a second (EMAILLINT_PROGRESS_DELAY
seconds), is redrawn at most ten times a second with a carriage return, and is
wiped before the report is printed, so nothing of it is left in a terminal's
scrollback and nothing at all reaches a pipe, a file or CI logs.
"""
from __future__ import annotations

import os
import sys
import time


class Progress:
    def __init__(self, total: int, *, enabled: bool = True, stream=None):
        self.stream = stream if stream is not None else sys.stderr
        self.total = total
        self.done = 0
        self.width = 0
        try:
            tty = bool(self.stream) and self.stream.isatty()
        except (AttributeError, ValueError, OSError):
            tty = False
        try:
            self.delay = float(os.environ.get("EMAILLINT_PROGRESS_DELAY", "0.5"))
        except ValueError:
            self.delay = 0.5
        self.on = enabled and tty and total > 1
        self.start = time.monotonic()
        self.last = 0.0

    def _draw(self) -> None:
        line = f"emaillint: judged {self.done:,}/{self.total:,} files"
        try:
            self.stream.write("\r" + line.ljust(self.width))
            self.stream.flush()
        except (OSError, ValueError):
            self.on = False
            return
        self.width = max(self.width, len(line))

    def tick(self) -> None:
        self.done += 1
        if not self.on:
            return
        now = time.monotonic()
        if now - self.start >= self.delay and (now - self.last >= 0.1 or self.done == self.total):
            self.last = now
            self._draw()

    def close(self) -> None:
        if self.on and self.width:
            try:
                self.stream.write("\r" + " " * self.width + "\r")
                self.stream.flush()
            except (OSError, ValueError):
                pass
        self.width = 0

    def track(self, items):
        """Yield ``items`` unchanged, counting them; the line is wiped at the end (or on an error)."""
        try:
            for item in items:
                yield item
                self.tick()
        finally:
            self.close()
