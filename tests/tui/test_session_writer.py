"""The writer thread: a failed save holds the queue, in order, until a retry saves it."""

from __future__ import annotations

import asyncio
import threading

from textual.message import Message

from fieldtui.core.errors import FieldtuiError
from fieldtui.tui.session_writer import SaveFailed, SessionWriter


class Disk:
    """A store call that fails while the disk is full."""

    def __init__(self) -> None:
        self.full = False
        self.saved: list[str] = []

    def save(self, what: str) -> None:
        if self.full:
            raise FieldtuiError("could not save to s.ftj: No space left on device",
                                "free some disk space and try again")
        self.saved.append(what)


async def test_a_failure_holds_everything_after_it_until_retried() -> None:
    disk = Disk()
    reports: list[Message] = []
    writer = SessionWriter(reports.append)
    thread = threading.Thread(target=writer.run)
    thread.start()
    try:
        writer.submit(lambda: disk.save("answer 1"))
        assert await writer.saved()
        disk.full = True
        writer.submit(lambda: disk.save("answer 2"))
        writer.submit(lambda: disk.save("complete"))
        assert writer.flush(5) is False  # returns at the hold, saying not everything is saved
        [failure] = reports
        assert isinstance(failure, SaveFailed) and "No space left" in failure.what
        assert writer.failure is failure and writer.waiting == 2
        assert disk.saved == ["answer 1"]  # "complete" did not slip past the failed answer
        waiting = asyncio.ensure_future(writer.saved())
        await asyncio.sleep(0)
        assert not waiting.done()  # a screen that would say "saved" is still waiting
        disk.full = False
        writer.retry()
        assert await asyncio.wait_for(waiting, 5) is True
        assert disk.saved == ["answer 1", "answer 2", "complete"]
        assert writer.failure is None and writer.waiting == 0 and len(reports) == 1
    finally:
        writer.stop()
        thread.join(5)
    assert not thread.is_alive()


async def test_stopping_while_held_wakes_the_waiters_with_false() -> None:
    disk = Disk()
    disk.full = True
    writer = SessionWriter(lambda message: None)
    thread = threading.Thread(target=writer.run)
    thread.start()
    writer.submit(lambda: disk.save("answer"))
    waiting = asyncio.ensure_future(writer.saved())
    assert writer.flush(5) is False
    writer.stop()
    thread.join(5)
    assert not thread.is_alive()
    assert await asyncio.wait_for(waiting, 5) is False  # nothing claims "saved"
