"""A merge moves each device's `device_seqs` record up in the transaction that commits the
last of its bundles (merge.merge_bundles, docs/internals.md). When that last group had
already committed (500 bundles, or 2 s of them, just reached), each record was written by a
statement of its own, outside any transaction: on SQLite one synced commit per device (a
national merge's last group: a thousand of them). They are now written in one transaction
with the chain checks, whatever the last group did."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from fieldtui.supervise.bundle_load import Groups
from fieldtui.supervise.bundle_opener import read_devices, seal_order, study_opener
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.merge import merge_folder
from tests.support.dataset_factory import Device, Store, record_plans
from tests.support.paths import FIXTURES


def test_the_records_are_written_in_one_transaction(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(tmp_path / "collector")
    devices = [Device() for _ in range(3)]
    for dev in devices:
        store.enroll(dev)
        store.put(dev.bundle([dev.doc()], store.recipients))
    conn = open_dataset(tmp_path / "d.sqlite", create=True)
    assert isinstance(conn, sqlite3.Connection)
    record_plans(conn, FIXTURES / "minimal_interview.toml")
    monkeypatch.setattr(Groups, "MAX_BUNDLES", 1)  # every group, the last too, committed
    outside: list[str] = []

    def seen(statement: str) -> None:
        if "device_seqs" in statement and statement.lstrip().startswith("INSERT") \
                and not conn.in_transaction:
            outside.append(statement)

    conn.set_trace_callback(seen)
    report = merge_folder(conn, store.root, study_opener(store.identity,
                                                         read_devices(store.root)),
                          order=seal_order)
    conn.set_trace_callback(None)
    recorded = conn.execute("SELECT COUNT(*) FROM device_seqs").fetchone()[0]
    conn.close()
    assert len(report.merged) == 3 and report.gaps == {}
    assert recorded == 3
    assert outside == []
