"""A real `fieldtui collector serve` subprocess on a free port, and a raw half-upload."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse


class CollectorProcess:
    """`fieldtui collector serve --port 0` on a folder or a postgresql:// URL, started and
    waited for its address."""

    def __init__(self, root: Path | str, *, quiet: bool = True) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "fieldtui", "collector", "serve", "--store", str(root),
             "--port", "0", *(["--quiet"] if quiet else [])],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        assert line.startswith("collector listening on "), (line, self.proc.stderr.read())
        self.url = line.split()[-1]

    def signal(self, signum: int) -> None:
        """Send a signal to the server process (only this one)."""
        os.kill(self.proc.pid, signum)

    def kill(self) -> None:
        """SIGKILL and reap."""
        self.signal(signal.SIGKILL)
        self.proc.wait(10)

    def stop(self) -> int:
        """SIGTERM and wait; returns the exit code."""
        if self.proc.poll() is None:
            self.signal(signal.SIGTERM)
        return self.proc.wait(30)


def half_upload(url: str, sha: str, data: bytes) -> socket.socket:
    """Start a PUT and send only half of the body; returns the open socket."""
    parsed = urlparse(url)
    sock = socket.create_connection((parsed.hostname, parsed.port), timeout=10)
    head = (f"PUT /v1/bundles/{sha} HTTP/1.1\r\nHost: {parsed.netloc}\r\n"
            f"Content-Type: application/octet-stream\r\nContent-Length: {len(data)}\r\n\r\n")
    sock.sendall(head.encode() + data[: len(data) // 2])
    return sock


def read_status(sock: socket.socket) -> int:
    """The HTTP status of the response on `sock`."""
    first = b""
    while b"\r\n" not in first:
        chunk = sock.recv(4096)
        if not chunk:
            break
        first += chunk
    return int(first.split(b" ", 2)[1])
