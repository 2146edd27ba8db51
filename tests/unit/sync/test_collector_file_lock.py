"""The folder store's file lock (other processes) is kept from one holder of the store's
lock to the next while threads of the same process queue for it, for at most RUN holders
in a row; the last one lets it go. Each flock call, and each look at index.log it spared,
used to let the event loop and the other workers take the GIL while the queue waited."""

from __future__ import annotations

import fcntl
import hashlib
import os
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from fieldtui.sync.collector import run_lock
from fieldtui.sync.collector.backend import Refusal
from fieldtui.sync.collector.devices import allow
from fieldtui.sync.collector.keys import init_store
from fieldtui.sync.collector.store import CollectorStore
from tests.support.bundle_factory import Dev, Study, bundle


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def flocks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The operations of every flock call made meanwhile."""
    real = fcntl.flock
    calls: list[int] = []

    def counted(fd: int, operation: int) -> None:
        calls.append(operation)
        real(fd, operation)

    monkeypatch.setattr(run_lock.fcntl, "flock", counted)
    return calls


@pytest.fixture
def store(tmp_path: Path) -> Iterator[CollectorStore]:
    root = tmp_path / "collector"
    init_store(root)
    opened = CollectorStore(root, warn=None)
    yield opened
    opened.close()


def _queue_behind_one(store: CollectorStore, count: int) -> list[bool]:
    """Hold the lock in one thread while `count` others queue for it; then let them in.
    Returns what each holder was told (True: the file lock was taken for it)."""
    told: list[bool] = []
    inside, go = threading.Event(), threading.Event()

    def first() -> None:
        with store._reservations.lock.held() as fresh:
            told.append(fresh)
            inside.set()
            go.wait()

    def other() -> None:
        with store._reservations.lock.held() as fresh:
            told.append(fresh)

    threads = [threading.Thread(target=first)]
    threads[0].start()
    inside.wait()
    threads += [threading.Thread(target=other) for _ in range(count)]
    for thread in threads[1:]:
        thread.start()
    while store._reservations.lock._queued < count + 1:  # every other thread waits for the store's lock
        threading.Event().wait(0.001)
    go.set()
    for thread in threads:
        thread.join()
    return told


def _free_for_another_process(store: CollectorStore) -> bool:
    fd = os.open(store.root / ".lock", os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)
    return True


def test_queued_holders_keep_the_file_lock_and_the_last_lets_it_go(
        store: CollectorStore, flocks: list[int]) -> None:
    assert _queue_behind_one(store, 2) == [True, False, False]
    assert flocks == [fcntl.LOCK_EX, fcntl.LOCK_UN]
    assert _free_for_another_process(store)


def test_the_file_lock_is_let_go_after_run_holders_in_a_row(
        store: CollectorStore, flocks: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(run_lock, "RUN", 2)
    assert _queue_behind_one(store, 3) == [True, False, True, False]
    assert flocks == [fcntl.LOCK_EX, fcntl.LOCK_UN] * 2
    assert _free_for_another_process(store)


def test_a_reservation_by_another_process_between_runs_is_seen(tmp_path: Path) -> None:
    # two stores on one folder hold two open files: their flocks exclude each other as two
    # processes' do; each takes in the other's index.log records when it takes the lock
    root = tmp_path / "collector"
    init_store(root)
    dev, study = Dev(), Study()
    allow(root, dev.write_card(tmp_path))
    here, there = CollectorStore(root, warn=None), CollectorStore(root, warn=None)
    try:
        ours = [bundle(dev, study, seq=seq) for seq in range(1, 9)]
        with ThreadPoolExecutor(8) as pool:  # a queue in this one
            assert all(a.new for a in pool.map(lambda d: here.accept(_sha(d), d), ours))
        theirs = bundle(dev, study, seq=9)
        assert there.accept(_sha(theirs), theirs).new
        replays = [bundle(dev, study, seq=seq) for seq in (3, 9)]
        for data in replays:
            with pytest.raises(Refusal) as refused:
                here.accept(_sha(data), data)
            assert refused.value.code == "replay"
        assert sorted(here.stored()) == sorted(_sha(d) for d in [*ours, theirs])
    finally:
        here.close()
        there.close()


def test_new_bytes_are_not_looked_for_and_anothers_are_answered_once_durable(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # only bytes another process reserved can have a file this one does not know of; that
    # process's batch may not have made the name durable yet, so it is fsynced first
    root = tmp_path / "collector"
    init_store(root)
    dev, study = Dev(), Study()
    allow(root, dev.write_card(tmp_path))
    here, there = CollectorStore(root, warn=None), CollectorStore(root, warn=None)
    looked: list[str] = []
    real_bundle = here._reservations._bundle
    monkeypatch.setattr(here._reservations, "_bundle",
                        lambda sha: looked.append(sha) or real_bundle(sha))
    synced: list[str] = []
    real_sync = here._commit._sync_dir
    monkeypatch.setattr(here._commit, "_sync_dir",
                        lambda folder: synced.append("fsync") or real_sync(folder))
    try:
        ours, theirs = bundle(dev, study, seq=1), bundle(dev, study, seq=2)
        assert here.accept(_sha(ours), ours).new
        assert looked == [] and synced == ["fsync"]  # its own batch's
        stored_there = there.accept(_sha(theirs), theirs)
        again = here.accept(_sha(theirs), theirs)
        assert not again.new and again.receipt == stored_there.receipt
        assert looked[0] == _sha(theirs) and synced == ["fsync", "fsync"]
    finally:
        here.close()
        there.close()
