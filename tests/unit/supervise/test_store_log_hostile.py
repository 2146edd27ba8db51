"""A collector store may come on a USB stick or from a compromised collector: its
index.log, the names it gives and the mark a merge left in the dataset are hostile until
checked (supervise/store_log.py). Nothing outside the store is read, memory stays bounded
whatever the log's size, junk lines are skipped, and good bundles still merge."""

from __future__ import annotations

import json
import os
import tracemalloc
from pathlib import Path

import pytest

from fieldtui.core.canonical import sha256_hex
from fieldtui.supervise import store_log
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.merged_names import folder_key
from tests.support.dataset_factory import Device, Store
from tests.support.store_log_kit import log_stored_line, merged, stored


@pytest.fixture
def store(tmp_path: Path) -> Store:
    made = Store(tmp_path / "collector")
    (made.root / "bundles").mkdir(parents=True)
    (made.root / "index.log").write_bytes(b"")
    return made


def _mark_of(db: Path, store: Store) -> dict[str, object]:
    conn = open_dataset(db)
    try:
        key = store_log.MARK + folder_key(store.root / "bundles")
        row = conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return dict(json.loads(row[0]))
    finally:
        conn.close()



def test_a_huge_log_is_read_in_bounded_memory_and_its_junk_skipped(
        store: Store, tmp_path: Path) -> None:
    ana = Device("Ana")
    store.enroll(ana)
    first = stored(store, ana.bundle([ana.doc()], store.recipients))
    db = tmp_path / "d.sqlite"
    assert len(merged(store, db).merged) == 1
    log = store.root / "index.log"
    with open(log, "ab") as handle:  # junk: NUL, overlong, bad sha, a path in the name
        handle.write(b"\x00\x00junk\n" + b"a" * 100_000 + b"\n")
        handle.write(b"zz" * 32 + b" dev 1 id\n" + b"../../etc/passwd x 1 y\n")
    os.truncate(log, log.stat().st_size + 64 * 1024 * 1024)  # 64 MiB of NULs, one line
    with open(log, "ab") as handle:
        handle.write(b"\n")
    data = ana.bundle([ana.doc()], store.recipients)
    second = stored(store, data)
    tracemalloc.start()
    try:
        report = merged(store, db)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [f"{d}.ftb" for d in report.merged] == [second] and first != second
    assert peak < 16 * 1024 * 1024  # the log was not read whole (it is over 64 MiB)
    assert _mark_of(db, store)["offset"] == log.stat().st_size


def test_a_line_being_written_is_taken_only_once_whole(tmp_path: Path) -> None:
    folder = tmp_path / "bundles"
    folder.mkdir()
    log = tmp_path / "index.log"
    sha = "ab" * 32
    log.write_bytes(b"x" * 3_000_000 + b"\n" + sha.encode() + b" dev 1 id")  # torn last line
    got = store_log.after_listing(folder, [])
    assert got is not None and got.offset == 3_000_001 and got.pending == set()
    with open(log, "ab") as handle:
        handle.write(b"\n")
    went = store_log.since(folder, got)
    assert went is not None and went[1].pending == {f"{sha}.ftb"}


def test_a_symlinked_log_is_not_read(store: Store, tmp_path: Path) -> None:
    outside = tmp_path / "outside.log"
    outside.write_bytes(f"{'cd' * 32} dev 1 id\n".encode())
    (store.root / "index.log").unlink()
    (store.root / "index.log").symlink_to(outside)
    folder = store.root / "bundles"
    assert store_log.after_listing(folder, []) is None
    mark = store_log.Mark(f"{os.stat(outside).st_dev}:{os.stat(outside).st_ino}", 0)
    assert store_log.since(folder, mark) is None  # listed instead


def test_a_bundle_name_that_is_a_symlink_out_of_the_store_is_not_read(
        store: Store, tmp_path: Path) -> None:
    ana = Device("Ana")
    store.enroll(ana)
    stored(store, ana.bundle([ana.doc()], store.recipients))
    db = tmp_path / "d.sqlite"
    assert len(merged(store, db).merged) == 1
    secret = ana.bundle([ana.doc()], store.recipients)
    outside = tmp_path / "elsewhere.ftb"
    outside.write_bytes(secret)
    log_stored_line(store, secret)
    (store.root / "bundles" / f"{sha256_hex(secret)}.ftb").symlink_to(outside)
    (store.root / "bundles" / f"{'ef' * 32}.ftb").mkdir()  # a folder under a bundle's name
    with open(store.root / "index.log", "ab") as handle:
        handle.write(f"{'ef' * 32} dev 9 id\n".encode())
    good = stored(store, ana.bundle([ana.doc()], store.recipients))
    report = merged(store, db)
    assert [f"{d}.ftb" for d in report.merged] == [good]
    refused = dict(report.refused)  # one line each, and again at the next merge
    assert set(refused) == {f"{sha256_hex(secret)}.ftb", f"{'ef' * 32}.ftb"}
    assert all("\n" not in why and "plain file" in why for why in refused.values())
    assert dict(merged(store, db).refused) == refused


@pytest.mark.parametrize("offset", [-5, 10**30, "NaN", "Infinity", "12"])
def test_a_corrupt_mark_lists_the_folder_and_loses_nothing(
        store: Store, tmp_path: Path, offset: object) -> None:
    ana = Device("Ana")
    store.enroll(ana)
    stored(store, ana.bundle([ana.doc()], store.recipients))
    db = tmp_path / "d.sqlite"
    assert len(merged(store, db).merged) == 1
    mark = _mark_of(db, store)
    text = json.dumps({**mark, "offset": 0}).replace('"offset": 0', f'"offset": {offset}')
    conn = open_dataset(db)
    try:
        key = store_log.MARK + folder_key(store.root / "bundles")
        conn.execute("UPDATE meta SET value=? WHERE key=?", (text, key))
        if conn.in_transaction:
            conn.execute("COMMIT")
    finally:
        conn.close()
    new = stored(store, ana.bundle([ana.doc()], store.recipients))
    report = merged(store, db)
    assert [f"{d}.ftb" for d in report.merged] == [new] and report.already == 1
    assert _mark_of(db, store)["offset"] == (store.root / "index.log").stat().st_size


def test_a_pending_name_in_a_tampered_mark_cannot_reach_outside_the_store(
        store: Store, tmp_path: Path) -> None:
    ana = Device("Ana")
    store.enroll(ana)
    stored(store, ana.bundle([ana.doc()], store.recipients))
    db = tmp_path / "d.sqlite"
    assert len(merged(store, db).merged) == 1
    outside = ana.bundle([ana.doc()], store.recipients)
    (store.root / "outside.ftb").write_bytes(outside)  # beside bundles/, not in it
    mark = _mark_of(db, store)
    conn = open_dataset(db)
    try:
        key = store_log.MARK + folder_key(store.root / "bundles")
        conn.execute("UPDATE meta SET value=? WHERE key=?",
                     (json.dumps({**mark, "pending": ["../outside.ftb"]}), key))
        if conn.in_transaction:
            conn.execute("COMMIT")
    finally:
        conn.close()
    report = merged(store, db)
    assert report.merged == [] and report.refused == []


def test_a_first_merge_lists_but_does_not_follow_a_link_or_read_a_folder(
        store: Store, tmp_path: Path) -> None:
    """The listing (a first merge) of a hostile store: a link under a bundle's name to a
    file outside, and a folder under one, are refused in one line each, unread; the good
    bundle merges."""
    ana = Device("Ana")
    store.enroll(ana)
    good = stored(store, ana.bundle([ana.doc()], store.recipients))
    secret = ana.bundle([ana.doc()], store.recipients)
    outside = tmp_path / "elsewhere.ftb"
    outside.write_bytes(secret)
    link = f"{sha256_hex(secret)}.ftb"
    (store.root / "bundles" / link).symlink_to(outside)
    (store.root / "bundles" / f"{'ef' * 32}.ftb").mkdir()
    report = merged(store, tmp_path / "d.sqlite")
    assert [f"{d}.ftb" for d in report.merged] == [good]
    refused = dict(report.refused)
    assert set(refused) == {link, f"{'ef' * 32}.ftb"}
    assert all("\n" not in why and "plain file" in why for why in refused.values())
