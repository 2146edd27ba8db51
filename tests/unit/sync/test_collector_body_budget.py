"""Anyone may PUT, before any device is known: the bodies the collector holds at once are
bounded as a whole, not only one by one (30 anonymous 16 MiB uploads at once took a collector
to 925 MB). Past the budget an upload is answered 503, which a device retries."""

from __future__ import annotations

import hashlib
import socket
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest

from fieldtui.sync.collector import server
from tests.support.bundle_factory import Dev
from tests.support.collector_fixture import collector
from tests.support.server_thread import running


def _put(url: str, body: bytes) -> tuple[int, bytes]:
    sha = hashlib.sha256(body).hexdigest()
    request = urllib.request.Request(f"{url}/v1/bundles/{sha}", data=body, method="PUT")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return int(response.status), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def _slow_upload(url: str, declared: int, sent: bytes) -> socket.socket:
    """A PUT that declares `declared` bytes and sends `sent` of them, then waits."""
    parts = urlsplit(url)
    held = socket.create_connection((parts.hostname, parts.port))
    held.sendall(f"PUT /v1/bundles/{'a' * 64} HTTP/1.1\r\nHost: x\r\n"
                 f"Content-Length: {declared}\r\n\r\n".encode() + sent)
    return held


def test_uploads_past_the_budget_of_bodies_in_flight_are_answered_503(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(server, "BODIES_IN_FLIGHT", 100_000, raising=False)
    with collector(Dev(), max_size=60_000) as store, running(store) as url:
        held = _slow_upload(url, 60_000, b"x" * 59_000)
        try:
            # once the server has read what was sent, the budget has no room for 50 KB
            _, reason = _until(url, 503)
            assert b"busy" in reason and b"retry" in reason
        finally:
            held.close()
        # the held upload's bytes are given back when it ends
        _, reason = _until(url, 400)
        assert b"not a fieldtui bundle" in reason


def _until(url: str, wanted: int) -> tuple[int, bytes]:
    """PUT 50 KB until the answer is `wanted` (10 s at most); the last answer."""
    deadline = time.monotonic() + 10
    while True:
        status, reason = _put(url, b"y" * 50_000)
        if status == wanted or time.monotonic() > deadline:
            assert status == wanted, (status, reason)
            return status, reason
        time.sleep(0.05)


def test_one_largest_bundle_always_fits_the_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(server, "BODIES_IN_FLIGHT", 1000, raising=False)
    with collector(Dev(), max_size=60_000) as store, running(store) as url:
        status, reason = _put(url, b"y" * 60_000)
        assert status == 400 and b"not a fieldtui bundle" in reason
