"""A dataset on SQLite syncs every commit: what a command says it recorded (a merged group,
a review decision, a reply) is on disk before it says so, not only after the next
checkpoint (WAL with synchronous=NORMAL can lose the last commits to a power cut)."""

from __future__ import annotations

from pathlib import Path

from fieldtui.supervise.dataset import open_sqlite_dataset

FULL = 2  # PRAGMA synchronous: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA


def test_a_dataset_syncs_each_commit(tmp_path: Path) -> None:
    conn = open_sqlite_dataset(tmp_path / "data.sqlite", create=True)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] >= FULL
    finally:
        conn.close()
    again = open_sqlite_dataset(tmp_path / "data.sqlite")
    try:
        assert again.execute("PRAGMA synchronous").fetchone()[0] >= FULL
    finally:
        again.close()
