"""A collector whose PostgreSQL is down answers the updates request 503 (as it answers an
upload): the device says to sync again later. Before, it said the collector "answered the
updates request wrongly (HTTP 503) — nothing was applied; tell your supervisor"."""

from __future__ import annotations

import asyncio

import pytest
from aiohttp import web

from fieldtui.core.errors import FieldtuiError
from tests.support.updates_server import fetch_from


async def _fetch(status: int) -> list[bytes]:
    async def page(request: web.Request) -> web.Response:
        return web.Response(status=status, text="unavailable")

    return await fetch_from(page)


@pytest.mark.parametrize("status", [503, 502, 504, 429])
def test_a_busy_collector_means_sync_again_later(status: int) -> None:
    with pytest.raises(FieldtuiError) as busy:
        asyncio.run(_fetch(status))
    line = busy.value.line()
    assert f"cannot answer for now: HTTP {status}" in line
    assert line.endswith("run 'fieldtui sync' again later for the updates")
    assert "wrongly" not in line and "tell your supervisor" not in line


def test_another_status_is_still_a_wrong_answer() -> None:
    with pytest.raises(FieldtuiError, match=r"wrongly \(HTTP 500\)"):
        asyncio.run(_fetch(500))
