"""Whatever the umask, session folders are 0700 and session files 0600."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldtui.store import session_engine as session_store_module
from fieldtui.store.home import lock_path, sidecar_path
from fieldtui.store.session_store import SessionStore
from fieldtui.store.sessions import remove_plaintext
from tests.support.fake_device import FakeDevice, mini_plan


@pytest.fixture(params=[0o000, 0o022], ids=["umask000", "umask022"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_modes_whatever_the_umask(umask: int, isolated_home: Path,
                                  monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(session_store_module, "COMPACT_AFTER", 3)
    device = FakeDevice()
    store = SessionStore.create(isolated_home, plan=mini_plan(), device=device)
    for i in range(5):
        store.append_event("nav", item_id=str(i))
    store.mark_complete()
    files = [store.path, sidecar_path(store.path), lock_path(store.path)]
    for path in files:
        assert _mode(path) == 0o600, path
    store.close()  # compaction writes a new file
    assert _mode(store.path) == 0o600
    assert _mode(isolated_home) == 0o700 and _mode(isolated_home / "sessions") == 0o700
    store = SessionStore.open(store.path, device.identity)
    store.set_status("sealed")
    store.close()
    remove_plaintext(isolated_home, store.session_id)
    assert _mode(sidecar_path(store.path)) == 0o600
    leftovers = [p.name for p in (isolated_home / "sessions").iterdir()
                 if p.name.endswith(".tmp")]
    assert leftovers == []
