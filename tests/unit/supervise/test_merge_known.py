"""What an incremental merge reads of the dataset: which bundles it knows (read all at once or
looked up by candidate, same answer), and the seq gaps of the devices it brought bundles from."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

import pytest

from fieldtui.supervise.bundle_opener import read_devices, seal_order, study_opener
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.known_bundles import LOAD_ALL, known_among, unknown_names
from fieldtui.supervise.merge import MergeReport, merge_folder
from fieldtui.supervise.seq_checks import standing_gaps
from tests.support.command_world import run_main
from tests.support.dataset_factory import Device, Store, record_plans
from tests.support.paths import FIXTURES


def _merge(store: Store, db: Path | str, opener: Any = None) -> MergeReport:
    conn = open_dataset(db, create=True)
    record_plans(conn, FIXTURES / "minimal_interview.toml")
    try:
        return merge_folder(conn, store.root, opener or study_opener(
            store.identity, read_devices(store.root)), order=seal_order)
    finally:
        conn.close()


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "collector")


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
@pytest.mark.parametrize("candidates", [2, 600, 1200])
def test_known_bundles_are_the_same_whether_read_all_or_looked_up(
        tmp_path: Path, candidates: int, backend: str, request: pytest.FixtureRequest) -> None:
    # 3,000 bundles: 2 and 600 candidates are looked up (600 in two batches), 1,200 read all.
    # The same SQL runs on both engines.
    spec = (tmp_path / "d.sqlite" if backend == "sqlite"
            else str(request.getfixturevalue("pg_url")))
    conn = open_dataset(spec, create=True)
    merged = [secrets.token_hex(32) for _ in range(3000)]
    conn.execute("BEGIN IMMEDIATE")  # one commit (each row its own synced commit took 17 s)
    conn.executemany("INSERT INTO bundles VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                     [(sha, "b", "s", "dev", "I", n, "", "t", "t", 1, None)
                      for n, sha in enumerate(merged)])
    conn.execute("COMMIT")
    half = candidates // 2
    asked = merged[:half] + [secrets.token_hex(32) for _ in range(candidates - half)]
    assert (LOAD_ALL * candidates <= len(merged)) == (candidates < 1000)
    assert known_among(conn, asked) == set(merged[:half])
    assert known_among(conn, []) == set()
    # A folder's names: what is left are the new bundles and files that are no bundle.
    strays = ["notes.txt", f"{merged[0]}.part"]
    names = [f"{digest}.ftb" for digest in asked] + strays
    assert unknown_names(conn, names) == {f"{d}.ftb" for d in asked[half:]} | set(strays)
    conn.close()


def test_a_known_bundle_under_another_name_is_not_opened_again(store: Store,
                                                               tmp_path: Path) -> None:
    dev = Device()
    store.enroll(dev)
    path = store.put(dev.bundle([dev.doc()], store.recipients))
    db = tmp_path / "d.sqlite"
    _merge(store, db)
    path.rename(path.parent / "copy.ftb")  # only the other name is left to merge from
    (path.parent / "upload.part").write_bytes(b"half a bundle")  # no bundle: not counted
    real = study_opener(store.identity, read_devices(store.root))
    opened: list[Path | None] = []

    def counting(data: bytes, where: Path | None = None, /) -> Any:
        opened.append(where)
        return real(data, where)

    report = _merge(store, db, counting)
    assert report.merged == [] and report.already == 1 and opened == []


def _spec(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Any:
    return (tmp_path / "d.sqlite" if backend == "sqlite"
            else str(request.getfixturevalue("pg_url")))


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_gap_is_found_against_bundles_merged_earlier_for_the_devices_merged_now(
        store: Store, tmp_path: Path, backend: str, request: pytest.FixtureRequest) -> None:
    ana, ben = Device("Ana"), Device("Ben")
    for dev in (ana, ben):
        store.enroll(dev)
        store.put(dev.bundle([dev.doc()], store.recipients))
    db = _spec(backend, tmp_path, request)
    assert _merge(store, db).gaps == {}
    ana.bundle([ana.doc()], store.recipients)  # seq 2 never reaches the collector
    ana.bundle([ana.doc()], store.recipients)  # nor seq 3
    store.put(ana.bundle([ana.doc()], store.recipients))
    assert _merge(store, db).gaps == {ana.device_id: [2, 3]}
    # A later merge reports the gaps of the devices it brings bundles from.
    store.put(ben.bundle([ben.doc()], store.recipients))
    assert _merge(store, db).gaps == {}
    store.put(ana.bundle([ana.doc()], store.recipients))
    assert _merge(store, db).gaps == {ana.device_id: [2, 3]}


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_gap_beside_a_forked_seq_is_found(store: Store, tmp_path: Path, backend: str,
                                           request: pytest.FixtureRequest) -> None:
    # seqs 1, 2, 2 (a fork) and 4: as many bundles as the highest seq, one seq missing.
    ana = Device("Ana")
    store.enroll(ana)
    store.put(ana.bundle([ana.doc()], store.recipients))
    store.put(ana.bundle([ana.doc()], store.recipients))
    ana.seq = 1  # the device sealed seq 2 again (restored from a backup, say)
    store.put(ana.bundle([ana.doc()], store.recipients))
    ana.bundle([ana.doc()], store.recipients)  # seq 3 never reaches the collector
    store.put(ana.bundle([ana.doc()], store.recipients))
    report = _merge(store, _spec(backend, tmp_path, request))
    assert len(report.merged) == 4
    assert report.gaps == {ana.device_id: [3]}


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_standing_gaps_list_every_device_short_of_its_latest(
        tmp_path: Path, backend: str, request: pytest.FixtureRequest,
        capsys: pytest.CaptureFixture[str]) -> None:
    spec = (tmp_path / "d.sqlite" if backend == "sqlite"
            else str(request.getfixturevalue("pg_url")))
    conn = open_dataset(spec, create=True)
    seqs = {"ana": [1, 2, 3], "ben": [1, 4, 5, 7], "cai": [2, 3], "dan": [1, 1, 2]}
    conn.executemany("INSERT INTO bundles VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                     [(secrets.token_hex(32), "b", "s", dev, "I", n, "", "t", "t", 1, None)
                      for dev, ns in seqs.items() for n in ns])
    assert standing_gaps(conn) == {"ben": [2, 3, 6], "cai": [1]}
    conn.close()
    out, _ = run_main(["dataset", "gaps", str(spec)], capsys)
    assert out.splitlines() == [
        "gap: device ben has no bundle with seq 2, 3, 6 yet (not synced, or lost)",
        "gap: device cai has no bundle with seq 1 yet (not synced, or lost)",
        "2 devices have gaps: sync those devices, then merge again."]


def test_a_gap_a_later_merge_does_not_repeat_is_still_listed(
        store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ana, ben = Device("Ana"), Device("Ben")
    for dev in (ana, ben):
        store.enroll(dev)
        store.put(dev.bundle([dev.doc()], store.recipients))
    db = tmp_path / "d.sqlite"
    _merge(store, db)
    out, _ = run_main(["dataset", "gaps", str(db)], capsys)
    assert out.splitlines() == [
        "No device has a gap: every bundle up to each device's latest is merged."]
    ana.bundle([ana.doc()], store.recipients)  # seq 2 never reaches the collector
    store.put(ana.bundle([ana.doc()], store.recipients))
    assert _merge(store, db).gaps == {ana.device_id: [2]}
    store.put(ben.bundle([ben.doc()], store.recipients))
    assert _merge(store, db).gaps == {}  # the merge brought only Ben's bundle
    out, _ = run_main(["dataset", "gaps", str(db)], capsys)
    assert f"gap: device {ana.device_id} has no bundle with seq 2 yet" in out
    assert out.splitlines()[-1] == "1 device has gaps: sync that device, then merge again."
