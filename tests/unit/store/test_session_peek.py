"""Reading a draft for home without the lock, and discarding a draft (kept, never sent)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from fieldtui.store.journal_format import StoreDamaged
from fieldtui.store.session_peek import peek_draft, read_document
from fieldtui.store.session_store import SessionSealed, SessionStore
from fieldtui.store.sessions import list_sessions, remove_plaintext, sidecar_path
from tests.support.fake_device import FakeDevice, mini_plan


def test_a_peek_reads_what_was_saved_while_the_store_is_open_and_locked(
        isolated_home: Path) -> None:
    device = FakeDevice()
    store = SessionStore.create(isolated_home, plan=mini_plan(), device=device)
    try:
        store.set_field("respondent", "R-42")
        store.save_answer("travel", "by bus")
        store.append_event("answer", item_id="travel")
        store.save_answer("visits", "1 to 2 times")
        store.set_field("position", {"item_id": "rating", "section_id": "closing"})
        with store._lock.held():  # another process holding the lock does not stop it
            info = peek_draft(store.path, device.identity)
            assert read_document(store.path, device.identity) == store.document()
    finally:
        store.close()
    assert info.respondent == "R-42" and info.participants == 0
    assert info.answered == ("travel", "visits")
    assert info.position == {"item_id": "rating", "section_id": "closing"}
    first = store_doc_answer_time(isolated_home, device, "travel")
    assert info.first_answer is not None and info.first_answer <= first


def store_doc_answer_time(home: Path, device: FakeDevice, item_id: str) -> str:
    [meta] = list_sessions(home)
    with SessionStore.open(meta.store_path, device.identity) as store:
        value: str = store.document()["answers"][item_id]["at"]
    return value


def test_a_peek_ignores_a_torn_tail_and_refuses_damage(isolated_home: Path) -> None:
    device = FakeDevice()
    with SessionStore.create(isolated_home, plan=mini_plan(), device=device) as store:
        store.save_answer("travel", "on foot")
        path = store.path
    with open(path, "ab") as handle:  # a save killed before its header was written
        handle.write(b"FTR1" + (2).to_bytes(8, "little") + b"\x00" * 9)
    assert peek_draft(path, device.identity).answered == ("travel",)
    data = bytearray(path.read_bytes())
    data[200] ^= 1
    path.write_bytes(bytes(data))
    with pytest.raises(StoreDamaged):
        peek_draft(path, device.identity)


def test_a_discarded_draft_is_kept_but_never_edited_sealed_or_removed(
        isolated_home: Path) -> None:
    device = FakeDevice()
    store = SessionStore.create(isolated_home, plan=mini_plan(), device=device)
    store.save_answer("travel", "by tram")
    with store.batch():
        store.append_event("discarded")
        store.mark_discarded()
    assert store.status == "discarded"
    with pytest.raises(SessionSealed):
        store.save_answer("travel", "by car")
    for status in ("sealed", "receipted"):
        with pytest.raises(Exception, match="cannot"):
            store.set_status(status)
    with pytest.raises(SessionSealed):
        store.mark_complete()
    doc = store.document()
    store.close()
    assert doc["answers"]["travel"]["value"] == "by tram"
    assert [e["type"] for e in doc["events"]] == ["discarded"]
    [meta] = list_sessions(isolated_home)
    assert meta.status == "discarded" and meta.has_store
    sidecar = json.loads(sidecar_path(meta.store_path).read_text())
    assert sidecar["status"] == "discarded" and "respondent" not in sidecar
    with pytest.raises(Exception, match="not sealed"):
        remove_plaintext(isolated_home, meta.session_id)
    assert os.path.exists(meta.store_path)
