"""`collector migrate` takes each bundle's file time as the time it was stored. A folder
store's file system (a stick's NTFS keeps times to the year 30828; a hostile writer sets
any) can date a bundle past the year 9999, where Python's dates end: reading that time
raised a ValueError and stopped the whole migration. Such a time is now unknown and the
bundle is stored as migrated now, as merge treats it (test_bundle_time_far)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
import pytest

from fieldtui.sync.collector.folder_admin import FolderAdmin
from fieldtui.sync.collector.store import CollectorStore
from tests.support.bundle_factory import Dev, Study, bundle
from tests.support.cli_main import completed

YEAR_20000 = 568_971_820_800  # epoch seconds


def _folder(tmp_path: Path) -> tuple[Path, list[str]]:
    root = tmp_path / "collector"
    admin = FolderAdmin(root)
    admin.init()
    dev, study = Dev(), Study()
    admin.allow(dev.card())
    store = CollectorStore(root, warn=None)
    try:
        names = []
        for seq in (1, 2):
            data = bundle(dev, study, seq=seq)
            name = hashlib.sha256(data).hexdigest()
            store.accept(name, data)
            names.append(name)
    finally:
        store.close()
    return root, names


@pytest.fixture
def fieldtui(capsys: pytest.CaptureFixture[str]) -> Callable[..., Any]:
    """The CLI in-process, its output captured."""
    return lambda *args: completed(list(args), capsys)


def test_a_bundle_dated_past_the_year_9999_migrates(
        tmp_path: Path, pg_url: str, fieldtui: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    root, names = _folder(tmp_path)
    far = str(root / "bundles" / f"{names[1]}.ftb")
    real_stat = os.stat

    def stat(path: Any, *args: Any, **kwargs: Any) -> Any:
        status = real_stat(path, *args, **kwargs)
        if os.fspath(path) != far:
            return status
        return os.stat_result((*tuple(status)[:8], YEAR_20000, status[9]),
                              {"st_mtime": float(YEAR_20000),
                               "st_mtime_ns": YEAR_20000 * 10**9})

    before = datetime.now(UTC)
    monkeypatch.setattr(os, "stat", stat)
    try:
        moved = fieldtui("collector", "migrate", "--from", str(root), "--to", pg_url)
    finally:
        monkeypatch.undo()
    assert moved.returncode == 0, moved.stderr
    assert "Bundles: 2 in the folder, 2 new in PostgreSQL; all 2 verified" in moved.stdout
    with psycopg.connect(pg_url) as conn:
        times = dict(conn.execute("SELECT sha256, stored_at FROM bundles").fetchall())
    # the other keeps its file time; the far one is stored as migrated now
    assert times[names[0]] == datetime.fromtimestamp(real_stat(
        root / "bundles" / f"{names[0]}.ftb").st_mtime, UTC)
    slack = timedelta(minutes=1)  # the database's clock against this one's
    assert before - slack <= times[names[1]] <= datetime.now(UTC) + slack
