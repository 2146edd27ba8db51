"""Anyone may PUT, before any device is known, and the bodies held at once share one budget:
an upload that stalls, or trickles below the floor rate, is cut (408, its bytes given back)
so a few slow senders cannot hold the budget and answer every real device 503. The device
takes a cut as a reason to try again, never as a refusal."""

from __future__ import annotations

import asyncio
import hashlib
import inspect
import logging
import time
import urllib.error
import urllib.request
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from fieldtui.sync import http_transport
from fieldtui.sync.collector import server
from fieldtui.sync.http_transport import exchange_http
from fieldtui.sync.outcome import Delivery
from tests.support.bundle_factory import Dev, Study, bundle
from tests.support.collector_backends import Backend
from tests.support.collector_fixture import collector
from tests.support.server_thread import running
from tests.support.slow_upload import open_put, status_of, trickle


def _pace(monkeypatch: pytest.MonkeyPatch, *, idle: float, grace: float,
          min_rate: float) -> None:
    monkeypatch.setattr(server, "IDLE", idle, raising=False)
    monkeypatch.setattr(server, "GRACE", grace, raising=False)
    monkeypatch.setattr(server, "MIN_RATE", min_rate, raising=False)


def _put(url: str, body: bytes) -> tuple[int, bytes]:
    sha = hashlib.sha256(body).hexdigest()
    request = urllib.request.Request(f"{url}/v1/bundles/{sha}", data=body, method="PUT")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return int(response.status), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def test_stalled_uploads_are_cut_and_then_a_real_device_gets_in(
        collector_backend: Backend, monkeypatch: pytest.MonkeyPatch) -> None:
    # two stallers hold the whole budget (60 KB each, in 150 KB), never sending the rest
    monkeypatch.setattr(server, "BODIES_IN_FLIGHT", 150_000, raising=False)
    _pace(monkeypatch, idle=0.5, grace=60.0, min_rate=1.0)
    dev = Dev()
    collector_backend.allow(dev)
    data = bundle(dev, Study())
    store = collector_backend.open(max_size=60_000)
    try:
        with running(store) as url:  # type: ignore[arg-type]
            stallers = [open_put(url, 60_000, b"x" * 59_000) for _ in range(2)]
            try:
                answers = [status_of(conn, within=10.0) for conn in stallers]
            finally:
                for conn in stallers:
                    conn.close()
            for status, answer in answers:
                assert status == 408 and b"retry" in answer, answer
            # their bytes were given back: the budget has room for a device again
            status, receipt = _put(url, data)
            assert status == 201, receipt
        assert store.stored() == [hashlib.sha256(data).hexdigest()]
    finally:
        store.close()


def test_a_sender_below_the_floor_rate_is_cut_and_logged_slow(
        monkeypatch: pytest.MonkeyPatch) -> None:
    _pace(monkeypatch, idle=5.0, grace=0.3, min_rate=20_000.0)
    with collector(Dev(), max_size=60_000) as store:
        with running(store) as url:
            conn = open_put(url, 60_000)
            try:
                # about 2 KB/s: never idle, but a tenth of the floor
                status, answer = trickle(conn, b"x" * 100, every=0.05, within=10.0)
            finally:
                conn.close()
            assert status == 408 and b"retry" in answer, answer
        log = (store.root / "requests.log").read_text().splitlines()
        assert [line for line in log if " 408 " in line and line.endswith(" slow")], log
        assert not list((store.root / "quarantine").iterdir())  # slow is not bad bytes


def test_a_stall_is_logged_idle(monkeypatch: pytest.MonkeyPatch) -> None:
    _pace(monkeypatch, idle=0.3, grace=60.0, min_rate=1.0)
    with collector(Dev(), max_size=60_000) as store:
        with running(store) as url:
            conn = open_put(url, 60_000, b"x" * 10)
            try:
                assert status_of(conn, within=10.0)[0] == 408
            finally:
                conn.close()
        log = (store.root / "requests.log").read_text().splitlines()
        assert [line for line in log if " 408 " in line and line.endswith(" idle")], log


def test_a_sender_at_a_decent_rate_with_a_short_pause_is_not_cut(
        monkeypatch: pytest.MonkeyPatch) -> None:
    _pace(monkeypatch, idle=1.5, grace=0.5, min_rate=2_000.0)
    body = b"y" * 40_000
    with collector(Dev(), max_size=60_000) as store, running(store) as url:
        conn = open_put(url, len(body), name=hashlib.sha256(body).hexdigest())
        try:
            # 2 KB every 10 ms, a pause shorter than the idle time halfway: well over the
            # floor on average, and longer than the grace period in all
            for start in range(0, len(body), 2_000):
                conn.sendall(body[start:start + 2_000])
                time.sleep(0.6 if start == 20_000 else 0.01)
            status, answer = status_of(conn, within=10.0)
        finally:
            conn.close()
        # read whole and checked: the answer is about the bytes, not the pace
        assert status == 400 and b"not a fieldtui bundle" in answer, answer


def test_the_floor_rate_lets_a_gprs_device_through() -> None:
    # the slowest field link (GPRS, about 5 KiB/s) shared by the device's uploads at once
    at_once = inspect.signature(exchange_http).parameters["concurrency"].default
    assert server.MIN_RATE * at_once * 2 <= 5 * 1024
    # a pause the device itself still waits through is never cut
    assert server.IDLE > http_transport.GIVE_UP_AFTER


def test_a_device_cut_mid_upload_keeps_the_bundle_and_sends_it_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _pace(monkeypatch, idle=0.5, grace=60.0, min_rate=1.0)
    dev = Dev()
    data = bundle(dev, Study())
    sha = hashlib.sha256(data).hexdigest()
    (tmp_path / sha).write_bytes(data)
    real_body = http_transport._body
    tries: list[int] = []

    async def stalling_once(data: bytes, live: object) -> AsyncIterator[bytes]:
        tries.append(len(data))
        if len(tries) == 1:  # the link stalls mid-upload the first time
            yield data[:100]
            await asyncio.sleep(30)
            return
        async for chunk in real_body(data, live):  # type: ignore[arg-type]
            yield chunk

    monkeypatch.setattr(http_transport, "_body", stalling_once)
    outcomes: list[Delivery] = []
    with collector(dev) as store:
        with running(store) as url:
            asyncio.run(asyncio.wait_for(
                exchange_http(url, [(sha, tmp_path / sha)], outcomes.append,
                              base_delay=0.01, give_up_after=10.0), 60))
        assert len(tries) == 2
        assert [o.sha256 for o in outcomes] == [sha] and outcomes[0].receipt is not None, \
            outcomes
        assert store.stored() == [sha]
        log = (store.root / "requests.log").read_text()
        assert " 408 " in log and " 201 " in log


def test_a_sender_that_hangs_up_mid_body_is_one_quiet_log_line(
        caplog: pytest.LogCaptureFixture) -> None:
    with collector(Dev(), max_size=60_000) as store:
        with running(store) as url:
            with caplog.at_level(logging.WARNING):
                conn = open_put(url, 60_000, b"x" * 100)
                time.sleep(0.2)  # read by the collector, then the link is gone
                conn.close()
                status, reason = _put(url, b"z" * 50)  # and the collector still answers
            assert status == 400 and b"not a fieldtui bundle" in reason
        # no traceback for the operator (aiohttp logs one for an error in a handler)
        assert not [r for r in caplog.records if r.name.startswith("aiohttp")], \
            caplog.records
        log = (store.root / "requests.log").read_text().splitlines()
        assert [line for line in log if " 499 " in line and line.endswith(" gone")], log
