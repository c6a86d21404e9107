"""The daemon behind ``emaillint-hook`` (see emaillint.daemon): rules loaded once, requests one at a time.

    python -m emaillint.daemon.server SOCKET

Each request runs ``emaillint.cli.main`` with the caller's arguments, working
folder and environment, its stdout and stderr sent back as they are written:
the run is the CLI's own, so nothing about the output can drift from it. The
configuration is discovered again for every request (a changed pyproject.toml
counts at once), and the installation is checked before every request: changed
code, rules or templates end the daemon.
"""
from __future__ import annotations

import errno
import io
import os
import signal
import socket
import sys
import time

from emaillint import daemon

TICK = 5.0  # seconds between checks of the idle time and of the socket file while nothing comes in


class _Frames(io.RawIOBase):
    """A stream whose writes go to the client as frames of one tag (stdout or stderr)."""

    def __init__(self, conn: socket.socket, tag: bytes, tty: bool):
        super().__init__()
        self.conn, self.tag, self.tty = conn, tag, tty

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:  # what the client's own stream is: colour and progress decide by it
        return self.tty

    def write(self, data) -> int:
        data = bytes(data)
        if data:
            self.conn.sendall(daemon.frame(self.tag, data))
        return len(data)


def _stream(conn: socket.socket, tag: bytes, tty: bool) -> io.TextIOWrapper:
    return io.TextIOWrapper(_Frames(conn, tag, tty), encoding="utf-8", errors="surrogateescape", write_through=True)


def installation() -> tuple:
    """Every file of emaillint's code, rules and templates with its size and change time: what the loaded
    daemon was built from (a stat per file, ~1 ms)."""
    from emaillint.base.resources import PACKAGE, data_dir

    roots = [str(PACKAGE)]
    for name in ("rules", "templates"):
        try:
            roots.append(str(data_dir(name)))
        except FileNotFoundError:
            pass
    seen = []
    for root in roots:
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
            for name in sorted(files):
                path = os.path.join(folder, name)
                try:
                    info = os.stat(path)
                except OSError:
                    continue
                seen.append((path, info.st_size, info.st_mtime_ns))
    return tuple(seen)


def _same_user(conn: socket.socket) -> bool:
    """The caller runs as this user (Linux tells; elsewhere the private folder is the guard)."""
    option = getattr(socket, "SO_PEERCRED", None)
    if option is None:
        return True
    import struct

    try:
        _pid, uid, _gid = struct.unpack("3i", conn.getsockopt(socket.SOL_SOCKET, option, struct.calcsize("3i")))
    except OSError:
        return False
    return uid == os.getuid()


def _read_request(conn: socket.socket) -> list[str] | None:
    conn.settimeout(10)
    data = bytearray()
    for chunk in daemon.received(conn):
        data += chunk
        if len(data) > daemon.MAX_REQUEST:
            return None
    return daemon.decode_request(bytes(data))


class Daemon:
    def __init__(self, path: str, listener: socket.socket, idle: float):
        self.path, self.listener, self.idle = path, listener, idle
        self.inode = os.stat(path).st_ino
        self.built_from = installation()  # before loading: a file changed meanwhile shows at the first request
        from emaillint.cli import main as cli
        from emaillint.run import config
        from emaillint.run.stream import warm_up

        self.cli, self.config = cli, config
        warm_up(config.Config())  # the rules loaded and every pattern compiled, before the first request

    def serve(self) -> None:
        last = time.monotonic()
        self.listener.settimeout(min(TICK, self.idle))
        while True:
            try:
                conn, _ = self.listener.accept()
            except socket.timeout:
                if time.monotonic() - last > self.idle or not self._socket_is_ours():
                    return
                continue
            with conn:
                try:
                    if not self._answer(conn):
                        return
                except OSError:  # the client went away: nothing to answer
                    pass
            last = time.monotonic()

    def _answer(self, conn: socket.socket) -> bool:
        """Answer one request; False when the daemon must leave."""
        if not _same_user(conn):
            return True
        fields = _read_request(conn)
        if not fields or fields[0] != daemon.PROTOCOL:
            conn.sendall(daemon.frame(daemon.STALE, b""))
            return True
        if fields[1:] == [daemon.STOP]:
            conn.sendall(daemon.frame(daemon.EXIT, b"0"))
            return False
        if installation() != self.built_from:  # emaillint was upgraded or edited: the caller judges, we leave
            conn.sendall(daemon.frame(daemon.STALE, b""))
            return False
        try:
            cwd, ttys, count = fields[1], fields[2], int(fields[3])
        except (IndexError, ValueError):
            conn.sendall(daemon.frame(daemon.STALE, b""))
            return True
        env = dict(item.split("=", 1) for item in fields[4:4 + count] if "=" in item)
        args = fields[4 + count:]
        conn.settimeout(None)
        code = self._check(conn, cwd, ttys, env, args)
        conn.sendall(daemon.frame(daemon.EXIT, str(code).encode()))
        # the CLI turns SIGTERM into exit 130 (there is no Ctrl-C here: the daemon has no terminal); the run
        # is answered, then the daemon does what SIGTERM asked
        return code != 130

    def _check(self, conn: socket.socket, cwd: str, ttys: str, env: dict, args: list[str]) -> int:
        """Run the CLI as the caller would have: its folder, its environment, its terminals."""
        saved_env, saved_streams = dict(os.environ), (sys.stdout, sys.stderr)
        on_sigterm = signal.getsignal(signal.SIGTERM)
        out, err = _stream(conn, daemon.STDOUT, ttys[:1] == "1"), _stream(conn, daemon.STDERR, ttys[1:2] == "1")
        try:
            os.environ.clear()
            os.environ.update(env)
            os.chdir(cwd)
            sys.stdout, sys.stderr = out, err
            self.config.clear_cache()  # a config file may have changed since the last request
            try:
                self.cli.main(args, prog_name="emaillint")
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            except Exception as exc:  # noqa: BLE001 - a bug answers this request, the daemon stays
                err.write(f"emaillint: error: internal error ({type(exc).__name__}: {exc})\n")
                code = 2
            out.flush()
            err.flush()
            return code
        except OSError as exc:  # the working folder is gone
            err.write(f"emaillint: error: cannot run in {cwd} ({exc.strerror or exc})\n")
            return 2
        finally:
            grammar = sys.modules.get("emaillint.grammar._server")
            if grammar is not None:  # a run with --grammar may have started a local LanguageTool: not kept
                grammar.stop_local()
            sys.stdout, sys.stderr = saved_streams
            os.environ.clear()
            os.environ.update(saved_env)
            signal.signal(signal.SIGTERM, on_sigterm)
            os.chdir("/")

    def _socket_is_ours(self) -> bool:
        try:
            return os.stat(self.path).st_ino == self.inode
        except OSError:
            return False

    def close(self) -> None:
        self.listener.close()
        if self._socket_is_ours():
            try:
                os.unlink(self.path)
            except OSError:
                pass


class AlreadyRunning(Exception):
    pass


def _listen(path: str) -> socket.socket:
    """Listen at ``path``; a socket file left by a daemon that was killed is replaced, a live one is not."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old = os.umask(0o177)  # the socket is born 0600
    try:
        try:
            listener.bind(path)
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE:
                raise
            probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                probe.connect(path)
            except OSError:
                os.unlink(path)
                listener.bind(path)
            else:
                raise AlreadyRunning(path) from None
            finally:
                probe.close()
    finally:
        os.umask(old)
    listener.listen(16)
    return listener


def _idle_seconds() -> float:
    try:
        value = float(os.environ.get("EMAILLINT_DAEMON_IDLE") or daemon.IDLE_SECONDS)
    except ValueError:
        return daemon.IDLE_SECONDS
    return value if value > 0 else daemon.IDLE_SECONDS


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m emaillint.daemon.server SOCKET (started by emaillint-hook)", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    os.chdir("/")
    try:
        listener = _listen(args[0])  # first: a client that comes while the rules load waits, and starts no other
    except AlreadyRunning:
        return 0
    server = None
    try:
        server = Daemon(args[0], listener, _idle_seconds())
        server.serve()
    finally:
        if server is not None:
            server.close()
        else:
            listener.close()
            os.unlink(args[0])
    return 0


if __name__ == "__main__":
    sys.exit(main())
