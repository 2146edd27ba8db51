"""A merge from a collector store it merged before reads the store's index.log from where
it stopped, not the folder's listing (supervise/store_log.py): and still merges every
bundle the store took in, including one whose file came after its log line, one refused
before (refused again), and every one after the log was replaced."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from fieldtui.core.canonical import sha256_hex
from tests.support.dataset_factory import Device, Store
from tests.support.store_log_kit import log_stored_line, merged, stored


@pytest.fixture
def store(tmp_path: Path) -> Store:
    made = Store(tmp_path / "collector")
    (made.root / "bundles").mkdir(parents=True)
    (made.root / "index.log").write_bytes(b"")
    return made


@pytest.fixture
def listed(store: Store, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each listing of the store's bundles/ folder."""
    calls: list[str] = []
    real = os.listdir
    bundles = store.root / "bundles"

    def counting(path: Any = ".") -> list[str]:
        if Path(path) == bundles:
            calls.append(str(path))
        return real(path)

    monkeypatch.setattr(os, "listdir", counting)
    return calls


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_store_merged_before_is_read_from_its_log_not_listed(
        store: Store, tmp_path: Path, listed: list[str], backend: str,
        request: pytest.FixtureRequest) -> None:
    db = (tmp_path / "d.sqlite" if backend == "sqlite"
          else str(request.getfixturevalue("pg_url")))
    ana = Device("Ana")
    store.enroll(ana)
    for _ in range(3):
        stored(store, ana.bundle([ana.doc()], store.recipients))
    assert len(merged(store, db).merged) == 3 and len(listed) == 1
    new = [stored(store, ana.bundle([ana.doc()], store.recipients)) for _ in range(2)]
    report = merged(store, db)
    assert sorted(f"{d}.ftb" for d in report.merged) == sorted(new)
    assert report.already == 3  # as a listing would have counted them
    again = merged(store, db)
    assert (again.merged, again.already, again.refused) == ([], 5, [])
    assert len(listed) == 1  # only the first merge listed the folder


def test_a_bundle_whose_file_came_after_its_log_line_is_merged_when_it_is_there(
        store: Store, tmp_path: Path) -> None:
    db = tmp_path / "d.sqlite"
    ana = Device("Ana")
    store.enroll(ana)
    stored(store, ana.bundle([ana.doc()], store.recipients))
    early = ana.bundle([ana.doc()], store.recipients)
    log_stored_line(store, early)  # reserved before the first merge listed the folder, not written yet
    assert len(merged(store, db).merged) == 1
    late = ana.bundle([ana.doc()], store.recipients)
    log_stored_line(store, late)  # reserved after the mark, not written yet
    assert merged(store, db).merged == []
    store.put(early)
    store.put(late)  # both written now, no new log line for either
    assert sorted(merged(store, db).merged) == sorted([sha256_hex(early), sha256_hex(late)])
    assert merged(store, db).merged == []


def test_a_cancelled_reservation_is_dropped_and_a_later_one_of_it_merges(
        store: Store, tmp_path: Path) -> None:
    db = tmp_path / "d.sqlite"
    ana = Device("Ana")
    store.enroll(ana)
    stored(store, ana.bundle([ana.doc()], store.recipients))
    assert len(merged(store, db).merged) == 1
    data = ana.bundle([ana.doc()], store.recipients)
    log_stored_line(store, data)
    log_stored_line(store, data, cancel=True)  # the write failed
    assert merged(store, db).merged == []
    stored(store, data)  # uploaded again
    assert merged(store, db).merged == [sha256_hex(data)]


def test_a_refused_bundle_is_refused_again_at_the_next_merge(
        store: Store, tmp_path: Path) -> None:
    db = tmp_path / "d.sqlite"
    ana, zed = Device("Ana"), Device("Zed")
    store.enroll(ana)
    stored(store, ana.bundle([ana.doc()], store.recipients))
    assert len(merged(store, db).merged) == 1
    bad = stored(store, zed.bundle([zed.doc()], store.recipients))  # not enrolled
    first = merged(store, db)
    assert [name for name, _ in first.refused] == [bad]
    again = merged(store, db)
    assert again.refused == first.refused and again.merged == []
    store.enroll(zed)  # its card arrives: the bundle merges
    assert [f"{d}.ftb" for d in merged(store, db).merged] == [bad]


def test_a_replaced_log_has_the_folder_listed_again(
        store: Store, tmp_path: Path, listed: list[str]) -> None:
    db = tmp_path / "d.sqlite"
    ana = Device("Ana")
    store.enroll(ana)
    stored(store, ana.bundle([ana.doc()], store.recipients))
    assert len(merged(store, db).merged) == 1
    # The store moved: a new log, and a bundle in the folder that no line of it names.
    log = store.root / "index.log"
    log.rename(store.root / "old.log")
    log.write_bytes(b"")
    data = ana.bundle([ana.doc()], store.recipients)
    store.put(data)
    assert merged(store, db).merged == [sha256_hex(data)]
    assert len(listed) == 2
