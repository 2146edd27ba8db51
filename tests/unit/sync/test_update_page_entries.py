"""A page of updates from a collector (any server at the kit's address, over plain HTTP)
holds at most PAGE_COUNT updates: one of many tiny entries is refused before json reads it
(24 MB of '{},' took a device to 731 MB), and a real page is read as before."""

from __future__ import annotations

import asyncio
import base64
import json

import pytest
from aiohttp import web

from fieldtui.core.errors import FieldtuiError
from fieldtui.sync import update_fetch
from fieldtui.sync.collector.updates import PAGE_COUNT, page_json


async def _fetch(body: bytes) -> list[bytes]:
    async def page(request: web.Request) -> web.Response:
        return web.Response(body=body)

    app = web.Application()
    app.router.add_get("/v1/updates", page)
    runner = web.AppRunner(app, access_log=None, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    try:
        return await update_fetch.fetch_http(f"http://{host}:{port}", 0)
    finally:
        await runner.cleanup()


def test_a_page_of_too_many_entries_is_refused_unparsed(monkeypatch: pytest.MonkeyPatch) -> None:
    many = update_fetch.MAX_PAGE_ENTRIES
    body = json.dumps({"updates": [""] * (many + 1), "more": False}).encode()

    def unread(text: bytes) -> None:
        raise AssertionError("json read it")

    monkeypatch.setattr(update_fetch.json, "loads", unread)
    with pytest.raises(FieldtuiError, match="not a page of updates"):
        asyncio.run(_fetch(body))


def test_a_full_page_is_read_as_before() -> None:
    updates = [bytes([i]) * 100 for i in range(PAGE_COUNT)]
    assert asyncio.run(_fetch(page_json(updates, False))) == updates
    assert base64.b64encode(updates[0]).decode() in page_json(updates, False).decode()
