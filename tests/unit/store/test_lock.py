"""Two processes on one store take turns: the result is the sum of both, and it opens."""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

import pytest

from fieldtui.store.lock import StoreBusy, StoreLock
from fieldtui.store.session_store import SessionStore
from tests.support.fake_device import FakeDevice, make_store_path

PER_PROCESS = 60


def _writer(path: Path, device: FakeDevice, tag: str) -> int:
    try:
        store = SessionStore.open(path, device.identity)
        for i in range(PER_PROCESS):
            store.append_event("nav", item_id=f"{tag}{i}")
            store.save_answer(f"{tag}{i % 7}", i)
            store.add_note(None, f"{tag}{i}")
        store.close()
        return 0
    except BaseException:
        return 1


def test_two_processes_appending_give_the_sum(isolated_home: Path):
    device = FakeDevice()
    path = make_store_path(isolated_home, device)
    pids = []
    for tag in ("a", "b"):
        pid = os.fork()
        if pid == 0:
            os._exit(_writer(path, device, tag))
        pids.append(pid)
    for pid in pids:
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
    store = SessionStore.open(path, device.study_identity)
    doc = store.document()
    store.close()
    items = [e["item_id"] for e in doc["events"]]
    assert sorted(items) == sorted(f"{t}{i}" for t in "ab" for i in range(PER_PROCESS))
    assert [e["n"] for e in doc["events"]] == list(range(2 * PER_PROCESS))
    assert sorted(n["text"] for n in doc["notes"]) == sorted(items)
    assert {k: a["value"] for k, a in doc["answers"].items()} == {
        f"{t}{r}": max(i for i in range(PER_PROCESS) if i % 7 == r) for t in "ab"
        for r in range(7)}


def test_a_held_lock_makes_the_other_side_wait_then_give_up(tmp_path: Path):
    path = tmp_path / "s.lock"
    first = StoreLock(path)
    second = StoreLock(path, timeout=0.05)
    with first.held():
        started = time.monotonic()
        with pytest.raises(StoreBusy, match="busy in another fieldtui process"), second.held():
            pass
        assert time.monotonic() - started >= 0.05
    with second.held():  # free again
        fd = os.open(path, os.O_RDWR)
        with pytest.raises(BlockingIOError):
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.close(fd)
    first.close()
    second.close()


def test_the_lock_is_reentrant_within_one_object(tmp_path: Path):
    lock = StoreLock(tmp_path / "r.lock")
    with lock.held(), lock.held():
        pass
    lock.close()
    lock.close()
