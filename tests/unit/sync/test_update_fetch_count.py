"""How many updates one sync takes is bounded, not only their bytes: a forged stick of
145,000 empty-bodied update files (64 MB) was read and parsed whole in one sync (10 s,
330 MB, before the first signature was checked), and over HTTP 200 pages of 1,000 tiny
entries did the same. A sync now takes at most MAX_FETCH_UPDATES (a real collector's 200
pages of 100), in seq order; the rest come at the next sync."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from aiohttp import web

from fieldtui.sync import update_fetch
from fieldtui.sync.collector.updates import page_json
from tests.support.updates_server import fetch_from


def test_a_stick_of_many_update_files_is_taken_a_bounded_number_at_a_time(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(update_fetch, "MAX_FETCH_UPDATES", 10, raising=False)
    folder = tmp_path / "stick" / "updates"
    folder.mkdir(parents=True)
    for seq in range(1, 31):
        (folder / f"{seq:010d}.ftu").write_bytes(bytes([seq]))
    assert update_fetch.fetch_folder(tmp_path / "stick", 0) == [
        bytes([seq]) for seq in range(1, 11)]
    assert update_fetch.fetch_folder(tmp_path / "stick", 10)[0] == bytes([11])


def test_pages_of_many_updates_are_taken_a_bounded_number_at_a_time(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(update_fetch, "MAX_FETCH_UPDATES", 10, raising=False)
    # the server answers every request with 4 more (unreadable) entries and "more"
    asked: list[str] = []
    monkeypatch.setattr(update_fetch, "_highest", lambda page: len(asked) * 4)

    async def page(request: web.Request) -> web.Response:
        asked.append(request.query["after"])
        return web.Response(body=page_json([b"u"] * 4, True))

    raws = asyncio.run(fetch_from(page))
    assert len(raws) <= 12 and len(asked) == 3
