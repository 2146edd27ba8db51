"""A device (enrolled, its bundles signed: still not trusted) that numbers a bundle far
ahead, seq 10**15 after seq 1, must not make a merge or `dataset gaps` list every seq in
between (a list of a thousand million million numbers: the merge never ended, its memory
grew until the machine stopped it). What is missing is said as before, its first numbers
and "…"; the list a merge reports holds at most MAX_LISTED of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.supervise.bundle_opener import read_devices, seal_order, study_opener
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.merge import merge_folder
from fieldtui.supervise.seq_checks import MAX_LISTED
from tests.support.command_world import run_main
from tests.support.dataset_factory import Device, Store, record_plans
from tests.support.paths import FIXTURES

FAR = 10**6  # (10**15 is what a lying device sends; this is enough to show the list)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "collector")


def test_a_seq_far_ahead_is_reported_without_listing_every_missing_one(
        store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dev = Device()
    store.enroll(dev)
    store.put(dev.bundle([dev.doc()], store.recipients))
    dev.seq = FAR - 1
    store.put(dev.bundle([dev.doc()], store.recipients))
    db = tmp_path / "d.sqlite"
    conn = open_dataset(db, create=True)
    record_plans(conn, FIXTURES / "minimal_interview.toml")
    opener = study_opener(store.identity, read_devices(store.root))
    report = merge_folder(conn, store.root, opener, order=seal_order)
    conn.close()
    assert len(report.merged) == 2
    missing = report.gaps[dev.device_id]
    assert missing[:3] == [2, 3, 4] and len(missing) == MAX_LISTED
    out, _err = run_main(["dataset", "gaps", str(db)], capsys)
    assert f"device {dev.device_id} has no bundle with seq 2, 3, 4" in out
    assert "…" in out and "1 device has gaps" in out
