"""A page of updates from a collector (any server at the kit's address, over plain HTTP)
holds at most PAGE_COUNT updates: one of many tiny entries is refused before json reads it
(24 MB of '{},' took a device to 731 MB), and a real page is read as before."""

from __future__ import annotations

import asyncio
import base64
import json
from pathlib import Path

import pytest
from aiohttp import web

from fieldtui.core.errors import FieldtuiError
from fieldtui.sync import update_fetch
from fieldtui.sync.collector.updates import PAGE_COUNT, page_json
from tests.support.updates_server import fetch_from


async def _fetch(body: bytes) -> list[bytes]:
    async def page(request: web.Request) -> web.Response:
        return web.Response(body=body)

    return await fetch_from(page)


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


def test_updates_from_a_stick_are_taken_up_to_the_bytes_of_one_sync(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a stick of 10,000 4 MB update files was read whole into memory in one sync (40 GB);
    # over HTTP a sync takes 64 MB and the rest at the next one: a stick the same
    monkeypatch.setattr(update_fetch, "MAX_FETCH_BYTES", 2500)
    folder = tmp_path / "stick" / "updates"
    folder.mkdir(parents=True)
    for seq in range(1, 11):
        (folder / f"{seq:010d}.ftu").write_bytes(bytes([seq]) * 1000)
    raws = update_fetch.fetch_folder(tmp_path / "stick", 0)
    assert raws == [bytes([seq]) * 1000 for seq in (1, 2, 3)]
    assert update_fetch.fetch_folder(tmp_path / "stick", 3)[0] == bytes([4]) * 1000
