"""`bundles.arrived` is the time the bundle file was written where the merge read it (a
collector store's: when the collector stored it), whichever way the merge read the file."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from fieldtui.supervise.bundle_opener import read_devices, seal_order, study_opener
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.merge import merge_bundles, merge_folder
from tests.support.dataset_factory import Device, Store, record_plans
from tests.support.paths import FIXTURES

STORED = [datetime(2026, 11, 20, 9, 15, 30, 250000, UTC),
          datetime(2026, 11, 21, 17, 2, 5, 0, UTC)]


@pytest.mark.parametrize("how", ["folder, in seal order", "files, as given"])
def test_arrived_is_the_file_time_of_each_bundle(tmp_path: Path, how: str) -> None:
    store = Store(tmp_path / "collector")
    dev = Device()
    store.enroll(dev)
    paths = [store.put(dev.bundle([dev.doc()], store.recipients)) for _ in STORED]
    for path, when in zip(paths, STORED, strict=True):
        os.utime(path, (when.timestamp(), when.timestamp()))
    conn = open_dataset(tmp_path / "d.sqlite", create=True)
    record_plans(conn, FIXTURES / "minimal_interview.toml")
    opener = study_opener(store.identity, read_devices(store.root))
    if how.startswith("folder"):  # read once for ordering, kept for loading
        report = merge_folder(conn, store.root, opener, order=seal_order)
    else:  # read when loaded
        report = merge_bundles(conn, paths, opener)
    assert len(report.merged) == len(paths)
    arrived = dict(conn.execute("SELECT sha256, arrived FROM bundles").fetchall())
    conn.close()
    assert arrived == {path.stem: when.isoformat(timespec="milliseconds")
                       for path, when in zip(paths, STORED, strict=True)}
