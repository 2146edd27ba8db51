"""Merging real sealed bundles: idempotent, incremental, conflicts, gaps, refusals."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from fieldtui.bundle import read_envelope
from fieldtui.bundle.envelope import build_envelope
from fieldtui.core.errors import FieldtuiError
from fieldtui.supervise.bundle_opener import read_devices, seal_order, study_opener
from fieldtui.supervise.conflicts import list_conflicts, resolve_conflict
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.merge import MergeReport, merge_folder
from tests.support.dataset_factory import Device, Store, record_plans
from tests.support.paths import FIXTURES

TABLES = ("bundles", "sessions", "answers", "participants", "turns", "events", "consent",
          "conflicts")


def _merge(store: Store, db: Path) -> MergeReport:
    conn = open_dataset(db, create=True)
    record_plans(conn, FIXTURES / "minimal_interview.toml")
    try:
        return merge_folder(conn, store.root, study_opener(store.identity,
                                                           read_devices(store.root)),
                            order=seal_order)
    finally:
        conn.close()


def _dump(db: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(db)
    try:
        out = {}
        for t in TABLES:
            rows = conn.execute(f"SELECT * FROM {t}").fetchall()
            # merged_at / detected_at record when, not what: compare the rest.
            out[t] = sorted(tuple(v for v in r if not (isinstance(v, str) and v.startswith(
                "20") and "T" in v and len(v) == 29 and v[:4] != "2026")) for r in rows)
        return out
    finally:
        conn.close()


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "collector")


def test_merging_twice_gives_the_same_dataset(store: Store, tmp_path: Path) -> None:
    ana, ben = Device("Ana"), Device("Ben")
    for dev in (ana, ben):
        store.enroll(dev)
        for _ in range(2):
            store.put(dev.bundle([dev.doc(answers={"travel": "bus", "visits": "None"},
                                          events=[{"t": 0, "type": "nav", "item_id": "travel",
                                                   "from": None},
                                                  {"t": 30, "type": "answer",
                                                   "item_id": "travel"}])],
                                 store.recipients))
    db = tmp_path / "d.sqlite"
    first = _merge(store, db)
    assert len(first.merged) == 4 and first.sessions_added == 4 and not first.refused
    before = _dump(db)
    assert len(before["answers"]) == 8 and len(before["events"]) == 8
    again = _merge(store, db)
    assert again.merged == [] and again.already == 4
    assert _dump(db) == before


def test_a_bundle_copied_under_another_name_is_not_merged_twice(store: Store,
                                                                 tmp_path: Path) -> None:
    dev = Device()
    store.enroll(dev)
    path = store.put(dev.bundle([dev.doc()], store.recipients))
    db = tmp_path / "d.sqlite"
    _merge(store, db)
    (path.parent / "copy.ftb").write_bytes(path.read_bytes())
    report = _merge(store, db)
    assert report.merged == [] and report.already == 2


def test_a_session_with_other_content_is_a_conflict_never_an_overwrite(
        store: Store, tmp_path: Path) -> None:
    dev = Device()
    store.enroll(dev)
    first = dev.doc(answers={"travel": "bus"})
    second = dict(first, answers={"travel": {"value": "car", "at": None, "skipped": False,
                                             "skip_reason": "", "key_covered": False}})
    store.put(dev.bundle([first], store.recipients))
    store.put(dev.bundle([second], store.recipients))
    db = tmp_path / "d.sqlite"
    report = _merge(store, db)
    assert len(report.conflicts) == 1
    conn = open_dataset(db)
    assert conn.execute("SELECT value FROM answers").fetchall() == [('"bus"',)]
    [conflict] = list_conflicts(conn, open_only=True)
    assert conflict.session_id == first["session_id"]
    with pytest.raises(FieldtuiError):
        resolve_conflict(conn, conflict.id, "incoming", "  ", by="sup")
    resolve_conflict(conn, conflict.id, "incoming", "the interviewer corrected it", by="sup")
    assert conn.execute("SELECT value FROM answers").fetchall() == [('"car"',)]
    assert list_conflicts(conn, open_only=True) == []
    [done] = list_conflicts(conn)
    assert done.reason == "the interviewer corrected it" and done.resolved_by == "sup"


def test_a_gap_in_a_devices_seq_is_reported(store: Store, tmp_path: Path) -> None:
    dev = Device()
    store.enroll(dev)
    store.put(dev.bundle([dev.doc()], store.recipients))
    dev.bundle([dev.doc()], store.recipients)  # seq 2 never reaches the collector
    dev.bundle([dev.doc()], store.recipients)  # nor seq 3
    store.put(dev.bundle([dev.doc()], store.recipients))
    report = _merge(store, tmp_path / "d.sqlite")
    assert report.gaps == {dev.device_id: [2, 3]}
    assert report.chain_breaks == {}


def test_a_bundle_that_does_not_follow_from_the_one_before_is_a_chain_break(
        store: Store, tmp_path: Path) -> None:
    dev = Device()
    store.enroll(dev)
    store.put(dev.bundle([dev.doc()], store.recipients))
    dev.previous = "0" * 64  # the device lost its state: seq 2 names a bundle never seen
    store.put(dev.bundle([dev.doc()], store.recipients))
    report = _merge(store, tmp_path / "d.sqlite")
    assert report.chain_breaks == {dev.device_id: [2]} and report.gaps == {}


def test_revoked_tampered_and_mismatched_bundles_are_refused_while_others_merge(
        store: Store, tmp_path: Path) -> None:
    good, gone, liar = Device("Good"), Device("Gone"), Device("Liar")
    for dev in (good, gone, liar):
        store.enroll(dev)
    store.put(good.bundle([good.doc()], store.recipients))
    store.put(gone.bundle([gone.doc()], store.recipients))
    store.revoke(gone)
    tampered = bytearray(good.bundle([good.doc()], store.recipients))
    tampered[-5] ^= 1
    (store.root / "bundles" / "tampered.ftb").write_bytes(bytes(tampered))
    # A valid payload re-wrapped in a fresh, validly signed envelope naming another bundle.
    inner = read_envelope(liar.bundle([liar.doc()], store.recipients))
    store.put(build_envelope(bundle_id="f" * 32, device_id=liar.device_id, seq=inner.seq,
                             payload=inner.payload, signing_key=liar.key))
    # A stranger's bundle: signed by a key no card names.
    stranger = Device("Stranger", key=Ed25519PrivateKey.generate())
    store.put(stranger.bundle([stranger.doc()], store.recipients))
    report = _merge(store, tmp_path / "d.sqlite")
    assert len(report.merged) == 1
    reasons = " | ".join(r for _, r in report.refused)
    assert len(report.refused) == 4, reasons
    assert "revoked" in reasons and "disagree" in reasons and "not enrolled" in reasons


def test_no_device_cards_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FieldtuiError, match="no device cards"):
        read_devices(tmp_path / "nowhere")


def test_a_bundle_with_malformed_content_is_refused_whole(store: Store, tmp_path: Path) -> None:
    dev = Device()
    store.enroll(dev)
    good = dev.doc()
    broken = dev.doc()
    broken["answers"] = ["not", "a", "table"]
    store.put(dev.bundle([good, broken], store.recipients))
    store.put(dev.bundle([dev.doc()], store.recipients))
    db = tmp_path / "d.sqlite"
    report = _merge(store, db)
    assert len(report.merged) == 1 and report.sessions_added == 1
    assert "malformed" in report.refused[0][1]
    conn = open_dataset(db)
    assert conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 1
    assert conn.execute("SELECT COUNT(*) FROM bundles").fetchone()[0] == 1
    conn.close()


def test_bundles_load_with_the_savepoint_journal_in_memory_then_the_setting_is_back(
        store: Store, tmp_path: Path) -> None:
    # Each bundle's savepoint journals the pages it changes; on SQLite that journal stays
    # in memory while the merge loads (no temporary file past 64 KiB), and the
    # connection's own setting is back afterwards. A refused bundle still undoes whole.
    dev = Device()
    store.enroll(dev)
    broken = dev.doc()
    broken["answers"] = ["not", "a", "table"]
    store.put(dev.bundle([dev.doc(), broken], store.recipients))
    store.put(dev.bundle([dev.doc()], store.recipients))
    conn = open_dataset(tmp_path / "d.sqlite", create=True)
    record_plans(conn, FIXTURES / "minimal_interview.toml")
    plain = study_opener(store.identity, read_devices(store.root))
    seen: list[int] = []

    def opener(data: bytes, path: Path | None = None) -> Any:
        seen.append(conn.execute("PRAGMA temp_store").fetchone()[0])
        return plain(data, path)

    try:
        conn.execute("PRAGMA temp_store=FILE")
        report = merge_folder(conn, store.root, opener, order=seal_order)
        assert seen == [2, 2]  # MEMORY while loading
        assert conn.execute("PRAGMA temp_store").fetchone()[0] == 1  # FILE again
        assert len(report.merged) == 1 and "malformed" in report.refused[0][1]
        assert conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 1
    finally:
        conn.close()
