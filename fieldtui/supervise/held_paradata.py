"""A merged revision's document as the dataset keeps it: the answers as corrected, the
paradata as the session was held.

A correction on the device copies what the returned session said (answers, notes,
consent, concerns, roster), not how it went (store/session_revise.py): its document has
no events and its own `created` (when the correction started) and `completed`. When the
revision takes the original's place at merge (supervise/returns.py), the dataset's current
session must still describe the interview or meeting as it was held, so the document
stored for it takes `PARADATA` from the original it replaces: every reader (turns and
events rows, `duration_s`, the quality flags, themes' quotes, reports) then sees one run's
events and one run's clock (monotonic `mono` values of two runs are never mixed). The
revision's own values of those fields stay in the stored document under `correction`;
`content_hash` remains the hash of the revision as the device sealed it, so the same
bundle merged again is a duplicate, not a conflict. What changed is in `changes`.
"""

from __future__ import annotations

import json
from typing import Any

from fieldtui.core.mend_revision import mended_members
from fieldtui.supervise.dataset_conn import Dataset
from fieldtui.supervise.session_rows import body_bytes, insert_turns, session_duration

# How the session went, as opposed to what it said.
PARADATA = ("created", "completed", "events", "position")


def as_held(revision: dict[str, Any], original: dict[str, Any]) -> dict[str, Any]:
    """The document a merge stores for `revision`, which replaces `original`: a revision
    made before member answers were copied whole mended (core/mend_revision.py), with the
    original's paradata (`with_paradata`)."""
    return with_paradata(mended_members(revision, original), original)


def with_paradata(revision: dict[str, Any], original: dict[str, Any]) -> dict[str, Any]:
    """`revision` with the original's paradata (the original's as held: a revision of a
    revision carries the first run's), its own under `correction`; nothing else changed."""
    held = dict(revision)
    held["correction"] = {key: revision.get(key) for key in PARADATA}
    for key in PARADATA:
        held[key] = original.get(key)
    return held


def original_document(conn: Dataset, session_id: str, table: str) -> dict[str, Any] | None:
    """The stored document of a session in `table` (sessions or replaced_sessions)."""
    row = conn.execute(f"SELECT document FROM {table} WHERE session_id=?",
                       (session_id,)).fetchone()
    return None if row is None else dict(json.loads(row[0]))


def replaced_original(conn: Dataset, revision_id: str) -> dict[str, Any] | None:
    """The stored document of the original the revision `revision_id` replaced (in
    replaced_sessions); None when the dataset recorded no replacement."""
    row = conn.execute("SELECT revises FROM revisions WHERE revision_id=?",
                       (revision_id,)).fetchone()
    return None if row is None else original_document(conn, str(row[0]), "replaced_sessions")


def stored_revision(conn: Dataset, revision: dict[str, Any]) -> dict[str, Any]:
    """The document to store for a revision that already replaced its original (a kept
    conflicting copy of it): as held, when the dataset recorded the replacement."""
    original = replaced_original(conn, str(revision.get("session_id")))
    return revision if original is None else as_held(revision, original)


def _first_run(conn: Dataset, session_id: str) -> dict[str, Any] | None:
    """The document of the session a current revision replaced, followed back through any
    revisions of revisions to the first run (None: it replaced nothing)."""
    found, seen = None, {session_id}
    while True:
        row = conn.execute("SELECT revises FROM revisions WHERE revision_id=?",
                           (session_id,)).fetchone()
        if row is None or str(row[0]) in seen:
            return found
        session_id = str(row[0])
        seen.add(session_id)
        earlier = original_document(conn, session_id, "replaced_sessions")
        if earlier is None:
            return found
        found = earlier


def repair_revisions(conn: Dataset) -> int:
    """Dataset schema 8 (the caller holds the transaction): a revision merged before
    stored the document as sent; it takes its original's paradata now, with the fields and
    rows made from them (`created`, `completed`, `duration_s`, events, turns), and only
    those: its answers, and the answers and rosters rows made from them, are schema 11's
    (supervise/revision_keys.py mends the document and remakes those rows together). A
    revision replaced since by a revision of it too (in the replaced_* tables), as a merge
    now would have stored it before it was replaced. Returns how many were repaired; one
    read at a time (few sessions are revisions)."""
    repaired = 0
    for prefix in ("", "replaced_"):
        rows = conn.execute(f"SELECT s.sk, s.session_id FROM {prefix}sessions s JOIN "
                            "revisions r ON r.revision_id = s.session_id ORDER BY s.sk"
                            ).fetchall()
        for sk, sid in rows:
            repaired += _repair(conn, prefix, sk, str(sid))
    return repaired


def _repair(conn: Dataset, prefix: str, sk: Any, session_id: str) -> bool:
    """Schema 8 for the revision `session_id`, row `sk` of the tables named with `prefix`
    ("" or "replaced_"); False when it replaced nothing or has its first run's paradata."""
    doc = original_document(conn, session_id, f"{prefix}sessions")
    first = _first_run(conn, session_id)
    if doc is None or first is None or all(doc.get(k) == first.get(k) for k in PARADATA):
        return False
    held = with_paradata(doc, first)
    conn.execute(f"UPDATE {prefix}sessions SET document=?, created=?, completed=?, "
                 "duration_s=? WHERE sk=?", (body_bytes(held).decode(),
                                             held.get("created") or "", held.get("completed"),
                                             session_duration(held), sk))
    # (its events are read from the document: the `events` view of schema 12)
    conn.execute(f"DELETE FROM {prefix}turns WHERE sk=?", (sk,))
    insert_turns(conn, sk, session_id, held.get("events") or [], prefix)
    return True
