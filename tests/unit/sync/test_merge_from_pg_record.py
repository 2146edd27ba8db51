"""`merge --from postgresql://…` lays the store out in a new scratch folder each time. The
record of merged names (`merged_names`) was keyed by that folder's path, so every merge
added a row of the whole store's names under a name never seen again, and never compacted:
at 200,000 bundles, about 13 MB more in the dataset per merge, for ever. Now the record is
kept under the store's host:port/dbname: one record, grown by what is new."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.support.cli_main import completed
from tests.support.command_world import world  # noqa: F401  (fixture)


def test_merging_from_postgresql_again_adds_no_record_of_old_names(
        world: dict[str, Path], pg_url: str,  # noqa: F811
        capsys: pytest.CaptureFixture[str]) -> None:
    from fieldtui.store.postgres_url import describe
    moved = completed(["collector", "migrate", "--from", str(world["store"]), "--to", pg_url],
                      capsys)
    assert moved.returncode == 0, moved.stderr
    merge = ["merge", "--from", pg_url, "--into", str(world["db"]),
             "--study", str(world["study"])]
    for _ in range(3):
        done = completed(merge, capsys)
        assert done.returncode == 0, done.stderr
    conn = sqlite3.connect(world["db"])
    rows = conn.execute("SELECT folder, names FROM merged_names").fetchall()
    conn.close()
    assert [folder for folder, _ in rows] == [f"postgresql://{describe(pg_url)}"]
    assert len(rows[0][1].split()) == 4  # the store's four bundles, once
