"""An overlong last line without a newline in a store's index.log (junk a hostile or
crashed collector left: over MAX_LINE it can never become a record, whatever is appended)
is read once: the mark moves past it, so the next merge does not scan it again; a short
last line without a newline (a collector mid-append) is still read again next time, and
good lines after the junk's end are merged (supervise/store_log.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import BinaryIO

import pytest

from fieldtui.supervise import store_log
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.merged_names import folder_key
from tests.support.dataset_factory import Device, Store
from tests.support.store_log_kit import log_line, merged, stored


@pytest.fixture
def store(tmp_path: Path) -> Store:
    made = Store(tmp_path / "collector")
    (made.root / "bundles").mkdir(parents=True)
    (made.root / "index.log").write_bytes(b"")
    return made


@pytest.fixture
def scanned(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The bytes of the log each `_states` call scanned."""
    sizes: list[int] = []
    real = store_log._states

    def counting(handle: BinaryIO, size: int, **how: bool) -> tuple[dict[str, bool], int]:
        start = handle.tell()
        got = real(handle, size, **how)
        sizes.append(handle.tell() - start)
        return got

    monkeypatch.setattr(store_log, "_states", counting)
    return sizes


def _offset(db: Path, store: Store) -> int:
    conn = open_dataset(db)
    try:
        key = store_log.MARK + folder_key(store.root / "bundles")
        row = conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return int(json.loads(row[0])["offset"])
    finally:
        conn.close()


def _append(store: Store, data: bytes) -> None:
    with open(store.root / "index.log", "ab") as handle:
        handle.write(data)


@pytest.mark.parametrize("junk", [store_log.MAX_LINE + 1, 3 * store_log.CHUNK + 17])
def test_an_overlong_last_line_is_scanned_once_and_good_lines_after_it_merge(
        store: Store, tmp_path: Path, scanned: list[int], junk: int) -> None:
    ana = Device("Ana")
    store.enroll(ana)
    stored(store, ana.bundle([ana.doc()], store.recipients))
    db = tmp_path / "d.sqlite"
    assert len(merged(store, db).merged) == 1
    log = store.root / "index.log"
    _append(store, b"x" * junk)  # no newline: it will never be a record
    assert merged(store, db).merged == []
    assert _offset(db, store) == log.stat().st_size  # past the junk read so far
    scanned.clear()
    assert merged(store, db).merged == []  # nothing new: the junk is not read again
    assert sum(scanned) == 0
    _append(store, b"y" * 10)  # the junk line goes on, still no newline
    assert merged(store, db).merged == [] and sum(scanned) == 10
    _append(store, b"\n")
    good = stored(store, ana.bundle([ana.doc()], store.recipients))
    scanned.clear()
    report = merged(store, db)
    assert [f"{d}.ftb" for d in report.merged] == [good]
    assert sum(scanned) < 400  # the junk's newline and the good line, not the junk
    assert _offset(db, store) == log.stat().st_size


def test_a_short_unfinished_last_line_is_read_again_until_whole(
        store: Store, tmp_path: Path) -> None:
    ana = Device("Ana")
    store.enroll(ana)
    stored(store, ana.bundle([ana.doc()], store.recipients))
    db = tmp_path / "d.sqlite"
    assert len(merged(store, db).merged) == 1
    whole = store.root / "index.log"
    before = whole.stat().st_size
    data = ana.bundle([ana.doc()], store.recipients)
    line = log_line(data)
    _append(store, line[:20])  # a collector mid-append
    assert merged(store, db).merged == [] and _offset(db, store) == before
    _append(store, line[20:])
    name = store.put(data).name
    assert [f"{d}.ftb" for d in merged(store, db).merged] == [name]


def test_a_mark_past_junk_skips_the_rest_of_that_line_only(tmp_path: Path) -> None:
    """A mark inside an overlong line: the line's rest (up to its newline) is junk, even
    when it looks like a record; the lines after it are read."""
    folder = tmp_path / "bundles"
    folder.mkdir()
    log = tmp_path / "index.log"
    hidden, shown = "ab" * 32, "cd" * 32
    log.write_bytes(b"z" * (store_log.MAX_LINE + 100))
    got = store_log.after_listing(folder, [])
    assert got is not None and got.offset == store_log.MAX_LINE + 100
    with open(log, "ab") as handle:  # the junk line's end looks like a record
        handle.write(f" {hidden} dev 1 id\n{shown} dev 2 id\n".encode())
    went = store_log.since(folder, got)
    assert went is not None and went[1].pending == {f"{shown}.ftb"}
    assert went[1].offset == log.stat().st_size
