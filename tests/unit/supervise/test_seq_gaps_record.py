"""Schema 13: a merge finds a device's missing seqs from the record of how far it has none
(`device_seqs`), reading only the device's bundles above that; the gaps it reports are the
ones a look at every bundle gives, whatever order the bundles arrive in, on both backends,
and a dataset of schema 12 (no record) reports the same gaps after its upgrade; its
`bundles` becomes a table with row numbers."""

from __future__ import annotations

import random
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.seq_checks import seq_gaps, standing_gaps

VECTORS = Path(__file__).resolve().parents[2] / "vectors" / "dataset"


def _add(conn: Any, device: str, seq: int, n: int) -> None:
    conn.execute("INSERT INTO bundles (sha256, bundle_id, study_id, device_id, interviewer, "
                 "seq, previous, created, merged_at, sessions) VALUES (?,?,?,?,?,?,?,?,?,?)",
                 (f"{n:064x}", f"b{n}", "s", device, "I", seq, "", "", "", 1))


def _truth(seqs: set[int]) -> tuple[list[int], int]:
    """The gaps a look at every seq gives, and the highest seq with none missing below."""
    real = {s for s in seqs if s >= 1}
    if not real:
        return [], 0
    complete = 0
    while complete + 1 in real:
        complete += 1
    return [n for n in range(1, max(real)) if n not in real], complete


def _walk(conn: Any, seed: int) -> None:
    """Bundles of three devices arrive in random batches (out of order, twice over, forks
    with a seq already seen, a seq 0 or below from a device that lies); after each batch
    the gaps are what every bundle says and the record claims no seq that is missing."""
    rng = random.Random(seed)
    devices = ["dev-a", "dev-b", "dev-c"]
    held: dict[str, set[int]] = {d: set() for d in devices}
    pending = [(d, s) for d in devices for s in range(-1, 40)]
    pending += [(d, rng.randint(1, 40)) for d in devices for _ in range(5)]  # forks
    rng.shuffle(pending)
    n = 0
    while pending:
        size = rng.randint(1, 12)
        batch, pending = pending[:size], pending[size:]
        for device, seq in batch:
            n += 1
            _add(conn, device, seq, n)
            held[device].add(seq)
        brought = {device for device, _seq in batch}
        found = seq_gaps(conn, brought)
        for device in devices:
            gaps, complete = _truth(held[device])
            if device in brought:
                assert found.get(device, []) == gaps, (device, sorted(held[device]))
            row = conn.execute("SELECT complete_to FROM device_seqs WHERE device_id=?",
                               (device,)).fetchone()
            recorded = 0 if row is None else row[0]
            assert recorded <= complete  # never a claim past a missing seq
            if device in brought:
                assert recorded == complete
        assert standing_gaps(conn) == {d: _truth(held[d])[0] for d in devices
                                       if _truth(held[d])[0]}


@pytest.mark.parametrize("seed", range(6))
def test_gaps_from_the_record_are_the_gaps_of_every_bundle(tmp_path: Path, seed: int) -> None:
    conn = open_dataset(tmp_path / "d.sqlite", create=True)
    try:
        _walk(conn, seed)
    finally:
        conn.close()


def test_the_same_on_postgresql(pg_url: str) -> None:
    conn = open_dataset(pg_url, create=True)
    try:
        _walk(conn, 7)
    finally:
        conn.close()


def test_a_merge_reads_only_the_bundles_above_the_record(tmp_path: Path) -> None:
    """With 200 bundles of a device merged and none missing, looking for its gaps after
    one more reads that one bundle, not the 201 (schema 12 counted them all each time)."""
    db = tmp_path / "d.sqlite"
    conn = open_dataset(db, create=True)
    for seq in range(1, 201):
        _add(conn, "dev", seq, seq)
    assert seq_gaps(conn, {"dev"}) == {}
    _add(conn, "dev", 201, 201)
    conn.close()
    raw = sqlite3.connect(db)
    steps: list[int] = []
    # every row the gap look reads goes through this function, once
    raw.create_function("seen", 1, lambda seq: steps.append(seq) or seq)
    found = seq_gaps(_Counting(raw), {"dev"})
    assert found == {} and steps == [201]
    assert raw.execute("SELECT complete_to FROM device_seqs").fetchall() == [(201,)]
    raw.close()


class _Counting:
    """A connection whose look at a device's bundles passes each seq it reads through the
    SQL function `seen` (so the test counts the rows read, not the time)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, parameters: Any = ()) -> Any:
        return self.conn.execute(sql.replace("SELECT DISTINCT seq FROM bundles",
                                             "SELECT DISTINCT seen(seq) FROM bundles"),
                                 parameters)


def test_an_older_dataset_reports_the_same_gaps_after_its_upgrade(tmp_path: Path) -> None:
    """A dataset of a schema before 13 has no record: the first look reads every bundle
    of the device, as schema 12 did, and records how far it has none missing."""
    db = tmp_path / "v10.sqlite"
    shutil.copy(VECTORS / "v10-revision-keys.sqlite", db)  # upgraded to 13 on opening
    raw = sqlite3.connect(db)
    with raw:  # the device's seq 5 arrived, 3 and 4 not
        raw.execute("INSERT INTO bundles (sha256, bundle_id, study_id, device_id, "
                    "interviewer, seq, previous, created, merged_at, sessions) SELECT "
                    "'f' || substr(sha256, 2), 'late', study_id, device_id, interviewer, 5, "
                    "'', created, merged_at, 0 FROM bundles WHERE seq = 2")
    raw.close()
    conn = open_dataset(db)
    try:
        assert conn.execute("SELECT COUNT(*) FROM device_seqs").fetchone()[0] == 0
        devices = [r[0] for r in conn.execute("SELECT DISTINCT device_id FROM bundles")]
        assert devices
        held = {d: {int(r[0]) for r in conn.execute(
            "SELECT seq FROM bundles WHERE device_id=?", (d,))} for d in devices}
        before = {d: _truth(held[d])[0] for d in devices if _truth(held[d])[0]}
        assert list(before.values()) == [[3, 4]]
        assert seq_gaps(conn, devices) == before
        for device in devices:
            assert conn.execute("SELECT complete_to FROM device_seqs WHERE device_id=?",
                                (device,)).fetchone()[0] == _truth(held[device])[1]
    finally:
        conn.close()


def test_an_older_datasets_bundles_become_a_table_with_row_numbers(tmp_path: Path) -> None:
    """Schema 13 makes `bundles` again with row numbers (new rows at its end, found by
    name through its key's index): the same rows, the device index, an analyst's view
    that names the table still reads it, and merging the same bundle again adds nothing."""
    db = tmp_path / "v10.sqlite"
    shutil.copy(VECTORS / "v10-revision-keys.sqlite", db)
    raw = sqlite3.connect(db)
    before = sorted(raw.execute("SELECT * FROM bundles").fetchall())
    assert "WITHOUT ROWID" in raw.execute(
        "SELECT sql FROM sqlite_master WHERE name='bundles'").fetchone()[0]
    with raw:
        raw.execute("CREATE VIEW per_device AS SELECT device_id, COUNT(*) AS n FROM bundles "
                    "GROUP BY device_id")
    raw.close()
    conn = open_dataset(db)
    try:
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE name='bundles'").fetchone()[0]
        assert "WITHOUT ROWID" not in sql
        columns = ", ".join(r[1] for r in conn.execute("PRAGMA table_info(bundles)"))
        assert sorted(conn.execute(f"SELECT {columns} FROM bundles").fetchall()) == before
        assert conn.execute("SELECT n FROM per_device").fetchall() == [(len(before),)]
        assert conn.execute("SELECT name FROM sqlite_master WHERE type='index' AND "
                            "tbl_name='bundles' AND sql IS NOT NULL").fetchall() == [
            ("bundles_device",)]
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        name = before[0][0]
        assert conn.execute("INSERT INTO bundles (sha256, bundle_id, study_id, device_id, "
                            "interviewer, seq, previous, created, merged_at, sessions) "
                            "VALUES (?,'','','','',1,'','','',0) ON CONFLICT DO NOTHING",
                            (name,)).rowcount == 0
    finally:
        conn.close()
