"""The journal: torn saves are dropped, writes carry only what changed, writers catch up."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tinydb import TinyDB
from tinydb.table import Document

from fieldtui.core.errors import FieldtuiError
from fieldtui.store import session_engine as session_store_module
from fieldtui.store.journal import Journal
from fieldtui.store.journal_format import Ops, seal_ops
from fieldtui.store.session_store import SessionStore
from fieldtui.store.tinydb_storage import JournalStorage
from tests.support.fake_device import FakeDevice, make_store_path


def _uncommitted_record(path: Path, device: FakeDevice) -> tuple[bytes, bytes]:
    """The store's bytes and the next record, as a save killed before its header update."""
    journal, _ = Journal.open(path, device.identity)
    ops: Ops = [{"t": "answers", "p": {"1": {"item_id": "travel", "value": "LOST"}}}]
    record = seal_ops(journal.keys, journal.count, ops)
    journal.close()
    return path.read_bytes(), record


def test_a_torn_save_of_any_length_is_dropped_and_the_rest_kept(isolated_home: Path):
    device = FakeDevice()
    path = make_store_path(isolated_home, device)
    store = SessionStore.open(path, device.identity)
    store.save_answer("visits", "kept")
    store.close()
    data, record = _uncommitted_record(path, device)
    for cut in range(1, len(record) + 1):
        path.write_bytes(data + record[:cut])
        store = SessionStore.open(path, device.identity)
        doc = store.document()
        assert "travel" not in doc["answers"]  # the torn save never returned: dropped
        assert doc["answers"]["visits"]["value"] == "kept"
        assert path.stat().st_size == len(data)  # the torn bytes were cut away
        store.save_answer("rating", cut)  # the next save lands where the torn one was
        store.close()
        again = SessionStore.open(path, device.identity)
        assert again.document()["answers"]["rating"]["value"] == cut
        again.close()
        data = path.read_bytes()
        _, record = _uncommitted_record(path, device)


def test_writes_carry_only_the_changed_rows():
    records: list[Ops] = []
    storage = JournalStorage(records.append)
    db = TinyDB(storage=lambda: storage)
    events = db.table("events-00000")
    for i in range(60):
        events.insert(Document({"n": i, "type": "nav"}, doc_id=i + 1))
    db.table("answers").insert(Document({"item_id": "a", "value": 1}, doc_id=1))
    assert len(records) == 61
    last_event = records[59]
    assert last_event == [{"t": "events-00000", "p": {"60": {"n": 59, "type": "nav"}}}]
    assert records[60] == [{"t": "answers", "p": {"1": {"item_id": "a", "value": 1}}}]
    # An update in place (TinyDB mutates the row object) is still seen.
    events.update({"type": "skip"}, doc_ids=[5])
    assert records[-1] == [{"t": "events-00000", "p": {"5": {"n": 4, "type": "skip"}}}]
    events.remove(doc_ids=[6])
    assert records[-1] == [{"t": "events-00000", "p": {}, "d": ["6"]}]
    db.drop_table("answers")
    assert records[-1] == [{"t": "answers", "drop": True}]
    # Replaying the records rebuilds the same state.
    replay = JournalStorage(lambda ops: None)
    for ops in records:
        replay.apply(ops)
    assert json.dumps(replay.read(), sort_keys=True) == json.dumps(storage.read(),
                                                                   sort_keys=True)


def test_a_batch_is_one_record():
    records: list[Ops] = []
    storage = JournalStorage(records.append)
    db = TinyDB(storage=lambda: storage)
    with storage.batch():
        db.table("a").insert(Document({"x": 1}, doc_id=1))
        db.table("b").insert(Document({"y": 2}, doc_id=1))
    assert len(records) == 1 and [op["t"] for op in records[0]] == ["a", "b"]


def test_a_save_record_stays_small_in_a_long_session(isolated_home: Path):
    device = FakeDevice()
    path = make_store_path(isolated_home, device)
    store = SessionStore.open(path, device.identity)
    sizes = []
    for i in range(200):
        before = path.stat().st_size
        store.append_event("nav", item_id=f"q{i}")
        sizes.append(path.stat().st_size - before)
    store.close()
    assert max(sizes[150:]) <= max(sizes[:20]) + 8  # same bytes per save at 150 as at 3


def test_two_open_stores_see_each_other(isolated_home: Path,
                                        monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(session_store_module, "COMPACT_AFTER", 10)
    device = FakeDevice()
    path = make_store_path(isolated_home, device)
    first = SessionStore.open(path, device.identity)
    second = SessionStore.open(path, device.identity)
    first.save_answer("travel", "from first")
    assert second.document()["answers"]["travel"]["value"] == "from first"
    assert second.append_event("nav") == 0
    assert first.append_event("nav") == 1
    for i in range(12):
        second.append_event("turn", duration=i)
    second.close()  # compacts: a new file replaces the one `first` has open
    assert first.append_event("nav") == 14
    doc = first.document()
    first.close()
    assert [e["n"] for e in doc["events"]] == list(range(15))
    assert doc["answers"]["travel"]["value"] == "from first"


def test_a_failed_save_rolls_back_to_the_disk(isolated_home: Path,
                                              monkeypatch: pytest.MonkeyPatch):
    device = FakeDevice()
    path = make_store_path(isolated_home, device)
    store = SessionStore.open(path, device.identity)
    store.save_answer("travel", "saved")

    def disk_full(self: Journal, ops: Ops) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Journal, "append", disk_full)
    with pytest.raises(FieldtuiError, match=r"could not save .* No space left"):
        store.save_answer("travel", "not saved")
    monkeypatch.undo()
    assert store.document()["answers"]["travel"]["value"] == "saved"
    store.save_answer("visits", "after")
    store.close()


def test_a_compaction_killed_before_its_rename_leaves_nothing(isolated_home: Path):
    device = FakeDevice()
    path = make_store_path(isolated_home, device)
    stale = path.with_name(f".{path.name}.0123456789ab.tmp")
    stale.write_bytes(b"half a snapshot")
    stale_sidecar = path.with_name(f".{path.stem}.meta.json.0123456789ab.tmp")
    stale_sidecar.write_bytes(b"{")
    SessionStore.open(path, device.identity).close()
    assert not stale.exists() and not stale_sidecar.exists()


_TABLE = st.sampled_from(["a", "b", "events-00000"])
_VALUE = st.one_of(st.none(), st.integers(-5, 5), st.text(max_size=3),
                   st.lists(st.integers(0, 3), max_size=2))
_OPS = st.lists(st.tuples(st.sampled_from(["insert", "update", "upsert", "remove", "drop"]),
                          _TABLE, st.integers(1, 6), _VALUE), max_size=40)


@settings(max_examples=150, deadline=None)
@given(ops=_OPS)
def test_replaying_the_journalled_diffs_rebuilds_the_state(
        ops: list[tuple[str, str, int, object]]):
    records: list[Ops] = []
    storage = JournalStorage(records.append)
    db = TinyDB(storage=lambda: storage)
    for kind, name, doc_id, value in ops:
        table = db.table(name)
        if kind == "insert" and not table.contains(doc_id=doc_id):
            table.insert(Document({"v": value}, doc_id=doc_id))
        elif kind == "update" and table.contains(doc_id=doc_id):
            table.update({"v": value, f"k{doc_id}": value}, doc_ids=[doc_id])
        elif kind == "upsert":
            table.upsert(Document({"v": value}, doc_id=doc_id))
        elif kind == "remove" and table.contains(doc_id=doc_id):
            table.remove(doc_ids=[doc_id])
        elif kind == "drop":
            db.drop_table(name)
    replay = JournalStorage(lambda ops: None)
    for record in json.loads(json.dumps(records)):  # as the journal stores them
        replay.apply(record)
    assert replay.read() == dict(storage.read())
