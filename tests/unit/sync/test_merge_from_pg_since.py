"""`merge --from postgresql://…` read every name in the store at each merge (0.24–0.29 s and
13 MB at 200,000 bundles, growing with the study) to find the few new ones. Each bundle
row now records the transaction that stored it (collector migration 2), and the dataset
keeps, per store, where its last read stopped: the next merge reads only the names stored
since, plus those a merge refused (a refusal can stop holding). A first merge, a mark of
another store, a store whose transaction ids went back (restored elsewhere) and a store
at schema 1 read every name, as before; nothing is ever missed."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import psycopg
import pytest

from fieldtui.core.canonical import sha256_hex
from tests.support.cli_main import completed
from tests.support.pg_store_world import PgStoreWorld, pg_store_world


@pytest.fixture
def world(tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch,
          capsys: pytest.CaptureFixture[str]) -> PgStoreWorld:
    return pg_store_world(tmp_path, pg_url, monkeypatch, capsys, bundles=3)


def _add(world: PgStoreWorld, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """The device's next bundle, stored as `collector ingest` stores it; its name."""
    device = world.device
    data = device.bundle([device.doc(respondent=f"R-{device.seq + 1}")],
                         world.study.recipients)
    stick = tmp_path / f"stick-{device.seq}"
    stick.mkdir()
    (stick / f"{sha256_hex(data)}.ftb").write_bytes(data)
    done = completed(["collector", "ingest", str(stick), "--store", world.url], capsys)
    assert "Stored 1 new bundle" in done.stdout, done.stdout + done.stderr
    return f"{sha256_hex(data)}.ftb"


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """What each merge read of the store's names (`names_since`, watched)."""
    from fieldtui.sync.collector.pg import export

    reads: list[Any] = []
    real = export.names_since

    def watched(*args: Any) -> Any:
        got = real(*args)
        reads.append(got)
        return got

    monkeypatch.setattr(export, "names_since", watched)
    return reads


def _sql(url: str, statement: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(statement)


def _merged(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("SELECT count(*) FROM bundles").fetchone()[0])
    finally:
        conn.close()


def test_a_later_merge_reads_only_the_names_stored_since(
        world: PgStoreWorld, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    reads = _reads(monkeypatch)
    # as the rows stored before migration 2 are: no transaction recorded
    _sql(world.url, "UPDATE bundles SET stored_txn = NULL")
    first = completed(world.merge, capsys)
    assert first.stdout.startswith("Merged 3 new bundles, 3 sessions; 0 already"), first.stderr
    assert reads[0].whole and len(reads[0].names) == 3
    new = _add(world, tmp_path, capsys)
    second = completed(world.merge, capsys)
    assert second.stdout.startswith("Merged 1 new bundle, 1 session; 3 already"), second.stderr
    assert not reads[1].whole and reads[1].names == [new]
    third = completed(world.merge, capsys)
    assert third.stdout.startswith("Merged 0 new bundles, 0 sessions; 4 already"), third.stderr
    assert not reads[2].whole and reads[2].names == []
    assert _merged(world.db) == 4


def test_a_refused_bundle_is_read_again_until_it_merges(
        world: PgStoreWorld, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    reads = _reads(monkeypatch)
    revoked = completed(["collector", "revoke", world.device.device_id, "--store", world.url],
                        capsys)
    assert revoked.returncode == 0, revoked.stderr
    first = completed([*world.merge, "--exclude-revoked"], capsys)
    assert first.stdout.startswith("Merged 0 new bundles"), first.stdout + first.stderr
    # the supervisor decides to take them after all: nothing new in the store, yet the
    # three refused ones are looked at again, and merge
    second = completed(world.merge, capsys)
    assert second.stdout.startswith("Merged 3 new bundles, 3 sessions; 0 already"), \
        second.stdout + second.stderr
    assert not reads[1].whole and reads[1].names == []
    assert _merged(world.db) == 3


def _mark(db: Path) -> tuple[str, dict[str, Any]]:
    conn = sqlite3.connect(db)
    try:
        key, value = conn.execute(
            "SELECT key, value FROM meta WHERE key LIKE 'store log mark %'").fetchone()
    finally:
        conn.close()
    return str(key), json.loads(value)


def _set_mark(db: Path, key: str, value: dict[str, Any]) -> None:
    conn = sqlite3.connect(db)
    try:
        conn.execute("UPDATE meta SET value=? WHERE key=?", (json.dumps(value), key))
        conn.commit()
    finally:
        conn.close()


@pytest.mark.parametrize("change", ["transaction ids went back", "another store",
                                    "a name given again that is a path"])
def test_a_mark_that_is_not_this_stores_history_reads_every_name(
        world: PgStoreWorld, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], change: str) -> None:
    reads = _reads(monkeypatch)
    assert completed(world.merge, capsys).returncode == 0
    key, value = _mark(world.db)
    if change == "transaction ids went back":
        value["offset"] = 2**62  # a mark from a store whose counter was far ahead
    elif change == "another store":
        value["log"] = "pg:" + "A" * 44  # another collector's key
    else:
        value["seen"] = ["../../x.ftb"]  # the dataset tampered with: the mark is not used
    _set_mark(world.db, key, value)
    _sql(world.url, "UPDATE bundles SET stored_txn = NULL")  # only a whole read finds it
    new = _add(world, tmp_path, capsys)
    _sql(world.url, "UPDATE bundles SET stored_txn = NULL")
    again = completed(world.merge, capsys)
    assert again.stdout.startswith("Merged 1 new bundle, 1 session; 3 already"), again.stderr
    assert reads[1].whole and new in reads[1].names and len(reads[1].names) == 4


def test_a_store_at_schema_1_is_read_whole_each_time(
        world: PgStoreWorld, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    reads = _reads(monkeypatch)
    schema_1 = ("DROP INDEX bundles_stored_txn; ALTER TABLE bundles DROP COLUMN stored_txn; "
                "DELETE FROM schema_version WHERE version >= 2")
    _sql(world.url, schema_1)
    assert completed(world.merge, capsys).returncode == 0
    _add(world, tmp_path, capsys)  # (the collector's own command moves its schema on)
    _sql(world.url, schema_1)
    again = completed(world.merge, capsys)
    assert again.stdout.startswith("Merged 1 new bundle, 1 session; 3 already"), again.stderr
    assert [r.whole for r in reads] == [True, True] and [r.upto for r in reads] == [None, None]


def test_a_bundle_stored_while_a_merge_reads_is_found_by_the_next(
        world: PgStoreWorld, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A collector's transaction still open while a merge reads (its row not yet visible)
    commits after the read: the next merge's read starts early enough to see it."""
    reads = _reads(monkeypatch)
    new = _add(world, tmp_path, capsys)
    columns = "sha256, device_id, seq, bundle_id, size, data, receipt, source"
    _sql(world.url, f"CREATE TABLE held AS SELECT {columns} FROM bundles "
                    f"WHERE sha256 = '{new[:-4]}'; DELETE FROM bundles WHERE sha256 = '{new[:-4]}'")
    with psycopg.connect(world.url) as storing:  # the collector, mid-transaction
        storing.execute(f"INSERT INTO bundles ({columns}) SELECT {columns} FROM held")
        later = _add(world, tmp_path, capsys)  # begun after it, committed before the read
        first = completed(world.merge, capsys)
        assert first.stdout.startswith("Merged 4 new bundles"), first.stdout + first.stderr
        assert new not in reads[0].names and later in reads[0].names
        storing.commit()
    second = completed(world.merge, capsys)
    assert second.stdout.startswith("Merged 1 new bundle, 1 session; 4 already"), second.stderr
    assert not reads[1].whole and new in reads[1].names


def _next_xid(url: str) -> int:
    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute("SELECT pg_snapshot_xmax(pg_current_snapshot())::text").fetchone()
    assert row is not None
    return int(row[0])


def _pass(url: str, xid: int) -> None:
    """Transactions on the server at `url` until its next transaction id is past `xid`."""
    with psycopg.connect(url, autocommit=True) as conn:
        for _ in range(xid + 1 - _next_xid(url)):
            conn.execute("SELECT pg_current_xact_id()")  # one transaction id each


def test_a_store_whose_transaction_ids_went_back_misses_nothing_once_they_pass_the_mark(
        world: PgStoreWorld, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A store restored into a fresh cluster (pg_dump), or moved to a replica behind the
    primary the last merge read (a failover, a point-in-time recovery), hands out
    transaction ids below the dataset's mark. Once its counter has passed the mark again
    (other databases of the cluster, more uploads), the bundles stored in between were
    read by no merge, ever: each read took only `stored_txn >= mark`."""
    reads = _reads(monkeypatch)
    assert completed(world.merge, capsys).returncode == 0
    key, value = _mark(world.db)
    value["offset"] = _next_xid(world.url) + 20  # the last read was of a cluster ahead
    _set_mark(world.db, key, value)
    new = _add(world, tmp_path, capsys)  # stored with a transaction id below the mark
    _pass(world.url, value["offset"])
    again = completed(world.merge, capsys)
    assert again.stdout.startswith("Merged 1 new bundle, 1 session; 3 already"), \
        again.stdout + again.stderr
    assert new in reads[1].names
    assert _merged(world.db) == 4


def test_a_failover_that_lost_the_last_bundle_merged_misses_nothing_stored_after_it(
        world: PgStoreWorld, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A failover to a replica that had not received the last bundle the merge read (or a
    point-in-time recovery to just before it): the promoted store hands that bundle's
    transaction id out again, to the next upload. As many rows below the mark as the
    merge counted (one lost, one new), yet the new one was read by no merge."""
    reads = _reads(monkeypatch)
    assert completed(world.merge, capsys).returncode == 0
    lost = _add(world, tmp_path, capsys)
    second = completed(world.merge, capsys)
    assert second.stdout.startswith("Merged 1 new bundle, 1 session; 3 already"), second.stderr
    key, value = _mark(world.db)
    _sql(world.url, f"DELETE FROM bundles WHERE sha256 = '{lost[:-4]}'")  # not replicated
    value["offset"] = _next_xid(world.url) + 20  # the lost primary's counter was ahead
    _set_mark(world.db, key, value)
    new = _add(world, tmp_path, capsys)  # its transaction id below the mark: lost's again
    _pass(world.url, value["offset"])
    third = completed(world.merge, capsys)
    assert third.stdout.startswith("Merged 1 new bundle, 1 session; 3 already"), \
        third.stdout + third.stderr
    assert new in reads[2].names
    assert _merged(world.db) == 5


def test_a_store_restored_by_pg_dump_into_a_fresh_cluster_misses_nothing_stored_since(
        world: PgStoreWorld, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The store moved to a new server by pg_dump and pg_restore, under the name the
    merges use (`host:port/dbname`): the new cluster counts transactions from its start,
    far below the mark; by the next merge other databases and uploads have taken it past
    the mark, and the bundles stored on the new server before that were missed."""
    import subprocess

    from fieldtui.store.postgres_url import describe
    from tests.support.pg_cluster import PgCluster, require_postgres

    bindir = require_postgres()
    _pass(world.url, 3000)  # the old server had run for a while
    reads = _reads(monkeypatch)
    assert completed(world.merge, capsys).returncode == 0
    mark = _mark(world.db)[1]["offset"]
    fresh = PgCluster(bindir)
    try:
        url = fresh.database()
        dump = tmp_path / "store.dump"
        for tool, target in (("pg_dump", f"--file={dump}"), ("pg_restore", str(dump))):
            done = subprocess.run([str(bindir / tool), "--format=custom", "--no-owner",
                                   f"--dbname={world.url if tool == 'pg_dump' else url}",
                                   target], capture_output=True, text=True, timeout=120,
                                  check=False)
            assert done.returncode == 0, done.stderr
        assert _next_xid(url) < mark
        conn = sqlite3.connect(world.db)  # the name the merges use now leads to the new one
        for table, column in (("meta", "key"), ("merged_names", "folder")):
            conn.execute(f"UPDATE {table} SET {column} = replace({column}, ?, ?)",
                         (describe(world.url), describe(url)))
        conn.commit()
        conn.close()
        world.url, world.merge[2] = url, url
        new = _add(world, tmp_path, capsys)  # its transaction id below the mark
        _pass(url, mark)
        again = completed(world.merge, capsys)
        assert again.stdout.startswith("Merged 1 new bundle, 1 session; 3 already"), \
            again.stdout + again.stderr
        assert new in reads[1].names
    finally:
        fresh.stop()
