"""The session store API: the document it keeps, status rules, reopening, recovery."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from pyrage import x25519

from fieldtui.core.errors import FieldtuiError
from fieldtui.store import session_engine as session_store_module
from fieldtui.store.home import sidecar_path
from fieldtui.store.journal_format import StoreKeyMismatch
from fieldtui.store.session_store import SessionSealed, SessionStore
from fieldtui.store.session_tables import CHUNK
from fieldtui.store.sessions import list_sessions, remove_plaintext
from tests.support.fake_device import FakeDevice, mini_plan, poll_plan


@pytest.fixture
def device() -> FakeDevice:
    return FakeDevice()


@pytest.fixture
def store(isolated_home: Path, device: FakeDevice):
    s = SessionStore.create(isolated_home, plan=mini_plan(), device=device)
    yield s
    s.close()


def test_new_draft_document_has_the_contract_shape(store: SessionStore, device: FakeDevice):
    doc = store.document()
    plan = mini_plan()
    assert len(doc["session_id"]) == 32 and doc["session_id"] == store.session_id
    assert doc["study_id"] == "study-test" and doc["device_id"] == device.device_id
    assert doc["interviewer"] == "Ann" and doc["method"] == "interview"
    assert doc["plan"] == {"id": plan.id, "version": plan.version, "hash": plan.content_hash}
    assert doc["status"] == "draft" and doc["completed"] is None and doc["respondent"] is None
    for name in ("consent", "notes", "participants", "events", "checklist"):
        assert doc[name] == []
    assert doc["answers"] == {} and doc["reflections"] == "" and doc["summary"] == ""
    assert doc["position"] is None
    assert doc["created"].endswith("+00:00")


def test_everything_saved_is_there_after_reopening(store: SessionStore, device: FakeDevice):
    store.save_answer("travel", "by bus", key_covered=True)
    store.save_answer("visits", "1 to 2 times")
    store.save_answer("visits", "3 to 5 times")  # replaces, keeps one row
    store.save_answer("travel", "by bike")  # key_covered None keeps the earlier mark
    store.save_answer("rating", None, skipped=True, skip_reason="declined")
    store.add_note("travel", "laughed about the bus")
    store.add_note(None, "noisy room")
    store.record_consent(None, True, "ab" * 32)
    store.set_participants([{"id": "P1", "label": "teacher", "attributes": {"age": "18-34"},
                             "informed": True}])
    store.set_field("reflections", "went well")
    store.set_field("position", {"item_id": "visits", "section_id": "opening"})
    store.set_field("checklist", ["Charge the laptop"])
    assert store.append_event("nav", item_id="travel", **{"from": None}) == 0
    assert store.append_event("answer", item_id="travel") == 1
    store.mark_complete()
    before = store.document()
    store.close()

    again = SessionStore.open(store.path, device.identity)
    doc = again.document()
    again.close()
    assert doc == before
    assert doc["answers"]["travel"]["value"] == "by bike"
    assert doc["answers"]["travel"]["key_covered"] is True
    assert doc["answers"]["visits"]["value"] == "3 to 5 times"
    assert doc["answers"]["rating"] == {**doc["answers"]["rating"], "value": None,
                                        "skipped": True, "skip_reason": "declined"}
    assert [n["text"] for n in doc["notes"]] == ["laughed about the bus", "noisy room"]
    assert doc["consent"][0]["given"] is True and doc["consent"][0]["participant"] is None
    assert doc["participants"][0]["attributes"] == {"age": "18-34"}
    assert doc["position"] == {"item_id": "visits", "section_id": "opening"}
    assert [e["type"] for e in doc["events"]] == ["nav", "answer"]
    assert doc["events"][0]["from"] is None and isinstance(doc["events"][0]["mono"], float)
    assert doc["status"] == "complete" and doc["completed"] is not None


def test_events_keep_their_order_across_chunks(store: SessionStore, device: FakeDevice):
    total = CHUNK * 2 + 5
    numbers = [store.append_event("turn", participant=f"P{i % 3}", duration=i)
               for i in range(total)]
    assert numbers == list(range(total))
    store.close()
    again = SessionStore.open(store.path, device.identity)
    assert again.append_event("offtopic", section_id="s", duration=1.0) == total
    events = again.document()["events"]
    again.close()
    assert [e["n"] for e in events] == list(range(total + 1))
    assert [e["duration"] for e in events[:total]] == list(range(total))


def test_study_identity_recovers_a_store_and_a_stranger_cannot(store: SessionStore,
                                                                device: FakeDevice):
    store.save_answer("travel", "on foot")
    store.close()
    recovered = SessionStore.open(store.path, device.study_identity)
    assert recovered.document()["answers"]["travel"]["value"] == "on foot"
    recovered.close()
    with pytest.raises(StoreKeyMismatch, match="not encrypted to this key"):
        SessionStore.open(store.path, x25519.Identity.generate())


def test_status_rules(store: SessionStore):
    with pytest.raises(FieldtuiError, match="cannot become sealed"):
        store.set_status("sealed")
    with pytest.raises(ValueError):
        store.set_status("complete")
    store.mark_complete()
    store.mark_complete()  # idempotent
    with pytest.raises(FieldtuiError, match="cannot become refused"):
        store.mark_refused()
    store.set_field("reflections", "added in wrap-up")  # complete is still editable
    store.set_status("sealed")
    for edit in (lambda: store.save_answer("travel", "x"), lambda: store.add_note(None, "x"),
                 lambda: store.append_event("nav"), lambda: store.set_field("summary", "x")):
        with pytest.raises(SessionSealed, match="is sealed: it cannot change"):
            edit()
    store.set_status("receipted")
    assert store.document()["status"] == "receipted"
    assert store.document()["reflections"] == "added in wrap-up"


def test_refused_session(store: SessionStore):
    store.mark_refused()
    assert store.status == "refused"
    store.set_status("sealed")
    assert store.status == "sealed"


def test_bad_calls_are_refused_without_changing_anything(store: SessionStore,
                                                          isolated_home: Path,
                                                          device: FakeDevice):
    before = store.document()
    with pytest.raises(ValueError):
        store.save_answer("travel", object())
    with pytest.raises(ValueError):
        store.save_answer("travel", float("nan"))
    with pytest.raises(ValueError):
        store.set_field("status", "sealed")
    with pytest.raises(ValueError):
        store.append_event("nav", n=5)
    assert store.document() == before
    poll = SessionStore.create(isolated_home, plan=poll_plan(), device=device)
    with pytest.raises(FieldtuiError, match="no respondent code"):
        poll.set_field("respondent", "R-17")
    poll.set_field("summary", "still writable after the refusal")
    assert poll.document()["respondent"] is None
    poll.close()


def test_closed_store_refuses_changes(store: SessionStore):
    store.close()
    store.close()
    for call in (lambda: store.save_answer("travel", "x"), store.document):
        with pytest.raises(FieldtuiError, match="closed"):
            call()


def test_threads_share_one_store(store: SessionStore, device: FakeDevice):
    def work(k: int) -> None:
        for i in range(25):
            store.append_event("nav", item_id=f"t{k}-{i}")
            store.save_answer(f"t{k}", i)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    store.close()
    doc = SessionStore.open(store.path, device.identity).document()
    assert sorted(e["n"] for e in doc["events"]) == list(range(100))
    assert {e["item_id"] for e in doc["events"]} == {f"t{k}-{i}" for k in range(4)
                                                     for i in range(25)}
    assert {k: a["value"] for k, a in doc["answers"].items()} == {f"t{k}": 24 for k in range(4)}


def test_compaction_on_close_keeps_everything(store: SessionStore, device: FakeDevice,
                                              monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(session_store_module, "COMPACT_AFTER", 20)
    for i in range(30):
        store.append_event("nav", item_id=str(i))
    store.save_answer("travel", "kept")
    before = store.document()
    size_before = store.path.stat().st_size
    store.close()
    assert store.path.stat().st_size < size_before
    again = SessionStore.open(store.path, device.identity)
    assert again.document() == before
    again.append_event("nav", item_id="after")
    again.close()
    third = SessionStore.open(store.path, device.study_identity)
    assert [e["n"] for e in third.document()["events"]] == list(range(31))
    third.close()


def test_sidecars_list_sessions_without_answers(isolated_home: Path, device: FakeDevice):
    first = SessionStore.create(isolated_home, plan=mini_plan(), device=device)
    first.save_answer("travel", "SECRET-ANSWER")
    first.add_note(None, "SECRET-NOTE")
    first.mark_complete()
    second = SessionStore.create(isolated_home, plan=mini_plan(), device=device)
    second.set_field("respondent", "SECRET-CODE")
    metas = list_sessions(isolated_home)
    assert [(m.session_id, m.status) for m in metas] == [(first.session_id, "complete"),
                                                         (second.session_id, "draft")]
    assert metas[0].plan_id == "mini-interview" and metas[0].plan_version == 1
    assert metas[0].completed is not None and metas[0].has_store
    for meta in metas:
        text = sidecar_path(meta.store_path).read_text()
        assert "SECRET" not in text
        assert set(json.loads(text)) >= {"session_id", "plan_id", "plan_version", "method",
                                          "status", "created", "updated"}
    first.close()
    second.close()


def test_remove_plaintext_only_after_sealing(isolated_home: Path, device: FakeDevice):
    store = SessionStore.create(isolated_home, plan=mini_plan(), device=device)
    store.save_answer("travel", "x")
    store.mark_complete()
    with pytest.raises(FieldtuiError, match="not sealed"):
        remove_plaintext(isolated_home, store.session_id)
    assert store.path.exists()
    store.set_status("sealed")
    store.close()
    remove_plaintext(isolated_home, store.session_id)
    assert not store.path.exists()
    [meta] = list_sessions(isolated_home)
    assert meta.status == "receipted" and not meta.has_store
    with pytest.raises(FieldtuiError, match="no session store"):
        SessionStore.open(store.path, device.identity)
    with pytest.raises(FieldtuiError, match="no session"):
        remove_plaintext(isolated_home, "f" * 32)


def test_sidecar_catches_up_with_the_store_on_open(store: SessionStore, device: FakeDevice):
    store.mark_complete()
    store.close()
    side = sidecar_path(store.path)
    fields = json.loads(side.read_text())
    fields["status"] = "draft"  # as if killed between the store's commit and the sidecar
    side.write_text(json.dumps(fields))
    SessionStore.open(store.path, device.identity).close()
    assert json.loads(side.read_text())["status"] == "complete"


def test_a_batch_is_one_save_and_all_or_nothing(store: SessionStore, device: FakeDevice):
    size = store.path.stat().st_size
    with store.batch():
        store.append_event("answer", item_id="travel")
        store.save_answer("travel", "by tram")
        store.mark_complete()
    assert store.path.stat().st_size > size
    from fieldtui.store.journal import Journal

    journal, records = Journal.open(store.path, device.identity)
    journal.close()
    assert len(records) == 2  # the first snapshot, then the whole batch as one record
    before = store.document()
    with pytest.raises(FieldtuiError, match="none of it was saved"), store.batch():
        store.add_note(None, "kept?")
        with pytest.raises(FieldtuiError, match="cannot become refused"):
            store.mark_refused()
    assert store.document() == before
    store.close()
    again = SessionStore.open(store.path, device.identity)
    assert again.document() == before and before["status"] == "complete"
    again.close()


def test_a_store_removed_elsewhere_is_a_clear_error(store: SessionStore, isolated_home: Path):
    store.mark_complete()
    store.set_status("sealed")
    remove_plaintext(isolated_home, store.session_id)  # as sync does after a receipt
    with pytest.raises(FieldtuiError, match="was removed while open"):
        store.document()
    store.close()


def test_list_sessions_skips_what_it_cannot_trust(isolated_home: Path, device: FakeDevice):
    store = SessionStore.create(isolated_home, plan=mini_plan(), device=device)
    store.close()
    folder = isolated_home / "sessions"
    (folder / "broken.meta.json").write_text("{not json")
    orphan = json.loads(sidecar_path(store.path).read_text())
    orphan["session_id"] = "a" * 32  # a create killed before its store was written
    (folder / f"{'a' * 32}.meta.json").write_text(json.dumps(orphan))
    assert [m.session_id for m in list_sessions(isolated_home)] == [store.session_id]
    assert list_sessions(isolated_home / "nowhere") == []


def test_create_refuses_recipients_the_device_cannot_reopen(isolated_home: Path):
    class Stranger(FakeDevice):
        @property
        def recipients(self) -> list[str]:
            return [str(self.study_identity.to_public())]

    class Garbled(FakeDevice):
        @property
        def recipients(self) -> list[str]:
            return [str(self.identity.to_public()), "age1notarecipient"]

    with pytest.raises(FieldtuiError, match="own key is not among the recipients"):
        SessionStore.create(isolated_home, plan=mini_plan(), device=Stranger())
    with pytest.raises(FieldtuiError, match="is not an age recipient"):
        SessionStore.create(isolated_home, plan=mini_plan(), device=Garbled())
    assert not (isolated_home / "sessions").exists()  # checked before anything is written
