"""A collector that cannot be reached is explained in words, not an exception class name."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import aiohttp
import pytest
from aiohttp.client_reqrep import ConnectionKey

from fieldtui.sync.connection_reason import plain_reason
from fieldtui.sync.http_transport import CollectorDown, exchange_http


def _key() -> ConnectionKey:
    return ConnectionKey("collector.example", 8750, False, True, None, None, None)


@pytest.mark.parametrize(("failure", "words"), [
    (aiohttp.ClientConnectorError(_key(), ConnectionRefusedError(111, "refused")),
     "connection refused"),
    (aiohttp.ClientConnectorDNSError(_key(), socket.gaierror(-2, "Name unknown")),
     "name not found"),
    (aiohttp.ClientConnectorError(_key(), socket.gaierror(-2, "Name unknown")),
     "name not found"),
    (TimeoutError(), "timed out"),
    (aiohttp.ServerTimeoutError(), "timed out"),
    (aiohttp.ClientConnectorError(_key(), OSError(101, "Network is unreachable")),
     "network is unreachable"),
    (aiohttp.ServerDisconnectedError(), "the connection was closed"),
])
def test_each_failure_has_a_plain_reason(failure: BaseException, words: str) -> None:
    reason = plain_reason(failure)
    assert reason.what.startswith(words)
    assert "Error" not in reason.what and reason.todo


def test_a_refused_connection_says_so_and_what_to_do(tmp_path: Path) -> None:
    bundle = tmp_path / "b.ftb"
    bundle.write_bytes(b"x")
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    with pytest.raises(CollectorDown) as caught:
        asyncio.run(exchange_http(url, [("a" * 64, bundle)], print, base_delay=0.01))
    line = caught.value.line()
    assert f"cannot reach the collector at {url}" in line
    assert "connection refused" in line and "is the collector running" in line
    assert "ClientConnector" not in line and line.count("\n") == 0
