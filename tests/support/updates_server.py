"""A collector's updates request answered by a handler of the test's, on 127.0.0.1, and
what the device's fetch (`update_fetch.fetch_http`) makes of it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiohttp import web

from fieldtui.sync import update_fetch

Handler = Callable[[web.Request], Awaitable[web.Response]]


async def fetch_from(page: Handler) -> list[bytes]:
    """The updates the device fetches after 0 from a collector answering with `page`."""
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
