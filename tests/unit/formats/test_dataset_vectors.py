"""The committed dataset vectors still open, upgraded to this schema (tests/vectors/dataset).

`v8-notes.sqlite` was written by the fieldtui of schema 8 before a `note` whose condition
was false got its "not asked" row (the code of cdd5cee^): opened now, it holds exactly the
answer rows a merge of its own sessions makes today (tests/support/note_world.py).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from fieldtui.supervise import replaced
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.dataset_schema import SCHEMA_VERSION
from fieldtui.supervise.session_rows import stored_document
from tests.support.dataset_factory import load_documents
from tests.support.note_world import NOTES, answer_tables
from tests.support.poll_duration_world import INTERVIEW, POLLS
from tests.support.revision_key_world import merge_household, merged_tables, plain_tables
from tests.support.vector_openers import VECTORS


def _as_written(path: Path) -> tuple[str, list[tuple[Any, ...]], list[dict[str, Any]],
                                      list[str], list[tuple[Any, ...]]]:
    """(schema version, plans rows, session documents in merge order, the replaced ones'
    ids, note rows) of the vector, read with plain sqlite3."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        version = conn.execute("SELECT value FROM meta WHERE key='schema_version'"
                               ).fetchone()[0]
        plans = conn.execute("SELECT * FROM plans ORDER BY plan_id, version").fetchall()
        rows = conn.execute("SELECT sk, document, status, 0 FROM sessions UNION ALL "
                            "SELECT sk, document, status, 1 FROM replaced_sessions "
                            "ORDER BY sk").fetchall()
        notes = conn.execute("SELECT substr(session_id, 1, 1), item_id, member, asked FROM "
                             "answers WHERE item_id IN (?,?,?) ORDER BY 1, 2, 3",
                             NOTES).fetchall()
    finally:
        conn.close()
    docs = [stored_document(text, "complete" if gone else status)
            for _sk, text, status, gone in rows]
    return version, plans, docs, [d["session_id"] for d, r in zip(docs, rows, strict=True)
                                  if r[3]], notes


def test_a_schema_8_dataset_with_notes_opens_with_the_rows_a_merge_makes_now(
        tmp_path: Path) -> None:
    vector = tmp_path / "v8-notes.sqlite"
    shutil.copyfile(VECTORS / "dataset" / "v8-notes.sqlite", vector)  # opening upgrades
    version, plans, docs, gone, notes = _as_written(vector)
    assert version == "8" and len(docs) == 6 and len(gone) == 1
    assert notes == [("a", "home_note", "", 1), ("a", "room", "", 1),
                     ("a", "school_note", "m2", 1), ("d", "room", "", 0)]  # as schema 8 had
    fresh = open_dataset(tmp_path / "fresh.sqlite", create=True)
    try:
        fresh.executemany("INSERT INTO plans VALUES (?,?,?,?)", plans)
        load_documents(fresh, docs)
        fresh.execute("BEGIN IMMEDIATE")
        for sid in gone:
            replaced.move_session(fresh, sid)
        fresh.execute("COMMIT")
        want = answer_tables(fresh)
    finally:
        fresh.close()
    conn = open_dataset(vector)
    try:
        assert conn.execute("SELECT value FROM meta WHERE key='schema_version'"
                            ).fetchone()[0] == str(SCHEMA_VERSION)
        got = answer_tables(conn)
    finally:
        conn.close()
    assert got == want
    not_asked = {(r[0][:1], r[1], r[2]) for rows in got.values() for r in rows
                 if r[1] in NOTES and r[8] == 0}
    assert ("b", "room", "") in not_asked and ("b", "school_note", "m1") in not_asked


def test_a_schema_9_dataset_opens_with_each_poll_lasting_from_creation_to_completion(
        tmp_path: Path) -> None:
    """`v9-poll-durations.sqlite` (tests/support/poll_duration_world.py) was written by the
    fieldtui of schema 9 (6cdb697), which gave every poll the 15 ms span of its two starting
    events as its length."""
    vector = tmp_path / "v9-poll-durations.sqlite"
    shutil.copyfile(VECTORS / "dataset" / "v9-poll-durations.sqlite", vector)

    def durations(conn: Any) -> dict[str, float]:
        return {str(sid): float(d) for table in ("sessions", "replaced_sessions")
                for sid, d in conn.execute(f"SELECT session_id, duration_s FROM {table}")}

    plain = sqlite3.connect(vector)
    try:
        assert plain.execute("SELECT value FROM meta WHERE key='schema_version'"
                             ).fetchone()[0] == "9"
        before = durations(plain)
    finally:
        plain.close()
    assert {sid: round(before[sid], 3) for sid in POLLS} == dict.fromkeys(POLLS, 0.015)
    conn = open_dataset(vector)
    try:
        assert conn.execute("SELECT value FROM meta WHERE key='schema_version'"
                            ).fetchone()[0] == str(SCHEMA_VERSION)
        after = durations(conn)
        assert conn.execute("SELECT COUNT(*) FROM replaced_sessions").fetchone()[0] == 1
    finally:
        conn.close()
    assert {sid: after[sid] for sid in POLLS} == POLLS  # the replaced one too
    assert after[INTERVIEW] == before[INTERVIEW] == 600.0  # its events span it: unchanged


def test_a_schema_10_dataset_holds_an_old_revisions_members_as_a_merge_makes_them_now(
        tmp_path: Path) -> None:
    """`v10-revision-keys.sqlite` (tests/support/revision_key_world.py) was written by the
    fieldtui of schema 10 before b2ef051: it merged a household, sent it back, and merged the
    revision an older device sealed of it (revision/household-v1.json) as sent: members'
    answers under items "age#m2", no member lists, no seed. Opened now, the revision's
    document and rows are those a merge of the same bundles makes today."""
    vector = tmp_path / "v10-revision-keys.sqlite"
    shutil.copyfile(VECTORS / "dataset" / "v10-revision-keys.sqlite", vector)
    version, before = plain_tables(vector)
    assert version == "10"
    assert ("2ddc83cfa043555bf3ad779012fbc7c1", "age#m2", "m2", "34") in [
        row[:4] for row in before["answers"]]  # as schema 10 merged it
    assert [row[1:3] for row in before["rosters"]] == [
        ("members", "m1"), ("members", "m2"), ("members", "m3")]  # the visit was lost
    fresh = tmp_path / "fresh.sqlite"
    original, revision = merge_household(fresh, tmp_path / "collector")
    want = plain_tables(fresh)[1]
    assert want != before
    for _ in range(2):  # opened again: schema 11 already, nothing changes
        conn = open_dataset(vector)
        try:
            assert conn.execute("SELECT value FROM meta WHERE key='schema_version'"
                                ).fetchone()[0] == str(SCHEMA_VERSION)
            got = merged_tables(conn)
            [text] = conn.execute("SELECT document FROM sessions WHERE session_id=?",
                                  (revision,)).fetchone()
        finally:
            conn.close()
        assert got == want
        assert got["replaced_answers"] == before["replaced_answers"]  # the original as it was
    doc = json.loads(text)
    assert doc["answers"]["age#m2"]["item_id"] == "age" and "age#m2#m2" not in doc["answers"]
    assert (doc["seed"], doc["rosters"]["visits"]) == (1234, {"m1": ["v1"]})
    assert doc["correction"]["created"] != doc["created"]  # its paradata as schema 8 made it
    assert [row[1:3] for row in got["rosters"] if row[0] == revision][-1] == ("visits",
                                                                              "m1/v1")
    assert original in {row[0] for row in got["replaced_sessions"]}
