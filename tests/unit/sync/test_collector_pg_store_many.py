"""A batch of uploads stored by one statement on PostgreSQL (collector.pg.store_many): each
upload answered as the one-upload statement answers it (stored, the same bytes again, a
revoked or unknown device, a replay of a seq), and a revocation committed while the batch
waits for the device's row is seen by the batch (nothing of that device stored)."""

from __future__ import annotations

import hashlib
import threading
from typing import Any

import psycopg

from fieldtui.bundle import read_envelope
from fieldtui.sync.collector.pg.store import STORE, PgStore
from fieldtui.sync.collector.pg.store_many import store_many
from tests.support.bundle_factory import Dev, Study, bundle
from tests.support.collector_backends import Backend


def _fields(store: PgStore, data: bytes) -> dict[str, Any]:
    sha = hashlib.sha256(data).hexdigest()
    return store._fields(sha, data, "127.0.0.1", read_envelope(data))


def _stored(url: str) -> set[str]:
    with psycopg.connect(url) as conn:
        return {r[0] for r in conn.execute("SELECT sha256 FROM bundles")}


def test_each_upload_of_a_batch_is_answered_as_alone(pg_url: str) -> None:
    backend = Backend("postgresql", pg_url).init()
    ok, gone, stranger = Dev(), Dev(), Dev()
    backend.allow(ok, gone)
    backend.revoke(gone)
    study = Study()
    before, new, replay = (bundle(ok, study, seq=1), bundle(ok, study, seq=2),
                           bundle(ok, study, seq=2))  # other bytes, same seq
    other = bundle(ok, study, seq=3)
    store = backend.open()
    assert isinstance(store, PgStore)
    try:
        store.accept(hashlib.sha256(before).hexdigest(), before)
        batch = [_fields(store, d) for d in
                 (new, new, bundle(gone, study, seq=1), bundle(stranger, study, seq=1),
                  before, other, replay)]
        with psycopg.connect(pg_url, autocommit=True) as conn:
            rows = store_many(conn, batch)
    finally:
        store.close()
    # new and replay share a seq: the first in the batch's order (device, SHA-256) is
    # stored, the other refused later as a replay
    first = min(new, replay, key=lambda d: hashlib.sha256(d).hexdigest())
    assert rows == [(False, first is new), (False, False), (True, False), (None, False),
                    (False, False), (False, True), (False, first is replay)]
    assert _stored(pg_url) == {hashlib.sha256(d).hexdigest() for d in (before, first, other)}
    # sent again, now that each is stored or refused: the one-upload statement answers
    # the same, upload by upload
    with psycopg.connect(pg_url, autocommit=True) as conn:
        again = [tuple(conn.execute(STORE, f).fetchone()) for f in batch]
        assert store_many(conn, batch) == again


def test_a_revocation_committed_while_the_batch_waits_is_seen(pg_url: str) -> None:
    backend = Backend("postgresql", pg_url).init()
    dev, study = Dev(), Study()
    backend.allow(dev)
    store = backend.open()
    assert isinstance(store, PgStore)
    try:
        batch = [_fields(store, bundle(dev, study, seq=n)) for n in (1, 2)]
    finally:
        store.close()
    rows: list[list[tuple[Any, ...]]] = []
    with psycopg.connect(pg_url) as revoker:  # holds the device's row, not committed yet
        revoker.execute("UPDATE devices SET revoked = true WHERE device_id = %s",
                        (dev.device_id,))

        def upload() -> None:
            with psycopg.connect(pg_url, autocommit=True) as conn:
                rows.append(store_many(conn, batch))

        worker = threading.Thread(target=upload)
        worker.start()
        with psycopg.connect(pg_url, autocommit=True) as watch:  # the batch waits for it
            while worker.is_alive() and not watch.execute("SELECT 1 FROM pg_stat_activity WHERE wait_event_type"
                                    " = 'Lock' AND query LIKE '%%unnest%%'").fetchone():
                threading.Event().wait(0.01)
        revoker.commit()
        worker.join(10)
    assert rows == [[(True, False), (True, False)]]
    assert _stored(pg_url) == set()
