"""Why the study's updates could not be fetched is said in plain words, as for the bundles:
the line quoted aiohttp's own message, whatever the server had sent (a header of 8 KB of
'a' made an 8 KB error line; a redirect's Location came in whole), over several lines."""

from __future__ import annotations

import asyncio

import pytest

from fieldtui.core.errors import FieldtuiError
from fieldtui.sync.update_fetch import fetch_http

ANSWERS = [
    b"HTTP/1.1 200 OK\r\nX: " + b"a" * 100_000 + b"\r\n\r\n",
    b"HTTP/1.1 302 Found\r\nLocation: ftp://x/" + b"b" * 4000 + b"\r\nContent-Length: 0\r\n\r\n",
    b"HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n{",
]


async def _fetch(answer: bytes) -> None:
    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await reader.readuntil(b"\r\n\r\n")
            writer.write(answer)
            await writer.drain()
        except (OSError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        await fetch_http(f"http://127.0.0.1:{port}", 0)
    finally:
        server.close()
        await server.wait_closed()


@pytest.mark.parametrize("answer", ANSWERS, ids=["long-header", "long-redirect", "cut-short"])
def test_a_failed_fetch_is_one_short_plain_line(answer: bytes) -> None:
    with pytest.raises(FieldtuiError) as caught:
        asyncio.run(_fetch(answer))
    line = caught.value.line()
    assert line.startswith("cannot fetch the study's updates from http://127.0.0.1:")
    assert len(line) < 300 and "aaaa" not in line and "bbbb" not in line
    assert "\n" not in caught.value.what and "message=" not in line
