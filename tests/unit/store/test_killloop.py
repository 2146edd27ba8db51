"""Kill -9 at random moments: every save that returned is there, and the store opens.

A forked child opens the store and saves in a loop, writing the number of each save to
a pipe only after the call returned; the parent kills it with SIGKILL at a random
moment (sometimes while it is still opening, which may be compacting), then opens the
store itself and checks every reported save. `run_kill_loop` is shared with
bench/bench_store.py, which runs thousands of kills.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldtui.store import session_engine as session_store_module
from fieldtui.store.session_store import SessionStore
from tests.support.fake_device import FakeDevice, make_store_path
from tests.support.kill_loop import run_kill_loop


@pytest.fixture
def kill_home(isolated_home: Path) -> Iterator[Path]:
    """A home in memory (tmpfs) when there is one.

    A kill -9 loses only what the process had not yet handed to the kernel, so the loop
    tests the same thing on tmpfs as on a disk, without waiting for a shared disk's
    fdatasyncs; bench/bench_store.py runs the long loop on the disk.
    """
    shm = Path("/dev/shm")
    if not (shm.is_dir() and os.access(shm, os.W_OK)):
        yield isolated_home
        return
    with tempfile.TemporaryDirectory(dir=shm, prefix="fieldtui-kill-") as folder:
        yield Path(folder) / "home"


def test_two_hundred_kills_lose_no_returned_save(kill_home: Path,
                                                 monkeypatch: pytest.MonkeyPatch):
    # Compact often, so kills also land inside compactions (on open and close).
    monkeypatch.setattr(session_store_module, "COMPACT_AFTER", 40)
    device = FakeDevice()
    path = make_store_path(kill_home, device)
    counts = run_kill_loop(path, device, 200, seed=1234)
    assert counts["returned_saves"] >= 200  # the children did save between kills
    # About one kill in twenty lands between a record and its header on tmpfs (half of
    # them on a disk, see the bench); test_journal cuts a record at every byte instead
    # of asserting on chance here.
    final = SessionStore.open(path, device.study_identity)
    assert len(final.document()["events"]) >= counts["returned_saves"]
    final.close()
