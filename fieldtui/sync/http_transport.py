"""Delivering bundles over HTTP (aiohttp): HEAD first, PUT the rest, retries with backoff.

Only a 201 carrying a receipt counts (or, after a HEAD says stored, the GET receipt); 429,
5xx and lost connections are retried with exponential backoff and jitter; other 4xx are
refusals with the collector's reason. Every receipt is verified by the caller.
"""

from __future__ import annotations

import asyncio
import random
from pathlib import Path

import aiohttp

from fieldtui.core.errors import FieldtuiError
from fieldtui.sync.outcome import OnOutcome, Outcome

RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
# A receipt or a refusal is well under 1 KiB; whatever sits at the address (a captive
# portal, a hostile server) must not make us hold an endless answer in memory.
MAX_ANSWER_BYTES = 64 * 1024


class CollectorDown(FieldtuiError):
    """The collector could not be reached at all."""


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
    raise _TooLarge(f"the answer from the collector is too large (over {MAX_ANSWER_BYTES} "
                    "bytes): the address may not be a fieldtui collector")


async def exchange_http(url: str, items: list[tuple[str, Path]], on_outcome: OnOutcome, *,
                        concurrency: int = 4, attempts: int = 6,
                        base_delay: float = 0.2) -> None:
    """Deliver every (sha256, path) to the collector at `url`, reporting each outcome."""
    base = url.rstrip("/")
    timeout = aiohttp.ClientTimeout(total=120, connect=5)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        if not items:
            return
        await _probe(session, base, items[0][0], base_delay)
        gate = asyncio.Semaphore(concurrency)

        async def one(sha: str, path: Path) -> None:
            async with gate:
                outcome = await _deliver(session, base, sha, path, attempts, base_delay)
            on_outcome(outcome)

        await asyncio.gather(*(one(sha, path) for sha, path in items))


async def _probe(session: aiohttp.ClientSession, base: str, sha: str, delay: float) -> None:
    # a down collector should cost one clear line, not minutes of retries per bundle
    for attempt in range(3):
        try:
            async with session.head(f"{base}/v1/bundles/{sha}"):
                return
        except (aiohttp.ClientError, TimeoutError) as exc:
            if attempt == 2:
                raise CollectorDown(
                    f"cannot reach the collector at {base} ({type(exc).__name__})",
                    "check the address and the network, then run 'fieldtui sync' again; "
                    "your bundles stay in the outbox",
                ) from exc
            await asyncio.sleep(delay * 2**attempt)


async def _deliver(session: aiohttp.ClientSession, base: str, sha: str, path: Path,
                   attempts: int, delay: float) -> Outcome:
    last = ""
    for attempt in range(attempts):
        try:
            return await _try_once(session, base, sha, path)
        except _Retry as exc:
            last = str(exc)
        except _TooLarge as exc:
            return Outcome(sha, failed=str(exc))
        except (aiohttp.ClientError, TimeoutError) as exc:
            last = f"connection problem ({type(exc).__name__})"
        if attempt < attempts - 1:
            await asyncio.sleep(min(5.0, delay * 2**attempt) * (0.5 + random.random()))
    return Outcome(sha, failed=f"not delivered after {attempts} tries: {last}")


async def _try_once(session: aiohttp.ClientSession, base: str, sha: str,
                    path: Path) -> Outcome:
    async with session.head(f"{base}/v1/bundles/{sha}") as response:
        stored = response.status == 200
    if stored:
        async with session.get(f"{base}/v1/receipts/{sha}") as response:
            body = await _read_answer(response)
            if response.status == 200:
                return Outcome(sha, receipt=body)
    data = await asyncio.to_thread(path.read_bytes)
    async with session.put(f"{base}/v1/bundles/{sha}", data=data,
                           headers={"Content-Type": "application/octet-stream"}) as response:
        body = await _read_answer(response)
        if response.status == 201:  # only 201 counts as stored
            return Outcome(sha, receipt=body)
        reason = body.decode("utf-8", "replace").strip()[:300]
        if response.status in RETRY_STATUS:
            raise _Retry(f"collector answered {response.status}: {reason}")
        return Outcome(sha, refused=f"refused by the collector ({response.status}): {reason}")
