"""`merge --from postgresql://…` reads a store that may be hostile or broken: the
collector's role owns the tables it made, so whoever holds the collector's host can drop
the schema's checks and write any row. What the supervisor's merge makes of such rows:
nothing written outside its scratch folder, nothing that stops the merge of the rest."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.support.cli_main import completed
from tests.support.pg_store_world import pg_store_world


@pytest.fixture
def pg_world(tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch,
             capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    """A study, a device with two bundles in a collector store moved to PostgreSQL."""
    world = pg_store_world(tmp_path, pg_url, monkeypatch, capsys, bundles=2)
    return {"url": world.url, "db": world.db, "merge": world.merge}


def _tamper(url: str, *statements: tuple[str, tuple[Any, ...]]) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        for sql, args in statements:
            conn.execute(sql, args)


def _merged(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("SELECT count(*) FROM bundles").fetchone()[0])
    finally:
        conn.close()


def test_a_device_id_that_is_a_path_writes_no_card_outside_the_scratch_folder(
        pg_world: dict[str, Any], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The card of a device was written to `devices/<device_id>.json` trusting the
    schema's check of the id: an id '/home/sup/x' or '../../x' wrote the row's bytes to
    x.json anywhere the supervisor may write."""
    planted = tmp_path / "planted"
    climbed = "../../../../../../../../../../.." + str(tmp_path / "climbed")
    _tamper(pg_world["url"],
            ("ALTER TABLE devices DROP CONSTRAINT devices_device_id_check", ()),
            ("INSERT INTO devices (device_id, card) VALUES (%s, %s), (%s, %s)",
             (str(planted), b"{\"owned\": 1}", climbed, b"{\"owned\": 2}")))
    done = completed(pg_world["merge"], capsys)
    assert not (tmp_path / "planted.json").exists()
    assert not (tmp_path / "climbed.json").exists()
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout.startswith("Merged 2 new bundles, 2 sessions"), done.stdout
    assert _merged(pg_world["db"]) == 2


def test_a_stored_time_of_infinity_does_not_stop_the_merge(
        pg_world: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    """PostgreSQL's timestamptz takes 'infinity'; its epoch (Infinity) as a file's time
    raised OverflowError in os.utime, and no bundle of the store merged."""
    _tamper(pg_world["url"],
            ("UPDATE bundles SET stored_at = 'infinity' WHERE sha256 = "
             "(SELECT min(sha256) FROM bundles)", ()),
            ("UPDATE bundles SET stored_at = '-infinity' WHERE sha256 = "
             "(SELECT max(sha256) FROM bundles)", ()))
    done = completed(pg_world["merge"], capsys)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout.startswith("Merged 2 new bundles, 2 sessions"), done.stdout
    conn = sqlite3.connect(pg_world["db"])
    try:
        arrived = [row[0] for row in conn.execute("SELECT arrived FROM bundles")]
    finally:
        conn.close()
    # when they were copied, as `collector migrate` stores a file dated past 9999
    assert all(when and when.startswith("20") for when in arrived), arrived


def test_the_same_bundle_twice_is_read_and_counted_once(
        pg_world: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    """A store whose keys were dropped may hold a bundle twice: its name came twice in the
    listing and its row twice from the fetch, 'Read 4 bundles' and '4 already' of 2."""
    _tamper(pg_world["url"],
            ("ALTER TABLE bundles DROP CONSTRAINT bundles_pkey", ()),
            ("ALTER TABLE bundles DROP CONSTRAINT bundles_bundle_id_key", ()),
            ("ALTER TABLE bundles DROP CONSTRAINT bundles_device_id_seq_key", ()),
            ("INSERT INTO bundles SELECT * FROM bundles", ()))
    done = completed(pg_world["merge"], capsys)
    assert done.returncode == 0, done.stderr
    assert "Read 2 bundles from the collector's PostgreSQL store." in done.stderr
    assert done.stdout.startswith("Merged 2 new bundles, 2 sessions; 0 already"), done.stdout


def test_a_body_over_the_bound_or_not_its_name_is_refused_and_the_rest_merges(
        pg_world: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    """(Held before: the fetch cuts a body one byte past the bound, and the merge checks
    each body against its name.)"""
    from fieldtui.bundle.envelope import MAX_BUNDLE_BYTES

    big, other = "a" * 64, "b" * 64
    _tamper(pg_world["url"], (
        "INSERT INTO bundles (sha256, device_id, seq, bundle_id, size, data, receipt) "
        "SELECT %s, device_id, 90, %s, 1, %s, receipt FROM bundles LIMIT 1",
        (big, "c" * 32, b"x" * (MAX_BUNDLE_BYTES + 10))), (
        "INSERT INTO bundles (sha256, device_id, seq, bundle_id, size, data, receipt) "
        "SELECT %s, device_id, 91, %s, size, data, receipt FROM bundles "
        "WHERE sha256 NOT IN (%s) LIMIT 1", (other, "d" * 32, big)))
    done = completed(pg_world["merge"], capsys)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert f"refused: {big}.ftb: the bundle is larger than {MAX_BUNDLE_BYTES} bytes" \
        in done.stderr
    assert f"refused: {other}.ftb: its bytes do not match its name" in done.stderr
    assert done.stdout.startswith("Merged 2 new bundles, 2 sessions"), done.stdout
    assert _merged(pg_world["db"]) == 2


def test_a_bundle_name_that_is_a_path_or_an_escape_is_left_out(
        pg_world: dict[str, Any], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """(Held before: only `<64 hex>` names are listed and fetched.)"""
    planted = str(tmp_path / "planted")
    _tamper(pg_world["url"],
            ("ALTER TABLE bundles DROP CONSTRAINT bundles_sha256_check", ()),
            *[("INSERT INTO bundles (sha256, device_id, seq, bundle_id, size, data, receipt) "
               "SELECT %s, device_id, %s, %s, size, data, receipt FROM bundles LIMIT 1",
               (name, 90 + n, f"{n:032x}"))
              for n, name in enumerate([planted, "../../x" + "a" * 64, "\x1b[2J" + "a" * 60,
                                        "A" * 64, "a" * 100_000])])
    done = completed(pg_world["merge"], capsys)
    assert done.returncode == 0, done.stderr
    assert not list(tmp_path.glob("planted*")) and not (tmp_path.parent / "x").exists()
    assert "Read 2 bundles from the collector's PostgreSQL store." in done.stderr
    assert "\x1b" not in done.stderr + done.stdout
    assert _merged(pg_world["db"]) == 2
