"""Group commit on PostgreSQL (collector.pg.batch): uploads arriving together share one
transaction, none is answered before the commit that holds it (another session sees it
the moment the answer comes), and a batch whose transaction fails is retried upload by
upload (one cannot fail the others); the same for uploads waiting on the server's event
loop (`PgStore.accept_async`, `LoopBatches`)."""

from __future__ import annotations

import asyncio
import hashlib
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

import psycopg

from fieldtui.sync.collector.backend import Unavailable
from fieldtui.sync.collector.pg.batch import LoopBatches, StoreBatches
from fieldtui.sync.collector.pg.store import PgStore
from tests.support.bundle_factory import Dev, Study, bundle
from tests.support.collector_backends import Backend

UPLOADS = 40


def test_concurrent_uploads_share_commits_and_each_is_committed_when_answered(
        pg_url: str) -> None:
    backend = Backend("postgresql", pg_url).init()
    devs, study = [Dev() for _ in range(4)], Study()
    backend.allow(*devs)
    bundles = [bundle(devs[n % 4], study, seq=n // 4 + 1) for n in range(UPLOADS)]
    store = backend.open()
    assert isinstance(store, PgStore)

    def upload(data: bytes) -> bool:
        sha = hashlib.sha256(data).hexdigest()
        answer = store.accept(sha, data)
        with psycopg.connect(pg_url) as other:  # a session of its own: sees only commits
            seen = other.execute("SELECT 1 FROM bundles WHERE sha256 = %s", (sha,))
            return answer.new and seen.fetchone() is not None

    try:
        with ThreadPoolExecutor(20) as pool:
            assert all(pool.map(upload, bundles))
        assert store._batches.commits < UPLOADS  # batched: fewer commits than uploads
        assert sorted(store.stored()) == sorted(hashlib.sha256(b).hexdigest()
                                                for b in bundles)
    finally:
        store.close()


class _Conn:
    """A connection that logs statements and transactions; its first transaction fails
    at commit (as a deadlock with another collector would). The first statement waits
    until the other uploads have queued behind it."""

    def __init__(self, batches: list[StoreBatches] | list[LoopBatches], queued: int) -> None:
        self.log: list[str] = []
        self.batches = batches
        self.queued = queued
        self.failed = False

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.log.append("begin")
        yield
        if not self.failed:
            self.failed = True
            self.log.append("rollback")
            raise Unavailable("deadlock detected")
        self.log.append("commit")

    @contextmanager
    def cursor(self) -> Iterator[_Conn]:
        self.left = 0
        yield self

    def executemany(self, statement: str, params: list[dict[str, Any]], *,
                    returning: bool) -> None:
        assert returning
        for fields in params:
            self.execute(statement, fields)
        self.left = len(params)

    def nextset(self) -> bool:
        self.left -= 1
        return self.left > 0

    def execute(self, statement: str, fields: dict[str, Any]) -> _Conn:
        if not self.log:
            while len(self.batches[0]._queue) < self.queued:
                threading.Event().wait(0.001)
        self.log.append(f"run {fields['sha256']}")
        return self

    def fetchone(self) -> tuple[bool, bool]:
        return (False, True)


def test_a_failed_batch_is_retried_upload_by_upload() -> None:
    holder: list[StoreBatches] = []
    conn = _Conn(holder, queued=7)

    @contextmanager
    def connect() -> Iterator[_Conn]:
        yield conn

    batches = StoreBatches(connect, "STORE", leaders=1)  # one batch at a time: b0's
    holder.append(batches)
    with ThreadPoolExecutor(8) as pool:
        first = pool.submit(batches.run, {"sha256": "b0", "device_id": "d0"})
        while not batches._leaders:  # b0 leads, held in its statement
            threading.Event().wait(0.001)
        rest = [pool.submit(batches.run, {"sha256": f"b{n}", "device_id": f"d{n % 3}"})
                for n in range(1, 8)]
        rows = [first.result(10), *(f.result(10) for f in rest)]
    assert rows == [(False, True)] * 8  # every upload stored, none failed with the batch
    after = conn.log[conn.log.index("rollback") + 1:]
    assert conn.log[1] == "begin" and len(conn.log[2:conn.log.index("rollback")]) == 7
    assert sorted(after) == sorted(f"run b{n}" for n in range(1, 8))  # each alone


def test_uploads_on_the_event_loop_share_commits_and_each_is_committed_when_answered(
        pg_url: str) -> None:
    backend = Backend("postgresql", pg_url).init()
    devs, study = [Dev() for _ in range(4)], Study()
    backend.allow(*devs)
    bundles = [bundle(devs[n % 4], study, seq=n // 4 + 1) for n in range(UPLOADS)]
    store = backend.open()
    assert isinstance(store, PgStore)

    async def upload(data: bytes) -> bool:
        sha = hashlib.sha256(data).hexdigest()
        answer = await store.accept_async(sha, data)
        with psycopg.connect(pg_url) as other:  # a session of its own: sees only commits
            seen = other.execute("SELECT 1 FROM bundles WHERE sha256 = %s", (sha,))
            return answer.new and seen.fetchone() is not None

    async def upload_all() -> list[bool]:
        return await asyncio.gather(*(upload(data) for data in bundles[4:]))

    try:
        for data in bundles[:4]:  # each device's key is read once, by a worker thread
            store.accept(hashlib.sha256(data).hexdigest(), data)
        before = store._batches.commits
        assert all(asyncio.run(upload_all()))
        assert store._batches.commits - before < UPLOADS - 4  # batched on the loop
        assert sorted(store.stored()) == sorted(hashlib.sha256(b).hexdigest()
                                                for b in bundles)
    finally:
        store.close()


def test_a_failed_batch_on_the_event_loop_is_retried_upload_by_upload() -> None:
    holder: list[LoopBatches] = []
    conn = _Conn(holder, queued=7)

    @contextmanager
    def connect() -> Iterator[_Conn]:
        yield conn

    batches = LoopBatches(StoreBatches(connect, "STORE"), leaders=1)
    holder.append(batches)

    async def upload_all() -> list[tuple[object, ...]]:
        first = asyncio.ensure_future(batches.run({"sha256": "b0", "device_id": "d0"}))
        await asyncio.sleep(0)  # b0 leads, held in its statement until the rest queue
        rest = [batches.run({"sha256": f"b{n}", "device_id": f"d{n % 3}"})
                for n in range(1, 8)]
        return await asyncio.gather(first, *rest)

    rows = asyncio.run(upload_all())
    assert rows == [(False, True)] * 8  # every upload stored, none failed with the batch
    after = conn.log[conn.log.index("rollback") + 1:]
    assert conn.log[1] == "begin" and len(conn.log[2:conn.log.index("rollback")]) == 7
    assert sorted(after) == sorted(f"run b{n}" for n in range(1, 8))  # each alone
