"""Delivering bundles over HTTP (aiohttp): HEAD first, PUT the rest, retries with backoff.

Only a 201 carrying a receipt counts (or, after a HEAD says stored, the GET receipt); 408,
429, 5xx and lost connections are retried with exponential backoff and jitter; other 4xx are
refusals with the collector's reason. Every receipt is verified by the caller.

A collector that dies mid-sync costs one bundle's retries, not every bundle's: once one
bundle's tries all end in a lost connection, or nothing at all came from the collector
(an answer, or upload bytes taken) for `give_up_after` seconds, every delivery stops and
CollectorLost says how many bundles got no answer. The watch on that deadline is what
bounds the time to give up, whatever the timeouts and retries below it.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp

from fieldtui.core.errors import FieldtuiError
from fieldtui.core.i18n import _, current
from fieldtui.sync.connection_reason import plain_reason
from fieldtui.sync.outcome import Delivery, OnDelivery

# 408: the collector cut an upload that stalled or came too slowly (a poor link): the
# bundle stays and is sent again, never taken for a refusal
RETRY_STATUS = frozenset({408, 429, 500, 502, 503, 504})
# A receipt or a refusal is well under 1 KiB; whatever sits at the address (a captive
# portal, a hostile server) must not make us hold an endless answer in memory.
MAX_ANSWER_BYTES = 64 * 1024
# Seconds without any sign of life from the collector before a sync gives up: with the
# watch's tick and the clean-up, a sync stops within 30 s of the collector's death.
GIVE_UP_AFTER = 20.0
WATCH_TICK = 0.25
UPLOAD_CHUNK = 64 * 1024


class CollectorDown(FieldtuiError):
    """The collector could not be reached at all."""


class CollectorLost(CollectorDown):
    """The collector stopped answering during a sync; `waiting` bundles got no answer."""

    def __init__(self, base: str, why: str, waiting: int) -> None:
        super().__init__(_("the collector at {base} stopped answering ({why})").format(base=base, why=why),
                         _("run 'fieldtui sync' again later"))
        self.why = why
        self.waiting = waiting


class _Liveness:
    """When the collector last showed it is there, and why the sync gave up on it ('')."""

    def __init__(self, give_up_after: float) -> None:
        self.loop = asyncio.get_running_loop()
        self.give_up_after = give_up_after
        self.last = self.loop.time()
        self.lost = ""

    def alive(self) -> None:
        self.last = self.loop.time()

    async def watch(self, tasks: list[asyncio.Task[None]]) -> None:
        """Cancel every delivery once the collector is lost, or silent for too long."""
        while not all(task.done() for task in tasks):
            silent = self.loop.time() - self.last
            if not self.lost and silent >= self.give_up_after:
                self.lost = _("no answer for {seconds:g} s").format(seconds=self.give_up_after)
            if self.lost:
                for task in tasks:
                    task.cancel()
                return
            await asyncio.sleep(min(WATCH_TICK, self.give_up_after - silent))


class _Retry(Exception):
    """A failure worth another try."""


class _TooLarge(Exception):
    """An answer longer than any receipt or reason: not from a fieldtui collector."""


async def _read_answer(response: aiohttp.ClientResponse) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size <= MAX_ANSWER_BYTES:
        chunk = await response.content.read(min(1 << 16, MAX_ANSWER_BYTES + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
    response.close()  # drop the connection rather than read the rest
    raise _TooLarge(_("the answer from the collector is too large (over "
                      "{max_bytes} bytes): the address may not be a "
                      "fieldtui collector").format(max_bytes=MAX_ANSWER_BYTES))


async def exchange_http(url: str, items: list[tuple[str, Path]], on_outcome: OnDelivery, *,
                        concurrency: int = 4, attempts: int = 6, base_delay: float = 0.2,
                        give_up_after: float = GIVE_UP_AFTER) -> None:
    """Deliver every (sha256, path) to the collector at `url`, reporting each outcome.

    Raises CollectorDown when the collector cannot be reached at the start, CollectorLost
    when it stops answering (the outcomes reported before stand)."""
    base = url.rstrip("/")
    # no total: a large bundle on a slow link may take long; the watch bounds a dead one
    timeout = aiohttp.ClientTimeout(total=None, sock_connect=5, sock_read=give_up_after)
    # the collector says why it refuses in the device's language (Accept-Language)
    async with aiohttp.ClientSession(timeout=timeout,
                                     headers={"Accept-Language": current()}) as session:
        if not items:
            return
        await _probe(session, base, items[0][0], base_delay, give_up_after)
        live = _Liveness(give_up_after)
        gate = asyncio.Semaphore(concurrency)
        answered: set[str] = set()

        async def one(sha: str, path: Path) -> None:
            async with gate:
                if live.lost:
                    return  # not started: the collector is gone
                outcome = await _deliver(session, base, sha, path, attempts, base_delay, live)
            if outcome is not None:
                answered.add(sha)
                on_outcome(outcome)

        tasks = [asyncio.create_task(one(sha, path)) for sha, path in items]
        watch = asyncio.create_task(live.watch(tasks))
        try:
            await asyncio.gather(*tasks)
        except asyncio.CancelledError:
            if not live.lost:
                raise  # cancelled from outside, not by the watch
        finally:
            for task in (*tasks, watch):
                task.cancel()
            await asyncio.gather(*tasks, watch, return_exceptions=True)
        if live.lost:
            raise CollectorLost(base, live.lost, len(items) - len(answered))


async def _probe(session: aiohttp.ClientSession, base: str, sha: str, delay: float,
                 give_up_after: float) -> None:
    # a down collector should cost one clear line, not minutes of retries per bundle;
    # all the tries together have the same deadline as a silent collector mid-sync
    failure: BaseException | None = None
    try:
        async with asyncio.timeout(give_up_after):
            for attempt in range(3):
                try:
                    async with session.head(f"{base}/v1/bundles/{sha}"):
                        return
                except (aiohttp.ClientError, TimeoutError) as exc:
                    failure = exc
                if attempt < 2:
                    await asyncio.sleep(delay * 2**attempt)
    except TimeoutError as exc:
        failure = exc
    reason = plain_reason(failure)
    raise CollectorDown(
        _("cannot reach the collector at {base}: {what}").format(base=base, what=reason.what),
        _("{todo} Then run 'fieldtui sync' again; your bundles stay in the outbox").format(todo=reason.todo),
    ) from failure


async def _deliver(session: aiohttp.ClientSession, base: str, sha: str, path: Path,
                   attempts: int, delay: float, live: _Liveness) -> Delivery | None:
    """The bundle's outcome; None when the collector was found gone (it stays waiting)."""
    last = ""
    lost = False
    for attempt in range(attempts):
        if live.lost:
            return None
        try:
            return await _try_once(session, base, sha, path, live)
        except _Retry as exc:
            last, lost = str(exc), False
        except _TooLarge as exc:
            return Delivery(sha, failed=str(exc))
        except (aiohttp.ClientError, TimeoutError) as exc:
            last, lost = _("connection problem: {what}").format(what=plain_reason(exc).what), True
        if attempt < attempts - 1:
            await asyncio.sleep(min(5.0, delay * 2**attempt) * (0.5 + random.random()))
    if lost:  # every retry of this bundle ended in a lost connection: the collector is gone
        live.lost = live.lost or last
        return None
    return Delivery(sha, failed=_("not delivered after {attempts} tries: {last}").format(attempts=attempts, last=last))


async def _body(data: bytes, live: _Liveness) -> AsyncIterator[bytes]:
    # each chunk is asked for once the socket took the one before: bytes taken are life
    for start in range(0, len(data), UPLOAD_CHUNK):
        yield data[start:start + UPLOAD_CHUNK]
        live.alive()


async def _try_once(session: aiohttp.ClientSession, base: str, sha: str,
                    path: Path, live: _Liveness) -> Delivery:
    async with session.head(f"{base}/v1/bundles/{sha}") as response:
        live.alive()
        stored = response.status == 200
    if stored:
        async with session.get(f"{base}/v1/receipts/{sha}") as response:
            body = await _read_answer(response)
            live.alive()
            if response.status == 200:
                return Delivery(sha, receipt=body)
    data = await asyncio.to_thread(path.read_bytes)
    headers = {"Content-Type": "application/octet-stream", "Content-Length": str(len(data))}
    async with session.put(f"{base}/v1/bundles/{sha}", data=_body(data, live),
                           headers=headers) as response:
        body = await _read_answer(response)
        live.alive()
        if response.status == 201:  # only 201 counts as stored
            return Delivery(sha, receipt=body)
        reason = body.decode("utf-8", "replace").strip()[:300]
        if response.status in RETRY_STATUS:
            raise _Retry(_("collector answered {status}: {reason}").format(status=response.status, reason=reason))
        return Delivery(sha, refused=_("refused by the collector ({status}): "
                                       "{reason}").format(status=response.status, reason=reason))
