"""PostgreSQL stopped under a running collector: uploads are answered 503 (retry later),
nothing is acknowledged; once it is back, the same collector stores them."""

from __future__ import annotations

import asyncio
import hashlib
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.error import HTTPError

import pytest

from fieldtui.sync.collector.backend import Unavailable
from fieldtui.sync.collector.pg import pool as pool_module
from fieldtui.sync.collector.pg.store import PgStore
from fieldtui.sync.http_transport import exchange_http
from fieldtui.sync.outcome import Delivery
from tests.support.bundle_factory import Dev, Study, bundle
from tests.support.collector_backends import Backend
from tests.support.pg_cluster import PgCluster, require_postgres
from tests.support.server_thread import running


@pytest.fixture
def own_cluster() -> Iterator[PgCluster]:
    """A cluster of its own: this test stops it."""
    cluster = PgCluster(require_postgres())
    yield cluster
    cluster.stop()


def _put(url: str, data: bytes) -> tuple[int, bytes]:
    name = hashlib.sha256(data).hexdigest()
    request = urllib.request.Request(f"{url}/v1/bundles/{name}", data=data, method="PUT")
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return int(answer.status), answer.read()
    except HTTPError as exc:
        return exc.code, exc.read()


def test_uploads_wait_out_a_stopped_postgresql(own_cluster: PgCluster) -> None:
    backend = Backend("postgresql", own_cluster.database()).init()
    dev, study = Dev(), Study()
    backend.allow(dev)
    first, second = bundle(dev, study, seq=1), bundle(dev, study, seq=2)
    told: list[str] = []
    store = PgStore(str(backend.spec), warn=told.append, pool_timeout=2.0)
    try:
        with running(store) as url:
            assert _put(url, first)[0] == 201
            own_cluster.halt()
            status, reason = _put(url, second)
            assert status == 503 and b"retry later" in reason
            assert b"s3cret" not in reason and b"?host=" not in reason
            own_cluster.start()
            assert _put(url, second)[0] == 201  # the pool reconnects
            assert _put(url, first)[0] == 201  # still there after the crash
        assert len(store.stored()) == 2
        # once, in one line (the request log's flush may tell its own trouble too)
        assert len([line for line in told if "cannot store bundles" in line]) == 1
        assert all(line.startswith("fieldtui collector: PostgreSQL at ") and "\n" not in line
                   for line in told)
    finally:
        store.close()


def test_the_first_upload_after_a_postgresql_restart_is_stored(own_cluster: PgCluster) -> None:
    # PostgreSQL restarted between two uploads: the connections the pool held are dead,
    # and the pool finds it out (its check) and uses fresh ones: no 503 for the first
    # upload after the restart, nothing acknowledged lost, nothing stored twice
    backend = Backend("postgresql", own_cluster.database()).init()
    dev, study = Dev(), Study()
    backend.allow(dev)
    first, second = bundle(dev, study, seq=1), bundle(dev, study, seq=2)
    store = PgStore(str(backend.spec), warn=None)
    try:
        with store._conn(), store._conn(), store._conn():
            pass  # the pool holds several connections, as it does under load
        before = store.accept(hashlib.sha256(first).hexdigest(), first)
        own_cluster.halt()
        own_cluster.start()
        after = store.accept(hashlib.sha256(second).hexdigest(), second)  # no Unavailable
        assert after.new
        again = store.accept(hashlib.sha256(first).hexdigest(), first)
        assert not again.new and again.receipt == before.receipt
        assert sorted(store.stored()) == sorted(hashlib.sha256(b).hexdigest()
                                                for b in (first, second))
    finally:
        store.close()


def test_a_device_is_told_promptly_that_postgresql_is_down(own_cluster: PgCluster,
                                                           tmp_path: Path) -> None:
    # Each request used to wait the pool's whole timeout (10 s) for a connection that
    # never came: a device's tries (a HEAD and a PUT each) took minutes to end in 503.
    # Now a failed attempt to connect is seen and requests are answered 503 at once
    # (pg.pool), however long the pool would wait for a busy database. The pool here
    # waits up to 600 s for one: the old code took 40 minutes for the two tries, the new
    # a few seconds; the outer 60 s only ends the old code's wait, far from either.
    backend = Backend("postgresql", own_cluster.database()).init()
    dev, study = Dev(), Study()
    backend.allow(dev)
    data = bundle(dev, study, seq=1)
    path = tmp_path / "b"
    path.write_bytes(data)
    store = PgStore(str(backend.spec), warn=None, pool_timeout=600.0)
    outcomes: list[Delivery] = []

    async def sync(url: str) -> None:
        async with asyncio.timeout(60):
            await exchange_http(url, [(hashlib.sha256(data).hexdigest(), path)],
                                outcomes.append, attempts=2)

    try:
        with running(store) as url:
            own_cluster.halt()
            asyncio.run(sync(url))  # TimeoutError on the old code
        [outcome] = outcomes
        assert outcome.receipt is None
        assert "503" in outcome.failed and "retry later" in outcome.failed
    finally:
        store.close()


def test_postgresql_back_after_a_while_is_used_by_the_next_upload(own_cluster: PgCluster) -> None:
    # The pool's own retries back off (1, 2, 4, 8 s apart...): after PostgreSQL had been
    # down a while, the upload after it came back waited for the next of them and was
    # answered 503. Now a request tries to connect itself while PostgreSQL is known down.
    backend = Backend("postgresql", own_cluster.database()).init()
    dev, study = Dev(), Study()
    backend.allow(dev)
    first, second = bundle(dev, study, seq=1), bundle(dev, study, seq=2)
    store = PgStore(str(backend.spec), warn=None, pool_timeout=2.0)
    try:
        with running(store) as url:
            assert _put(url, first)[0] == 201
            own_cluster.halt()
            assert _put(url, second)[0] == 503
            time.sleep(8)  # down a while: the old pool's next retry was ~8 s away
            own_cluster.start()
            assert _put(url, second)[0] == 201
        assert len(store.stored()) == 2
    finally:
        store.close()


def test_postgresql_stopped_while_every_connection_is_lent_is_answered_without_the_wait(
        own_cluster: PgCluster, monkeypatch: pytest.MonkeyPatch) -> None:
    # PostgreSQL marked down while every connection of the pool's is lent: a request waits
    # for one back (pg.pool BUSY_WAIT), as one back would prove PostgreSQL up. Stopped, a
    # lent connection comes back dead: the wait ends there and the request is answered
    # (Unavailable: 503), not after BUSY_WAIT (600 s here; the outer 120 s only ends a
    # wrong wait).
    monkeypatch.setattr(pool_module, "BUSY_WAIT", 600.0)
    backend = Backend("postgresql", own_cluster.database()).init()
    store = PgStore(str(backend.spec), warn=None, pool_size=2)
    holding, release = threading.Event(), threading.Event()
    order: list[str] = []

    def busy() -> None:
        with store._conn():
            holding.set()
            release.wait()
            order.append("given back")

    def request() -> None:
        try:
            store.has("0" * 64)
        except Unavailable:
            order.append("503")

    pool = store._pool
    wait_for_one_back = pool._wait_for_one_back

    def waiting(seen: int, until: float) -> bool:
        order.append("waiting")
        release.set()
        return wait_for_one_back(seen, until)

    monkeypatch.setattr(pool, "_wait_for_one_back", waiting)
    holder, asking = threading.Thread(target=busy), threading.Thread(target=request)
    try:
        holder.start()
        holding.wait()
        own_cluster.halt()
        asking.start()
        asking.join(120)
        assert not asking.is_alive()
        # (it may look again once between: the one back was dead, so none is lent now)
        assert order[0] == "waiting" and "given back" in order and order[-1] == "503"
    finally:
        release.set()
        holder.join()
        if asking.is_alive():
            asking.join()
        store.close()


def _get(url: str, lang: str) -> tuple[int, bytes]:
    request = urllib.request.Request(f"{url}/v1/updates?after=0",
                                     headers={"Accept-Language": lang})
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return int(answer.status), answer.read()
    except HTTPError as exc:
        return exc.code, exc.read()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_client_is_not_told_where_the_database_is(own_cluster: PgCluster,
                                                    lang: str) -> None:
    """With PostgreSQL down, anyone who asked (no device needed: GET /v1/updates) was told
    'PostgreSQL at HOST:PORT/DBNAME: ' and libpq's own words, which name the server's
    address again: where the collector's database lives, for whoever probes a collector
    facing the internet. The client is told that the database is out of reach; the
    operator's terminal and log keep where, and why."""
    from fieldtui.store.postgres_url import describe

    spec = own_cluster.database()
    backend = Backend("postgresql", spec).init()
    told: list[str] = []
    store = PgStore(str(backend.spec), warn=told.append, pool_timeout=2.0)
    try:
        with running(store) as url:
            own_cluster.halt()
            status, answer = _get(url, lang)
    finally:
        store.close()
    assert status == 503
    text = answer.decode("utf-8")
    where = describe(spec)
    for secret in (where, where.split("/")[-1], str(own_cluster.dir), str(own_cluster.port)):
        assert secret not in text, (secret, text)
    assert "PostgreSQL" not in text
    assert any(where in line for line in told)  # the operator is told
