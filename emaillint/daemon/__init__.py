"""The pre-commit hook's warm emaillint: a ``check``'s arguments, folder and environment in, its output and exit code out.

``emaillint-hook`` asks a running emaillint instead of starting one.

Why: a pre-commit run over one changed draft spent most of its time starting
emaillint (Python, click, the rules: ~0.1 s), not judging the draft (~3 ms).
``emaillint-hook`` (the pre-commit hooks' entry) is a client small enough to
start in about the time of ``python -c pass``: it hands its arguments, working
folder and environment to a daemon that has everything loaded, and writes what
the daemon sends back (stdout, stderr, exit code) as its own. The daemon runs
the very ``emaillint check`` the CLI runs (``emaillint.cli.main``), so the output
is the same byte for byte; only the start-up is saved.

- Where: one Unix socket per installation (this Python and this emaillint) in
  a folder only the user can enter (``$EMAILLINT_DAEMON_DIR``, else
  ``$XDG_RUNTIME_DIR/emaillint``, else ``$TMPDIR/emaillint-<uid>``). A folder
  others can enter, or own, is never used. The daemon also refuses a caller of
  another user (Linux: ``SO_PEERCRED``). Nothing listens on the network.
- When: the first ``emaillint-hook check`` with no daemon judges in its own
  process, as ``emaillint check`` would, and starts a daemon in the background
  for the next one. The daemon leaves after ``$EMAILLINT_DAEMON_IDLE`` seconds
  without a request (default 900), when emaillint's code, rules or templates
  change (it then answers "stale" and the client judges in its own process),
  or on ``emaillint-hook --stop-daemon``.
- Not used for anything but ``check`` over named files (standard input is the
  client's own), on a system without Unix sockets, with ``EMAILLINT_DAEMON=0``,
  or on a CI machine (``CI`` set) unless ``EMAILLINT_DAEMON=1``. ``EMAILLINT_DAEMON=require`` turns every fallback into
  an error line and exit 2 (for tests and for checking a set-up).

The wire format: the request is NUL-separated fields (protocol, working folder,
whether stdout and stderr are terminals, the environment, the arguments), ended
by the client closing its side; the answer is frames of a one-byte tag, a
four-byte length and the bytes: ``o`` stdout, ``e`` stderr, ``x`` the exit code
(the last frame), ``s`` "stale: judge it yourself".

This module holds what client and daemon share and imports nothing heavy: the
client's start-up is the point.
"""
from __future__ import annotations

import os
import stat
import sys

PROTOCOL = "emaillint-daemon-1"
STOP = "stop"  # the command in place of a working folder: leave now
IDLE_SECONDS = 900.0
MAX_REQUEST = 8 << 20  # bytes: arguments and environment; pre-commit splits long file lists itself

STDOUT, STDERR, EXIT, STALE = b"o", b"e", b"x", b"s"


class Unusable(Exception):
    """Why the daemon cannot be used here (a one-line reason)."""


_NO = ("0", "off", "no", "false")


def mode() -> str:
    """``on``, ``off`` or ``require`` (``EMAILLINT_DAEMON``). Unset, it is ``on``, except on a CI machine
    (``CI`` set, as GitHub Actions, GitLab CI and most others do): a CI job runs the hook once, so a daemon
    would only outlive it."""
    raw = os.environ.get("EMAILLINT_DAEMON", "").strip().lower()
    if raw in _NO:
        return "off"
    if raw == "require":
        return "require"
    if not raw and os.environ.get("CI", "").strip().lower() not in ("", *_NO):
        return "off"
    return "on"


def folder() -> str:
    """The private folder of the sockets, created if need be; Unusable when it is not private to this user."""
    explicit = os.environ.get("EMAILLINT_DAEMON_DIR")
    if explicit:
        place = explicit
    else:
        runtime = os.environ.get("XDG_RUNTIME_DIR")
        if runtime and os.path.isdir(runtime):
            place = os.path.join(runtime, "emaillint")
        else:
            place = os.path.join(os.environ.get("TMPDIR") or "/tmp", f"emaillint-{os.getuid()}")
    try:
        os.mkdir(place, 0o700)
    except FileExistsError:
        pass
    except OSError as exc:
        raise Unusable(f"cannot create the daemon folder {place} ({exc.strerror or exc})") from None
    try:
        info = os.lstat(place)
    except OSError as exc:
        raise Unusable(f"cannot read the daemon folder {place} ({exc.strerror or exc})") from None
    if not stat.S_ISDIR(info.st_mode):
        raise Unusable(f"the daemon folder {place} is not a folder")
    if info.st_uid != os.getuid():
        raise Unusable(f"the daemon folder {place} belongs to another user")
    if info.st_mode & 0o077:
        raise Unusable(f"the daemon folder {place} is open to other users (mode {info.st_mode & 0o777:o}; "
                       "it must be 700)")
    return place


def socket_path() -> str:
    """This installation's socket: one daemon per Python and emaillint folder, so two virtual environments
    (two pre-commit hook versions) never answer for each other (an upgrade in place is caught by the daemon's
    own check of its files)."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    try:
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - CPython always has it
        from hashlib import blake2b
    key = blake2b(f"{PROTOCOL}\0{sys.executable}\0{package}".encode("utf-8", "surrogateescape"),
                  digest_size=8).hexdigest()
    return os.path.join(folder(), f"hook-{key}.sock")


def received(sock):
    """What ``sock`` receives, chunk by chunk, until the other side closes its end."""
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return
        yield chunk


def frame(tag: bytes, data: bytes) -> bytes:
    return tag + len(data).to_bytes(4, "big") + data


def encode_request(fields: list[str]) -> bytes:
    return b"\0".join(os.fsencode(field) for field in fields)


def decode_request(data: bytes) -> list[str]:
    return [os.fsdecode(field) for field in data.split(b"\0")]
