"""Raw-socket PUTs that send their body slowly or not at all, for the collector's limits on
uploads: what a slow sender, a staller or a device on a poor link looks like on the wire."""

from __future__ import annotations

import socket
import time
from urllib.parse import urlsplit


def open_put(url: str, declared: int, sent: bytes = b"", name: str = "a" * 64
             ) -> socket.socket:
    """A PUT of /v1/bundles/NAME that declares `declared` bytes and sends `sent` of them."""
    parts = urlsplit(url)
    conn = socket.create_connection((parts.hostname, parts.port))
    conn.sendall(f"PUT /v1/bundles/{name} HTTP/1.1\r\nHost: x\r\n"
                 f"Content-Length: {declared}\r\n\r\n".encode() + sent)
    return conn


def status_of(conn: socket.socket, within: float) -> tuple[int, bytes]:
    """The status and the whole answer on `conn`, waiting `within` s at most for it to
    start (0 and b"" when nothing came)."""
    conn.settimeout(within)
    try:
        answer = conn.recv(4096)
    except TimeoutError:
        return 0, b""
    return _status(answer), answer


def trickle(conn: socket.socket, piece: bytes, every: float, within: float
            ) -> tuple[int, bytes]:
    """Send `piece` every `every` s until an answer comes (its status and bytes) or
    `within` s have passed (0 and b"")."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            conn.sendall(piece)
        except OSError:  # cut: the answer, if any, is still there to read
            return status_of(conn, 1.0)
        conn.settimeout(every)
        try:
            answer = conn.recv(4096)
        except TimeoutError:
            continue
        return _status(answer), answer
    return 0, b""


def _status(answer: bytes) -> int:
    # b"HTTP/1.1 408 Request Timeout\r\n..."; a closed connection answers b""
    parts = answer.split(b" ", 2)
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
