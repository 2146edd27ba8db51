"""Bundles opened by worker processes while the merge loads them (supervise/open_pool.py):
the same dataset and the same refusal lines as opened in the merging process, nothing of a
refused bundle loaded, and the opener (the study key inside it) never sent to a worker."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest

from fieldtui.core.canonical import sha256_hex
from fieldtui.supervise import open_pool
from fieldtui.supervise.bundle_opener import read_devices, seal_order, study_opener
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.merge import MergeReport, merge_folder
from tests.support.dataset_factory import Device, Store, record_plans
from tests.support.paths import FIXTURES


class NotToBeSent:
    """An opener that cannot be pickled: a worker that has it was forked with it."""

    def __init__(self, store: Store, pids: Path) -> None:
        self.real = study_opener(store.identity, read_devices(store.root))
        self.pids = pids

    def __call__(self, data: bytes, where: Path | None = None, /) -> Any:
        with open(self.pids, "a") as record:  # which process opened it
            record.write(f"{os.getpid()}\n")
        return self.real(data, where)

    def __reduce__(self) -> Any:
        raise AssertionError("the opener was pickled")


def _merge(store: Store, db: Path, workers: int) -> tuple[MergeReport, set[int]]:
    """The report, and the processes that opened bundles."""
    conn = open_dataset(db, create=True)
    record_plans(conn, FIXTURES / "minimal_interview.toml")
    pids = db.with_suffix(".pids")
    try:
        report = merge_folder(conn, store.root, NotToBeSent(store, pids), order=seal_order,
                              workers=workers)
    finally:
        conn.close()
    return report, {int(line) for line in pids.read_text().split()}


def _dump(db: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(db)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        dump = {}
        for table in tables:
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            keep = [c for c in columns if c not in ("merged_at", "detected_at", "record_key")]
            rows = conn.execute(f"SELECT {', '.join(keep)} FROM {table}").fetchall()
            dump[table] = sorted(rows, key=repr)
        return dump
    finally:
        conn.close()


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setattr(open_pool, "MIN_BUNDLES", 1)  # a pool even for a few bundles
    monkeypatch.setattr(open_pool, "BATCH", 2)  # several batches in flight
    made = Store(tmp_path / "collector")
    ana, ben, zed = Device("Ana"), Device("Ben"), Device("Zed")
    store_devices = (ana, ben)
    for device in store_devices:
        made.enroll(device)
    for n in range(9):
        device = store_devices[n % 2]
        made.put(device.bundle([device.doc(), device.doc()], made.recipients))
    made.put(zed.bundle([zed.doc()], made.recipients))  # not enrolled: refused
    broken = ben.doc()
    broken["answers"] = ["not", "a", "table"]  # opens, then refused whole as malformed
    made.put(ben.bundle([ben.doc(), broken], made.recipients))
    tampered = bytearray(ana.bundle([ana.doc()], made.recipients))
    tampered[-5] ^= 1
    made.put(bytes(tampered))  # refused: its payload does not match its signed hash
    return made


def test_workers_give_the_same_dataset_and_refusals_as_one_process(
        store: Store, tmp_path: Path) -> None:
    alone, here = _merge(store, tmp_path / "alone.sqlite", 0)
    pooled, workers = _merge(store, tmp_path / "pooled.sqlite", 2)
    assert here == {os.getpid()} and workers - {os.getpid()}  # (and perhaps this one)
    assert len(pooled.merged) == 9 and len(pooled.refused) == 3
    assert (pooled.merged, pooled.refused, pooled.sessions_added, pooled.gaps) == (
        alone.merged, alone.refused, alone.sessions_added, alone.gaps)
    assert _dump(tmp_path / "pooled.sqlite") == _dump(tmp_path / "alone.sqlite")
    refused = {name[:-4] for name, _ in pooled.refused}
    conn = sqlite3.connect(tmp_path / "pooled.sqlite")
    try:
        loaded = {r[0] for r in conn.execute("SELECT bundle_sha256 FROM sessions")}
    finally:
        conn.close()
    assert not refused & loaded and len(loaded) == 9


class SlowInWorkers(NotToBeSent):
    """Opens slowly in a worker: the merging process, waiting for it, opens the next
    batches itself."""

    def __init__(self, store: Store, pids: Path) -> None:
        super().__init__(store, pids)
        self.merging = os.getpid()

    def __call__(self, data: bytes, where: Path | None = None, /) -> Any:
        if os.getpid() != self.merging:
            time.sleep(0.05)
        return super().__call__(data, where)


def test_the_merging_process_opens_what_it_would_wait_for_and_keeps_the_order(
        store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """While the workers are slower than it, the merging process opens batches itself (its
    core idled while it waited); the dataset and the refusals are those of one process."""
    monkeypatch.setattr(open_pool, "AHEAD", 1)  # one batch queued a worker: more to share
    alone, _here = _merge(store, tmp_path / "alone.sqlite", 0)
    conn = open_dataset(tmp_path / "shared.sqlite", create=True)
    record_plans(conn, FIXTURES / "minimal_interview.toml")
    pids = tmp_path / "shared.pids"
    try:
        shared = merge_folder(conn, store.root, SlowInWorkers(store, pids), order=seal_order,
                              workers=1)
    finally:
        conn.close()
    opened_by = [int(line) for line in pids.read_text().split()]
    assert os.getpid() in opened_by and set(opened_by) - {os.getpid()}, opened_by
    assert (shared.merged, shared.refused, shared.sessions_added, shared.gaps) == (
        alone.merged, alone.refused, alone.sessions_added, alone.gaps)
    assert _dump(tmp_path / "shared.sqlite") == _dump(tmp_path / "alone.sqlite")


def test_a_bundle_named_otherwise_than_its_bytes_is_refused_before_any_worker_result_counts(
        store: Store, tmp_path: Path) -> None:
    ana = Device("Ana")
    store.enroll(ana)
    data = ana.bundle([ana.doc()], store.recipients)
    wrong = store.root / "bundles" / f"{sha256_hex(b'other')}.ftb"
    wrong.write_bytes(data)  # opens fine, but its name is not its hash
    report, _pids = _merge(store, tmp_path / "d.sqlite", 2)
    assert (wrong.name, "its bytes do not match its name (changed in transit or on disk)"
            ) in report.refused


def test_workers_merge_into_postgresql(store: Store, tmp_path: Path,
                                       request: pytest.FixtureRequest) -> None:
    url = str(request.getfixturevalue("pg_url"))
    conn = open_dataset(url, create=True)
    record_plans(conn, FIXTURES / "minimal_interview.toml")
    try:
        report = merge_folder(conn, store.root, NotToBeSent(store, tmp_path / "pids"),
                              order=seal_order, workers=2)
        sessions = conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0]
    finally:
        conn.close()
    assert (len(report.merged), len(report.refused), sessions) == (9, 3, 18)
    assert os.getpid() not in {int(n) for n in (tmp_path / "pids").read_text().split()}


def _refuse_all(data: bytes, where: Path | None = None, /) -> Any:
    from fieldtui.bundle.errors import BundleError

    raise BundleError("not-a-bundle", "junk")


def test_the_bytes_read_ahead_for_workers_are_bounded_not_only_the_bundles(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # a stick of 200 junk 16 MiB files held 2.5 GB in the merging process before the
    # first result came back (4 workers x 3 batches x 16 bundles read ahead)
    monkeypatch.setattr(open_pool, "BATCH_BYTES", 3000, raising=False)
    monkeypatch.setattr(open_pool, "AHEAD_BYTES", 6000, raising=False)
    read = [0]
    seen: list[int] = []

    def items() -> Any:
        for i in range(40):
            read[0] += 1
            yield bytes(1000), Path(f"/stick/{i}.ftb")

    for result in open_pool.opened_in_order(items(), _refuse_all, 1):
        assert result is None or (isinstance(result, str) and "junk" in result)
        seen.append(read[0])
    assert len(seen) == 40
    # two batches of three queued, and the one queued once the first came back
    assert seen[0] <= 9, seen[0]


@pytest.mark.parametrize(("cores", "load", "workers"), [
    (1, 0.0, 0), (2, 0.1, 1), (2, 0.7, 0), (2, 3.0, 0), (4, 0.1, 3), (4, 9.0, 3),
    (16, 0.0, open_pool.MAX_WORKERS)])
def test_two_cores_give_a_worker_only_while_the_other_core_is_idle(
        monkeypatch: pytest.MonkeyPatch, cores: int, load: float, workers: int) -> None:
    """On a supervisor's two-core laptop a worker opens bundles while one core is idle (a
    fifth faster: bench_merge); on two busy cores it would only share them, so none."""
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: set(range(cores)),
                        raising=False)
    monkeypatch.setattr(os, "getloadavg", lambda: (load, load, load))
    assert open_pool.workers_here() == workers


def test_two_cores_without_a_load_average_give_no_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the load cannot be read (no /proc/loadavg), a core is not counted free."""
    def unreadable() -> tuple[float, float, float]:
        raise OSError("no load average here")

    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    monkeypatch.setattr(os, "getloadavg", unreadable)
    assert open_pool.workers_here() == 0
