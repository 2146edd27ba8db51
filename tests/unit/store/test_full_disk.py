"""The session store on a really full disk (a small tmpfs): one clear error, nothing lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldtui.core.errors import FieldtuiError
from fieldtui.store.home import sidecar_path
from fieldtui.store.session_engine import COMPACT_AFTER
from fieldtui.store.session_store import SessionStore
from fieldtui.store.sessions import list_sessions, read_sidecar
from tests.support.small_disk import SmallDisk, small_disk
from tests.unit.store.fake_device import FakeDevice, mini_plan

__all__ = ["small_disk"]  # the fixture, imported for pytest

LONG = "a long open answer " * 400  # more than a page: it cannot hide in a file's slack


def test_create_on_a_full_disk_is_one_clear_error_and_leaves_nothing(
        small_disk: SmallDisk) -> None:
    home = small_disk.path / "home"
    home.mkdir()
    small_disk.fill()
    with pytest.raises(FieldtuiError) as caught:
        SessionStore.create(home, plan=mini_plan(), device=FakeDevice())
    assert "free" in caught.value.todo and "\n" not in caught.value.line()
    assert "No space left" in caught.value.what
    # No half-made session for list_sessions, the seal or the next create to trip on.
    assert sorted(p.name for p in (home / "sessions").iterdir()) == []
    small_disk.free()
    store = SessionStore.create(home, plan=mini_plan(), device=FakeDevice())
    store.close()
    assert len(list_sessions(home)) == 1


def test_a_save_on_a_full_disk_keeps_what_was_saved(small_disk: SmallDisk) -> None:
    device = FakeDevice()
    store = SessionStore.create(small_disk.path, plan=mini_plan(), device=device)
    store.save_answer("q1", "first")
    small_disk.fill()
    with pytest.raises(FieldtuiError, match="No space left"):
        store.save_answer("q1", LONG)
    assert store.document()["answers"]["q1"]["value"] == "first"
    small_disk.free()
    store.save_answer("q1", LONG)
    store.close()
    again = SessionStore.open(store.path, device.identity)
    assert again.document()["answers"]["q1"]["value"] == LONG
    again.close()


def test_completing_on_a_full_disk_fails_clearly_and_a_retry_finishes_it(
        small_disk: SmallDisk) -> None:
    device = FakeDevice()
    store = SessionStore.create(small_disk.path, plan=mini_plan(), device=device)
    store.save_answer("q1", LONG)
    small_disk.fill()
    # The status record may fit in the journal's last page; the sidecar cannot: either
    # way the caller hears one clear error, never a bare OSError.
    with pytest.raises(FieldtuiError, match="No space left"):
        store.mark_complete()
    small_disk.free()
    store.mark_complete()
    assert store.status == "complete"
    sidecar = read_sidecar(sidecar_path(store.path))
    assert sidecar is not None and sidecar["status"] == "complete"
    store.close()


def test_open_and_close_on_a_full_disk_skip_the_compaction(small_disk: SmallDisk) -> None:
    device = FakeDevice()
    store = SessionStore.create(small_disk.path, plan=mini_plan(), device=device)
    for n in range(COMPACT_AFTER + 2):
        store.append_event("nav", item_id=f"i{n}")
    long_size = Path(store.path).stat().st_size
    small_disk.fill()
    store.close()  # compaction is due, and there is no room for it: the journal stays
    again = SessionStore.open(store.path, device.identity)
    assert len(again.document()["events"]) == COMPACT_AFTER + 2
    again.close()
    small_disk.free()
    compacted = SessionStore.open(store.path, device.identity)
    compacted.close()
    assert Path(store.path).stat().st_size < long_size  # one record now
