"""The collector relays updates in bounded pages; the device reads every page."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest

from fieldtui.sync.collector.store import CollectorStore
from fieldtui.sync.collector.updates import PAGE_COUNT, page
from fieldtui.sync.update_fetch import apply_raws, fetch_http
from tests.support.chain_kit import Chain, write_chain
from tests.support.server_thread import running
from tests.support.sync_world import World, make_world


@pytest.fixture
def world(tmp_path: Path, isolated_home: Path) -> World:
    return make_world(tmp_path, isolated_home)


def test_pages_are_bounded_and_the_device_reads_them_all(world: World) -> None:
    folder = world.collector_root / "updates"
    write_chain(Chain(world), folder, PAGE_COUNT * 2 + 5)
    (folder / "0000000007.ftu").write_bytes(b"not an update")  # left out: a gap
    first, more = page(world.collector_root, 0)
    assert len(first) == PAGE_COUNT and more
    store = CollectorStore(world.collector_root)
    try:
        with running(store) as url:
            raws = asyncio.run(fetch_http(url, 0))
            with urlopen(f"{url}/v1/updates?after={PAGE_COUNT * 2}") as answer:
                tail = json.loads(answer.read())
    finally:
        store.close()
    assert len(raws) == PAGE_COUNT * 2 + 4
    assert len(tail["updates"]) == 5 and tail["more"] is False
    fetched = apply_raws(world.device, raws)
    assert (fetched.last_seq, fetched.gap) == (6, (7, 8))


def test_bad_after_is_refused(world: World) -> None:
    store = CollectorStore(world.collector_root)
    try:
        with running(store) as url, pytest.raises(HTTPError, match="400"):
            urlopen(f"{url}/v1/updates?after=-1")
    finally:
        store.close()
