"""A tiny raw JSON-RPC client over stdio for robustness tests (no pytest-lsp: malformed input too)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time


class RawClient:
    def __init__(self, cwd=None):
        self.proc = subprocess.Popen([sys.executable, "-m", "emaillint", "lsp"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd)
        self.messages: list[dict] = []
        self.lock = threading.Lock()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.stderr: list[bytes] = []
        threading.Thread(target=lambda: self.stderr.extend(self.proc.stderr), daemon=True).start()
        self.next_id = 0

    def _read(self):
        out = self.proc.stdout
        while True:
            headers = {}
            while True:
                line = out.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                key, _, value = line.decode().partition(":")
                headers[key.lower()] = value.strip()
            body = out.read(int(headers.get("content-length", 0)))
            with self.lock:
                self.messages.append(json.loads(body))

    def raw(self, data: bytes):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, payload: dict):
        body = json.dumps(payload).encode()
        self.raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def request(self, method: str, params=None) -> int:
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        return self.next_id

    def notify(self, method: str, params=None):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_for(self, predicate, timeout: float = 10.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                for m in self.messages:
                    if predicate(m):
                        return m
            time.sleep(0.02)
        return None

    def response(self, msg_id: int, timeout: float = 10.0):
        return self.wait_for(lambda m: m.get("id") == msg_id and ("result" in m or "error" in m), timeout)

    def initialize(self):
        rid = self.request("initialize", {"processId": os.getpid(), "rootUri": None, "capabilities": {}})
        assert self.response(rid) is not None
        self.notify("initialized", {})

    def close(self):
        try:
            self.proc.kill()
        except OSError:
            pass
        self.proc.wait(5)
