"""The collector's aiohttp app in a background thread, for in-process sync tests."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from aiohttp import web

from fieldtui.sync.collector.server import make_app
from fieldtui.sync.collector.store import CollectorStore


@contextmanager
def running(store: CollectorStore) -> Iterator[str]:
    """Serve `store` on 127.0.0.1 (a free port); yields the base URL."""
    loop = asyncio.new_event_loop()
    ready = threading.Event()
    holder: dict[str, object] = {}

    async def start() -> None:
        runner = web.AppRunner(make_app(store), access_log=None, handle_signals=False)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        host, port = runner.addresses[0][:2]
        holder["runner"], holder["url"] = runner, f"http://{host}:{port}"
        ready.set()

    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    asyncio.run_coroutine_threadsafe(start(), loop).result(10)
    try:
        yield str(holder["url"])
    finally:
        runner = holder["runner"]
        assert isinstance(runner, web.AppRunner)
        asyncio.run_coroutine_threadsafe(_stop(runner), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()


async def _stop(runner: web.AppRunner) -> None:
    await runner.cleanup()
    # then what is left, as asyncio.run does for `collector serve`: aiohttp may still be
    # lingering over the rest of a body it answered early (a 408 to a slow upload)
    rest = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
    for task in rest:
        task.cancel()
    await asyncio.gather(*rest, return_exceptions=True)
