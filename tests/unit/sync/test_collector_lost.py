"""A collector that dies mid-sync: one bundle's retries, then one line; never minutes."""

from __future__ import annotations

import asyncio
import functools
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from aiohttp import web

from fieldtui.store.sessions import list_sessions
from fieldtui.sync import client
from fieldtui.sync.http_transport import CollectorDown, CollectorLost, exchange_http
from fieldtui.sync.outcome import Delivery
from tests.support.cli_main import run
from tests.support.sync_world import DEVICE_PASS, World, complete_session, make_world


class Dying:
    """A 'collector' that answers its first `answers` requests, then cuts every connection
    (`hang`: never answers instead)."""

    def __init__(self, answers: int, *, hang: bool = False) -> None:
        self.left = answers
        self.hang = hang
        self.after_death: list[str] = []  # the bundle each later request was for

    async def handle(self, request: web.Request) -> web.StreamResponse:
        if self.left > 0:
            self.left -= 1
            if request.method == "HEAD":
                return web.Response(status=404)
            await request.read()
            return web.Response(status=201, body=b"receipt")
        self.after_death.append(request.match_info["sha"])
        if self.hang:
            await asyncio.Event().wait()
        assert request.transport is not None
        request.transport.abort()  # gone: the connection is cut
        raise asyncio.CancelledError


@asynccontextmanager
async def serving(dying: Dying) -> AsyncIterator[str]:
    app = web.Application()
    app.router.add_route("*", "/v1/bundles/{sha}", dying.handle)
    runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=0.1)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    try:
        yield f"http://{host}:{port}"
    finally:
        await runner.cleanup()


def _items(tmp_path: Path, count: int) -> list[tuple[str, Path]]:
    items = []
    for n in range(count):
        path = tmp_path / f"{n}.ftb"
        path.write_bytes(b"bundle %d" % n)
        items.append((f"{n:064x}", path))
    return items


async def _exchange(dying: Dying, items: list[tuple[str, Path]], **options: float
                    ) -> tuple[list[Delivery], CollectorLost]:
    outcomes: list[Delivery] = []
    async with serving(dying) as url:
        with pytest.raises(CollectorLost) as caught:
            # a safety net only: what is checked is what was tried, not how long it took
            await asyncio.wait_for(exchange_http(url, items, outcomes.append, **options), 120)
    return outcomes, caught.value


def test_after_one_bundle_s_retries_the_rest_are_not_tried(tmp_path: Path) -> None:
    items = _items(tmp_path, 10)
    # alive for the probe and the first bundle (HEAD, PUT), then gone
    dying = Dying(answers=3)
    outcomes, lost = asyncio.run(_exchange(dying, items, concurrency=1, attempts=4,
                                           base_delay=0.001))
    assert outcomes == [Delivery(items[0][0], receipt=b"receipt")]
    # one bundle's retries, no more (aiohttp may repeat a HEAD once on a cut connection)
    assert set(dying.after_death) == {items[1][0]} and len(dying.after_death) <= 2 * 4
    assert lost.waiting == 9 and "connection problem" in lost.why


def test_side_by_side_deliveries_stop_with_the_first_that_finds_it_gone(
        tmp_path: Path) -> None:
    items = _items(tmp_path, 30)
    dying = Dying(answers=1)  # the probe only
    outcomes, lost = asyncio.run(_exchange(dying, items, concurrency=4, attempts=4,
                                           base_delay=0.001))
    assert outcomes == [] and lost.waiting == 30
    assert len(set(dying.after_death)) <= 4  # only those already under way were tried
    assert len(dying.after_death) <= 4 * 2 * 4


def test_a_collector_that_hangs_is_given_up_on_at_the_deadline(tmp_path: Path) -> None:
    items = _items(tmp_path, 6)
    dying = Dying(answers=1, hang=True)  # takes connections, never answers again
    outcomes, lost = asyncio.run(_exchange(dying, items, concurrency=2, give_up_after=0.3))
    assert outcomes == [] and lost.waiting == 6
    assert "no answer for 0.3 s" in lost.why
    assert len(set(dying.after_death)) <= 2


def test_a_collector_that_hangs_from_the_start_is_down_at_the_deadline(
        tmp_path: Path) -> None:
    async def attempt() -> CollectorDown:
        async with serving(Dying(answers=0, hang=True)) as url:
            with pytest.raises(CollectorDown) as caught:
                await asyncio.wait_for(exchange_http(url, _items(tmp_path, 3), print,
                                                     give_up_after=0.3), 120)
        return caught.value

    down = asyncio.run(attempt())
    assert type(down) is CollectorDown and "cannot reach the collector" in down.what


@pytest.fixture
def world(tmp_path: Path, isolated_home: Path) -> World:
    return make_world(tmp_path, isolated_home)


def _passphrase_fd() -> str:
    read_end, write_end = os.pipe()
    os.write(write_end, DEVICE_PASS + b"\n")
    os.close(write_end)
    return str(read_end)


def test_sync_stops_with_one_line_that_says_the_bundles_are_safe(
        world: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for n in range(3):
        complete_session(world, f"answer {n}")
    assert run(["seal", "--passphrase-fd", _passphrase_fd()], capsys)[0] == 0
    monkeypatch.setattr(client, "exchange_http",
                        functools.partial(exchange_http, base_delay=0.001))
    dying = Dying(answers=1)

    async def serve_and_sync() -> tuple[int, str]:
        async with serving(dying) as url:
            code, _, err = await asyncio.to_thread(
                run, ["sync", "--to", url, "--passphrase-fd", _passphrase_fd()], capsys)
        return code, err

    code, err = asyncio.run(serve_and_sync())
    assert code == 1 and err.count("\n") == 1, err
    assert err.startswith("fieldtui: error: the collector at http://127.0.0.1:")
    assert "stopped answering" in err and "0 of 3 bundles were receipted" in err
    assert "3 still wait safely in the outbox, sealed" in err and "next 'fieldtui sync'" in err
    assert len(list((world.home / "outbox").glob("*.ftb"))) == 3
    assert {m.status for m in list_sessions(world.home)} == {"sealed"}
    assert len(set(dying.after_death)) <= 4
