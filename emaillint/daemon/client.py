"""``emaillint-hook``: ``emaillint`` as the pre-commit hooks run it, answered by a warm daemon when one runs.

It takes the same arguments as ``emaillint`` and gives the same output and exit
code (see emaillint.daemon for how and when the daemon is used). Only ``os``,
``sys`` and ``_socket`` are imported on the way to the daemon: starting this is
most of what a pre-commit run over one draft costs.
"""
from __future__ import annotations

import os
import sys

import _socket  # the C module alone: `socket` imports enum, selectors and more

from emaillint import daemon


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--stop-daemon"]:
        return _stop()
    how = daemon.mode()
    if how == "off" or not _for_the_daemon(args):
        return _in_process(args)
    try:
        path = daemon.socket_path()
        cwd = os.getcwd()
    except (daemon.Unusable, OSError) as exc:
        return _fallback(how, args, str(exc) if isinstance(exc, daemon.Unusable) else "the working folder is gone",
                         None)
    code = _ask(path, cwd, args)
    if code is not None:
        return code
    return _fallback(how, args, f"no emaillint daemon answered at {path}", path)


def _for_the_daemon(args: list[str]) -> bool:
    """A ``check`` over named files (standard input belongs to this process), where Unix sockets exist."""
    if not args or args[0] != "check" or "-" in args[1:] or any(a.startswith("--stdin-filename") for a in args):
        return False
    return hasattr(_socket, "AF_UNIX") and hasattr(os, "getuid")


def _connect(path: str):
    sock = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    try:
        sock.connect(path)
    except OSError:
        sock.close()
        return None
    return sock


def _ask(path: str, cwd: str, args: list[str]) -> int | None:
    """The daemon's exit code, its output written here; None when no daemon answered before writing anything
    (none runs, or it is stale), so this process can judge instead."""
    sock = _connect(path)
    if sock is None:
        return None
    wrote = False
    try:
        ttys = "".join("1" if _isatty(fd) else "0" for fd in (1, 2))
        env = [f"{key}={value}" for key, value in os.environ.items()]
        sock.sendall(daemon.encode_request([daemon.PROTOCOL, cwd, ttys, str(len(env)), *env, *args]))
        sock.shutdown(_socket.SHUT_WR)
        for tag, data in _frames(sock):
            if tag == daemon.EXIT:
                return int(data)
            if tag == daemon.STALE and not wrote:
                return None
            if tag in (daemon.STDOUT, daemon.STDERR):
                _write(1 if tag == daemon.STDOUT else 2, data)
                wrote = True
    except (OSError, ValueError):
        pass
    finally:
        sock.close()
    if not wrote:
        return None
    _write(2, b"emaillint: error: the emaillint daemon stopped in the middle of the run; run the command again "
              b"(EMAILLINT_DAEMON=0 runs without it)\n")
    return 2


def _frames(sock):
    """(tag, bytes) frames until the daemon closes the connection."""
    pending = bytearray()
    for chunk in daemon.received(sock):
        pending += chunk
        while len(pending) >= 5:
            size = int.from_bytes(pending[1:5], "big")
            if len(pending) < 5 + size:
                break
            yield bytes(pending[:1]), bytes(pending[5:5 + size])
            del pending[:5 + size]


def _write(fd: int, data: bytes) -> None:
    """All of ``data`` to ``fd``; a closed stdout (a pager that quit) loses the rest quietly."""
    view = memoryview(data)
    try:
        while view:
            view = view[os.write(fd, view):]
    except OSError:
        pass


def _isatty(fd: int) -> bool:
    try:
        return os.isatty(fd)
    except OSError:
        return False


def _fallback(how: str, args: list[str], reason: str, start: str | None) -> int:
    """Judge in this process (starting a daemon for the next run), or, with EMAILLINT_DAEMON=require, say why
    the daemon was not used and exit 2."""
    if how == "require":
        _write(2, f"emaillint: error: {reason} (EMAILLINT_DAEMON=require)\n".encode("utf-8", "surrogateescape"))
        return 2
    if start is not None:
        _start(start)
    return _in_process(args)


def _start(path: str) -> None:
    """Start a daemon for ``path`` in the background: its own session (no terminal, not killed with this
    process), standard streams away from pre-commit's pipes (pre-commit waits until they close), errors in a
    log beside the socket."""
    import subprocess

    try:
        with open(path.removesuffix(".sock") + ".log", "wb") as log:
            subprocess.Popen([sys.executable, "-m", "emaillint.daemon.server", path], stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL, stderr=log, cwd="/", start_new_session=True)
    except OSError:
        pass  # no daemon this time: this run is judged here all the same


def _in_process(args: list[str]) -> int:
    from emaillint.cli import main as cli

    return cli.main(args, prog_name="emaillint")


def _stop() -> int:
    """``emaillint-hook --stop-daemon``: end this installation's daemon, if one runs."""
    try:
        path = daemon.socket_path()
    except daemon.Unusable as exc:
        _write(2, f"emaillint: error: {exc}\n".encode("utf-8", "surrogateescape"))
        return 2
    stopped = stop(path)
    if stopped is None:
        _write(1, b"emaillint: no daemon was running\n")
        return 0
    _write(1, b"emaillint: stopped the daemon\n" if stopped else b"emaillint: the daemon did not answer\n")
    return 0 if stopped else 2


def stop(path: str) -> bool | None:
    """Ask the daemon at ``path`` to leave: True when it said it will, False when it did not answer, None when no
    daemon listens there."""
    sock = _connect(path)
    if sock is None:
        return None
    try:
        sock.sendall(daemon.encode_request([daemon.PROTOCOL, daemon.STOP]))
        sock.shutdown(_socket.SHUT_WR)
        return any(tag == daemon.EXIT for tag, _ in _frames(sock))
    except OSError:
        return False
    finally:
        sock.close()


if __name__ == "__main__":  # python -m emaillint.daemon.client
    sys.exit(main())
