"""A collector that answers the updates request page after page, each within the
request's 60 s and each with "more", held one sync for up to 200 pages × 60 s (over three
hours: the headers that make a page look new are not yet verified, so a hostile collector
can always offer one more). A sync now fetches pages for at most MAX_FETCH_SECONDS, keeps
what came and leaves the rest to the next sync. (The clock is the module's, moved by hand
here: no test waits.)"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from aiohttp import web

from fieldtui.sync import update_fetch
from fieldtui.sync.collector.updates import page_json
from tests.support.updates_server import fetch_from


def test_pages_are_fetched_for_a_bounded_time(monkeypatch: pytest.MonkeyPatch) -> None:
    ticks: Iterator[float] = iter(range(0, 100_000, 100))  # each look at the clock: +100 s
    monkeypatch.setattr(update_fetch, "_now", lambda: float(next(ticks)), raising=False)
    monkeypatch.setattr(update_fetch, "MAX_FETCH_SECONDS", 250.0, raising=False)
    asked: list[str] = []
    monkeypatch.setattr(update_fetch, "_highest", lambda page: len(asked))

    async def page(request: web.Request) -> web.Response:
        asked.append(request.query["after"])
        return web.Response(body=page_json([b"u"], True))

    raws = asyncio.run(fetch_from(page))
    assert 1 <= len(asked) <= 4 and raws == [b"u"] * len(asked)
