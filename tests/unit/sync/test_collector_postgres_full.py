"""PostgreSQL up but with no free connection slot (other applications hold them: a
dashboard, supervisors' merges): the collector's pool, asked for two connections at once,
tries to open a second and is refused ("too many clients"). Since pg.pool marked PostgreSQL
down on any failed attempt to connect and then sent every request past the pool to connect
on its own, every later upload was answered 503 while the pool held a working connection
idle, until the server had a free slot again. A connection the pool holds is now used."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator

import psycopg
import pytest

from fieldtui.sync.collector.backend import Unavailable
from fieldtui.sync.collector.pg.store import PgStore
from tests.support.bundle_factory import Dev, Study, bundle
from tests.support.collector_backends import Backend
from tests.support.pg_cluster import PgCluster, require_postgres


@pytest.fixture
def small_cluster() -> Iterator[PgCluster]:
    """A cluster of its own whose connection slots this test fills."""
    cluster = PgCluster(require_postgres(), max_connections=12)
    yield cluster
    cluster.stop()


def test_uploads_use_the_pools_connection_while_the_server_is_full(
        small_cluster: PgCluster) -> None:
    backend = Backend("postgresql", small_cluster.database()).init()
    dev, study = Dev(), Study()
    backend.allow(dev)
    store = PgStore(str(backend.spec), warn=None, pool_size=4)
    others: list[psycopg.Connection[tuple[object, ...]]] = []
    try:
        with store._conn():
            pass  # the pool holds one connection
        while True:  # another application takes every other slot
            try:
                others.append(psycopg.connect(small_cluster.url(), autocommit=True))
            except psycopg.OperationalError:
                break
        with pytest.raises(Unavailable), store._conn(), store._conn():
            pass  # two at once: the pool cannot grow (too many clients)
        for seq in (1, 2):
            data = bundle(dev, study, seq=seq)
            assert store.accept(hashlib.sha256(data).hexdigest(), data).new
    finally:
        for other in others:
            other.close()
        store.close()


def test_a_request_waits_for_a_busy_connection_while_the_server_is_full(
        small_cluster: PgCluster, monkeypatch: pytest.MonkeyPatch) -> None:
    # The same full server, the pool's one connection lent to a request (busy): the next
    # request's pool could not grow, PostgreSQL was marked down, and the request (no idle
    # connection, its own attempt refused too) was answered 503 at once, though the busy
    # connection was given back a moment later. It now waits for it (pg.pool BUSY_WAIT).
    backend = Backend("postgresql", small_cluster.database()).init()
    dev, study = Dev(), Study()
    backend.allow(dev)
    store = PgStore(str(backend.spec), warn=None, pool_size=4)
    others: list[psycopg.Connection[tuple[object, ...]]] = []
    holding, release = threading.Event(), threading.Event()
    order: list[str] = []

    def busy() -> None:
        with store._conn():
            holding.set()
            release.wait()
            order.append("given back")

    holder = threading.Thread(target=busy)
    try:
        with store._conn():
            pass  # the pool holds one connection
        while True:  # another application takes every other slot
            try:
                others.append(psycopg.connect(small_cluster.url(), autocommit=True))
            except psycopg.OperationalError:
                break
        holder.start()
        holding.wait()
        pool = store._pool
        wait_for_one_back = getattr(pool, "_wait_for_one_back", None)

        def waiting(seen: int, until: float) -> bool:
            order.append("waiting")
            release.set()  # the busy request ends only once this one waits for it
            assert wait_for_one_back is not None
            return bool(wait_for_one_back(seen, until))

        # (on the old code nothing waits: the request is answered Unavailable at once)
        monkeypatch.setattr(pool, "_wait_for_one_back", waiting, raising=False)
        data = bundle(dev, study, seq=1)
        assert store.accept(hashlib.sha256(data).hexdigest(), data).new
        assert order[:2] == ["waiting", "given back"]
    finally:
        release.set()
        if holder.is_alive():
            holder.join()
        for other in others:
            other.close()
        store.close()
