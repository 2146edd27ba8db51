"""Reading an upload's body whole, within the collector's budget of bodies held at once and
at a pace that keeps it moving: a body that stalls or trickles is cut (TooSlow), so a few
slow senders cannot hold the budget that every device shares (see server's DESIGN note)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from aiohttp import web

CHUNK = 1 << 16


@dataclass(frozen=True)
class Pace:
    """How a body must keep moving: something every `idle` s, and after `grace` s an
    average of `min_rate` bytes/s since it began."""

    idle: float
    min_rate: float
    grace: float


class TooSlow(Exception):
    """The body stalled (`code` "idle") or fell under the floor rate ("slow")."""

    def __init__(self, code: str, pace: Pace) -> None:
        super().__init__(code)
        self.code = code
        self.pace = pace


class Gone(Exception):
    """The sender hung up before the whole body came (a device losing its link)."""


async def read_capped(request: web.Request, cap: int, budget: int, held: list[int],
                      taken: list[int], pace: Pace) -> bytes | None:
    """At most cap + 1 bytes (enough to know it is too big and to quarantine a prefix),
    each chunk counted in `held` (and `taken`, for the caller to give back) before it is
    read; None when the bodies held at once would pass `budget`. Raises TooSlow when the
    next bytes do not come in time, Gone when the sender hangs up first (what was taken
    stays for the caller to give back)."""
    loop = asyncio.get_running_loop()
    began = loop.time()
    chunks: list[bytes] = []
    size = 0
    while size <= cap:
        want = min(CHUNK, cap + 1 - size)
        if held[0] + want > budget:
            return None
        held[0] += want  # before the await: uploads read meanwhile see it taken
        taken[0] += want
        # the next bytes are due within `idle`, and before what came so far falls under
        # the floor rate (never before the grace period ends)
        idle_at = loop.time() + pace.idle
        slow_at = began + max(pace.grace, size / pace.min_rate)
        try:
            # bytes already here are taken at once (most bundles come in a packet or two);
            # only a wait for more is timed, which costs a timer (about 15 us)
            chunk = request.content.read_nowait(want)
            if not chunk and not request.content.at_eof():
                async with asyncio.timeout_at(min(idle_at, slow_at)):
                    chunk = await request.content.read(want)
        except TimeoutError:
            raise TooSlow("idle" if idle_at <= slow_at else "slow", pace) from None
        except ConnectionResetError:
            raise Gone from None
        held[0] -= want - len(chunk)
        taken[0] -= want - len(chunk)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)
