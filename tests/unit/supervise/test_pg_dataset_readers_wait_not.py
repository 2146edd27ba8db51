"""docs/deployment.md: on a PostgreSQL dataset "readers never wait". Every open took the
write lock (to check the schema version), so a `report` or `review` queued behind a merge's
transaction. Now an up-to-date dataset opens without it; only creating or upgrading the
schema takes the lock."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.supervise.dataset import open_dataset


def test_opening_an_up_to_date_dataset_takes_no_write_lock(
        pg_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    open_dataset(pg_url, create=True).close()
    writer = open_dataset(pg_url)
    writer.execute("BEGIN IMMEDIATE")  # a merge's transaction, holding the write lock
    try:
        # a wait for the lock would be cancelled at once (not a timing: no wait, no error)
        monkeypatch.setenv("PGOPTIONS", "-c lock_timeout=1")
        reader = open_dataset(pg_url)
        try:
            assert reader.execute("SELECT count(*) FROM sessions").fetchone()[0] == 0
        finally:
            reader.close()
    finally:
        writer.execute("ROLLBACK")
        writer.close()
