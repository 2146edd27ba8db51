"""The collector over HTTP (aiohttp): HEAD and PUT /v1/bundles/{sha256}, GET /v1/receipts/{sha256},
GET /v1/updates?after=SEQ (the supervisor's updates, relayed: see collector.updates).

PUT answers 201 with the signed receipt, the same receipt for the same bytes again; a
refusal answers 4xx with the reason as text, the bytes kept in quarantine while it has room
(the log line says `not-kept` when not); a store that cannot write (a full disk) answers 503,
and so does an upload past the budget of bodies held at once; a body that stalls or comes
too slowly is cut with 408 (see IDLE, MIN_RATE, GRACE below). Store work runs
in threads (the store's `accept_async` says which part) and is shielded from cancellation,
so a SIGTERM waits for an upload in flight.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import signal
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable

from aiohttp import web

from fieldtui.core.errors import FieldtuiError, one_line
from fieldtui.core.i18n import N_, _
from fieldtui.core.said import Said, asked_language
from fieldtui.sync.collector.backend import SHA_NAME, BundleStore, Refusal, Unavailable
from fieldtui.sync.collector.updates import page_json
from fieldtui.sync.collector.upload_body import Gone, Pace, TooSlow, read_capped

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
STORE: web.AppKey[BundleStore] = web.AppKey("store")
ECHO: web.AppKey[bool] = web.AppKey("echo", bool)
REASON: web.RequestKey[str] = web.RequestKey("reason", str)
IN_FLIGHT: web.AppKey[list[int]] = web.AppKey("in_flight", list)
WORKERS = 64
# Anyone may PUT, before any device is known, and a body is held whole until it is checked:
# the bodies held at once are bounded together, not only one by one (30 anonymous 16 MiB
# uploads at once took a collector to 925 MB; each costs about 1.75 times its size while it
# is checked). 128 MiB of bodies is a peak of about 300 MB; a real bundle is tens of KB, so
# hundreds of devices at once fit, and one largest bundle always does. Past it an upload is
# answered 503, which a device retries.
BODIES_IN_FLIGHT = 128 * 1024 * 1024
# A body held must also keep moving, or a few senders that trickle up to 16 MiB, or send
# some bytes and stall, hold the budget for ever and every device is answered 503. aiohttp
# sets no time on reading a request body (its keep-alive timeout only closes connections
# idle between requests), so the collector does (upload_body): a body that sends nothing
# for IDLE s, or that after GRACE s has come slower on average than MIN_RATE bytes/s, is
# cut: answered 408 (which a device retries), its bytes given back, logged `idle` or
# `slow`. From the field: GPRS/EDGE links carry about 5-20 KiB/s and a device sends up to
# 4 bundles at once, so an upload on the slowest link gets about 1.25 KiB/s; the floor is
# under half that. A real bundle is tens of KB (well under a minute there); the largest,
# 16 MiB, takes about 9 h at the floor and still fits: nothing limits the total time.
# IDLE is three times the 20 s a device itself waits without a sign of life, and outlasts
# TCP's retransmissions over a fading link (1+2+4+8+16 s); GRACE covers slow start over a
# GPRS round trip of 1-2 s. A staller holds what it sent for at most IDLE s after its last
# bytes; to hold the budget longer a sender must keep sending, at the floor rate or more.
IDLE = 60.0
MIN_RATE = 512.0
# Retry-After on a 503 (RFC 9110), in seconds: what a proxy or another client may honour
# (fieldtui's devices keep their own backoff). The store unavailable (PostgreSQL down or
# restarting, a full disk): a restart or failover takes seconds to tens of seconds, and an
# open connection to a gone server is given up within ~30 s (pg.connect). The bodies'
# budget full: a minute, as its message says.
RETRY_AFTER_UNAVAILABLE = 30
RETRY_AFTER_BUSY = 60
GRACE = 30.0
HELD: web.AppKey[list[int]] = web.AppKey("held", list)
LOG_LINES: web.AppKey[list[str]] = web.AppKey("log_lines", list)


def make_app(store: BundleStore, *, echo: bool = False) -> web.Application:
    """The collector's aiohttp application over an opened store."""
    app = web.Application(middlewares=[_log_requests], client_max_size=store.max_size + 1)
    app[STORE] = store
    app[ECHO] = echo
    app[IN_FLIGHT] = [0]
    app[HELD] = [0]
    app[LOG_LINES] = []
    app.cleanup_ctx.append(_log_writer)
    app.router.add_route("HEAD", "/v1/bundles/{sha}", _head_bundle)
    app.router.add_put("/v1/bundles/{sha}", _put_bundle)
    app.router.add_get("/v1/receipts/{sha}", _get_receipt)
    app.router.add_get("/v1/updates", _get_updates)
    return app


async def _get_updates(request: web.Request) -> web.Response:
    after = request.query.get("after", "0")
    if not after.isascii() or not after.isdigit() or len(after) > 10:
        return _refuse(request, 400, Said(N_("after= must be a sequence number")))
    store = request.app[STORE]
    try:
        updates, more = await asyncio.to_thread(store.updates_page, int(after))
    except Unavailable as busy:
        return _refuse(request, busy.status, busy.said)
    return web.Response(body=page_json(updates, more), content_type="application/json")


async def _head_bundle(request: web.Request) -> web.Response:
    store = request.app[STORE]
    try:
        found = await asyncio.to_thread(store.has, request.match_info["sha"])
    except Unavailable as busy:
        return web.Response(status=busy.status, headers=_retry_after(busy.status))
    return web.Response(status=200 if found else 404)


async def _get_receipt(request: web.Request) -> web.Response:
    store = request.app[STORE]
    try:
        receipt = await asyncio.to_thread(store.receipt, request.match_info["sha"])
    except Unavailable as busy:
        return _refuse(request, busy.status, busy.said)
    if receipt is None:
        return _refuse(request, 404, Said(N_("no receipt: this bundle is not stored here")))
    return web.Response(body=receipt, content_type="application/json")


async def _put_bundle(request: web.Request) -> web.Response:
    store = request.app[STORE]
    sha = request.match_info["sha"]
    if not SHA_NAME.fullmatch(sha):
        return _refuse(request, 400, Said(N_("the name is not a SHA-256 in lowercase hex")))
    held = request.app[HELD]
    taken = [0]
    try:
        budget = max(BODIES_IN_FLIGHT, store.max_size + 1)  # one largest bundle always fits
        data = await read_capped(request, store.max_size, budget, held, taken,
                                 Pace(IDLE, MIN_RATE, GRACE))
        if data is None:
            request[REASON] = "busy"
            return _refuse(request, 503, Said(N_("the collector is busy receiving other "
                                                 "uploads; retry in a minute")),
                           retry_after=RETRY_AFTER_BUSY)
        return await _accept(request, store, sha, data)
    except TooSlow as slow:
        request[REASON] = slow.code
        return _refuse(request, 408, _too_slow(slow))
    except Gone:
        # nobody is left to answer; logged as nginx does (499), not as our error (500)
        # with a traceback on the operator's terminal: a device losing its link is normal
        request[REASON] = "gone"
        return web.Response(status=499)
    finally:
        held[0] -= taken[0]


async def _accept(request: web.Request, store: BundleStore, sha: str, data: bytes
                  ) -> web.Response:
    source = request.remote or ""
    work = store.accept_async(sha, data, source)
    try:
        # shielded: a client or a shutdown that gives up must not cut a commit in half
        accepted = await asyncio.shield(work)
    except Refusal as refusal:
        request[REASON] = refusal.code if refusal.kept else f"{refusal.code} not-kept"
        return _refuse(request, refusal.status, refusal.said or refusal.reason)
    except Unavailable as busy:
        request[REASON] = "unavailable"
        return _refuse(request, busy.status, busy.said)
    request[REASON] = "stored" if accepted.new else "again"
    return web.Response(status=201, body=accepted.receipt, content_type="application/json")


def _too_slow(slow: TooSlow) -> Said:
    if slow.code == "idle":
        return Said(N_("the upload sent nothing for {seconds:g} s and was cut; retry when "
                       "the connection is better"), {"seconds": slow.pace.idle})
    return Said(N_("the upload came slower than {rate:g} bytes/s and was cut; retry when "
                   "the connection is better"), {"rate": slow.pace.min_rate})


def _refuse(request: web.Request, status: int, reason: Said | str, *,
            retry_after: int = RETRY_AFTER_UNAVAILABLE) -> web.Response:
    """The answer to a request refused: its reason in the language the request asked for
    (Accept-Language, as a device sends its interface's), else the collector's own; a 503
    says when to retry (`retry_after` seconds)."""
    lang = asked_language(request.headers.get("Accept-Language")) \
        if isinstance(reason, Said) else None
    text = reason.in_language(lang) if isinstance(reason, Said) and lang else str(reason)
    return web.Response(status=status, text=text + "\n",
                        headers=_retry_after(status, retry_after))


def _retry_after(status: int, seconds: int = RETRY_AFTER_UNAVAILABLE) -> dict[str, str]:
    """The Retry-After header of a 503 (none on any other answer)."""
    return {"Retry-After": str(seconds)} if status == 503 else {}


@web.middleware
async def _log_requests(request: web.Request, handler: Handler) -> web.StreamResponse:
    started = time.monotonic()
    status, size = 500, 0
    request.app[IN_FLIGHT][0] += 1
    try:
        response = await handler(request)
        status = response.status
        size = response.content_length or 0
        return response
    except web.HTTPException as exc:
        status = exc.status
        raise
    finally:
        request.app[IN_FLIGHT][0] -= 1
        elapsed = (time.monotonic() - started) * 1000
        # raw_path, escaped: anyone can send a path, and a decoded %0a or %1b would forge
        # log lines or drive the operator's terminal
        line = one_line(f"{request.remote} {request.method} {request.raw_path} {status} "
                        f"{size}B {elapsed:.1f}ms {request.get(REASON, '')}").rstrip()
        # written in batches from a thread: a write to a busy disk must not stall the loop
        request.app[LOG_LINES].append(line)
        if request.app[ECHO]:
            print(line, file=sys.stderr, flush=True)


async def _log_writer(app: web.Application) -> AsyncIterator[None]:
    stop = asyncio.Event()

    async def drain() -> None:
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), 0.2)
            await _flush_log(app)

    task = asyncio.create_task(drain())
    yield
    # Not cancelled: a batch it has taken is still being written in a thread, and the
    # store (requests.log with it) is closed once this returns.
    stop.set()
    await task
    await _flush_log(app)


async def _flush_log(app: web.Application) -> None:
    lines = app[LOG_LINES]
    if lines:
        batch = lines[:]
        del lines[: len(batch)]
        await asyncio.to_thread(app[STORE].log, *batch)


async def serve(store: BundleStore, host: str, port: int, *, echo: bool = True,
                ready: Callable[[str], None] | None = None, grace: float = 30.0) -> None:
    """Serve until SIGTERM or SIGINT, then finish uploads in flight (up to `grace` s)."""
    # a thread per upload in flight (up to WORKERS): those waiting on a group commit only
    # wait, and the more of them wait, the fewer fsyncs the batch costs each
    asyncio.get_running_loop().set_default_executor(
        concurrent.futures.ThreadPoolExecutor(WORKERS, thread_name_prefix="collector"))
    app = make_app(store, echo=echo)
    runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=5)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    try:
        await site.start()
    except OSError as exc:
        await runner.cleanup()
        store.close()
        raise FieldtuiError(_("cannot listen on {host}:{port} ({strerror})").format(host=host, port=port, strerror=exc.strerror),
                            _("choose another --port or stop what uses it")) from exc
    bound = runner.addresses[0]
    url = f"http://{bound[0]}:{bound[1]}"
    if ready is not None:
        ready(url)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    try:
        await stop.wait()
        await site.stop()  # no new connections
        await _drain(app, grace)
    finally:
        await runner.cleanup()
        store.close()


async def _drain(app: web.Application, grace: float) -> None:
    # aiohttp's own graceful shutdown stops reading request bodies at once, which would
    # lose an upload in flight: wait for running requests to finish first
    deadline = time.monotonic() + grace
    while app[IN_FLIGHT][0] > 0 and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
