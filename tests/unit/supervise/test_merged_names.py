"""The names a merge records as merged from a folder (dataset schema 7): skipped at the next
merge without a look-up, and never a bundle that is not merged (a new bundle whose name sorts
before the merged ones, a refused one, one merged from elsewhere or by an older fieldtui)."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from fieldtui.core.canonical import sha256_hex
from fieldtui.supervise import merge as merge_mod
from fieldtui.supervise import merged_names
from fieldtui.supervise.bundle_opener import read_devices, seal_order, study_opener
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.dataset_schema import SCHEMA_VERSION
from fieldtui.supervise.merge import MergeReport, merge_folder
from tests.support.dataset_factory import Device, Store, record_plans
from tests.support.paths import FIXTURES


class Opened:
    """Counts what the opener was asked to open."""

    def __init__(self, store: Store) -> None:
        self.real = study_opener(store.identity, read_devices(store.root))
        self.names: list[str] = []

    def __call__(self, data: bytes, where: Path | None = None, /) -> Any:
        self.names.append(where.name if where else "")
        return self.real(data, where)


def _merge(store: Store, db: Any, source: Path | None = None,
           opener: Any = None) -> MergeReport:
    conn = open_dataset(db, create=True)
    record_plans(conn, FIXTURES / "minimal_interview.toml")
    try:
        return merge_folder(conn, source or store.root, opener or Opened(store),
                            order=seal_order)
    finally:
        conn.close()


def _recorded(db: Any, folder: Path) -> set[str]:
    conn = open_dataset(db)
    try:
        return set(merged_names.recorded(conn, merged_names.folder_key(folder))[0])
    finally:
        conn.close()


def _spec(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Any:
    return (tmp_path / "d.sqlite" if backend == "sqlite"
            else str(request.getfixturevalue("pg_url")))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "collector")


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[set[str]]:
    """The names each merge looked up in `bundles` (what the record did not answer)."""
    calls: list[set[str]] = []
    real = merge_mod.unknown_names

    def spy(conn: Any, names: list[str]) -> set[str]:
        calls.append(set(names))
        return real(conn, names)

    monkeypatch.setattr(merge_mod, "unknown_names", spy)
    return calls


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_merged_names_are_skipped_unread_and_a_new_name_sorting_first_is_merged(
        store: Store, tmp_path: Path, backend: str, request: pytest.FixtureRequest,
        asked: list[set[str]]) -> None:
    db = _spec(backend, tmp_path, request)
    ana = Device("Ana")
    store.enroll(ana)
    first = [store.put(ana.bundle([ana.doc()], store.recipients)).name for _ in range(3)]
    assert len(_merge(store, db).merged) == 3
    bundles = store.root / "bundles"
    assert _recorded(db, bundles) == set(first)
    # A bundle (from another device: Ana's seqs stay whole) whose name sorts before
    # every merged one: a mark of the highest name merged would skip it.
    while True:
        ben = Device("Ben")
        data = ben.bundle([ben.doc()], store.recipients)
        if f"{sha256_hex(data)}.ftb" < min(first):
            break
    store.enroll(ben)
    new = store.put(data).name
    opener = Opened(store)
    report = _merge(store, db, opener=opener)
    assert report.merged == [sha256_hex(data)] and report.already == 3
    assert opener.names == [new]
    assert asked[-1] == {new}  # the three recorded names were not looked up
    assert _recorded(db, bundles) == {*first, new}
    opener = Opened(store)
    report = _merge(store, db, opener=opener)
    assert (report.merged, report.already, opener.names, asked[-1]) == ([], 4, [], set())


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_refused_bundle_is_never_recorded_and_is_refused_again(
        store: Store, tmp_path: Path, backend: str, request: pytest.FixtureRequest) -> None:
    db = _spec(backend, tmp_path, request)
    ana, stranger = Device("Ana"), Device("Zed")
    store.enroll(ana)
    good = store.put(ana.bundle([ana.doc()], store.recipients)).name
    bad = store.put(stranger.bundle([stranger.doc()], store.recipients)).name
    (store.root / "bundles" / "notes.txt").write_text("not a bundle")
    first = _merge(store, db)
    assert [name for name, _ in first.refused] == [bad]
    assert _recorded(db, store.root / "bundles") == {good}
    again = _merge(store, db)
    assert again.refused == first.refused and again.already == 1 and again.merged == []
    assert _recorded(db, store.root / "bundles") == {good}


def test_a_bundle_merged_from_elsewhere_is_looked_up_once_then_recorded(
        store: Store, tmp_path: Path, asked: list[set[str]]) -> None:
    db = tmp_path / "d.sqlite"
    ana = Device("Ana")
    store.enroll(ana)
    stick = tmp_path / "stick"
    stick.mkdir()
    data = ana.bundle([ana.doc()], store.recipients)
    (stick / f"{sha256_hex(data)}.ftb").write_bytes(data)
    assert len(_merge(store, db, stick).merged) == 1
    # The same bundle reaches the collector, beside a new one.
    old = store.put(data).name
    new = store.put(ana.bundle([ana.doc()], store.recipients)).name
    report = _merge(store, db)
    assert report.already == 1 and len(report.merged) == 1
    assert asked[-1] == {old, new}
    assert _recorded(db, store.root / "bundles") == {old, new}
    assert _merge(store, db).already == 2 and asked[-1] == set()


def test_a_folder_whose_path_is_not_utf8_is_recorded(tmp_path: Path,
                                                     asked: list[set[str]]) -> None:
    store = Store(Path(os.fsdecode(os.fsencode(tmp_path) + b"/st\xffre")))
    ana = Device("Ana")
    store.enroll(ana)
    name = store.put(ana.bundle([ana.doc()], store.recipients)).name
    db = tmp_path / "d.sqlite"
    assert len(_merge(store, db).merged) == 1
    assert _merge(store, db).already == 1 and asked[-1] == set()
    assert _recorded(db, store.root / "bundles") == {name}


class FullDisk:
    """A dataset connection whose disk fills up when the record is written."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn

    @property
    def in_transaction(self) -> bool:
        return bool(self.conn.in_transaction)

    def execute(self, sql: str, parameters: Any = (), /) -> Any:
        if sql.startswith("INSERT INTO merged_names"):
            raise sqlite3.OperationalError("database or disk is full")
        return self.conn.execute(sql, parameters)

    def executemany(self, sql: str, parameters: Any, /) -> Any:
        return self.conn.executemany(sql, parameters)


def test_a_record_that_cannot_be_written_leaves_the_merge_as_it_was(
        store: Store, tmp_path: Path, asked: list[set[str]]) -> None:
    db = tmp_path / "d.sqlite"
    ana = Device("Ana")
    store.enroll(ana)
    name = store.put(ana.bundle([ana.doc()], store.recipients)).name
    conn = open_dataset(db, create=True)
    record_plans(conn, FIXTURES / "minimal_interview.toml")
    report = merge_folder(FullDisk(conn), store.root, Opened(store), order=seal_order)  # type: ignore[arg-type]
    assert len(report.merged) == 1 and not conn.in_transaction
    conn.close()
    assert _recorded(db, store.root / "bundles") == set()
    assert _merge(store, db).already == 1 and asked[-1] == {name}  # looked up instead
    assert _recorded(db, store.root / "bundles") == {name}


def test_the_record_of_a_folder_is_rewritten_to_what_the_folder_holds(
        store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(merged_names, "MAX_ROWS", 3)
    db = tmp_path / "d.sqlite"
    ana = Device("Ana")
    store.enroll(ana)
    names = []
    for _ in range(3):  # three merges, three rows
        names.append(store.put(ana.bundle([ana.doc()], store.recipients)).name)
        _merge(store, db)
    away = tmp_path / "away.ftb"
    shutil.move(store.root / "bundles" / names[0], away)  # moved away by someone
    names.append(store.put(ana.bundle([ana.doc()], store.recipients)).name)
    assert len(_merge(store, db).merged) == 1  # the fourth merge rewrites the record
    conn = open_dataset(db)
    rows = conn.execute("SELECT n, names FROM merged_names").fetchall()
    conn.close()
    assert len(rows) == 1 and set(rows[0][1].split(" ")) == set(names[1:])
    # Back in the folder, it is looked up, found merged, not opened, and recorded again.
    shutil.move(away, store.root / "bundles" / names[0])
    opener = Opened(store)
    report = _merge(store, db, opener=opener)
    assert report.already == 4 and report.merged == [] and opener.names == []
    assert _recorded(db, store.root / "bundles") == set(names)


def test_a_schema_6_dataset_gets_the_table_and_its_first_merge_records_the_names(
        store: Store, tmp_path: Path, asked: list[set[str]]) -> None:
    db = tmp_path / "d.sqlite"
    ana = Device("Ana")
    store.enroll(ana)
    name = store.put(ana.bundle([ana.doc()], store.recipients)).name
    _merge(store, db)
    old = sqlite3.connect(db)  # as a schema-6 fieldtui left it
    old.execute("DROP TABLE merged_names")
    old.execute("UPDATE meta SET value='6' WHERE key='schema_version'")
    old.commit()
    old.close()
    report = _merge(store, db)
    assert report.already == 1 and asked[-1] == {name}
    assert _recorded(db, store.root / "bundles") == {name}
    conn = open_dataset(db)
    assert conn.execute("SELECT value FROM meta WHERE key='schema_version'"
                        ).fetchone()[0] == str(SCHEMA_VERSION) == "13"
    conn.close()
