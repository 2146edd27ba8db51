"""The committed dataset vectors still open, upgraded to this schema (tests/vectors/dataset).

`v8-notes.sqlite` was written by the fieldtui of schema 8 before a `note` whose condition
was false got its "not asked" row (the code of cdd5cee^): opened now, it holds exactly the
answer rows a merge of its own sessions makes today (tests/support/note_world.py).
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

from fieldtui.supervise import replaced
from fieldtui.supervise.dataset import open_dataset
from fieldtui.supervise.session_rows import stored_document
from tests.support.dataset_factory import load_documents
from tests.support.note_world import NOTES, answer_tables
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
                            ).fetchone()[0] == "9"
        got = answer_tables(conn)
    finally:
        conn.close()
    assert got == want
    not_asked = {(r[0][:1], r[1], r[2]) for rows in got.values() for r in rows
                 if r[1] in NOTES and r[8] == 0}
    assert ("b", "room", "") in not_asked and ("b", "school_note", "m1") in not_asked
