"""A bundle file's time is the stick's or the collector's to set: NTFS keeps any up to the
year 30828, and Python's dates end with 9999. One bundle dated past that stopped the
merge of the whole folder (a ValueError from reading its time). Its stored time is now
unknown (None, as for a bundle read from elsewhere) and it merges like the others."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from fieldtui.supervise.bundle_opener import read_devices, seal_order, stored_at, study_opener
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.merge import merge_folder
from tests.support.dataset_factory import Device, Store, record_plans
from tests.support.paths import FIXTURES

YEAR_20000 = 568_971_820_800.0  # epoch seconds


def test_a_bundle_dated_past_the_year_9999_merges_with_its_time_unknown(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(tmp_path / "collector")
    dev = Device()
    store.enroll(dev)
    store.put(dev.bundle([dev.doc()], store.recipients))
    far = store.put(dev.bundle([dev.doc()], store.recipients))
    real_fstat, real_stat = os.fstat, os.stat

    def dated(status: Any) -> Any:
        return SimpleNamespace(st_mode=status.st_mode, st_size=status.st_size,
                               st_mtime=YEAR_20000)

    def fstat(fd: int) -> Any:
        status = real_fstat(fd)
        return dated(status) if os.readlink(f"/proc/self/fd/{fd}") == str(far) else status

    def stat(path: Any, *args: Any, **kwargs: Any) -> Any:
        status = real_stat(path, *args, **kwargs)
        return dated(status) if str(path) == str(far) else status

    conn = open_dataset(tmp_path / "d.sqlite", create=True)
    record_plans(conn, FIXTURES / "minimal_interview.toml")
    opener = study_opener(store.identity, read_devices(store.root))
    monkeypatch.setattr(os, "fstat", fstat)
    monkeypatch.setattr(os, "stat", stat)
    try:
        report = merge_folder(conn, store.root, opener, order=seal_order)
    except ValueError as exc:
        pytest.fail(f"the merge stopped: {exc}")
    finally:
        monkeypatch.undo()
    arrived = {row[0] for row in conn.execute("SELECT arrived FROM bundles")}
    conn.close()
    assert len(report.merged) == 2 and not report.refused
    assert None in arrived and len(arrived) == 2


def test_a_collector_file_dated_past_the_year_9999_has_no_stored_time(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """(What a revocation is checked against: the bundle's time in the collector's folder.)"""
    store = Store(tmp_path / "collector")
    dev = Device()
    far = store.put(dev.bundle([dev.doc()], store.recipients))
    real_stat = os.stat

    def stat(path: Any, *args: Any, **kwargs: Any) -> Any:
        status = real_stat(path, *args, **kwargs)
        return SimpleNamespace(st_mode=status.st_mode, st_size=status.st_size,
                               st_mtime=YEAR_20000) if str(path) == str(far) else status

    monkeypatch.setattr(os, "stat", stat)
    try:
        when = stored_at(far, store.root)
    except ValueError as exc:
        pytest.fail(f"the time stopped the check: {exc}")
    assert when is None
