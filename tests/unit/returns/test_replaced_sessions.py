"""A merged revision moves the session it replaced out of the current tables (dataset
schema 6, supervise/replaced.py): every reader (each export format, releases, themes,
feedback, the follow-up register, reports) then sees exactly one session, with no
condition of its own; the original stays for review, and merging it again adds nothing.
A schema-5 dataset is migrated: its `revised` rows move the same way."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from pyrage import x25519

from fieldtui.commands.review_returns import session_lines
from fieldtui.core.errors import FieldtuiError
from fieldtui.core.plan.load import load_plan
from fieldtui.interop.exporter import Target, export_files
from fieldtui.store.study import Study
from fieldtui.supervise import feedback, revisions, themes
from fieldtui.supervise import returns as rt
from fieldtui.supervise.conflicts import resolve_conflict
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.dataset_documents import session_documents
from fieldtui.supervise.dataset_schema import SCHEMA_VERSION
from fieldtui.supervise.followups import register, set_followup
from fieldtui.supervise.release import create_release, members
from fieldtui.supervise.replaced import MOVED_TABLES
from tests.support.dataset_factory import Device, Store, document, load_documents
from tests.support.merge_study import merge_bundles, study  # noqa: F401  (fixture)
from tests.support.paths import FIXTURES, PLANS
from tests.support.poll_world import poll_dataset, poll_docs, poll_plan

CONCERN = {"description": "the water pump is broken", "category": "services",
           "urgency": "high", "settled": False, "promise": True, "due": "2999-01-01",
           "participant": None, "at": ""}


def _revision_of(original: dict[str, Any], answers: dict[str, Any]) -> dict[str, Any]:
    """What a device seals after correcting `original`: a new session naming it."""
    doc = document(device_id=original["device_id"], interviewer=original["interviewer"],
                   study_id=original["study_id"], plan_id=original["plan"]["id"],
                   method=original["method"], answers=answers)
    doc["respondent"] = original["respondent"]
    doc["concerns"] = original.get("concerns", [])
    doc["revision"] = {"revises": original["session_id"], "content": "0" * 64,
                       "return_seq": 1}
    doc["changes"] = [{"item_id": "travel", "old": "by bsu", "new": "by bus",
                       "at": "2026-11-21T09:00:00+00:00", "reason": "typing error"}]
    return doc


def _export_ids(conn: sqlite3.Connection, tmp: Path, fmt: str) -> list[str]:
    """The session ids every file of an export in `fmt` holds (one per row)."""
    folder = tmp / fmt
    folder.mkdir()
    written = export_files(conn, Target(folder, fmt, [], True, True, "test"))
    found: list[str] = []
    for path in written:
        if fmt == "csv":
            with path.open(encoding="utf-8", newline="") as f:
                rows = list(csv.DictReader(f))
        elif fmt == "jsonl":
            rows = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
        elif fmt == "parquet":
            import pyarrow.parquet as pq
            rows = pq.read_table(path).to_pylist()
        else:
            import pyreadstat
            read = pyreadstat.read_dta if fmt == "dta" else pyreadstat.read_sav
            rows = read(str(path))[0].to_dict("records")
        if rows and "session_id" in rows[0]:
            found += sorted({str(r["session_id"]) for r in rows})
    assert found, fmt
    return found


@pytest.fixture(params=["file", "postgresql"])
def dataset_at(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    """Where the dataset is: a SQLite file, or a database of the test PostgreSQL cluster."""
    if request.param == "postgresql":
        return request.getfixturevalue("pg_url")
    return tmp_path / "d.sqlite"


def test_after_a_revision_merge_every_reader_sees_one_session(
        tmp_path: Path, study: tuple[Study, x25519.Identity],  # noqa: F811
        dataset_at: Any) -> None:
    made, identity = study
    store, db = Store(tmp_path / "collector"), dataset_at
    device = Device("Ana", study_id=made.study_id)
    store.enroll(device)
    original = device.doc(answers={"travel": "by bsu"})
    original["concerns"] = [CONCERN]
    first = store.put(device.bundle([original], made.recipients))
    assert merge_bundles(made, identity, store, db).sessions_added == 1
    sid = original["session_id"]
    conn = open_dataset(db)
    conn.execute("BEGIN IMMEDIATE")
    rt.return_session(conn, sid, "check the travel answer", {"travel": "typo?"}, "Sam")
    conn.execute("COMMIT")
    [entry] = register(conn)
    set_followup(conn, entry.id, status="in-progress", owner="Ward office", reply=None,
                 by="Sam")
    key = conn.execute("SELECT record_key FROM sessions").fetchone()[0]
    conn.close()
    revision = _revision_of(original, {"travel": "by bus"})
    store.put(device.bundle([revision], made.recipients))
    # the same original again, in a later bundle (a device sealing it twice): known already
    again = device.bundle([original], made.recipients)
    first.unlink()
    store.put(again)
    report = merge_bundles(made, identity, store, db)
    assert (report.sessions_added, report.duplicates, report.conflicts) == (1, 1, [])
    rid = revision["session_id"]

    conn = open_dataset(db)
    try:
        current = [r[0] for r in conn.execute("SELECT session_id FROM sessions")]
        assert current == [rid]
        assert [r[0] for r in conn.execute("SELECT session_id FROM replaced_sessions")] == [sid]
        for table in MOVED_TABLES[1:]:  # no child row of the original stays current
            assert not conn.execute(f"SELECT 1 FROM {table} WHERE session_id=?",
                                    (sid,)).fetchone(), table
        assert conn.execute("SELECT record_key FROM sessions").fetchone()[0] == key
        wide = ("dta", "sav") if isinstance(db, Path) else ()  # files only, not yet PG
        for fmt in ("csv", "jsonl", "parquet", *wide):
            assert set(_export_ids(conn, tmp_path, fmt)) == {rid}, fmt
        assert [d["session_id"] for d in session_documents(conn)] == [rid]
        assert {u.session_id for u in themes.units(conn)} == {rid}
        plan = load_plan(FIXTURES / "minimal_interview.toml")
        assert feedback._sessions(conn, plan, None) == {rid}
        [entry] = register(conn)  # the original's concern is not listed beside it
        assert (entry.session_id, entry.status, entry.owner) == (rid, "in-progress",
                                                                 "Ward office")
        shown = "\n".join(session_lines(conn, sid[:8]))  # the kept original still answers
        assert '"by bsu" -> "by bus"' in shown and "typing error" in shown
        assert rt.set_verdict(conn, sid[:8], "approved", "Sam").status == "approved"
    finally:
        conn.close()


def test_a_release_counts_a_revised_poll_respondent_once(tmp_path: Path) -> None:
    plan = poll_plan()
    docs = poll_docs(plan, 41, 7)
    conn = poll_dataset(tmp_path / "p.sqlite", (PLANS / "poll-bins.toml").read_text(), docs)
    try:
        original = docs[0]
        # A poll response is no longer returned (test_return_poll.py), but a dataset may
        # hold a return an earlier fieldtui recorded, and its revision then arrives.
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO returns (session_id, device_id, status, comment, items, at, "
                     "by) VALUES (?,?,?,?,?,?,?)", (original["session_id"],
                                                    original["device_id"], "returned",
                                                    "check", "{}", "now", "Sam"))
        conn.execute("COMMIT")
        revision = _revision_of(original, {k: v["value"]
                                           for k, v in original["answers"].items()})
        load_documents(conn, [revision])
        conn.execute("BEGIN IMMEDIATE")
        revisions.record_revision(conn, revision, "c" * 64, "now")
        conn.execute("COMMIT")
        rel, _ = create_release(conn, plan.id)
        assert rel.respondents == 41
        chosen = members(conn, rel.id)
        assert revision["session_id"] in chosen and original["session_id"] not in chosen
    finally:
        conn.close()


def _schema5(path: Path, docs: list[dict[str, Any]], revised: str) -> None:
    """A dataset as schema 5 left it: the original in `sessions`, status `revised`, and no
    replaced_* tables."""
    conn = open_dataset(path, create=True)
    load_documents(conn, docs)
    conn.execute("UPDATE sessions SET status='revised' WHERE session_id=?", (revised,))
    for table in MOVED_TABLES:
        conn.execute(f"DROP TABLE replaced_{table}")
    conn.execute("UPDATE meta SET value='5' WHERE key='schema_version'")
    conn.close()


def test_a_schema_5_dataset_moves_its_revised_sessions(tmp_path: Path) -> None:
    original = document(answers={"travel": "by bsu"})
    original["concerns"] = [CONCERN]
    revision = _revision_of(original, {"travel": "by bus"})
    other = document(answers={"travel": "on foot"})
    db = tmp_path / "old.sqlite"
    _schema5(db, [original, revision, other], original["session_id"])
    with sqlite3.connect(db) as raw:  # the old dataset counted the original twice
        assert raw.execute("SELECT COUNT(*) FROM concerns").fetchone()[0] == 2
    conn = open_dataset(db)
    try:
        assert conn.execute("SELECT value FROM meta WHERE key='schema_version'"
                            ).fetchone()[0] == str(SCHEMA_VERSION) == "13"
        assert {r[0] for r in conn.execute("SELECT session_id FROM sessions")} == {
            revision["session_id"], other["session_id"]}
        assert conn.execute("SELECT session_id, status FROM replaced_sessions").fetchall() == [
            (original["session_id"], "revised")]
        moved = conn.execute("SELECT COUNT(*) FROM replaced_answers").fetchone()[0]
        assert moved == 1 and [e.session_id for e in register(conn)] == [revision["session_id"]]
    finally:
        conn.close()
    conn = open_dataset(db)  # opening again changes nothing
    assert conn.execute("SELECT COUNT(*) FROM replaced_sessions").fetchone()[0] == 1
    conn.close()


def test_a_conflicting_copy_of_a_replaced_session_does_not_come_back(tmp_path: Path) -> None:
    conn = open_dataset(tmp_path / "d.sqlite", create=True)
    original = document(answers={"travel": "by bsu"})
    load_documents(conn, [original])
    conn.execute("BEGIN IMMEDIATE")
    rt.return_session(conn, original["session_id"], "check", {}, "Sam")
    conn.execute("COMMIT")
    revision = _revision_of(original, {"travel": "by bus"})
    load_documents(conn, [revision])
    conn.execute("BEGIN IMMEDIATE")
    revisions.record_revision(conn, revision, "c" * 64, "now")
    conn.execute("INSERT INTO conflicts (session_id, kept_hash, incoming_hash, "
                 "incoming_bundle, incoming_document, detected_at) VALUES (?,?,?,?,?,?)",
                 (original["session_id"], "1" * 64, "2" * 64, "3" * 64,
                  json.dumps(original), "now"))
    conn.execute("COMMIT")
    with pytest.raises(FieldtuiError, match="replaced by its revision"):
        resolve_conflict(conn, 1, "incoming", "the device sent it again", "Sam")
    assert [r[0] for r in conn.execute("SELECT session_id FROM sessions")] == [
        revision["session_id"]]
    conn.close()
