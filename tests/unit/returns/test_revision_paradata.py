"""A merged revision describes the meeting as it was held, with the corrected answers.

A correction on the device copies answers, notes, consent, concerns and roster, not the
paradata (store/session_revise.py): its document has no events and `created` is when the
correction started. When it replaces the original at merge, the dataset's current
session keeps the original's paradata (events, hence turns and quotes; created,
completed, duration; the flags' inputs) and the revision's answers and changes, on
SQLite and on PostgreSQL; merging the same revision again is still a duplicate. A dataset
of schema 7 (revisions stored as sent) is repaired when opened."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from pyrage import x25519

from fieldtui.commands.review_returns import session_lines
from fieldtui.interop.exporter import Target, export_files
from fieldtui.store.session_revise import ROW_FIELDS
from fieldtui.store.study import Study, create_study
from fieldtui.supervise import returns as rt
from fieldtui.supervise import themes
from fieldtui.supervise.conflicts import list_conflicts, resolve_conflict
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.dataset_schema import SCHEMA_VERSION
from fieldtui.supervise.quality import dataset_flags
from fieldtui.supervise.review_data import conflict_diff
from fieldtui.supervise.session_rows import body_bytes
from tests.support.dataset_factory import Device, Store
from tests.support.merge_study import PASS, merge_bundles, return_in
from tests.support.paths import FIXTURES

PEOPLE = [{"id": f"P{i}", "label": f"person {i}", "attributes": {"age": "18-34"},
           "informed": True} for i in (1, 2, 3)]
# A nine-minute meeting: P1 holds the floor, one consented quote, a long off-topic spell.
EVENTS = [
    {"t": 0, "type": "section", "section_id": "opening"},
    {"t": 60, "type": "turn", "participant": "P1", "section_id": "opening", "duration": 300.0},
    {"t": 70, "type": "quote", "participant": "P2", "text": "the gate shuts at six",
     "may_quote": True},
    {"t": 360, "type": "turn", "participant": "P2", "section_id": "hours", "duration": 10.0},
    {"t": 400, "type": "offtopic", "duration": 120.0},
    {"t": 540, "type": "turn", "participant": "P3", "section_id": "hours", "duration": 5.0},
]


@pytest.fixture
def group_study(tmp_path: Path) -> tuple[Study, x25519.Identity]:
    made = create_study(tmp_path / "study", name="Park", passphrase=PASS,
                        plans=[FIXTURES / "group_park.toml"])
    return made, made.unlock(PASS).identity


@pytest.fixture(params=["file", "postgresql"])
def dataset_at(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    """Where the dataset is: a SQLite file, or a database of the test PostgreSQL cluster."""
    if request.param == "postgresql":
        return request.getfixturevalue("pg_url")
    return tmp_path / "d.sqlite"


def _correction(original: dict[str, Any], device: Device) -> dict[str, Any]:
    """What the device seals after correcting `barriers` (as start_revision and
    correct_answer build it): the original's answers and roster, no events, its own times."""
    revision = device.doc(plan_id=original["plan"]["id"], method="group",
                          participants=original["participants"])
    for key in ROW_FIELDS:
        if key in original:  # as start_revision: rosters and seed only when the session has them
            revision[key] = original[key]
    for key in ("answers", "notes", "consent", "concerns"):
        revision[key] = json.loads(json.dumps(original.get(key, [])))
    revision["answers"]["barriers"]["value"] = "no lights on the path"
    revision["created"] = "2026-11-25T14:00:00.000+00:00"
    revision["updated"] = revision["completed"] = "2026-11-25T14:01:20.500+00:00"
    revision["events"] = []
    revision["revision"] = {"revises": original["session_id"], "content": "0" * 64,
                            "return_seq": 1}
    revision["changes"] = [{"item_id": "barriers", "old": "no lihgts", "new":
                            "no lights on the path", "at": "2026-11-25T14:01:00+00:00",
                            "reason": "typing error"}]
    return revision


def _returned_and_corrected(tmp_path: Path, made: Study, identity: x25519.Identity,
                            db: Any) -> tuple[dict[str, Any], dict[str, Any], Store, Device]:
    store = Store(tmp_path / "collector")
    device = Device("Ana", study_id=made.study_id)
    store.enroll(device)
    original = device.doc(plan_id="group-park-mini", method="group", participants=PEOPLE,
                          events=EVENTS, answers={"use": "after work",
                                                  "barriers": "no lihgts"})
    store.put(device.bundle([original], made.recipients))
    assert merge_bundles(made, identity, store, db).sessions_added == 1
    return_in(db, original["session_id"], "check barriers")
    revision = _correction(original, device)
    store.put(device.bundle([revision], made.recipients))
    assert merge_bundles(made, identity, store, db).sessions_added == 1
    return original, revision, store, device


def _turns_csv(conn: Any, folder: Path) -> list[dict[str, str]]:
    folder.mkdir()
    written = export_files(conn, Target(folder, "csv", [], True, True, "test"))
    [path] = [p for p in written if p.name == "turns.csv"]
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_a_merged_correction_keeps_the_meeting_as_it_was_held(
        tmp_path: Path, group_study: tuple[Study, x25519.Identity], dataset_at: Any) -> None:
    made, identity = group_study
    original, revision, store, device = _returned_and_corrected(
        tmp_path, made, identity, dataset_at)
    sid, rid = original["session_id"], revision["session_id"]
    conn = open_dataset(dataset_at)
    try:
        created, completed, duration = conn.execute(
            "SELECT created, completed, duration_s FROM sessions WHERE session_id=?",
            (rid,)).fetchone()
        assert (created, completed, duration) == (original["created"], original["completed"],
                                                  540.0)
        turns = conn.execute("SELECT participant, duration FROM turns WHERE session_id=? "
                             "ORDER BY n", (rid,)).fetchall()
        assert [tuple(t) for t in turns] == [("P1", 300.0), ("P2", 10.0), ("P3", 5.0)]
        assert conn.execute("SELECT count(*) FROM events WHERE session_id=?",
                            (rid,)).fetchone()[0] == len(EVENTS)
        rows = _turns_csv(conn, tmp_path / "export")
        assert [(r["session_id"], r["participant"], r["participant_label"]) for r in rows] \
            == [(rid, "P1", "person 1"), (rid, "P2", "person 2"), (rid, "P3", "person 3")]
        quotes = [u for u in themes.units(conn) if u.kind == "quote"]
        assert [(q.session_id, q.text, q.may_quote) for q in quotes] == [
            (rid, "the gate shuts at six", True)]
        flags = {f.code: f.message for f in dataset_flags(conn)[rid]}
        assert {"talk-imbalance", "off-topic", "short"} <= set(flags)
        assert "lasted 9.0 min" in flags["short"]  # the meeting's length, not the correction's
        # the answers are the corrected ones, and the change is on record
        value = conn.execute("SELECT value FROM answers WHERE session_id=? AND "
                             "item_id='barriers'", (rid,)).fetchone()[0]
        assert json.loads(value) == "no lights on the path"
        shown = "\n".join(session_lines(conn, sid[:8]))
        assert '"no lihgts" -> "no lights on the path"' in shown and "typing error" in shown
        # the revision's own times are kept beside, not lost
        [stored] = conn.execute("SELECT document FROM sessions").fetchone()
        assert json.loads(stored)["correction"] == {
            "created": revision["created"], "completed": revision["completed"],
            "events": [], "position": revision["position"]}
    finally:
        conn.close()
    # the same revision again (sealed twice) is known: a duplicate, not a conflict
    store.put(device.bundle([revision], made.recipients))
    report = merge_bundles(made, identity, store, dataset_at)
    assert (report.sessions_added, report.duplicates, report.conflicts) == (0, 1, [])


def test_a_kept_incoming_copy_of_a_revision_keeps_the_meeting(
        tmp_path: Path, group_study: tuple[Study, x25519.Identity]) -> None:
    made, identity = group_study
    db = tmp_path / "d.sqlite"
    original, revision, store, device = _returned_and_corrected(tmp_path, made, identity, db)
    other = json.loads(json.dumps(revision))
    other["answers"]["use"]["value"] = "at weekends"
    store.put(device.bundle([other], made.recipients))
    assert len(merge_bundles(made, identity, store, db).conflicts) == 1
    conn = open_dataset(db)
    try:
        [conflict] = list_conflicts(conn)
        # what review shows: the one answer that differs, not the meeting the copy lacks
        assert conflict_diff(conn, conflict)[1:] == [
            "  use: kept 'after work' · incoming 'at weekends'"]
        resolve_conflict(conn, conflict.id, "incoming", "the later copy", "Sam")
        rid = revision["session_id"]
        created, duration = conn.execute("SELECT created, duration_s FROM sessions WHERE "
                                         "session_id=?", (rid,)).fetchone()
        assert (created, duration) == (original["created"], 540.0)
        assert conn.execute("SELECT count(*) FROM turns WHERE session_id=?",
                            (rid,)).fetchone()[0] == 3
        assert json.loads(conn.execute("SELECT value FROM answers WHERE session_id=? AND "
                                       "item_id='use'", (rid,)).fetchone()[0]) \
            == "at weekends"
    finally:
        conn.close()


def _as_schema_7_left_it(db: Any, revision: dict[str, Any]) -> None:
    """The merged revision as a schema-7 fieldtui stored it: its document as sent, its own
    times and no events or turns."""
    conn = open_dataset(db)
    try:
        conn.execute("BEGIN IMMEDIATE")
        sk = conn.execute("SELECT sk FROM sessions WHERE session_id=?",
                          (revision["session_id"],)).fetchone()[0]
        conn.execute("UPDATE sessions SET document=?, created=?, completed=?, duration_s=? "
                     "WHERE sk=?", (body_bytes(revision).decode(), revision["created"],
                                    revision["completed"], 80.5, sk))
        # (its events are the document's: the `events` view of schema 12 reads them there)
        conn.execute("DELETE FROM turns WHERE sk=?", (sk,))
        conn.execute("UPDATE meta SET value='7' WHERE key='schema_version'")
        conn.execute("COMMIT")
    finally:
        conn.close()


def test_a_schema_7_dataset_gives_its_merged_revisions_the_meeting_back(
        tmp_path: Path, group_study: tuple[Study, x25519.Identity], dataset_at: Any) -> None:
    made, identity = group_study
    original, revision, _store, _device = _returned_and_corrected(
        tmp_path, made, identity, dataset_at)
    _as_schema_7_left_it(dataset_at, revision)
    rid = revision["session_id"]
    for _again in range(2):  # upgraded once; opening again changes nothing
        conn = open_dataset(dataset_at)
        try:
            assert conn.execute("SELECT value FROM meta WHERE key='schema_version'"
                                ).fetchone()[0] == str(SCHEMA_VERSION) == "13"
            assert conn.execute("SELECT created, completed, duration_s FROM sessions WHERE "
                                "session_id=?", (rid,)).fetchone() == (
                original["created"], original["completed"], 540.0)
            assert conn.execute("SELECT count(*) FROM turns WHERE session_id=?",
                                (rid,)).fetchone()[0] == 3
            assert [u.text for u in themes.units(conn) if u.kind == "quote"] == [
                "the gate shuts at six"]
            assert "lasted 9.0 min" in {f.code: f.message
                                        for f in dataset_flags(conn)[rid]}["short"]
            assert json.loads(conn.execute("SELECT value FROM answers WHERE session_id=? "
                                           "AND item_id='barriers'", (rid,)).fetchone()[0]) \
                == "no lights on the path"
        finally:
            conn.close()


def test_a_correction_of_a_correction_keeps_the_first_meeting(
        tmp_path: Path, group_study: tuple[Study, x25519.Identity]) -> None:
    made, identity = group_study
    db = tmp_path / "d.sqlite"
    original, first, store, device = _returned_and_corrected(tmp_path, made, identity, db)
    conn = open_dataset(db)
    conn.execute("BEGIN IMMEDIATE")
    rt.return_session(conn, first["session_id"], "check barriers again", {}, "Sam")
    body = rt.return_body(conn, rt.get_return(conn, first["session_id"]))
    conn.execute("COMMIT")
    conn.close()
    second = _correction(body["document"], device)  # from what the return carried
    second["created"] = second["completed"] = "2026-11-27T10:00:00.000+00:00"
    store.put(device.bundle([second], made.recipients))
    assert merge_bundles(made, identity, store, db).sessions_added == 1
    sid2 = second["session_id"]

    def check() -> None:
        conn = open_dataset(db)
        try:
            assert [r[0] for r in conn.execute("SELECT session_id FROM sessions")] == [sid2]
            assert conn.execute("SELECT created, duration_s FROM sessions").fetchone() == (
                original["created"], 540.0)
            assert conn.execute("SELECT count(*) FROM turns WHERE session_id=?",
                                (sid2,)).fetchone()[0] == 3
        finally:
            conn.close()

    check()
    # as schema 7 left it (both corrections stored as sent): the upgrade goes back to the
    # first run through the replaced first correction
    _as_schema_7_left_it(db, second)
    with sqlite3.connect(db) as raw:
        raw.execute("UPDATE replaced_sessions SET document=? WHERE session_id=?",
                    (body_bytes(first).decode(), first["session_id"]))
    check()
