"""The supervisor's dataset on a really full disk (a small tmpfs): one line that says the
disk is full, never "not a fieldtui dataset" nor an internal error."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.cli import main
from fieldtui.core.errors import FieldtuiError
from fieldtui.supervise.dataset import open_dataset
from tests.support.dataset_factory import document, load_documents
from tests.support.small_disk import SmallDisk, small_disk

__all__ = ["small_disk"]  # the fixture, imported for pytest


def test_a_new_dataset_on_a_full_disk_says_the_disk_is_full(small_disk: SmallDisk) -> None:
    """It read 'data.sqlite is not a fieldtui dataset (database or disk is full) — give the
    dataset file written by fieldtui merge' of the file merge was about to create."""
    small_disk.fill()
    with pytest.raises(FieldtuiError) as caught:
        open_dataset(small_disk.path / "data.sqlite", create=True)
    line = caught.value.line()
    assert "disk is full" in line and "free some space" in line, line
    assert "not a fieldtui dataset" not in line, line


@pytest.mark.parametrize("other_reader", [False, True])
def test_a_write_that_fills_the_disk_is_one_line_not_an_internal_error(
        other_reader: bool, small_disk: SmallDisk, capsys: pytest.CaptureFixture[str]) -> None:
    """A return recorded once the disk had filled. Opening the dataset read 'is not a
    fieldtui dataset (disk I/O error)'; with another supervisor's connection open (its WAL
    files there already) the write read 'internal error (OperationalError: database or
    disk is full) — please report it', exit 70."""
    db = small_disk.path / "data.sqlite"
    conn = open_dataset(db, create=True)
    doc = document()
    load_documents(conn, [doc])
    if not other_reader:
        conn.close()
    small_disk.fill()
    with pytest.raises(SystemExit) as done:
        main(["review", str(db), "--return", doc["session_id"], "--comment", "x" * 900])
    err = capsys.readouterr().err.strip()
    assert done.value.code == 1, err
    assert len(err.splitlines()) == 1 and "internal error" not in err, err
    assert "disk is full" in err and "free some space" in err, err
    if other_reader:
        conn.close()
    small_disk.free()
    conn = open_dataset(db)
    assert conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == 1  # nothing lost
    conn.close()


def test_a_dataset_sqlite_cannot_open_is_not_called_no_dataset(tmp_path: Path) -> None:
    """A dataset SQLite could not open (no permission, or here a file where its folder
    should be) read '... is not a fieldtui dataset (unable to open database file)'."""
    blocker = tmp_path / "afile"
    blocker.write_text("x")
    with pytest.raises(FieldtuiError) as caught:
        open_dataset(blocker / "data.sqlite", create=True)
    line = caught.value.line()
    assert "not a fieldtui dataset" not in line, line
    assert "cannot open the dataset" in line and "permissions" in line, line
