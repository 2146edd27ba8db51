"""PostgreSQL up but with no free connection slot (other applications hold them: a
dashboard, supervisors' merges): the collector's pool, asked for two connections at once,
tries to open a second and is refused ("too many clients"). Since pg.pool marked PostgreSQL
down on any failed attempt to connect and then sent every request past the pool to connect
on its own, every later upload was answered 503 while the pool held a working connection
idle, until the server had a free slot again. A connection the pool holds is now used."""

from __future__ import annotations

import hashlib
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
