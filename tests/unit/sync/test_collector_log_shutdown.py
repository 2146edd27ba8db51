"""The collector's request lines are written in batches from a thread; a batch still
being written when the server stops is finished before the server closes its store.
Before, stopping cancelled the writer mid-batch: the batch had left the queue, the final
flush found nothing, and the store (and requests.log) closed under the write (in the 200
devices test, 145 of 200 'stored' lines were lost)."""

from __future__ import annotations

import asyncio
import threading
import time

from aiohttp import web

from fieldtui.sync.collector.server import LOG_LINES, make_app


class _SlowLog:
    max_size = 1 << 20

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.written: list[str] = []

    def log(self, *lines: str) -> None:
        self.entered.set()
        time.sleep(0.3)  # a busy disk
        self.written += lines


def test_a_batch_being_written_at_stop_is_written_before_the_store_closes() -> None:
    async def run() -> list[str]:
        store = _SlowLog()
        app = make_app(store)  # type: ignore[arg-type]
        runner = web.AppRunner(app)
        await runner.setup()
        app[LOG_LINES].extend(["a stored", "b stored"])
        while not store.entered.is_set():  # the writer has taken the batch
            await asyncio.sleep(0.01)
        await runner.cleanup()
        return list(store.written)  # what the log holds when the store would close

    assert asyncio.run(run()) == ["a stored", "b stored"]
